import { describe, expect, it } from 'vitest';
import { listPeople, rememberPerson } from '../../../../utils/db/people';
import { peopleToRemember, resolveFormAttendees } from '../../../../utils/meeting/form/attendees';
import { seatGroups } from '../../../../utils/pulse/seat-list';
import { membership, organisation, person } from '../../../factories';
import { freshDb } from '../../db/helpers';

// Names typed by hand in a meeting's attendee list become people when the meeting is saved, so
// the next pulse offers them a seat.

const COUNCIL = organisation({ id: 'org-council', name: 'Council' });
const FOOD_BANK = organisation({ id: 'org-food', name: 'Food bank' });
const known = person({ id: 'person-tom', organisationId: COUNCIL.id, displayNames: ['Tom Fairbairn'] });

describe('peopleToRemember', () => {
  it('takes each typed name with an organisation once; known people and names without an organisation are left', () => {
    const attendees = resolveFormAttendees(
      [
        { name: 'Tom Fairbairn', fromCall: false },
        { name: ' Priya Raman ', organisationId: FOOD_BANK.id, fromCall: false },
        { name: 'priya raman', organisationId: FOOD_BANK.id, fromCall: false },
        { name: 'Priya Raman', organisationId: COUNCIL.id, email: 'priya@council.example', fromCall: false },
        { name: 'Someone Unassigned', fromCall: false },
        { name: '   ', organisationId: COUNCIL.id, fromCall: false },
      ],
      [known],
      [COUNCIL, FOOD_BANK],
    );
    expect(attendees[0]).toMatchObject({ personId: known.id });
    expect(peopleToRemember(attendees)).toEqual([
      { displayName: 'Priya Raman', organisationId: FOOD_BANK.id },
      { displayName: 'Priya Raman', organisationId: COUNCIL.id, email: 'priya@council.example' },
    ]);
  });
});

describe('a typed name, once remembered', () => {
  it('is offered a seat on the next pulse, and remembering again makes no second person', async () => {
    const db = await freshDb('remember-typed');
    const typed = resolveFormAttendees(
      [{ name: 'Grace Mensah', organisationId: FOOD_BANK.id, fromCall: false }],
      [],
      [COUNCIL, FOOD_BANK],
    );
    for (const entry of peopleToRemember(typed)) await rememberPerson(db, entry);
    // The next meeting resolves her, so nothing more is remembered.
    const again = resolveFormAttendees([{ name: 'Grace Mensah', fromCall: false }], await listPeople(db), [
      COUNCIL,
      FOOD_BANK,
    ]);
    expect(peopleToRemember(again)).toEqual([]);
    const people = await listPeople(db);
    expect(people.map((p) => [p.displayNames, p.organisationId])).toEqual([[['Grace Mensah'], FOOD_BANK.id]]);
    const groups = seatGroups({
      partnershipId: 'p1',
      invited: [FOOD_BANK.id],
      organisations: [FOOD_BANK],
      memberships: [membership({ partnershipId: 'p1', organisationId: FOOD_BANK.id, partnerType: 'lead' })],
      people,
      added: [],
      unticked: [],
    });
    expect(groups[0]!.choices.map((c) => [c.name, c.ticked])).toEqual([['Grace Mensah', true]]);
  });
});
