import { describe, expect, it } from 'vitest';
import type { Attendee, Organisation, Person } from '../../../../utils/db/records';
import { mergeLiveAttendees, type MeetingFormValues } from '../../../../utils/meeting/form/form';
import {
  assignFirst,
  firstListed,
  keysOfRows,
  mergeSamePeople,
  resolveFormAttendees,
  forgetRow,
  rowKeys,
  samePersonOffers,
  type RowKeyMemory,
} from '../../../../utils/meeting/form/attendees';
import { organisation, person } from '../../../factories';
import { call, held, minute, plan, start } from './builders';

/**
 * Issue 13: a row's key stays with it when a row known by name alone gets an address (merged with
 * its calendar guest, or shown by the call later), so the "unassigned first" order does not jump
 * and the organisation the lead typed in stays on the row.
 */

const organisations: Organisation[] = [
  organisation({ id: 'o-age', name: 'Age UK Northmoor', emailDomains: ['ageuk.example'] }),
  organisation({ id: 'o-bank', name: 'Food Bank', emailDomains: ['foodbank.example'] }),
];
const amira = person({ id: 'p-amira', displayNames: ['Amira Haddad'], emails: [], organisationId: 'o-age' });
const grace = person({
  id: 'p-grace',
  displayNames: ['Grace Mensah'],
  emails: ['gm42@ageuk.example'],
  organisationId: 'o-age',
});

const seen = (name: string, email?: string) => ({
  name,
  ...(email ? { email } : {}),
  firstSeenAt: start,
  lastSeenAt: start + 50 * minute,
  present: true,
});

/** The panel's listing, as MeetingEditor keeps it from one render to the next. */
function lister() {
  let memory: RowKeyMemory = [];
  let listedFirst = new Map<string, boolean>();
  return (form: MeetingFormValues, people: Person[]) => {
    const rows: Attendee[] = resolveFormAttendees(form.attendees, people, organisations).filter(
      (_, index) => !form.attendees[index]!.invited || form.attendees[index]!.firstSeenAt !== undefined,
    );
    const listing = rowKeys(rows, memory);
    memory = listing.memory;
    listedFirst = firstListed(rows, listedFirst, listing.keys);
    const listed = assignFirst(rows, listedFirst, listing.keys);
    return listed.map((a) => ({
      name: a.displayName,
      email: a.email,
      organisationId: a.organisationId,
      key: listing.keys[rows.indexOf(a)],
    }));
  };
}

/** The lead types an organisation into the row of this name. */
const assignByHand = (form: MeetingFormValues, name: string, organisationId: string): MeetingFormValues => ({
  ...form,
  attendees: form.attendees.map((a) => (a.name === name ? { ...a, organisationId } : a)),
});

describe('a row keeps its key, place and typed-in organisation when its address arrives', () => {
  it('merged with its calendar guest once the person is remembered', () => {
    const list = lister();
    // The plan's guest is an address alone; the call shows Grace by name on a tile.
    let form = mergeLiveAttendees(
      held(plan([{ email: 'gm42@ageuk.example' }])),
      call([seen('Amira Haddad'), seen('Grace Mensah'), seen('Kwame Asante')]),
    );
    form = mergeSamePeople(form, [amira]);
    const first = list(form, [amira]);
    expect(first.map((r) => r.name)).toEqual(['Grace Mensah', 'Kwame Asante', 'Amira Haddad']);

    // The lead types in Grace's organisation: her row stays where it was.
    form = assignByHand(form, 'Grace Mensah', 'o-bank');
    const assigned = list(form, [amira]);
    expect(assigned.map((r) => r.name)).toEqual(['Grace Mensah', 'Kwame Asante', 'Amira Haddad']);

    // Grace is remembered with the guest's address: the tile and the guest are one row, with the address.
    form = mergeSamePeople(form, [amira, grace]);
    expect(form.attendees.find((a) => a.name === 'Grace Mensah')?.email).toBe('gm42@ageuk.example');
    const merged = list(form, [amira, grace]);
    expect(merged.map((r) => r.name)).toEqual(['Grace Mensah', 'Kwame Asante', 'Amira Haddad']);
    expect(merged[0]).toEqual({
      name: 'Grace Mensah',
      email: 'gm42@ageuk.example',
      // What the lead typed in, not the remembered person's organisation.
      organisationId: 'o-bank',
      key: first[0]!.key,
    });
    expect(merged.map((r) => r.key)).toEqual(first.map((r) => r.key));
  });

  it('shown by the call later (the People panel opened after the tiles)', () => {
    const list = lister();
    const tiles = call([seen('Amira Haddad'), seen('Grace Mensah'), seen('Kwame Asante')]);
    let form = assignByHand(mergeLiveAttendees(held(plan([])), tiles), 'Grace Mensah', 'o-bank');
    // Listed unassigned, then assigned by hand: the first listing is before the lead's typing.
    const before = list(mergeLiveAttendees(held(plan([])), tiles), [amira]);
    list(form, [amira]);
    form = mergeLiveAttendees(
      form,
      call([seen('Amira Haddad'), seen('Grace Mensah', 'grace@foodbank.example'), seen('Kwame Asante')]),
    );
    const after = list(form, [amira]);
    expect(after.map((r) => [r.name, r.email, r.organisationId])).toEqual([
      ['Grace Mensah', 'grace@foodbank.example', 'o-bank'],
      ['Kwame Asante', undefined, undefined],
      ['Amira Haddad', undefined, 'o-age'],
    ]);
    expect(after.map((r) => r.key)).toEqual(before.map((r) => r.key));
  });
});

