import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../../../utils/db/records';
import {
  formToMeetingInput,
  isAttending,
  mergeGuest,
  mergeLiveAttendees,
  type MeetingFormValues,
} from '../../../../utils/meeting/form/form';
import { mergeSamePeople, resolveFormAttendees, samePersonOffers } from '../../../../utils/meeting/form/attendees';
import type { CalendarGuest } from '../../../../utils/platforms/snapshot';
import { organisation, person } from '../../../factories';
import { call, held, minute, plan, start } from './builders';

const organisations: Organisation[] = [
  organisation({ id: 'o-age', name: 'Age UK Northmoor', emailDomains: ['ageuk.example'] }),
  organisation({ id: 'o-bank', name: 'Food Bank', emailDomains: ['foodbank.example'] }),
];
const grace = person({
  id: 'p-grace',
  displayNames: ['Grace Mensah'],
  emails: ['gm42@ageuk.example'],
  organisationId: 'o-age',
});

/** A live Meet call of these names, each seen for the whole of it. */
const meetCall = (names: string[]) =>
  call(names.map((name) => ({ name, firstSeenAt: start, lastSeenAt: start + 50 * minute, present: true })));

describe('one person, not two', () => {
  it('a Meet tile and the calendar guest with an address the remembered person has are one row, saved once', () => {
    // The guest list shows an address that spells no name; only the remembered person ties it to the tile.
    const form = mergeLiveAttendees(held(plan([{ email: 'gm42@ageuk.example' }])), meetCall(['Grace Mensah']));
    expect(form.attendees.map((a) => a.name)).toEqual(['gm42@ageuk.example', 'Grace Mensah']);

    const merged = mergeSamePeople(form, [grace]);
    expect(merged.attendees).toEqual([
      {
        name: 'Grace Mensah',
        email: 'gm42@ageuk.example',
        firstSeenAt: start,
        lastSeenAt: start + 50 * minute,
        fromCall: true,
      },
    ]);
    const input = formToMeetingInput(merged, resolveFormAttendees(merged.attendees, [grace], organisations));
    expect(input.attendees).toEqual([
      expect.objectContaining({ displayName: 'Grace Mensah', personId: 'p-grace', organisationId: 'o-age' }),
    ]);
    // Settled: the next snapshot of the call adds nobody, and a second pass changes nothing.
    expect(mergeLiveAttendees(merged, meetCall(['Grace Mensah']))).toBe(merged);
    expect(mergeSamePeople(merged, [grace])).toBe(merged);
  });

  it('an Outlook persona card and a guest entry of the same name with an address: one invited row with the address', () => {
    const form = plan([{ name: 'Priya Raman' }, { name: 'Priya Raman', email: 'priya@foodbank.example' }]);
    const merged = mergeSamePeople(form, []);
    expect(merged.attendees).toEqual([
      { name: 'Priya Raman', email: 'priya@foodbank.example', fromCall: false, invited: true },
    ]);
    expect(isAttending(merged.attendees[0]!, 'held')).toBe(false);
  });

  it('someone added by hand and a guest with their address: attending, with the address', () => {
    const form = plan([{ name: 'Tom Reid', email: 'tom@foodbank.example' }]);
    const withHand = { ...held(form), attendees: [{ name: 'Tom Reid ', fromCall: false }, ...form.attendees] };
    const merged = mergeSamePeople(withHand, []);
    expect(merged.attendees).toHaveLength(1);
    expect(merged.attendees[0]).toMatchObject({ name: 'Tom Reid ', email: 'tom@foodbank.example' });
    expect(isAttending(merged.attendees[0]!, 'held')).toBe(true);
  });

  it('two guests of one name are never guessed: both kept, each offered, and the one clicked is merged', () => {
    const form = plan([
      { name: 'Alex Smith' },
      { name: 'Alex Smith', email: 'alex@ageuk.example' },
      { name: 'Alex Smith', email: 'asmith@foodbank.example' },
    ]);
    expect(mergeSamePeople(form, [])).toBe(form);
    const offers = samePersonOffers(form, []);
    expect(offers).toEqual([
      { guest: 'Alex Smith', joined: 'Alex Smith', email: 'alex@ageuk.example' },
      { guest: 'Alex Smith', joined: 'Alex Smith', email: 'asmith@foodbank.example' },
    ]);
    const chosen = mergeGuest(form, 'Alex Smith', 'Alex Smith', 'asmith@foodbank.example');
    expect(chosen.attendees.map((a) => a.email)).toEqual(['asmith@foodbank.example', 'alex@ageuk.example']);
  });

  it('attacker: a page listing a known name with another address neither takes over the person nor is offered', () => {
    const form = plan([{ name: 'Grace Mensah' }, { name: 'Grace Mensah', email: 'grace@attacker.example' }]);
    expect(mergeSamePeople(form, [grace])).toBe(form);
    expect(samePersonOffers(form, [grace])).toEqual([]);
    const resolved = resolveFormAttendees(form.attendees, [grace], organisations);
    // The row by name alone is Grace; the forged row is nobody known.
    expect(resolved.map((a) => a.personId)).toEqual(['p-grace', undefined]);
    expect(grace.emails).toEqual(['gm42@ageuk.example']);
  });
});

