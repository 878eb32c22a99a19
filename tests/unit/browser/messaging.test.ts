import { describe, expect, it } from 'vitest';
import { LIMITS, parseContentMessage, parseOutlineReply } from '../../../utils/browser/messaging';
import { platformForUrl } from '../../../utils/platforms';
import type { CallSnapshot, CalendarSnapshot } from '../../../utils/platforms/snapshot';

const call: CallSnapshot = {
  kind: 'call',
  platform: 'meet',
  url: 'https://meet.google.com/xkr-pqnd-tws',
  callKey: 'meet:xkr-pqnd-tws',
  title: 'Hartside Food Partnership',
  participants: [
    { name: 'Grace Mensah', email: 'grace@ageuk.example' },
    { name: 'Tom Fairbairn' },
    // Two people of one name, told apart by the platform's participant id.
    { name: 'Sam Patel', id: 'spaces/xkr-pqnd-tws/devices/104' },
    { name: 'Sam Patel', id: 'spaces/xkr-pqnd-tws/devices/117' },
  ],
  selfName: 'Priya Raman',
  listIsPartial: true,
  pageCount: 23,
  source: 'people-panel',
};

const calendar: CalendarSnapshot = {
  kind: 'calendar',
  platform: 'gcal',
  url: 'https://calendar.google.com/calendar/r/week',
  recognised: true,
  event: {
    title: 'Core partners',
    start: '2026-03-04T10:00:00.000Z',
    end: '2026-03-04T11:00:00.000Z',
    guests: [
      { name: 'Grace Mensah', email: 'grace@ageuk.example' },
      { email: 'tom@council.example' },
      // An Outlook persona card: the name alone.
      { name: 'Kwame Asante' },
    ],
    callLink: 'https://meet.google.com/xkr-pqnd-tws',
    callKey: 'meet:xkr-pqnd-tws',
  },
};

const CODE = `PP1.${'A'.repeat(40)}`;

