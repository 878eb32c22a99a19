import { signal } from '@preact/signals';
import { afterEach, describe, expect, it } from 'vitest';
import type { Membership, Organisation } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { listMemberships } from '../../../utils/db/memberships';
import { listOrganisations } from '../../../utils/db/organisations';
import { MemberTableModel } from '../../../utils/manage/member-model';
import { membership, organisation, partnership, putAll } from '../../factories';
import { freshDb } from '../db/helpers';

const models: Array<{ [Symbol.dispose](): void }> = [];
afterEach(() => models.splice(0).forEach((model) => model[Symbol.dispose]()));

/** The records a page holds, read again by `reload` (as RecordsModel does on a change). */
async function setUp() {
  const db = await freshDb();
  await putAll(db, {
    partnerships: [partnership({ id: 'p1' })],
    organisations: [
      organisation({ id: 'o1', name: 'Riverside', emailDomains: ['rfb.example'] }),
      organisation({ id: 'o2', name: 'Eastside' }),
    ],
    memberships: [
      membership({ partnershipId: 'p1', organisationId: 'o1', partnerType: 'lead', joinedOn: '2025-03-01' }),
    ],
  });
  const records = { memberships: signal<Membership[]>([]), organisations: signal<Organisation[]>([]) };
  const reload = async () => {
    records.memberships.value = await listMemberships(db, 'p1');
    records.organisations.value = await listOrganisations(db);
  };
  await reload();
  const model = new MemberTableModel(db as PulseDatabase, records, 'p1');
  models.push(model);
  return { db, model, reload };
}