describe('rowKeys', () => {
  it('keeps every key unique: a new name-only row of a name whose key another row carries gets its own', () => {
    const one = rowKeys([{ displayName: 'Alex Smith' }, { displayName: 'Tom Reid' }], []);
    const merged = rowKeys(
      [{ displayName: 'Alex Smith', email: 'a@x.example' }, { displayName: 'Tom Reid' }],
      one.memory,
    );
    expect(merged.keys).toEqual(one.keys);
    // Another Alex Smith joins by name alone: the key keysOfRows would give him is taken.
    const rows = [
      { displayName: 'Alex Smith', email: 'a@x.example' },
      { displayName: 'Tom Reid' },
      { displayName: 'Alex Smith' },
    ];
    const joined = rowKeys(rows, merged.memory);
    expect(joined.keys.slice(0, 2)).toEqual(one.keys);
    expect(new Set(joined.keys).size).toBe(3);
    // And the next listing of the same rows gives the same keys.
    expect(rowKeys(rows, joined.memory).keys).toEqual(joined.keys);
  });

  it('gives a row with an address that is new beside the name-only row of its name (a namesake) a key of its own', () => {
    const one = rowKeys([{ displayName: 'Alex Smith' }], []);
    const two = rowKeys(
      [{ displayName: 'Alex Smith' }, { displayName: 'Alex Smith', email: 'a@x.example' }],
      one.memory,
    );
    expect(two.keys[0]).toBe(one.keys[0]);
    expect(two.keys[1]).not.toBe(one.keys[0]);
  });

  it('keeps namesakes told apart by address on their own keys when one is removed', () => {
    const rows = [
      { displayName: 'Alex Smith', email: 'a@x.example' },
      { displayName: 'Alex Smith', email: 'b@x.example' },
    ];
    const one = rowKeys(rows, []);
    expect(rowKeys([rows[1]!], one.memory).keys).toEqual([one.keys[1]]);
  });

  it('gives a first listing the keys keysOfRows gives', () => {
    const rows = [{ displayName: 'Alex Smith' }, { displayName: 'Alex Smith', email: 'a@x.example' }];
    expect(rowKeys(rows, []).keys).toEqual(keysOfRows(rows));
  });
});

/**
 * The known limit left last session: of two name-only rows of one name, the first getting an address
 * gave the second the first's key (and the first the second's), so the organisation being typed into
 * one went to the other, and each took the other's place in "unassigned first".
 */