describe('parseContentMessage', () => {
  it('passes the protocol’s messages through unchanged', () => {
    expect(parseContentMessage({ type: 'pp:snapshot', snapshot: call }, 'meet')).toEqual({
      type: 'pp:snapshot',
      snapshot: call,
    });
    expect(parseContentMessage({ type: 'pp:snapshot', snapshot: calendar }, 'gcal')).toEqual({
      type: 'pp:snapshot',
      snapshot: calendar,
    });
    expect(parseContentMessage({ type: 'pp:chat-codes', codes: [CODE], damaged: 2 }, 'zoom')).toEqual({
      type: 'pp:chat-codes',
      codes: [CODE],
      damaged: 2,
    });
    expect(parseContentMessage({ type: 'pp:chat-codes', codes: [], chatOpen: false }, 'meet')).toEqual({
      type: 'pp:chat-codes',
      codes: [],
      chatOpen: false,
    });
  });

  it('rebuilds what it passes: unknown keys a page adds are dropped', () => {
    const parsed = parseContentMessage(
      { type: 'pp:snapshot', extra: 1, snapshot: { ...call, html: '<img onerror=alert(1)>', __proto__: { x: 1 } } },
      'meet',
    );
    expect(parsed).toEqual({ type: 'pp:snapshot', snapshot: call });
    expect(Object.keys((parsed as { snapshot: object }).snapshot)).not.toContain('html');
  });

  it('refuses unknown message types and anything that is not a message', () => {
    for (const message of [null, undefined, 'pp:snapshot', 42, [], { type: 'pp:delete-all' }, { snapshot: call }]) {
      expect(parseContentMessage(message, 'meet')).toBeNull();
    }
  });

  it('refuses a message from a page that is not a call or calendar page', () => {
    expect(parseContentMessage({ type: 'pp:snapshot', snapshot: call }, null)).toBeNull();
    expect(platformForUrl('https://meet.google.com.evil.example/abc')).toBeNull();
    expect(platformForUrl('https://example.com/')).toBeNull();
  });

  it('refuses a snapshot claiming another platform than the page that sent it', () => {
    expect(parseContentMessage({ type: 'pp:snapshot', snapshot: call }, 'zoom')).toBeNull();
    expect(parseContentMessage({ type: 'pp:snapshot', snapshot: calendar }, 'outlook')).toBeNull();
    // Chat codes only come from call pages.
    expect(parseContentMessage({ type: 'pp:chat-codes', codes: [CODE] }, 'gcal')).toBeNull();
  });

  it('refuses wrong types in any field', () => {
    const bad: unknown[] = [
      { ...call, kind: 'calendar' },
      { ...call, platform: 'skype' },
      { ...call, url: 7 },
      { ...call, callKey: ['meet:x'] },
      { ...call, title: { toString: () => 'x' } },
      { ...call, participants: 'Grace Mensah' },
      { ...call, participants: [{ name: 5 }] },
      { ...call, participants: [{ name: '' }] },
      { ...call, participants: [{ name: 'Grace', email: null }] },
      { ...call, participants: [{ name: 'Grace', id: 104 }] },
      { ...call, participants: [{ name: 'Grace', id: '' }] },
      { ...call, participants: [{ name: 'Grace', id: null }] },
      { ...call, selfName: 3 },
      { ...call, listIsPartial: 'yes' },
      { ...call, pageCount: -1 },
      { ...call, pageCount: 2.5 },
      { ...call, pageCount: '23' },
      { ...call, source: 'address-bar' },
      { ...calendar, recognised: 'true' },
      { ...calendar, event: { ...calendar.event, guests: [{}] } },
      { ...calendar, event: { ...calendar.event, guests: [{ name: '' }] } },
      { ...calendar, event: { ...calendar.event, guests: [{ name: 'Grace', email: '' }] } },
      { ...calendar, event: { ...calendar.event, guests: [{ name: 'Grace', email: null }] } },
      { ...calendar, event: { ...calendar.event, guests: [{ name: ['Grace'] }] } },
      { ...calendar, event: { ...calendar.event, start: 17 } },
    ];
    for (const snapshot of bad) {
      const platform = (snapshot as { platform: string }).platform === 'gcal' ? 'gcal' : 'meet';
      expect(parseContentMessage({ type: 'pp:snapshot', snapshot }, platform), JSON.stringify(snapshot)).toBeNull();
    }
    expect(parseContentMessage({ type: 'pp:chat-codes', codes: [1] }, 'meet')).toBeNull();
    expect(parseContentMessage({ type: 'pp:chat-codes', codes: 'PP1.x' }, 'meet')).toBeNull();
    expect(parseContentMessage({ type: 'pp:chat-codes', codes: ['<b>PP1.x</b>'] }, 'meet')).toBeNull();
    expect(parseContentMessage({ type: 'pp:chat-codes', codes: [CODE], damaged: -3 }, 'meet')).toBeNull();
    expect(parseContentMessage({ type: 'pp:chat-codes', codes: [], chatOpen: 'yes' }, 'meet')).toBeNull();
    expect(parseContentMessage({ type: 'pp:chat-codes', codes: [], chatOpen: 1 }, 'meet')).toBeNull();
    // A calendar page has no call chat.
    expect(parseContentMessage({ type: 'pp:chat-codes', codes: [], chatOpen: true }, 'gcal')).toBeNull();
  });

  it('refuses oversized lists and strings', () => {
    const many = Array.from({ length: LIMITS.participants + 1 }, (_, i) => ({ name: `Person ${i}` }));
    expect(parseContentMessage({ type: 'pp:snapshot', snapshot: { ...call, participants: many } }, 'meet')).toBeNull();
    const longName = [{ name: 'x'.repeat(LIMITS.name + 1) }];
    expect(
      parseContentMessage({ type: 'pp:snapshot', snapshot: { ...call, participants: longName } }, 'meet'),
    ).toBeNull();
    expect(
      parseContentMessage({ type: 'pp:snapshot', snapshot: { ...call, title: 't'.repeat(LIMITS.title + 1) } }, 'meet'),
    ).toBeNull();
    const longId = [{ name: 'Sam Patel', id: 'x'.repeat(LIMITS.name + 1) }];
    expect(
      parseContentMessage({ type: 'pp:snapshot', snapshot: { ...call, participants: longId } }, 'meet'),
    ).toBeNull();
    const codes = Array.from({ length: LIMITS.codes + 1 }, (_, i) => `${CODE}${i}`);
    expect(parseContentMessage({ type: 'pp:chat-codes', codes }, 'meet')).toBeNull();
    expect(
      parseContentMessage({ type: 'pp:chat-codes', codes: [`PP1.${'A'.repeat(LIMITS.code)}`] }, 'meet'),
    ).toBeNull();
    // At the limit it passes.
    const exactly = many.slice(0, LIMITS.participants);
    expect(
      parseContentMessage({ type: 'pp:snapshot', snapshot: { ...call, participants: exactly } }, 'meet'),
    ).not.toBeNull();
  });
});

describe('parseOutlineReply', () => {
  it('takes a bounded outline string and nothing else', () => {
    expect(parseOutlineReply({ type: 'pp:outline-reply', outline: 'div' })).toEqual({
      type: 'pp:outline-reply',
      outline: 'div',
    });
    expect(parseOutlineReply({ type: 'pp:outline-reply', outline: 1 })).toBeNull();
    expect(parseOutlineReply({ type: 'pp:outline-reply', outline: 'x'.repeat(LIMITS.outline + 1) })).toBeNull();
    expect(parseOutlineReply({ type: 'pp:outline' })).toBeNull();
  });
});
