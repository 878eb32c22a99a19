import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onChange, type Change } from '../../../utils/db/changes';
import { deleteDraft, getDraft, putDraft } from '../../../utils/db/drafts';
import { listMemberships, listMembershipsOfOrganisation, saveMembership } from '../../../utils/db/memberships';
import { findOrganisationByDomain, listOrganisations, saveOrganisation } from '../../../utils/db/organisations';
import { getPartnership, listPartnerships, savePartnership } from '../../../utils/db/partnerships';
import { addPurposeTag, listPurposeTags } from '../../../utils/db/purpose-tags';
import { DEFAULT_CADENCE, type Stamped } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { stamp } from '../../../utils/db/stamp';
import { BUILT_IN_PURPOSES } from '../../../utils/db/built-in-purposes';
import { freshDb } from './helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let db: PulseDatabase;
let changes: Change[];
let stopListening: () => void;

beforeEach(async () => {
  db = await freshDb('repos');
  changes = [];
  stopListening = onChange((change) => changes.push(change));
});

afterEach(() => {
  stopListening();
  vi.useRealTimers();
});

describe('stamp', () => {
  it('creates with a UUID and equal timestamps', () => {
    const record = stamp<{ id: string; createdAt: number; updatedAt: number; name: string }>(
      { name: 'x' },
      undefined,
      1000,
    );
    expect(record).toEqual({ id: expect.stringMatching(UUID), name: 'x', createdAt: 1000, updatedAt: 1000 });
  });

  it('updates keeping id and createdAt, always moving updatedAt forward', () => {
    const existing = { id: 'a', createdAt: 10, updatedAt: 500, name: 'old' };
    expect(stamp({ id: 'a', name: 'new' }, existing, 2000)).toEqual({
      id: 'a',
      createdAt: 10,
      updatedAt: 2000,
      name: 'new',
    });
    // Same millisecond (or a clock behind): still newer than before.
    expect(stamp({ id: 'a', name: 'new' }, existing, 500).updatedAt).toBe(501);
  });

  it('keeps the tombstone and the demo mark unless the input sets them', () => {
    const existing: Stamped & { name: string } = {
      id: 'a',
      createdAt: 1,
      updatedAt: 1,
      deletedAt: 5,
      demo: true,
      name: 'x',
    };
    expect(stamp({ name: 'y' }, existing, 9)).toMatchObject({ deletedAt: 5, demo: true });
    expect(stamp({ name: 'y', deletedAt: undefined }, existing, 9).deletedAt).toBeUndefined();
  });
});

describe('partnerships', () => {
  it('creates, then updates in place', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_000 });
    const created = await savePartnership(db, {
      name: ' Food Justice ',
      startDate: '2025-01-01',
      cadence: DEFAULT_CADENCE,
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(UUID),
      name: 'Food Justice',
      createdAt: 1_000,
      updatedAt: 1_000,
    });
    expect(changes).toEqual([{ store: 'partnerships', ids: [created.id] }]);

    vi.setSystemTime(5_000);
    const updated = await savePartnership(db, { ...created, name: 'Food Justice Network' });
    expect(updated).toMatchObject({ id: created.id, name: 'Food Justice Network', createdAt: 1_000, updatedAt: 5_000 });
    expect(await getPartnership(db, created.id)).toEqual(updated);
    expect(await listPartnerships(db)).toHaveLength(1);
    expect(changes).toHaveLength(2);
  });

  it('lists by name and leaves tombstoned ones out unless asked', async () => {
    await savePartnership(db, { name: 'Zeta', startDate: '2025-01-01', cadence: DEFAULT_CADENCE });
    await savePartnership(db, { name: 'Alpha', startDate: '2025-01-01', cadence: DEFAULT_CADENCE });
    const gone = await savePartnership(db, {
      name: 'Gone',
      startDate: '2025-01-01',
      cadence: DEFAULT_CADENCE,
      deletedAt: 1,
    });
    expect((await listPartnerships(db)).map((p) => p.name)).toEqual(['Alpha', 'Zeta']);
    expect((await listPartnerships(db, { includeDeleted: true })).map((p) => p.name)).toEqual([
      'Alpha',
      'Gone',
      'Zeta',
    ]);
    expect(await getPartnership(db, gone.id)).toBeUndefined();
  });
});