describe('rows of one name keep their own keys, in every order of events', () => {
  type Row = { displayName: string; email?: string };
  const alex = (email?: string): Row => ({ displayName: 'Alex Smith', ...(email ? { email } : {}) });

  /** Each listing's keys, the rows listed one after the other as the panel does from one render to the next. */
  function listKeys<T extends Row[][]>(...listings: T): { [K in keyof T]: string[] } {
    let memory: RowKeyMemory = [];
    return listings.map((rows) => {
      const listing = rowKeys(rows, memory);
      memory = listing.memory;
      expect(new Set(listing.keys).size).toBe(rows.length);
      return listing.keys;
    }) as { [K in keyof T]: string[] };
  }

  it('the first of two getting an address: neither takes the other’s key', () => {
    const [before, after] = listKeys([alex(), alex()], [alex('a@x.example'), alex()]);
    expect(after).toEqual(before);
  });

  it('the second of two getting an address', () => {
    const [before, after] = listKeys([alex(), alex()], [alex(), alex('b@x.example')]);
    expect(after).toEqual(before);
  });

  it('both getting addresses, at once or one after the other, in either order', () => {
    const both = [alex('a@x.example'), alex('b@x.example')];
    const [first, atOnce] = listKeys([alex(), alex()], both);
    expect(atOnce).toEqual(first);
    const firstThenSecond = listKeys([alex(), alex()], [alex('a@x.example'), alex()], both);
    expect(firstThenSecond[1]).toEqual(firstThenSecond[0]);
    expect(firstThenSecond[2]).toEqual(firstThenSecond[0]);
    const secondThenFirst = listKeys([alex(), alex()], [alex(), alex('b@x.example')], both);
    expect(secondThenFirst[1]).toEqual(secondThenFirst[0]);
    expect(secondThenFirst[2]).toEqual(secondThenFirst[0]);
  });

  it('a third of the name joining, by name alone or with an address, as another gets one', () => {
    const [two, three, addressed] = listKeys(
      [alex(), alex()],
      [alex(), alex(), alex()],
      [alex('a@x.example'), alex(), alex()],
    );
    expect(three.slice(0, 2)).toEqual(two);
    expect(addressed).toEqual(three);
    const [pair, joined] = listKeys([alex(), alex()], [alex('a@x.example'), alex(), alex('c@x.example')]);
    expect(joined.slice(0, 2)).toEqual(pair);
    expect(pair).not.toContain(joined[2]);
  });

  it('a row of the name newly listed before them (a guest first seen now) takes neither key', () => {
    // The form keeps its rows' order: a guest of the plan shows up where the plan listed it.
    const [before, after] = listKeys([alex(), alex()], [alex('g@x.example'), alex(), alex()]);
    expect(after.slice(1)).toEqual(before);
    expect(before).not.toContain(after[0]);
  });

  it('attacker: 200 rows of one name, addresses arriving in any order, then 200 more joining', () => {
    const names = Array.from({ length: 200 }, () => alex());
    const some = names.map((row, i) => (i % 3 === 1 ? alex(`p${i}@x.example`) : row));
    const all = names.map((_, i) => alex(`p${i}@x.example`));
    const more = [...all, ...Array.from({ length: 200 }, () => alex())];
    const [first, second, third, fourth] = listKeys(names, some, all, more);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(fourth.slice(0, 200)).toEqual(first);
    expect(new Set(fourth).size).toBe(400);
  });

  it('attacker: 300 rows of one name changing at both ends at once (past the full alignment) keep their keys', () => {
    const names = Array.from({ length: 300 }, () => alex());
    const ends = names.map((row, i) => (i === 0 || i === 299 ? alex(`e${i}@x.example`) : row));
    const [before, after] = listKeys(names, ends);
    expect(after).toEqual(before);
  });

  it('the lead removing one of two (forgetRow): the other keeps its key, and then its address arrives', () => {
    for (const removed of [0, 1]) {
      const one = rowKeys([alex(), alex()]);
      const kept = one.keys[1 - removed]!;
      const after = rowKeys([alex()], forgetRow(one.memory, one.keys[removed]));
      expect(after.keys).toEqual([kept]);
      expect(rowKeys([alex('a@x.example')], after.memory).keys).toEqual([kept]);
    }
  });

  it('attacker: names differing only by case, spacing or Unicode form are rows of their own, each keeping its key', () => {
    const variants = ['Alex Smith', 'alex smith', 'Alex  Smith', 'Zo\u00eb Ng', 'Zoe\u0308 Ng'];
    const rows = variants.map((displayName) => ({ displayName }));
    const addressed = rows.map((row, i) => (i === 1 || i === 3 ? { ...row, email: `v${i}@x.example` } : row));
    const [before, after] = listKeys(rows, addressed);
    expect(after).toEqual(before);
  });
});

