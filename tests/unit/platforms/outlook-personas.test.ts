import { describe, expect, it } from 'vitest';
import { outlookReader } from '../../../utils/platforms/outlook';
import { formFromCalendarEvent } from '../../../utils/meeting/form/form';
import { resolveFormAttendees } from '../../../utils/meeting/form/attendees';
import { organisation, person } from '../../factories';
import { documentFrom, fixtureHtml, loadFixture } from './fixture';

const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).toISOString();
const FULL = 'https://outlook.office.com/calendar/item/AAMkADU3NGI1LTQ5ZDItYjVmYy0wMDAxAAAuAAAAAADxq7';
const POPOUT =
  'https://outlook.office.com/calendar/deeplink/read/AAMkADU3NGI1LTQ5ZDItYjVmYy0wMDAxAAAuAAAAAADxq8?popoutv2=1';

describe('outlookReader: events opened in full, attendees as persona cards', () => {
  it('reads the dialog’s reading pane: title, time, the persona cards as names, the one with an address with it', () => {
    const { event, recognised } = outlookReader.read(loadFixture('outlook/full-event-personas.html'), FULL);
    expect(recognised).toBe(true);
    expect(event).toEqual({
      title: 'Hartside Food Partnership: wider partners',
      start: local(2025, 10, 8, 14),
      end: local(2025, 10, 8, 15, 30),
      guests: [
        { name: 'Priya Raman' },
        { name: 'Grace Mensah' },
        { name: 'Tom Fairbairn' },
        { name: 'Kwame Asante', email: 'kwame@northmoorta.example' },
        { name: "Dr Siobhan O'Neill" },
      ],
      callLink:
        'https://teams.microsoft.com/l/meetup-join/19%3ameeting_OWY1ZTdkNTYtMzJmZS00YzA3LWIxZmItNWRlYjQ0ZTM0NDQx%40thread.v2/0?context=%7b%22Tid%22%3a%22a1b2c3d4-0000-4000-8000-000000000001%22%7d',
      callKey: 'teams:19:meeting_OWY1ZTdkNTYtMzJmZS00YzA3LWIxZmItNWRlYjQ0ZTM0NDQx@thread.v2',
    });
  });

  it('never takes a persona card from outside the open event', () => {
    const { event } = outlookReader.read(loadFixture('outlook/full-event-personas.html'), FULL);
    expect(event?.guests.map((g) => g.name)).not.toContain('Morgan Outsider');
  });

  it('reads the pop-out’s Form_Content: the subject, the time, the cards by label or by their text', () => {
    const { event, recognised } = outlookReader.read(loadFixture('outlook/popout-personas.html'), POPOUT);
    expect(recognised).toBe(true);
    expect(event).toEqual({
      title: '1:1 Grace (Age UK Hartside)',
      start: local(2025, 10, 16, 9, 30),
      end: local(2025, 10, 16, 10),
      guests: [{ name: 'Grace Mensah' }, { name: 'Priya Raman' }],
      callLink: 'https://meet.google.com/grc-mnsh-one',
      callKey: 'meet:grc-mnsh-one',
    });
  });

  it('reads a dialog without a reading pane in it as no event, and says a layout it does not know is open', () => {
    const html = fixtureHtml('outlook/full-event-personas.html').replace(
      '<div data-app-section="ReadingPane"',
      '<div data-app-section="SomethingElse"',
    );
    const { event, recognised } = outlookReader.read(documentFrom(html), FULL);
    expect(event).toBeNull();
    // The dialog holds a call link: something is open that the reader does not know.
    expect(recognised).toBe(false);
  });

  it('attacker’s cards: a label that is an address, an empty label, a forged status, a huge name, the same person twice', () => {
    const card = (label: string, text: string) =>
      `<span role="button" aria-label="${label}" data-lpc-hover-target-id="x">${text}</span>`;
    const cards = [
      card('Opens card for evil@attacker.example', 'evil@attacker.example'),
      card('', ''),
      card('Opens card for Accepted', 'Accepted'),
      card(`Opens card for ${'A'.repeat(500)}`, ''),
      card('Opens card for Grace  Mensah', 'Grace Mensah'),
      card('Opens card for <img src=x onerror=alert(1)>', ''),
    ].join('');
    const html = fixtureHtml('outlook/popout-personas.html').replace(
      '<div>Accepted 1</div>',
      `<div>Accepted 1</div>${cards}`,
    );
    const { event } = outlookReader.read(documentFrom(html), POPOUT);
    // Grace once; the markup-looking label is text, kept as text (never rendered as HTML).
    expect(event?.guests).toEqual([
      { name: 'Grace Mensah' },
      { name: '<img src=x onerror=alert(1)>' },
      { name: 'Priya Raman' },
    ]);
  });

  it('matches the names through the remembered people: a known name gets its person and organisation', () => {
    const { event } = outlookReader.read(loadFixture('outlook/full-event-personas.html'), FULL);
    const form = formFromCalendarEvent(event!, Date.UTC(2025, 9, 1));
    const people = [
      person({
        id: 'grace',
        displayNames: ['Grace Mensah'],
        emails: ['grace.mensah@ageukhartside.example'],
        organisationId: 'ageuk',
      }),
      // Two remembered Tom Fairbairns in different organisations: no guess.
      person({ id: 'tom-1', displayNames: ['Tom Fairbairn'], organisationId: 'council' }),
      person({ id: 'tom-2', displayNames: ['Tom Fairbairn'], organisationId: 'ageuk' }),
    ];
    const organisations = [
      organisation({ id: 'ageuk', name: 'Age UK Hartside', emailDomains: ['ageukhartside.example'] }),
      organisation({ id: 'council', name: 'Hartside Council' }),
      organisation({ id: 'northmoor', name: 'Northmoor Tenants', emailDomains: ['northmoorta.example'] }),
    ];
    const attendees = resolveFormAttendees(form.attendees, people, organisations);
    expect(attendees.map((a) => [a.displayName, a.personId, a.organisationId])).toEqual([
      ['Priya Raman', undefined, undefined],
      ['Grace Mensah', 'grace', 'ageuk'],
      ['Tom Fairbairn', undefined, undefined],
      ['Kwame Asante', undefined, 'northmoor'],
      ["Dr Siobhan O'Neill", undefined, undefined],
    ]);
    // Names only: nobody was given an address the page did not show.
    expect(attendees.filter((a) => a.email).map((a) => a.displayName)).toEqual(['Kwame Asante']);
  });

  it('lists a person once when a card shows the name alone before the entry with the address', () => {
    // The peek card (name only) and the full form (with the address) are both on the page.
    const peek = `<div data-app-section="CalendarItemPeek"><div role="heading">Hartside Food Partnership: wider partners</div>
      <span role="button" aria-label="Opens card for Kwame Asante" data-lpc-hover-target-id="lpc-peek-1">Kwame Asante</span></div>`;
    const html = fixtureHtml('outlook/full-event-personas.html').replace(
      '<body class="ms-Fabric">',
      `<body class="ms-Fabric">${peek}`,
    );
    expect(html).toContain('lpc-peek-1');
    const { event } = outlookReader.read(documentFrom(html), FULL);
    expect(event?.guests.filter((g) => g.name === 'Kwame Asante')).toEqual([
      { name: 'Kwame Asante', email: 'kwame@northmoorta.example' },
    ]);
    expect(event?.guests).toHaveLength(5);
  });

  it('keeps a name alone when two entries with addresses share it: which one is not guessed', () => {
    const card = (label: string, title = '') =>
      `<span role="button" aria-label="Opens card for ${label}" data-lpc-hover-target-id="x"${title ? ` title="${title}"` : ''}>${label}</span>`;
    const html = fixtureHtml('outlook/popout-personas.html').replace(
      '<div>Accepted 1</div>',
      `<div>Accepted 1</div>${card('Alex Smith')}${card('Alex Smith', 'alex@ageuk.example')}${card('Alex Smith', 'asmith@council.example')}`,
    );
    const { event } = outlookReader.read(documentFrom(html), POPOUT);
    expect(event?.guests.filter((g) => g.name === 'Alex Smith')).toEqual([
      { name: 'Alex Smith' },
      { name: 'Alex Smith', email: 'alex@ageuk.example' },
      { name: 'Alex Smith', email: 'asmith@council.example' },
    ]);
  });
});
