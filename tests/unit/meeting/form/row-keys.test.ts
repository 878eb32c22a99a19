import { describe, expect, it } from 'vitest';
import type { Attendee, Organisation, Person } from '../../../../utils/db/records';
import { mergeLiveAttendees, type MeetingFormValues } from '../../../../utils/meeting/form/form';
import {
  assignFirst,
  firstListed,
  keysOfRows,
  mergeSamePeople,
  resolveFormAttendees,
  rowKeys,
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
  let memory: RowKeyMemory = new Map();
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
    const one = rowKeys([{ displayName: 'Alex Smith' }, { displayName: 'Tom Reid' }], new Map());
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
    const one = rowKeys([{ displayName: 'Alex Smith' }], new Map());
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
    const one = rowKeys(rows, new Map());
    expect(rowKeys([rows[1]!], one.memory).keys).toEqual([one.keys[1]]);
  });

  it('gives a first listing the keys keysOfRows gives', () => {
    const rows = [{ displayName: 'Alex Smith' }, { displayName: 'Alex Smith', email: 'a@x.example' }];
    expect(rowKeys(rows, new Map()).keys).toEqual(keysOfRows(rows));
  });
});
