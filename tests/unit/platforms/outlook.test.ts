import { describe, expect, it } from 'vitest';
import { isOutlookCalendarUrl, outlookReader } from '../../../utils/platforms/outlook';
import { HARTSIDE_GUESTS, loadFixture } from './fixture';

const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).toISOString();
const TEAMS_LINK =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZDk3YjE0NGMtMjZlYy00ZjFiLWE4NWQtNzM5MGQ2OTU0MTNi%40thread.v2/0?context=%7b%22Tid%22%3a%22a1b2c3d4-0000-4000-8000-000000000001%22%2c%22Oid%22%3a%22e5f6a7b8-0000-4000-8000-000000000002%22%7d';

describe('outlookReader', () => {
  it('reads the event card: title, day-first date, organiser and attendees, the Meet link in the location', () => {
    const url = 'https://outlook.office.com/calendar/view/workweek';
    expect(outlookReader.read(loadFixture('outlook/event-meet.html'), url)).toEqual({
      kind: 'calendar',
      platform: 'outlook',
      url,
      recognised: true,
      event: {
        title: 'Hartside Food Partnership: core partners',
        start: local(2025, 5, 13, 10),
        end: local(2025, 5, 13, 11, 30),
        guests: [...HARTSIDE_GUESTS, { name: 'Kwame Asante', email: 'kwame@northmoorta.example' }],
        callLink: 'https://meet.google.com/xkr-pqnd-tws',
        callKey: 'meet:xkr-pqnd-tws',
      },
    });
  });

  it('reads an event opened in full, unwrapping the Safe Links around the Teams join link', () => {
    const url = 'https://outlook.office.com/calendar/item/AAMkADU3NGI1LTQ5ZDItYjVmYy0wMDAxAAAuAAAAAADxq2';
    const { event, recognised } = outlookReader.read(loadFixture('outlook/event-teams.html'), url);
    expect(recognised).toBe(true);
    expect(event).toEqual({
      title: '1:1 Grace (Age UK Hartside)',
      start: local(2025, 5, 15, 9, 30),
      end: local(2025, 5, 15, 10),
      guests: [
        { name: 'Grace Mensah', email: 'grace.mensah@ageukhartside.example' },
        { name: 'Priya Raman', email: 'priya.raman@hartsidecvs.example' },
      ],
      callLink: TEAMS_LINK,
      callKey: 'teams:19:meeting_ZDk3YjE0NGMtMjZlYy00ZjFiLWE4NWQtNzM5MGQ2OTU0MTNi@thread.v2',
    });
  });

  it('reads US month-first dates and a Zoom link pasted as plain text', () => {
    const url = 'https://outlook.live.com/calendar/0/view/week';
    const { event } = outlookReader.read(loadFixture('outlook/event-zoom.html'), url);
    expect(event?.title).toBe('Warm spaces steering group');
    expect(event?.start).toBe(local(2025, 7, 3, 14));
    expect(event?.end).toBe(local(2025, 7, 3, 15, 30));
    expect(event?.callLink).toBe('https://us02web.zoom.us/j/84512345678?pwd=cGFydG5lcnNoaXA');
    expect(event?.callKey).toBe('zoom:84512345678');
    expect(event?.guests.map((g) => g.name)).toEqual(['Priya Raman', 'Grace Mensah', 'Kwame Asante']);
  });

  it('reports no event when none is open', () => {
    const snapshot = outlookReader.read(
      loadFixture('outlook/no-event.html'),
      'https://outlook.office.com/calendar/view/workweek',
    );
    expect(snapshot.event).toBeNull();
    expect(snapshot.recognised).toBe(true);
  });

  it('reports an open event in an unknown layout as unrecognised', () => {
    const snapshot = outlookReader.read(
      loadFixture('outlook/unrecognised.html'),
      'https://outlook.office365.com/calendar/view/day',
    );
    expect(snapshot.event).toBeNull();
    expect(snapshot.recognised).toBe(false);
  });

  it('reads nothing outside the calendar, even with an event card on the page', () => {
    const snapshot = outlookReader.read(
      loadFixture('outlook/event-meet.html'),
      'https://outlook.office.com/mail/inbox/id/AAQkAD',
    );
    expect(snapshot).toEqual({
      kind: 'calendar',
      platform: 'outlook',
      url: 'https://outlook.office.com/mail/inbox/id/AAQkAD',
      event: null,
      recognised: true,
    });
  });

  it.each([
    ['https://outlook.office.com/calendar/view/week', true],
    ['https://outlook.live.com/calendar/0/view/day', true],
    ['https://outlook.office365.com/calendar/item/AAMk', true],
    ['https://outlook.office.com/owa/?path=/calendar/view/Day', true],
    ['https://outlook.office.com/mail/', false],
    ['https://outlook.office.com/mail/inbox/id/AAQkAD', false],
    ['https://outlook.office.com/people/', false],
    ['not a url', false],
  ])('isOutlookCalendarUrl(%s) is %s', (url, expected) => {
    expect(isOutlookCalendarUrl(url)).toBe(expected);
  });
});