describe('organisations', () => {
  it('stores domains lower-case, once, without @', async () => {
    const saved = await saveOrganisation(db, {
      name: 'Age UK',
      emailDomains: ['@AgeUK.example', 'ageuk.example', ' '],
    });
    expect(saved.emailDomains).toEqual(['ageuk.example']);
    expect((await listOrganisations(db)).map((o) => o.name)).toEqual(['Age UK']);
  });

  it('finds the organisation of a domain, but not when two claim it', async () => {
    const ageuk = await saveOrganisation(db, { name: 'Age UK', emailDomains: ['ageuk.example'] });
    await saveOrganisation(db, { name: 'Trust A', emailDomains: ['nhs.example'] });
    await saveOrganisation(db, { name: 'Trust B', emailDomains: ['nhs.example'] });
    expect((await findOrganisationByDomain(db, 'AgeUK.example'))?.id).toBe(ageuk.id);
    expect(await findOrganisationByDomain(db, 'nhs.example')).toBeUndefined();
    expect(await findOrganisationByDomain(db, 'unknown.example')).toBeUndefined();
  });
});

describe('memberships', () => {
  it("lists one partnership's members, lead first, past members included", async () => {
    const [a, b, c] = await Promise.all(
      ['A', 'B', 'C'].map((name) => saveOrganisation(db, { name, emailDomains: [] })),
    );
    await saveMembership(db, {
      partnershipId: 'p',
      organisationId: c!.id,
      partnerType: 'wider',
      joinedOn: '2025-01-01',
    });
    await saveMembership(db, {
      partnershipId: 'p',
      organisationId: b!.id,
      partnerType: 'core',
      joinedOn: '2025-01-01',
      leftOn: '2025-06-01',
    });
    await saveMembership(db, {
      partnershipId: 'p',
      organisationId: a!.id,
      partnerType: 'lead',
      joinedOn: '2025-01-01',
    });
    await saveMembership(db, {
      partnershipId: 'other',
      organisationId: a!.id,
      partnerType: 'core',
      joinedOn: '2025-01-01',
    });
    expect((await listMemberships(db, 'p')).map((m) => [m.partnerType, m.organisationId])).toEqual([
      ['lead', a!.id],
      ['core', b!.id],
      ['wider', c!.id],
    ]);
    expect((await listMembershipsOfOrganisation(db, a!.id)).map((m) => m.partnershipId).sort()).toEqual(['other', 'p']);
  });

  it('refuses a membership that ends before it starts', async () => {
    await expect(
      saveMembership(db, {
        partnershipId: 'p',
        organisationId: 'o',
        partnerType: 'core',
        joinedOn: '2025-05-01',
        leftOn: '2025-04-01',
      }),
    ).rejects.toThrow(RangeError);
    expect(await db.count('memberships')).toBe(0);
  });

  it('clears a leave date when the update no longer has one', async () => {
    const left = await saveMembership(db, {
      partnershipId: 'p',
      organisationId: 'o',
      partnerType: 'core',
      joinedOn: '2025-01-01',
      leftOn: '2025-04-01',
    });
    const { leftOn: _, ...rejoined } = left;
    expect((await saveMembership(db, rejoined)).leftOn).toBeUndefined();
  });
});

describe('purpose tags', () => {
  it("lists the built-in tags in the brief's order, then the user's own by label", async () => {
    await addPurposeTag(db, 'Winter pressures');
    await addPurposeTag(db, 'Advocacy');
    const tags = await listPurposeTags(db);
    expect(tags.map((tag) => tag.builtIn ?? tag.label)).toEqual([
      ...BUILT_IN_PURPOSES.map(({ key }) => key),
      'Advocacy',
      'Winter pressures',
    ]);
  });

  it('returns the existing tag instead of a twin', async () => {
    const first = await addPurposeTag(db, 'Winter  pressures ');
    expect(first.label).toBe('Winter pressures');
    expect((await addPurposeTag(db, 'winter pressures')).id).toBe(first.id);
    expect((await addPurposeTag(db, 'Project delivery')).builtIn).toBe('delivery');
    expect(await db.count('purposeTags')).toBe(10);
    await expect(addPurposeTag(db, '   ')).rejects.toThrow(RangeError);
  });
});

describe('drafts', () => {
  it('puts, gets and deletes a draft, announcing each write', async () => {
    expect(await getDraft(db, 'meeting:new')).toBeUndefined();
    const draft = await putDraft(db, 'meeting:new', { title: 'Core' });
    expect(await getDraft<{ title: string }>(db, 'meeting:new')).toEqual(draft);
    expect(draft.value.title).toBe('Core');
    await putDraft(db, 'meeting:new', { title: 'Core partners' });
    expect((await getDraft<{ title: string }>(db, 'meeting:new'))?.value).toEqual({ title: 'Core partners' });
    await deleteDraft(db, 'meeting:new');
    expect(await getDraft(db, 'meeting:new')).toBeUndefined();
    expect(changes).toEqual([
      { store: 'drafts', ids: ['meeting:new'] },
      { store: 'drafts', ids: ['meeting:new'] },
      { store: 'drafts', ids: ['meeting:new'] },
    ]);
  });
});
