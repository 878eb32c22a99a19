import { describe, expect, it } from 'vitest';
import { LIMITS, parseContentMessage } from '../../../utils/browser/messaging';
import { boundSnapshot } from '../../../utils/platforms/bound';
import { chatCodesMessages, readChat } from '../../../utils/platforms/chat-codes';
import { gcalReader } from '../../../utils/platforms/gcal';
import { meetReader } from '../../../utils/platforms/meet';
import { pageOutline } from '../../../utils/platforms/outline';
import type { CallSnapshot, PlatformId, PlatformReader, Snapshot } from '../../../utils/platforms/snapshot';
import { teamsReader } from '../../../utils/platforms/teams';
import { lastNumber } from '../../../utils/platforms/text';
import { observerPass } from '../../../utils/platforms/watch';
import { zoomReader } from '../../../utils/platforms/zoom';
import { documentFrom, loadFixture } from './fixture';

/*
 * Call and calendar pages as an attacker would write them (issue 13's readers, attacked): what a
 * content script reads from such a page, through the path it takes (observerPass, then the
 * background's parseContentMessage), still arrives; nothing is refused whole because of one field.
 */

const MEET = 'https://meet.google.com/xkr-pqnd-tws';
const ZOOM = 'https://app.zoom.us/wc/84512345678/join';
const TEAMS = 'https://teams.microsoft.com/v2/';

/** What the background makes of the page's read: the snapshot it takes, or null when it refuses it. */
function received<S extends Snapshot>(reader: PlatformReader<S>, doc: Document, url: string): S | null {
  const { snapshot } = observerPass(reader, doc, url, null);
  const parsed = parseContentMessage({ type: 'pp:snapshot', snapshot }, reader.id as PlatformId);
  return parsed?.type === 'pp:snapshot' ? (parsed.snapshot as S) : null;
}

function zoomCall(names: readonly string[], header = `participant list, ${names.length} participants`): Document {
  const rows = names
    .map(
      (name, i) =>
        `<li class="participants-li" id="participants-list-${i}"><span class="participants-item__display-name"></span></li>`,
    )
    .join('');
  const doc = documentFrom(`<ul id="participants-ul" aria-label="${header}">${rows}</ul>`);
  doc.querySelectorAll('.participants-item__display-name').forEach((span, i) => (span.textContent = names[i]!));
  return doc;
}