describe('the call joins the row of its name, never a guessed one', () => {
  it('a participant named like two guests with addresses gets a row of their own, offered to merge with either', () => {
    const form = plan([
      { name: 'Alex Smith', email: 'alex@ageuk.example' },
      { name: 'Alex Smith', email: 'asmith@foodbank.example' },
    ]);
    const joined = mergeLiveAttendees(held(form), meetCall(['Alex Smith']));
    expect(joined.attendees.map((a) => [a.name, a.email, a.firstSeenAt])).toEqual([
      ['Alex Smith', 'alex@ageuk.example', undefined],
      ['Alex Smith', 'asmith@foodbank.example', undefined],
      ['Alex Smith', undefined, start],
    ]);
    expect(mergeSamePeople(joined, [])).toBe(joined);
    expect(samePersonOffers(joined, []).map((m) => m.email)).toEqual(['alex@ageuk.example', 'asmith@foodbank.example']);
    // The next snapshot finds that row again: no third Alex.
    expect(mergeLiveAttendees(joined, meetCall(['Alex Smith']))).toBe(joined);
    // Saved: the Alex who joined, not the two guests of that name who never did.
    const input = formToMeetingInput(joined, resolveFormAttendees(joined.attendees, [], organisations));
    expect(input.attendees.map((a) => [a.displayName, a.email, a.firstSeenAt])).toEqual([
      ['Alex Smith', undefined, start],
    ]);
  });

  it('attacker: a participant showing another address than the only guest of its name, nobody remembered, gets a row of its own', () => {
    const form = plan([{ name: 'Sam Okafor', email: 'sam.okafor@foodbank.example' }]);
    const live = meetCall(['Sam Okafor']);
    live.participants[0]!.email = 'sam.okafor@attacker.example';
    const joined = mergeLiveAttendees(held(form), live, []);
    expect(joined.attendees.map((a) => [a.email, a.firstSeenAt])).toEqual([
      ['sam.okafor@foodbank.example', undefined],
      ['sam.okafor@attacker.example', start],
    ]);
    // Settled: the next snapshot finds the participant's own row; the guest is not marked as seen.
    expect(mergeLiveAttendees(joined, live, [])).toBe(joined);
    expect(mergeSamePeople(joined, [])).toBe(joined);
    expect(samePersonOffers(joined, [])).toEqual([]);
    // Saved: the participant with the address the call showed; the guest who never joined is not.
    const input = formToMeetingInput(joined, resolveFormAttendees(joined.attendees, [], organisations));
    expect(input.attendees.map((a) => [a.displayName, a.email, a.firstSeenAt])).toEqual([
      ['Sam Okafor', 'sam.okafor@attacker.example', start],
    ]);
  });

  it('a participant with another address joins the guest of its name when both addresses are one remembered person’s', () => {
    const both = person({
      id: 'p-grace-2',
      displayNames: ['Grace Mensah'],
      emails: ['gm42@ageuk.example', 'grace@home.example'],
      organisationId: 'o-age',
    });
    const live = meetCall(['Grace Mensah']);
    live.participants[0]!.email = 'grace@home.example';
    const joined = mergeLiveAttendees(held(plan([{ name: 'Grace Mensah', email: 'gm42@ageuk.example' }])), live, [
      both,
    ]);
    expect(joined.attendees.map((a) => [a.email, a.firstSeenAt])).toEqual([['gm42@ageuk.example', start]]);
  });

  it('a participant with no address (a tile) joins the only guest row of its name, whatever its address', () => {
    const form = plan([{ name: 'Sam Okafor', email: 'sam.okafor@foodbank.example' }]);
    const joined = mergeLiveAttendees(held(form), meetCall(['Sam Okafor']), []);
    expect(joined.attendees.map((a) => [a.email, a.firstSeenAt])).toEqual([['sam.okafor@foodbank.example', start]]);
  });

  it('one guest of the name: the participant is that guest, as before', () => {
    const form = plan([{ name: 'Tom Reid', email: 'tom@foodbank.example' }]);
    const joined = mergeLiveAttendees(held(form), meetCall(['Tom Reid']));
    expect(joined.attendees).toHaveLength(1);
    expect(joined.attendees[0]).toMatchObject({ email: 'tom@foodbank.example', firstSeenAt: start });
  });
});

