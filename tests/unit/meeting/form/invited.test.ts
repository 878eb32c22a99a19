import { describe, expect, it } from 'vitest';
import type { Meeting, Membership, Organisation } from '../../../../utils/db/records';
import type { LiveCall } from '../../../../utils/meeting/attendance/live-call';
import {
  formFromCalendarEvent,
  formFromMeeting,
  formToMeetingInput,
  guestMatches,
  isAttending,
  mergeGuest,
  mergeLiveAttendees,
} from '../../../../utils/meeting/form/form';
import { resolveFormAttendees } from '../../../../utils/meeting/form/attendees';
import { expectedButAbsent } from '../../../../utils/meeting/matching/expected';
import { representedOrganisations } from '../../../../utils/db/meetings';

const start = Date.UTC(2026, 11, 2, 14);
const minute = 60_000;
const stamp = { createdAt: 0, updatedAt: 0 };
const organisations: Organisation[] = [
  { id: 'o-age', name: 'Age UK Northmoor', emailDomains: ['ageuk.example'], ...stamp },
  { id: 'o-council', name: 'Northmoor Council', emailDomains: ['council.example'], ...stamp },
  { id: 'o-bank', name: 'Food Bank', emailDomains: ['foodbank.example'], ...stamp },
];
const memberships: Membership[] = organisations.map((o, i) => ({
  id: `m${i}`,
  partnershipId: 'p1',
  organisationId: o.id,
  partnerType: i === 0 ? 'lead' : 'core',
  joinedOn: '2026-01-01',
  ...stamp,
}));

/** The plan saved from the calendar: three guests invited. */
function plannedMeeting(): Meeting {
  const form = formFromCalendarEvent(
    {
      title: 'Core partners',
      start: new Date(start).toISOString(),
      end: new Date(start + 60 * minute).toISOString(),
      guests: [
        { name: 'Amira Khan', email: 'amira@ageuk.example' },
        { name: 'Jo Bloggs', email: 'jo@council.example' },
        { email: 'sam.okafor@foodbank.example' },
      ],
      callLink: 'https://meet.google.com/abc-defg-hij',
      callKey: 'meet:abc-defg-hij',
    },
    start - 7 * 24 * 60 * minute,
    'p1',
  );
  const input = formToMeetingInput(form, resolveFormAttendees(form.attendees, [], organisations));
  return { ...input, id: 'plan', ...stamp, organisationIds: representedOrganisations(input.attendees) };
}

function liveCall(names: string[]): LiveCall {
  return {
    tabId: 1,
    platform: 'meet',
    url: 'https://meet.google.com/abc-defg-hij',
    callKey: 'meet:abc-defg-hij',
    title: 'Core partners',
    selfName: 'Amira Khan',
    participantsReadable: true,
    participants: names.map((name) => ({ name, firstSeenAt: start, lastSeenAt: start + 50 * minute, present: true })),
    startedAt: start,
    updatedAt: start + 50 * minute,
  };
}

describe('invited is not attended', () => {
  it('a plan keeps its invited guests', () => {
    expect(plannedMeeting().attendees.map((a) => a.displayName)).toEqual([
      'Amira Khan',
      'Jo Bloggs',
      'sam.okafor@foodbank.example',
    ]);
  });

  it('a held meeting saves only the people seen on the call, so the absent organisation is expected but absent', () => {
    const form = mergeLiveAttendees(
      { ...formFromMeeting(plannedMeeting()), status: 'held' },
      liveCall(['Amira Khan', 'Tom Reid']),
    );
    const input = formToMeetingInput(form, resolveFormAttendees(form.attendees, [], organisations));
    expect(input.attendees.map((a) => a.displayName)).toEqual(['Amira Khan', 'Tom Reid']);
    const present = representedOrganisations(input.attendees);
    expect(present).toEqual(['o-age']);
    expect(expectedButAbsent(memberships, present, 'core', start).map((m) => m.organisationId)).toEqual([
      'o-council',
      'o-bank',
    ]);
  });

  it('keeps someone the lead added by hand on a held call, though never seen', () => {
    const form = mergeLiveAttendees({ ...formFromMeeting(plannedMeeting()), status: 'held' }, liveCall(['Amira Khan']));
    const withHand = { ...form, attendees: [...form.attendees, { name: 'Dee in the room', fromCall: false }] };
    const input = formToMeetingInput(withHand, resolveFormAttendees(withHand.attendees, [], organisations));
    expect(input.attendees.map((a) => a.displayName)).toEqual(['Amira Khan', 'Dee in the room']);
  });

  it('splits the rows: a guest counts once seen, and every guest counts on a plan', () => {
    const form = mergeLiveAttendees(
      { ...formFromMeeting(plannedMeeting()), status: 'held' },
      liveCall(['Jo Bloggs', 'Tom Reid']),
    );
    expect(form.attendees.filter((a) => isAttending(a, 'held')).map((a) => a.name)).toEqual(['Jo Bloggs', 'Tom Reid']);
    expect(form.attendees.filter((a) => isAttending(a, 'planned'))).toHaveLength(4);
  });

  it('offers to merge an e-mail-only guest with the name its address spells, and the merge keeps the address', () => {
    const form = mergeLiveAttendees(
      { ...formFromMeeting(plannedMeeting()), status: 'held' },
      liveCall(['Amira Khan', 'Sam Okafor (Guest)', 'Samantha Oke']),
    );
    expect(guestMatches(form)).toEqual([{ guest: 'sam.okafor@foodbank.example', joined: 'Sam Okafor (Guest)' }]);
    const merged = mergeGuest(form, 'sam.okafor@foodbank.example', 'Sam Okafor (Guest)');
    expect(merged.attendees.map((a) => a.name)).toEqual([
      'Amira Khan',
      'Jo Bloggs',
      'Sam Okafor (Guest)',
      'Samantha Oke',
    ]);
    expect(merged.attendees.find((a) => a.name === 'Sam Okafor (Guest)')?.email).toBe('sam.okafor@foodbank.example');
    // The address now maps Sam to the food bank, and the merged row is saved as attending.
    const input = formToMeetingInput(merged, resolveFormAttendees(merged.attendees, [], organisations));
    expect(representedOrganisations(input.attendees).sort()).toEqual(['o-age', 'o-bank']);
    expect(guestMatches(merged)).toEqual([]);
  });

  it('offers nothing for a near name, an address with no name in it, or a guest who joined', () => {
    const plan = plannedMeeting();
    const odd: Meeting = {
      ...plan,
      attendees: [
        { displayName: 'sam.okafor@foodbank.example', email: 'sam.okafor@foodbank.example' },
        { displayName: '12345@council.example', email: '12345@council.example' },
        { displayName: 'x@y', email: 'x@y' },
      ],
    };
    const form = mergeLiveAttendees({ ...formFromMeeting(odd), status: 'held' }, liveCall(['Samantha Okafor', 'X Y']));
    expect(guestMatches(form)).toEqual([]);
    // A merge asked for rows that are not there changes nothing.
    expect(mergeGuest(form, 'nobody@here.example', 'Samantha Okafor')).toBe(form);
    expect(mergeGuest(form, 'sam.okafor@foodbank.example', 'Nobody')).toBe(form);
  });
});
