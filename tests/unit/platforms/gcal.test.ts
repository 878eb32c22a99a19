import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { gcalReader } from '../../../utils/platforms/gcal';
import { HARTSIDE_GUESTS, loadFixture } from './fixture';

const URL_WEEK = 'https://calendar.google.com/calendar/u/0/r/week';
const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).toISOString();

describe('gcalReader', () => {
  // Google Calendar leaves out the year of dates in the current one.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2025, 4, 13, 9, 0));
  });
  afterEach(() => vi.useRealTimers());

  it('reads an open event with its Meet link: title, times, every guest with name and email', () => {
    const snapshot = gcalReader.read(loadFixture('gcal/event-meet.html'), URL_WEEK);
    expect(snapshot).toEqual({
      kind: 'calendar',
      platform: 'gcal',
      url: URL_WEEK,
      recognised: true,
      event: {
        title: 'Hartside Food Partnership: core partners',
        start: local(2025, 5, 13, 10),
        end: local(2025, 5, 13, 11, 30),
        guests: [
          ...HARTSIDE_GUESTS,
          { email: 'kwame@northmoorta.example' },
          { name: 'Eleanor Whitcombe', email: 'eleanor.whitcombe@penninefund.example' },
        ],
        callLink: 'https://meet.google.com/xkr-pqnd-tws?hs=122&authuser=0',
        callKey: 'meet:xkr-pqnd-tws',
      },
    });
  });

  it('reads a Zoom link from the location through Google’s redirect, and a 12-hour range with a year', () => {
    const { event } = gcalReader.read(loadFixture('gcal/event-zoom.html'), URL_WEEK);
    expect(event?.title).toBe('Warm spaces steering group');
    expect(event?.start).toBe(local(2025, 7, 3, 14));
    expect(event?.end).toBe(local(2025, 7, 3, 15, 30));
    expect(event?.callLink).toBe('https://us02web.zoom.us/j/84512345678?pwd=cGFydG5lcnNoaXA');
    expect(event?.callKey).toBe('zoom:84512345678');
    expect(event?.guests.map((g) => g.email)).toEqual([
      'priya.raman@hartsidecvs.example',
      'grace.mensah@ageukhartside.example',
      'kwame@northmoorta.example',
      'f.rahman@hartsidemosque.example',
    ]);
  });

  it('reads a Teams link from the description, skipping the help links before it', () => {
    const { event } = gcalReader.read(loadFixture('gcal/event-teams.html'), URL_WEEK);
    expect(event?.title).toBe('1:1 Grace (Age UK Hartside)');
    expect(event?.start).toBe(local(2025, 5, 15, 9, 30));
    expect(event?.end).toBe(local(2025, 5, 15, 10));
    expect(event?.callKey).toBe('teams:19:meeting_ZDk3YjE0NGMtMjZlYy00ZjFiLWE4NWQtNzM5MGQ2OTU0MTNi@thread.v2');
    expect(event?.callLink).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_/);
    expect(event?.guests).toEqual([
      { name: 'Grace Mensah', email: 'grace.mensah@ageukhartside.example' },
      { name: 'Priya Raman', email: 'priya.raman@hartsidecvs.example' },
    ]);
  });

  it('reports no event when none is open', () => {
    const snapshot = gcalReader.read(loadFixture('gcal/no-event.html'), URL_WEEK);
    expect(snapshot.event).toBeNull();
    expect(snapshot.recognised).toBe(true);
  });

  it('reports an open event in an unknown layout as unrecognised instead of guessing', () => {
    const snapshot = gcalReader.read(loadFixture('gcal/unrecognised.html'), URL_WEEK);
    expect(snapshot.event).toBeNull();
    expect(snapshot.recognised).toBe(false);
  });
});

describe('gcalReader after the popover closes', () => {
  it('does not present the hidden #xDetDlg Calendar leaves in the page as the open event', () => {
    const snapshot = gcalReader.read(loadFixture('gcal/event-dismissed.html'), URL_WEEK);
    expect(snapshot.event).toBeNull();
    expect(snapshot.recognised).toBe(true);
  });

  it('treats a dialog under an aria-hidden container as closed too', () => {
    const doc = loadFixture('gcal/event-meet.html');
    expect(gcalReader.read(doc, URL_WEEK).event).not.toBeNull();
    doc.getElementById('xDetDlg')!.parentElement!.setAttribute('aria-hidden', 'true');
    expect(gcalReader.read(doc, URL_WEEK).event).toBeNull();
  });
});