describe('attacker: a calendar guest with a known name and a forged address', () => {
  const real = { name: 'Grace Mensah', email: 'gm42@ageuk.example' };
  const forged = { name: 'Grace Mensah', email: 'grace.mensah@attacker.example' };
  const forged2 = { name: 'Grace Mensah', email: 'g.mensah@attacker2.example' };
  /** The plan, then the call with Grace's tile, as the panel runs them: the call's pass, then one person not two. */
  const onTheCall = (guests: CalendarGuest[]) =>
    mergeSamePeople(mergeLiveAttendees(held(plan(guests)), meetCall(['Grace Mensah']), [grace]), [grace]);
  const savedRows = (form: MeetingFormValues) =>
    formToMeetingInput(form, resolveFormAttendees(form.attendees, [grace], organisations)).attendees.map((a) => [
      a.displayName,
      a.email,
      a.personId,
      a.organisationId,
    ]);

  it('alone: the tile is not joined to the forged row; it is Grace, with her organisation, and the forged row is not saved', () => {
    const form = onTheCall([forged]);
    expect(form.attendees.map((a) => [a.email, a.firstSeenAt])).toEqual([
      ['grace.mensah@attacker.example', undefined],
      [undefined, start],
    ]);
    expect(samePersonOffers(form, [grace])).toEqual([]);
    expect(savedRows(form)).toEqual([['Grace Mensah', undefined, 'p-grace', 'o-age']]);
  });

  it('listed before or after Grace’s real address, or with a second forger: the tile is one row with the real address', () => {
    for (const guests of [
      [forged, real],
      [real, forged],
      [forged, forged2, real],
      [forged, real, forged2],
    ]) {
      const form = onTheCall(guests);
      expect(savedRows(form)).toEqual([['Grace Mensah', 'gm42@ageuk.example', 'p-grace', 'o-age']]);
      // The forged rows stay guests nobody saw: listed apart, not saved, never offered as Grace.
      expect(form.attendees.filter((a) => a.email !== 'gm42@ageuk.example').map((a) => a.firstSeenAt)).toEqual(
        guests.filter((g) => g !== real).map(() => undefined),
      );
      expect(samePersonOffers(form, [grace])).toEqual([]);
    }
  });

  it('two forgers and no real address: the tile is Grace on a row of its own, neither forged row is joined or offered', () => {
    const form = onTheCall([forged, forged2]);
    expect(savedRows(form)).toEqual([['Grace Mensah', undefined, 'p-grace', 'o-age']]);
    expect(samePersonOffers(form, [grace])).toEqual([]);
  });

  it('a participant showing an address of its own is not joined to a forged row of its name either', () => {
    const live = meetCall(['Grace Mensah']);
    live.participants[0]!.email = 'gm42@ageuk.example';
    const form = mergeLiveAttendees(held(plan([forged])), live, [grace]);
    expect(form.attendees.map((a) => [a.email, a.firstSeenAt])).toEqual([
      ['grace.mensah@attacker.example', undefined],
      ['gm42@ageuk.example', start],
    ]);
  });
});