describe('a call page as an attacker writes it', () => {
  it('one display name of 1 MB: left out, the others read, the list marked partial', () => {
    const doc = loadFixture('meet/small-call.html');
    const before = received(meetReader, doc, MEET)!;
    expect(before.listIsPartial).toBeUndefined();
    doc
      .querySelector('[role="listitem"][aria-label="Grace Mensah"]')!
      .setAttribute('aria-label', 'A'.repeat(1_000_000));
    const snapshot = received(meetReader, doc, MEET);
    expect(snapshot).not.toBeNull();
    expect(snapshot!.participants).toEqual(before.participants!.filter((p) => p.name !== 'Grace Mensah'));
    expect(snapshot!.participants!.map((p) => p.name)).not.toContain('A'.repeat(1_000_000));
    expect(snapshot!.listIsPartial).toBe(true);
    expect(snapshot!.pageCount).toBe(before.pageCount);
  });

  it('a name at the limit is read as it is', () => {
    const doc = zoomCall(['Grace Mensah', 'N'.repeat(LIMITS.name)]);
    const snapshot = received(zoomReader, doc, ZOOM)!;
    expect(snapshot.participants!.map((p) => p.name)).toEqual(['Grace Mensah', 'N'.repeat(LIMITS.name)]);
    expect(snapshot.listIsPartial).toBeUndefined();
  });

  it('an event title longer than the limit is shortened, not a reason to drop the call', () => {
    const doc = loadFixture('meet/small-call.html');
    doc.querySelector('[data-meeting-title]')?.remove();
    doc.title = `Meet – ${'Hartside 🍎 '.repeat(100)}`;
    const snapshot = received(meetReader, doc, MEET);
    expect(snapshot).not.toBeNull();
    expect(snapshot!.title!.length).toBeLessThanOrEqual(LIMITS.title);
    expect(snapshot!.title!.endsWith('…')).toBe(true);
    expect(snapshot!.title!.startsWith('Hartside 🍎 Hartside')).toBe(true);
    // Never half a surrogate pair before the ellipsis.
    expect(snapshot!.title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(snapshot!.participants).toHaveLength(6);
  });

  it('an address longer than the limit (a long query) still reads the call', () => {
    const url = `${MEET}?authuser=0&x=${'a'.repeat(LIMITS.url)}`;
    const snapshot = received(meetReader, loadFixture('meet/small-call.html'), url);
    expect(snapshot).not.toBeNull();
    expect(snapshot!.callKey).toBe('meet:xkr-pqnd-tws');
    expect(snapshot!.url.length).toBeLessThanOrEqual(LIMITS.url);
    expect(snapshot!.participants).toHaveLength(6);
  });

  // 100,000 rows are the same path as these (happy-dom takes minutes to build 100,000 rows).
  it('more participants than LIMITS.participants: the first ones read, the list marked partial', () => {
    const names = Array.from({ length: LIMITS.participants + 500 }, (_, i) => `Person ${i}`);
    const snapshot = received(zoomReader, zoomCall(names), ZOOM);
    expect(snapshot).not.toBeNull();
    expect(snapshot!.participants).toHaveLength(LIMITS.participants);
    expect(snapshot!.participants![0]).toEqual({ name: 'Person 0' });
    expect(snapshot!.listIsPartial).toBe(true);
    expect(snapshot!.pageCount).toBe(LIMITS.participants + 500);
  }, 60_000);

  it('a count badge that is no count (-1, 1e9, 10^20) never stops the read; a grouped count reads whole', () => {
    const counts: [string, number | undefined][] = [
      ['In this meeting (-1)', 1],
      ['In this meeting (99999999999999999999)', undefined],
      ['In this meeting (1,234)', 1234],
      ['In this meeting (1\u00a0234)', 1234],
      ['In this meeting (1.234)', 1234],
      ['Contributors12', 12],
      ['In this meeting (5)', 5],
    ];
    for (const [header, expected] of counts) {
      const doc = loadFixture('teams/small-call.html');
      const span = [...doc.querySelectorAll('span')].find((s) => s.textContent === 'In this meeting (5)')!;
      span.textContent = header;
      const snapshot = received(teamsReader, doc, TEAMS);
      expect(snapshot, header).not.toBeNull();
      expect(snapshot!.pageCount, header).toBe(expected);
      expect(snapshot!.participants, header).toHaveLength(5);
    }
    expect(lastNumber('1e9')).toBe(9);
  });

  it('names holding markup and javascript: addresses stay text; none becomes an element', () => {
    const names = [
      '<img src=x onerror=alert(1)>',
      'javascript:alert(document.cookie)',
      '\u202Eevil\u202C Name',
      'Ev\u200Be',
    ];
    const snapshot = received(zoomReader, zoomCall(names), ZOOM)!;
    expect(snapshot.participants!.map((p) => p.name)).toEqual([
      '<img src=x onerror=alert(1)>',
      'javascript:alert(document.cookie)',
      // Bidi overrides and zero-width spaces are dropped from names read off a page.
      'evil Name',
      'Eve',
    ]);
  });

  it('a NUL, prototype keys or a homoglyph as a name are names like any other, each once', () => {
    const names = ['__proto__', 'constructor', 'Gr\u0430ce', 'Grace', 'A\u0000B'];
    const snapshot = received(zoomReader, zoomCall(names), ZOOM)!;
    // The Cyrillic "а" makes another person: it is never merged with "Grace" (no guessing).
    expect(snapshot.participants!.map((p) => p.name)).toEqual(names);
    expect(Object.getPrototypeOf(snapshot.participants)).toBe(Array.prototype);
  });

  it('tiles nested a thousand deep read as one tile, and the outline stops at its limit', () => {
    const doc = documentFrom('<main id="root"></main>');
    let parent: Element = doc.getElementById('root')!;
    for (let i = 0; i < 1000; i++) {
      const tile = doc.createElement('div');
      tile.setAttribute('data-participant-id', `spaces/x/devices/${i}`);
      const name = doc.createElement('span');
      name.className = 'notranslate';
      name.textContent = `Nested ${i}`;
      tile.append(name);
      parent.append(tile);
      parent = tile;
    }
    const snapshot = received(meetReader, doc, MEET)!;
    expect(snapshot.participants).toEqual([{ name: 'Nested 0', id: 'spaces/x/devices/0' }]);
    expect(pageOutline(doc).split('\n').length).toBeLessThanOrEqual(4001);
  });

  it('a javascript: link and addresses that are not addresses in an event: no call link, no guest', () => {
    const doc = documentFrom(`<div id="xDetDlg" role="dialog"><div id="rAECCd">Core partners</div>
      <div id="xDetDlgAtt">
        <div data-email="not-an-email">Not an email</div>
        <div data-email="javascript:alert(1)//@evil.example">Script</div>
        <div data-email="grace@ageuk.example">Grace Mensah</div>
      </div>
      <a href="javascript:location='https://meet.google.com/abc-defg-hij'">Join</a></div>`);
    const snapshot = received(gcalReader, doc, 'https://calendar.google.com/calendar/r/week')!;
    expect(snapshot.event).toMatchObject({
      title: 'Core partners',
      callLink: null,
      callKey: null,
      guests: [{ name: 'Grace Mensah', email: 'grace@ageuk.example' }],
    });
  });

  it('an event with a 1 MB guest name and a 600-character title arrives, bounded', () => {
    const doc = documentFrom(`<div id="xDetDlg" role="dialog"><div id="rAECCd"></div>
      <div id="xDetDlgAtt"><div data-email="grace@ageuk.example" data-name=""></div><div data-email="tom@council.example">Tom</div></div></div>`);
    doc.getElementById('rAECCd')!.textContent = 'T'.repeat(600);
    doc.querySelector('[data-name]')!.setAttribute('data-name', 'G'.repeat(1_000_000));
    const snapshot = received(gcalReader, doc, 'https://calendar.google.com/calendar/r/week')!;
    expect(snapshot).not.toBeNull();
    expect(snapshot.event!.title).toHaveLength(LIMITS.title);
    expect(snapshot.event!.guests).toEqual([
      { email: 'grace@ageuk.example' },
      { name: 'Tom', email: 'tom@council.example' },
    ]);
  });
});

describe("a call's chat as an attacker writes it", () => {
  const code = (i: number) => `PP1.${'A'.repeat(20)}${i.toString(36).padStart(4, '0')}`;

  it('10,000 code-shaped strings: every code reaches the background, in messages it takes', () => {
    const messages = Array.from({ length: 10_000 }, (_, i) => `<div data-message-id="m${i}">${code(i)}</div>`);
    const read = readChat(documentFrom(messages.join('')), 'meet');
    expect(read.codes).toHaveLength(10_000);
    const sent = chatCodesMessages(read.codes, 0, true);
    const taken = sent.map((message) => parseContentMessage(message, 'meet'));
    expect(taken.every((message) => message !== null)).toBe(true);
    expect(taken.flatMap((message) => (message?.type === 'pp:chat-codes' ? message.codes : []))).toEqual(read.codes);
  });

  it('a code-shaped string longer than any code is reported as damaged, and the real code beside it is kept', () => {
    const huge = `PP1.${'B'.repeat(LIMITS.code)}`;
    const doc = documentFrom(`<div data-message-id="a">${huge}</div><div data-message-id="b">${code(1)}</div>`);
    const read = readChat(doc, 'meet');
    expect(read.codes).toEqual([code(1)]);
    expect(read.damaged).toEqual([huge]);
    const [message] = chatCodesMessages(read.codes, read.damaged.length, read.open);
    expect(parseContentMessage(message, 'meet')).toEqual({ ...message });
  });

  it('with no new code, one message still says the damaged count and whether the chat is open', () => {
    expect(chatCodesMessages([], 2, false)).toEqual([
      { type: 'pp:chat-codes', codes: [], damaged: 2, chatOpen: false },
    ]);
  });
});

describe('boundSnapshot', () => {
  const call: CallSnapshot = {
    kind: 'call',
    platform: 'teams',
    url: TEAMS,
    callKey: null,
    title: 'Core partners',
    participants: [{ name: 'Grace Mensah', email: 'grace@ageuk.example' }],
    selfName: 'Priya Raman',
  };

  it('returns a snapshot within every limit as it is', () => {
    expect(boundSnapshot(call)).toEqual(call);
  });

  it('drops a self name, an address and a call key over their limits, and says the list is partial', () => {
    const over = {
      ...call,
      selfName: 'P'.repeat(LIMITS.name + 1),
      callKey: `teams:${'k'.repeat(LIMITS.url)}`,
      participants: [{ name: 'Grace Mensah', email: `${'g'.repeat(LIMITS.name)}@ageuk.example` }],
    };
    const bounded = boundSnapshot(over);
    expect(bounded).toEqual({ ...call, participants: [{ name: 'Grace Mensah' }], selfName: null, listIsPartial: true });
    expect(parseContentMessage({ type: 'pp:snapshot', snapshot: over }, 'teams')).toBeNull();
    expect(parseContentMessage({ type: 'pp:snapshot', snapshot: bounded }, 'teams')).not.toBeNull();
  });

  it("drops a participant id over its limit and keeps the person, their address and the other's id", () => {
    const over = {
      ...call,
      participants: [
        { name: 'Sam Patel', email: 'sam@hartside.example', id: `8:orgid:${'i'.repeat(LIMITS.name)}` },
        { name: 'Sam Patel', id: '8:orgid:0001' },
      ],
    };
    const bounded = boundSnapshot(over);
    expect(bounded.participants).toEqual([
      { name: 'Sam Patel', email: 'sam@hartside.example' },
      { name: 'Sam Patel', id: '8:orgid:0001' },
    ]);
    expect(parseContentMessage({ type: 'pp:snapshot', snapshot: over }, 'teams')).toBeNull();
    expect(parseContentMessage({ type: 'pp:snapshot', snapshot: bounded }, 'teams')).not.toBeNull();
  });
});