describe('the member table’s model', () => {
  it('starts with the members’ rows, the addable organisations and a blank add form', async () => {
    const { model } = await setUp();
    expect(model.rows.value).toHaveLength(1);
    expect(model.rows.value[0]).toMatchObject({ joinedOn: '2025-03-01', leftOn: '', domains: 'rfb.example' });
    expect(model.candidates.value.map((o) => o.id)).toEqual(['o2']);
    expect(model.adding.value).toMatchObject({ organisationId: '', name: '', partnerType: 'core' });
    expect(model.addError.value).toBeUndefined();
  });

  it('stores a row’s type, days and domains as they are typed', async () => {
    const { db, model, reload } = await setUp();
    const id = model.rows.value[0]!.membership.id;
    await model.setPartnerType(id, 'core');
    await reload();
    await model.setDay('leftOn', id, '2026-09-30');
    await reload();
    await model.setDay('joinedOn', id, '2025-04-01');
    await model.setDomains(id, 'rfb.example; Riverside.example');
    const [stored] = await listMemberships(db, 'p1');
    expect(stored).toMatchObject({ partnerType: 'core', joinedOn: '2025-04-01', leftOn: '2026-09-30' });
    expect((await listOrganisations(db)).find((o) => o.id === 'o1')!.emailDomains).toEqual([
      'rfb.example',
      'riverside.example',
    ]);
    await reload();
    expect(model.rows.value[0]!.domains).toBe('rfb.example; Riverside.example');
    await model.setDay('leftOn', id, '');
    expect((await listMemberships(db, 'p1'))[0]!.leftOn).toBeUndefined();
  });

  it('a left day before the joined day is said at the field and stores nothing (it was an unhandled error)', async () => {
    const { db, model } = await setUp();
    const id = model.rows.value[0]!.membership.id;
    await model.setDay('leftOn', id, '2025-02-01');
    expect(model.rows.value[0]).toMatchObject({ leftOn: '2025-02-01', leftError: 'leftBeforeJoined' });
    expect((await listMemberships(db, 'p1'))[0]!.leftOn).toBeUndefined();
    await model.setDay('leftOn', id, '2025-03-02');
    expect(model.rows.value[0]!.leftError).toBeUndefined();
  });

  it('a joined day after the left day is said at the field and stores nothing', async () => {
    const { db, model, reload } = await setUp();
    const id = model.rows.value[0]!.membership.id;
    await model.setDay('leftOn', id, '2025-06-01');
    await reload();
    await model.setDay('joinedOn', id, '2025-07-01');
    expect(model.rows.value[0]).toMatchObject({ joinedOn: '2025-07-01', joinedError: 'leftBeforeJoined' });
    expect((await listMemberships(db, 'p1'))[0]!.joinedOn).toBe('2025-03-01');
  });

  it('keeps a day whose year is still being typed as typed, stores nothing until it is a calendar day', async () => {
    const { db, model, reload } = await setUp();
    const id = model.rows.value[0]!.membership.id;
    // An <input type=date> gives the year as typed so far: 0002, 0020, 0202, then 2026.
    for (const year of ['0002', '0020']) {
      await model.setDay('joinedOn', id, `${year}-04-01`);
      expect(model.rows.value[0]).toMatchObject({ joinedOn: `${year}-04-01` });
      expect(model.rows.value[0]!.joinedError).toBeUndefined();
      expect((await listMemberships(db, 'p1'))[0]!.joinedOn).toBe('2025-03-01');
    }
    await model.setDay('joinedOn', id, '2026-04-01');
    await reload();
    expect(model.rows.value[0]!.joinedOn).toBe('2026-04-01');
    expect((await listMemberships(db, 'p1'))[0]!.joinedOn).toBe('2026-04-01');
  });

  it('attacker: adds no member on a joined day off the calendar, says so, keeps what was typed', async () => {
    const { db, model } = await setUp();
    model.setAdding({ name: 'Eastside Tenants', joinedOn: '2025-13-45' });
    expect(await model.add()).toBe(false);
    expect(model.addError.value).toBe('invalidDay');
    expect(model.adding.value).toMatchObject({ name: 'Eastside Tenants', joinedOn: '2025-13-45' });
    expect(await listOrganisations(db)).toHaveLength(2);
    expect(await listMemberships(db, 'p1')).toHaveLength(1);
    model.setAdding({ joinedOn: '2025-12-31' });
    expect(model.addError.value).toBeUndefined();
  });

  it('an add without a name fails, keeps what was typed and stores nothing; the error follows the typing', async () => {
    const { db, model } = await setUp();
    model.setAdding({ domains: 'east.example', partnerType: 'wider' });
    expect(await model.add()).toBe(false);
    expect(model.addError.value).toBe('required');
    expect(model.adding.value).toMatchObject({ domains: 'east.example', partnerType: 'wider' });
    expect(await listOrganisations(db)).toHaveLength(2);
    model.setAdding({ name: 'Eastside Tenants' });
    expect(model.addError.value).toBeUndefined();
  });

  it('a name over the database’s limit is said, the text kept, nothing stored', async () => {
    const { db, model } = await setUp();
    model.setAdding({ name: 'x'.repeat(501) });
    expect(await model.add()).toBe(false);
    const error = model.addError.value;
    expect(typeof error === 'object' && error.tooLarge).toMatch(/\S/);
    expect(model.adding.value.name).toHaveLength(501);
    expect(await listOrganisations(db)).toHaveLength(2);
    expect(await listMemberships(db, 'p1')).toHaveLength(1);
  });

  it('adds a new organisation or an existing one, then blanks the form on the same day', async () => {
    const { db, model, reload } = await setUp();
    model.setAdding({ name: ' Northside ', domains: 'north.example', partnerType: 'lead', joinedOn: '2025-05-05' });
    expect(await model.add()).toBe(true);
    expect(model.adding.value).toEqual({
      organisationId: '',
      name: '',
      domains: '',
      partnerType: 'core',
      joinedOn: '2025-05-05',
    });
    model.setAdding({ organisationId: 'o2', partnerType: 'wider' });
    expect(await model.add()).toBe(true);
    await reload();
    const north = (await listOrganisations(db)).find((o) => o.name === 'Northside')!;
    expect(north.emailDomains).toEqual(['north.example']);
    expect(model.rows.value.map((row) => [row.organisation.name, row.membership.partnerType])).toEqual([
      ['Riverside', 'lead'],
      ['Northside', 'lead'],
      ['Eastside', 'wider'],
    ]);
    expect(model.candidates.value).toEqual([]);
  });
});
