import { beforeEach, describe, expect, it } from 'vitest';
import { onChange, type Change } from '../../../utils/db/changes';
import { listOrganisations, saveOrganisation } from '../../../utils/db/organisations';
import { findPeopleByName, findPersonByEmail, listPeople, rememberPerson, savePerson } from '../../../utils/db/people';
import type { Organisation } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { resolveAttendees } from '../../../utils/meeting/matching/resolve';
import { freshDb } from './helpers';

let db: PulseDatabase;
let food: Organisation;
let council: Organisation;

beforeEach(async () => {
  db = await freshDb('people');
  food = await saveOrganisation(db, { name: 'Food Network', emailDomains: [] });
  council = await saveOrganisation(db, { name: 'City Council', emailDomains: ['council.example'] });
});

describe('rememberPerson', () => {
  it('makes the second meeting need no input', async () => {
    const call = [
      { name: 'Tomasz Nowak (Guest)', email: 'Tomasz@NorthmoorFood.example' },
      { name: 'Bethany Clarke' },
      { name: 'New Colleague', email: 'new.colleague@northmoorfood.example' },
    ];
    const firstTime = resolveAttendees(call, await listPeople(db), await listOrganisations(db));
    expect(
      firstTime.every((attendee) => attendee.organisationId === undefined && attendee.personId === undefined),
    ).toBe(true);

    // The lead assigns the first two to the Food Network, once.
    await rememberPerson(db, { displayName: call[0]!.name, email: call[0]!.email, organisationId: food.id });
    await rememberPerson(db, { displayName: call[1]!.name, organisationId: food.id });

    // Next meeting: same people, decorated differently, and a colleague from the same domain.
    const nextCall = [
      { name: 'Tomasz Nowak', email: 'tomasz@northmoorfood.example' },
      { name: 'Bethany Clarke (External)' },
      { name: 'New Colleague', email: 'new.colleague@northmoorfood.example' },
    ];
    const secondTime = resolveAttendees(nextCall, await listPeople(db), await listOrganisations(db));
    const [tomasz] = await findPeopleByName(db, 'Tomasz Nowak');
    const [bethany] = await findPeopleByName(db, 'bethany clarke');
    expect(secondTime).toEqual([
      {
        displayName: 'Tomasz Nowak',
        email: 'tomasz@northmoorfood.example',
        personId: tomasz!.id,
        organisationId: food.id,
      },
      { displayName: 'Bethany Clarke (External)', personId: bethany!.id, organisationId: food.id },
      { displayName: 'New Colleague', email: 'new.colleague@northmoorfood.example', organisationId: food.id },
    ]);
  });

  it('adds a new name and address to the person it already knows', async () => {
    const first = await rememberPerson(db, {
      displayName: 'Gareth Price',
      email: 'gareth@council.example',
      organisationId: council.id,
    });
    const again = await rememberPerson(db, {
      displayName: 'G. Price (Guest)',
      email: 'GARETH@council.example',
      organisationId: council.id,
    });
    expect(again.id).toBe(first.id);
    expect(again.displayNames).toEqual(['Gareth Price', 'G. Price (Guest)']);
    expect(again.aliases).toEqual(['gareth price', 'g. price']);
    expect(again.emails).toEqual(['gareth@council.example']);
    expect(again.createdAt).toBe(first.createdAt);
    expect(await db.count('people')).toBe(1);
  });

  it('saves a person seen by name alone, then with an address, once: the address joins them', async () => {
    const persona = await rememberPerson(db, { displayName: 'Grace Mensah', organisationId: food.id });
    const guest = await rememberPerson(db, {
      displayName: 'Grace Mensah',
      email: 'G.Mensah@NorthmoorFood.example',
      organisationId: food.id,
    });
    expect(guest.id).toBe(persona.id);
    expect(guest.emails).toEqual(['g.mensah@northmoorfood.example']);
    expect(await db.count('people')).toBe(1);
    // And the other way round: a name alone finds the person known with an address.
    const tile = await rememberPerson(db, { displayName: 'Grace Mensah (Guest)', organisationId: food.id });
    expect(tile.id).toBe(persona.id);
    expect(await db.count('people')).toBe(1);
  });

  it('never re-labels a known person from a known name with an address they are not known by', async () => {
    const gareth = await rememberPerson(db, {
      displayName: 'Gareth Price',
      email: 'gareth@council.example',
      organisationId: council.id,
    });
    // A page lists "Gareth Price" with someone else's address (a namesake, or a forgery).
    const forged = await rememberPerson(db, {
      displayName: 'Gareth Price',
      email: 'gareth.price@attacker.example',
      organisationId: council.id,
    });
    expect(forged.id).not.toBe(gareth.id);
    const stored = await db.get('people', gareth.id);
    expect(stored?.emails).toEqual(['gareth@council.example']);
    expect(stored?.updatedAt).toBe(gareth.updatedAt);
    expect((await findPersonByEmail(db, 'gareth.price@attacker.example'))?.id).toBe(forged.id);
    expect((await findPersonByEmail(db, 'gareth@council.example'))?.id).toBe(gareth.id);
  });

  it('keeps namesakes in different organisations apart', async () => {
    const a = await rememberPerson(db, { displayName: 'Alex Smith', organisationId: food.id });
    const b = await rememberPerson(db, { displayName: 'Alex Smith', organisationId: council.id });
    expect(a.id).not.toBe(b.id);
    expect((await findPeopleByName(db, 'Alex Smith')).map((person) => person.organisationId).sort()).toEqual(
      [council.id, food.id].sort(),
    );
  });

  it('remembers the domain on the organisation, except public mail providers', async () => {
    const changes: Change[] = [];
    const stop = onChange((change) => changes.push(change));
    const person = await rememberPerson(db, {
      displayName: 'Tomasz',
      email: 'tomasz@northmoorfood.example',
      organisationId: food.id,
    });
    await rememberPerson(db, { displayName: 'Bethany', email: 'bethany@gmail.com', organisationId: food.id });
    stop();
    const stored = (await listOrganisations(db)).find((organisation) => organisation.id === food.id)!;
    expect(stored.emailDomains).toEqual(['northmoorfood.example']);
    expect(stored.createdAt).toBe(food.createdAt);
    expect(stored.updatedAt).toBeGreaterThan(food.updatedAt);
    expect(changes).toEqual([
      { store: 'people', ids: [person.id] },
      { store: 'organisations', ids: [food.id] },
      { store: 'people', ids: [expect.any(String)] },
    ]);
  });

  it('refuses someone with neither a name nor an address', async () => {
    await expect(rememberPerson(db, { displayName: ' (Guest) ', organisationId: food.id })).rejects.toThrow(RangeError);
    expect(await db.count('people')).toBe(0);
  });

  it('moves a person to the organisation the lead now chose', async () => {
    const person = await rememberPerson(db, {
      displayName: 'Rachel Dunn',
      email: 'rachel@council.example',
      organisationId: council.id,
    });
    const moved = await rememberPerson(db, {
      displayName: 'Rachel Dunn',
      email: 'rachel@council.example',
      organisationId: food.id,
    });
    expect(moved.id).toBe(person.id);
    expect(moved.organisationId).toBe(food.id);
  });
});

describe('people lookups', () => {
  it('finds people by any decorated form of a name, and by address', async () => {
    const saved = await savePerson(db, {
      displayNames: ['Siobhán Kelly', 'Siobhán Kelly (Guest)'],
      emails: ['Siobhan@Eastside.example'],
      organisationId: food.id,
    });
    expect(saved.aliases).toEqual(['siobhán kelly']);
    expect(saved.emails).toEqual(['siobhan@eastside.example']);
    expect((await findPeopleByName(db, 'SIOBHÁN KELLY Presenting')).map((p) => p.id)).toEqual([saved.id]);
    expect((await findPersonByEmail(db, 'siobhan@EASTSIDE.example'))?.id).toBe(saved.id);
    expect(await findPersonByEmail(db, 'nobody@eastside.example')).toBeUndefined();
  });

  it('leaves deleted people out', async () => {
    await savePerson(db, { displayNames: ['Gone'], emails: ['gone@x.example'], deletedAt: 1 });
    expect(await findPeopleByName(db, 'Gone')).toEqual([]);
    expect(await findPersonByEmail(db, 'gone@x.example')).toBeUndefined();
    expect(await listPeople(db)).toEqual([]);
  });
});
