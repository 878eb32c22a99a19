import { describe, expect, it } from 'vitest';
import { platformForUrl, readers } from '../../../utils/platforms';
import { PLATFORMS } from '../../../utils/platforms/snapshot';
import { loadFixture } from './fixture';

describe('readers', () => {
  it('has one reader per platform, each under its own id', () => {
    expect(Object.keys(readers).sort()).toEqual([...PLATFORMS].sort());
    for (const id of PLATFORMS) expect(readers[id].id).toBe(id);
  });

  it.each([
    ['meet', 'meet/small-call.html', 'call'],
    ['zoom', 'zoom/small-call.html', 'call'],
    ['teams', 'teams/small-call.html', 'call'],
    ['gcal', 'gcal/event-meet.html', 'calendar'],
    ['outlook', 'outlook/event-meet.html', 'calendar'],
  ] as const)('%s reads its own kind of page', (id, fixture, kind) => {
    const snapshot = readers[id].read(loadFixture(fixture), 'https://outlook.office.com/calendar/view/week');
    expect(snapshot.kind).toBe(kind);
    expect(snapshot.platform).toBe(id);
  });
});

describe('platformForUrl', () => {
  it.each([
    ['https://meet.google.com/xkr-pqnd-tws', 'meet'],
    ['https://meet.google.com/', 'meet'],
    ['https://app.zoom.us/wc/84512345678/join', 'zoom'],
    ['https://us02web.zoom.us/wc/84512345678/join', 'zoom'],
    ['https://teams.microsoft.com/v2/', 'teams'],
    ['https://teams.live.com/meet/9356969621606', 'teams'],
    ['https://teams.cloud.microsoft/', 'teams'],
    ['https://calendar.google.com/calendar/u/0/r/week', 'gcal'],
    ['https://outlook.office.com/calendar/view/week', 'outlook'],
    ['https://outlook.live.com/mail/0/', 'outlook'],
    ['https://outlook.office365.com/calendar/', 'outlook'],
  ])('%s → %s', (url, id) => {
    expect(platformForUrl(url)).toBe(id);
  });

  it.each([
    'https://zoom.us/j/84512345678', // a join link, not the web client
    'https://app.zoom.us/profile',
    'https://mail.google.com/mail/u/0/',
    'https://meet.google.com.evil.example/abc-defg-hij',
    'http://meet.google.com/abc-defg-hij',
    'chrome://extensions',
    'not a url',
  ])('%s → null', (url) => {
    expect(platformForUrl(url)).toBeNull();
  });
});