describe('the panel’s rows through the call, two people of one name', () => {
  // A meeting logged earlier in this call (formFromMeeting): two Alex Smiths seen by name alone.
  const loggedEarlier = (): MeetingFormValues => ({
    ...held(plan([])),
    attendees: [
      { name: 'Alex Smith', firstSeenAt: start, lastSeenAt: start + 5 * minute, fromCall: true },
      { name: 'Alex Smith', firstSeenAt: start, lastSeenAt: start + 5 * minute, fromCall: true },
      { name: 'Tom Reid', firstSeenAt: start, lastSeenAt: start + 5 * minute, fromCall: true },
    ],
  });

  it('the lead assigns each; the first one’s address arrives, then one leaves the call: each row keeps its key and organisation', () => {
    const list = lister();
    let form = loggedEarlier();
    const first = list(form, []);
    form = {
      ...form,
      attendees: form.attendees.map((a, i) => (i < 2 ? { ...a, organisationId: ['o-age', 'o-bank'][i] } : a)),
    };
    list(form, []);
    form = mergeLiveAttendees(form, call([seen('Alex Smith', 'alex@ageuk.example'), seen('Tom Reid')]));
    const addressed = list(form, []);
    expect(addressed.map((r) => [r.email, r.organisationId, r.key])).toEqual([
      ['alex@ageuk.example', 'o-age', first[0]!.key],
      [undefined, 'o-bank', first[1]!.key],
      [undefined, undefined, first[2]!.key],
    ]);
    // The Alex with the address leaves: nobody of the name is on the call any more; nothing moves.
    form = mergeLiveAttendees(form, call([seen('Tom Reid')]));
    expect(list(form, []).map((r) => r.key)).toEqual(addressed.map((r) => r.key));
  });

  it('attacker: the call shows one of two rows of the name as the reader spells it: that row gets the address', () => {
    // The reader keeps "(she/her)" and tells case apart from nothing but the name it shows; the form
    // groups these names as one (normaliseName). Listed first on the page, the address is still theirs.
    for (const [other, shown] of [
      ['Alex Smith (she/her)', 'Alex Smith (she/her)'],
      ['ALEX SMITH', 'ALEX SMITH'],
    ] as const) {
      const form: MeetingFormValues = {
        ...held(plan([])),
        attendees: [
          { name: 'Alex Smith', organisationId: 'o-age', firstSeenAt: start, lastSeenAt: start, fromCall: true },
          { name: other, organisationId: 'o-bank', firstSeenAt: start, lastSeenAt: start, fromCall: true },
        ],
      };
      const later = mergeLiveAttendees(form, call([seen(shown, 'x@x.example'), seen('Alex Smith')]));
      expect(later.attendees.map((a) => [a.name, a.email, a.organisationId])).toEqual([
        ['Alex Smith', undefined, 'o-age'],
        [other, 'x@x.example', 'o-bank'],
      ]);
    }
  });

  it('attacker: two people of one name both seen on the call stay two rows when the one the lead assigned gets an address', () => {
    // Assigning the first Alex remembers "Alex Smith" with no address (rememberPerson): an address then
    // fits the name, but the other Alex was seen on the call as a row of their own, not as the same person.
    const remembered = person({ id: 'p-alex', displayNames: ['Alex Smith'], emails: [], organisationId: 'o-age' });
    const list = lister();
    let form = loggedEarlier();
    const first = list(form, []);
    form = { ...form, attendees: form.attendees.map((a, i) => (i === 0 ? { ...a, organisationId: 'o-age' } : a)) };
    form = mergeSamePeople(mergeLiveAttendees(form, call([seen('Alex Smith', 'alex@ageuk.example')]), [remembered]), [
      remembered,
    ]);
    expect(form.attendees.map((a) => [a.name, a.email, a.organisationId])).toEqual([
      ['Alex Smith', 'alex@ageuk.example', 'o-age'],
      ['Alex Smith', undefined, undefined],
      ['Tom Reid', undefined, undefined],
    ]);
    expect(list(form, [remembered]).map((r) => r.key)).toEqual(first.map((r) => r.key));
    // Never merged by itself; the lead may still say they are one, in one click.
    expect(samePersonOffers(form, [remembered])).toEqual([
      { guest: 'Alex Smith', joined: 'Alex Smith', email: 'alex@ageuk.example' },
    ]);
  });
});
