import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyImport } from '../../../../utils/your-data/bundle/apply';
import { parseBundle } from '../../../../utils/your-data/bundle/read';
import { planImport } from '../../../../utils/your-data/bundle/plan';
import { ImportRejected } from '../../../../utils/your-data/bundle/problems';
import { rebuildSummary } from '../../../../utils/your-data/bundle/summaries';
import { onChange, type Change } from '../../../../utils/db/changes';
import { databaseDigest } from '../../../../utils/db/digest';
import { deleteMeeting, saveMeeting } from '../../../../utils/db/meetings';
import { saveMembership } from '../../../../utils/db/memberships';
import { saveOrganisation } from '../../../../utils/db/organisations';
import { savePartnership } from '../../../../utils/db/partnerships';
import { listAllPulses } from '../../../../utils/db/pulses';
import { DEFAULT_CADENCE, type Meeting, type Pulse } from '../../../../utils/db/records';
import type { PulseDatabase } from '../../../../utils/db/schema';
import { summarise } from '../../../../utils/db/summary';
import { freshDb, readPulse } from '../../db/helpers';
import {
  coarsenStoredResponses,
  demoDb,
  editBundle,
  exportText,
  holdKey,
  importText,
  planText,
  SAME_RECORDS,
  totalOf,
} from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A lead's database: one partnership with one member organisation. */
async function leadDb(label: string, organisation: { name: string; domain: string }, partnershipName: string) {
  const db = await freshDb(label);
  const partnership = await savePartnership(db, {
    name: partnershipName,
    startDate: '2025-01-01',
    cadence: DEFAULT_CADENCE,
  });
  const org = await saveOrganisation(db, { name: organisation.name, emailDomains: [organisation.domain] });
  await saveMembership(db, {
    partnershipId: partnership.id,
    organisationId: org.id,
    partnerType: 'core',
    joinedOn: '2025-01-01',
  });
  const meeting = await saveMeeting(db, {
    partnershipId: partnership.id,
    status: 'held',
    platform: 'meet',
    title: `${partnershipName} core meeting`,
    startAt: Date.UTC(2026, 0, 10),
    kind: 'core',
    purposeTagIds: [],
    agenda: 'yes',
    attendees: [{ displayName: 'Sam', organisationId: org.id }],
    organisationIds: [org.id],
    decisions: '',
    notes: '',
  });
  return { db, partnership, org, meeting };
}

describe('newer updatedAt wins', () => {
  it('both ways, and the same stamp with other content is a listed conflict that keeps the local copy', async () => {
    const source = await demoDb('source');
    const text = await exportText(source);
    const target = await freshDb('target');
    await importText(target, text);

    const meetings = (JSON.parse(text) as { meetings: Meeting[] }).meetings;
    const [newer, older, clash] = meetings;
    const edited = editBundle(text, (b) => {
      Object.assign(b.meetings[0]!, { title: 'Renamed in the file', updatedAt: newer!.updatedAt + 10 });
      Object.assign(b.meetings[1]!, { title: 'Older in the file', updatedAt: older!.updatedAt - 10 });
      Object.assign(b.meetings[2]!, { title: 'Same moment, other content' });
    });
    const plan = await planText(target, edited);
    expect(plan.counts.meetings).toMatchObject({ update: 1, keepLocal: 1, conflict: 1 });
    expect(plan.conflicts).toEqual([
      expect.objectContaining({ store: 'meetings', id: clash!.id, label: 'Same moment, other content' }),
    ]);
    const result = await applyImport(target, plan, { mergeOrganisations: {} });
    expect(result.written).toBe(1);
    expect((await target.get('meetings', newer!.id))?.title).toBe('Renamed in the file');
    expect((await target.get('meetings', older!.id))?.title).toBe(older!.title);
    expect((await target.get('meetings', clash!.id))?.title).toBe(clash!.title);
  });
});

describe('tombstones', () => {
  it('a deletion travels as a newer record', async () => {
    const source = await demoDb('source');
    const target = await freshDb('target');
    await importText(target, await exportText(source));
    const meeting = (await source.getAll('meetings'))[0]!;
    await deleteMeeting(source, meeting.id);
    const result = await importText(target, await exportText(source));
    expect(result.counts.meetings).toMatchObject({ update: 1 });
    expect((await target.get('meetings', meeting.id))?.deletedAt).toBeTypeOf('number');
    await coarsenStoredResponses(source);
    expect(await databaseDigest(target, SAME_RECORDS)).toBe(await databaseDigest(source, SAME_RECORDS));
    // The import noted the oldest stamp it wrote, for a workspace's push; the source wrote none.
    expect(await target.getAllKeys('journal')).not.toEqual([]);
    expect(await source.getAllKeys('journal')).toEqual([]);
  });
});

describe("two leads' bundles", () => {
  const org = { name: 'Age UK Northmoor', domain: 'ageuk-northmoor.example' };

  it('merge into one database, offering the organisation both created; accepted, later imports follow it', async () => {
    const a = await leadDb('lead-a', org, 'Hardship');
    const b = await leadDb('lead-b', { name: ' age uk  NORTHMOOR ', domain: 'other.example' }, 'Active');
    const coordinator = await freshDb('coordinator');
    await importText(coordinator, await exportText(a.db));
    const textB = await exportText(b.db);

    const plan = await planText(coordinator, textB);
    expect(plan.organisationMatches).toEqual([
      {
        incoming: expect.objectContaining({ id: b.org.id }),
        existing: expect.objectContaining({ id: a.org.id }),
        reason: 'name',
      },
    ]);
    const changes: Change[] = [];
    const stop = onChange((change) => changes.push(change));
    await applyImport(coordinator, plan, { mergeOrganisations: { [b.org.id]: a.org.id } });
    stop();

    expect((await coordinator.getAll('partnerships')).map((p) => p.name).sort()).toEqual(['Active', 'Hardship']);
    const merged = await coordinator.get('organisations', b.org.id);
    expect(merged).toMatchObject({ mergedInto: a.org.id, deletedAt: expect.any(Number) });
    const memberships = await coordinator.getAll('memberships');
    expect(memberships.map((m) => m.organisationId)).toEqual([a.org.id, a.org.id]);
    const meetingB = await coordinator.get('meetings', b.meeting.id);
    expect(meetingB?.organisationIds).toEqual([a.org.id]);
    expect(meetingB?.attendees[0]!.organisationId).toBe(a.org.id);
    expect(changes.find((c) => c.store === 'meetings')?.ids).toEqual([b.meeting.id]);

    // Lead B keeps working with their own id; the next import follows the merge without asking.
    const digest = await databaseDigest(coordinator);
    const again = await planText(coordinator, textB);
    expect(again.organisationMatches).toEqual([]);
    expect(totalOf(again, 'add') + totalOf(again, 'update') + totalOf(again, 'conflict')).toBe(0);
    expect((await applyImport(coordinator, again, { mergeOrganisations: {} })).written).toBe(0);
    expect(await databaseDigest(coordinator)).toBe(digest);

    await saveMeeting(b.db, { ...b.meeting, title: 'Renamed by lead B' });
    await importText(coordinator, await exportText(b.db));
    expect(await coordinator.get('meetings', b.meeting.id)).toMatchObject({
      title: 'Renamed by lead B',
      organisationIds: [a.org.id],
    });
  });

  it('declined: both organisations stay', async () => {
    const a = await leadDb('lead-a', org, 'Hardship');
    const b = await leadDb(
      'lead-b',
      { name: 'Age UK (Northmoor branch)', domain: 'AgeUK-Northmoor.example' },
      'Active',
    );
    const coordinator = await freshDb('coordinator');
    await importText(coordinator, await exportText(a.db));
    const plan = await planText(coordinator, await exportText(b.db));
    expect(plan.organisationMatches.map((m) => m.reason)).toEqual(['domain']);
    await applyImport(coordinator, plan, { mergeOrganisations: {} });
    const organisations = await coordinator.getAll('organisations');
    expect(
      organisations
        .filter((o) => o.deletedAt === undefined)
        .map((o) => o.id)
        .sort(),
    ).toEqual([a.org.id, b.org.id].sort());
  });

  it('a merge that was not offered is refused, and nothing is written', async () => {
    const a = await leadDb('lead-a', org, 'Hardship');
    const b = await leadDb('lead-b', { name: 'Other', domain: 'other.example' }, 'Active');
    const coordinator = await freshDb('coordinator');
    await importText(coordinator, await exportText(a.db));
    const before = await databaseDigest(coordinator);
    const plan = await planText(coordinator, await exportText(b.db));
    await expect(
      applyImport(coordinator, plan, { mergeOrganisations: { [b.org.id]: 'nobody' } }),
    ).rejects.toBeInstanceOf(ImportRejected);
    expect(await databaseDigest(coordinator)).toBe(before);
  });
});

describe('an organisation merge that would make two memberships of one partnership', () => {
  const org = { name: 'Age UK Northmoor', domain: 'ageuk-northmoor.example' };

  /**
   * Lead B got the partnership from lead A's bundle, then added the same organisation again
   * under another id, with its own membership. The coordinator holds lead A's records.
   */
  async function twoLeads() {
    const a = await leadDb('lead-a', org, 'Hardship');
    const textA = await exportText(a.db);
    const b = await freshDb('lead-b');
    await importText(b, textA);
    const bOrg = await saveOrganisation(b, { name: 'age uk northmoor', emailDomains: ['other.example'] });
    const bMembership = await saveMembership(b, {
      partnershipId: a.partnership.id,
      organisationId: bOrg.id,
      partnerType: 'wider',
      joinedOn: '2025-03-01',
    });
    const coordinator = await freshDb('coordinator');
    await importText(coordinator, textA);
    const aMembership = (await coordinator.getAll('memberships'))[0]!;
    return { a, b, bOrg, bMembership, aMembership, coordinator, textB: await exportText(b) };
  }

  it('keeps the membership already here: the preview counts the other as kept here, and it is not written', async () => {
    const { a, bOrg, bMembership, aMembership, coordinator, textB } = await twoLeads();
    const merge = { mergeOrganisations: { [bOrg.id]: a.org.id } };
    const declined = await planText(coordinator, textB);
    expect(declined.organisationMatches.map((m) => m.incoming.id)).toEqual([bOrg.id]);
    expect(declined.counts.memberships).toMatchObject({ add: 1, keepLocal: 0 });

    const accepted = await planImport(coordinator, parseBundle(textB, 'b.json'), 'b.json', merge);
    expect(accepted.counts.memberships).toMatchObject({ add: 0, unchanged: 1, keepLocal: 1 });
    const result = await applyImport(coordinator, accepted, merge);
    expect(result.counts.memberships).toEqual(accepted.counts.memberships);

    const live = (await coordinator.getAll('memberships')).filter((m) => m.deletedAt === undefined);
    expect(live).toEqual([aMembership]);
    expect(await coordinator.get('memberships', bMembership.id)).toBeUndefined();
    expect((await coordinator.get('organisations', bOrg.id))?.mergedInto).toBe(a.org.id);

    // Lead B's bundle again: the merge is followed, the membership folded again, nothing written.
    const digest = await databaseDigest(coordinator);
    const again = await planText(coordinator, textB);
    expect(again.counts.memberships).toMatchObject({ add: 0, update: 0, keepLocal: 1 });
    expect((await applyImport(coordinator, again, { mergeOrganisations: {} })).written).toBe(0);
    expect(await databaseDigest(coordinator)).toBe(digest);
  });

  it('two memberships from the file alone: the newer is kept', async () => {
    const { a, bOrg, bMembership, textB } = await twoLeads();
    const empty = await freshDb('empty');
    // The file itself says lead B's organisation was merged into lead A's.
    const edited = editBundle(textB, (bundle) => {
      const o = bundle.organisations.find((x) => x.id === bOrg.id)!;
      Object.assign(o, { mergedInto: a.org.id, deletedAt: o.updatedAt + 1, updatedAt: o.updatedAt + 1 });
      const newest = Math.max(...bundle.memberships.map((m) => m.updatedAt));
      bundle.memberships.find((m) => m.id === bMembership.id)!.updatedAt = newest + 1;
    });
    const plan = await planText(empty, edited);
    expect(plan.counts.memberships).toMatchObject({ add: 1, keepLocal: 1 });
    await applyImport(empty, plan, { mergeOrganisations: {} });
    const live = (await empty.getAll('memberships')).filter((m) => m.deletedAt === undefined);
    expect(live.map((m) => m.id)).toEqual([bMembership.id]);
    expect(live[0]!.organisationId).toBe(a.org.id);
  });
});

describe('apply', () => {
  it('is all or nothing: a write failing mid-way leaves the database as it was', async () => {
    const source = await demoDb('source');
    const text = await exportText(source);
    const target = await demoDb('target');
    const edited = editBundle(text, (b) => {
      for (const meeting of b.meetings) meeting.updatedAt += 1;
    });
    const before = await databaseDigest(target);
    const plan = await planText(target, edited);
    let puts = 0;
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      puts += 1;
      if (puts === 10) throw new DOMException('Disk full', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await expect(applyImport(target, plan, { mergeOrganisations: {} })).rejects.toThrow('Disk full');
    vi.restoreAllMocks();
    expect(puts).toBe(10);
    expect(await databaseDigest(target)).toBe(before);
  });

  it('does not lose a record written between the plan and the apply', async () => {
    const source = await demoDb('source');
    const text = await exportText(source);
    const target = await demoDb('target');
    const meeting = (JSON.parse(text) as { meetings: Meeting[] }).meetings[0]!;
    const edited = editBundle(text, (b) => {
      Object.assign(b.meetings[0]!, { title: 'From the file', updatedAt: meeting.updatedAt + 1 });
    });
    const plan = await planText(target, edited);
    expect(plan.counts.meetings.update).toBe(1);
    // The panel saves the same meeting meanwhile (its updatedAt is now, later than the file's).
    await saveMeeting(target, { ...meeting, title: 'Typed in the panel' });
    const result = await applyImport(target, plan, { mergeOrganisations: {} });
    expect(result.counts.meetings).toMatchObject({ update: 0, keepLocal: 1 });
    expect((await target.get('meetings', meeting.id))?.title).toBe('Typed in the panel');
  });

  it("keeps a stored pulse's private key and rebuilds the summary from every response", async () => {
    const source = await demoDb('source');
    const text = await exportText(source);
    const target = await demoDb('target');
    const pulseId = (JSON.parse(text) as { pulses: Pulse[] }).pulses[0]!.id;
    const privateKey = await holdKey(target, pulseId);
    const stored = (await readPulse(target, pulseId))!;

    // A file cannot add answers to a pulse whose key is held here (protect.test.ts); it may delete
    // one, with the preview's consent: the summary is rebuilt from the responses left.
    const removed = (await target.getAllFromIndex('responses', 'by-pulse', pulseId)).find(
      (r) => r.deletedAt === undefined && typeof r.answers[stored.questions[0]!.id] === 'number',
    )!;
    const edited = editBundle(text, (b) => {
      // A newer copy (its protected fields the same: see protect.test.ts for changed ones).
      b.pulses[0]!.updatedAt += 1;
      const answer = b.responses.find((r) => r.id === removed.id)!;
      answer.updatedAt = removed.updatedAt + 1;
      answer.deletedAt = removed.updatedAt + 1;
    });
    await importText(target, edited, { mergeOrganisations: {}, deleteResponses: true });
    const after = (await readPulse(target, pulseId))!;
    // A structured clone of the same key: it derives the same secret.
    const other = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
    const derive = (key: CryptoKey) =>
      crypto.subtle
        .deriveBits({ name: 'ECDH', public: other.publicKey }, key, 256)
        .then((bits) => [...new Uint8Array(bits)]);
    expect(after.privateKey).toBeInstanceOf(CryptoKey);
    expect(await derive(after.privateKey!)).toEqual(await derive(privateKey));
    expect(after.updatedAt).toBe(stored.updatedAt + 1);
    const responses = await target.getAllFromIndex('responses', 'by-pulse', pulseId);
    expect(after.summary).toEqual(
      summarise(
        after,
        responses.filter((r) => r.deletedAt === undefined),
      ),
    );
    expect(after.summary!.responses).toBe(stored.summary!.responses - 1);
    const question = stored.questions[0]!.id;
    const type = removed.partnerType;
    expect(after.summary!.byPartnerType[type].questions[question]!.sum).toBe(
      stored.summary!.byPartnerType[type].questions[question]!.sum - (removed.answers[question] as number),
    );
  });

  it("carries a pulse's refused count (kept local only, beside its key) out and back, and never its key or totals", async () => {
    const source = await demoDb('refused-source');
    const pulseId = (await listAllPulses(source))[0]!.id;
    await holdKey(source, pulseId, { refusedOverCap: 7 });
    // Local only: the pulse record itself holds none of it.
    expect(await source.get('pulses', pulseId)).not.toHaveProperty('refusedOverCap');
    const text = await exportText(source);
    const carried = (JSON.parse(text) as { pulses: Pulse[] }).pulses.find((p) => p.id === pulseId)!;
    expect(carried.refusedOverCap).toBe(7);
    expect(carried).not.toHaveProperty('summary');
    expect(carried).not.toHaveProperty('privateKey');

    const target = await freshDb('refused-target');
    await importText(target, text);
    expect(await target.get('pulses', pulseId)).not.toHaveProperty('refusedOverCap');
    const secrets = (await target.get('pulseSecrets', pulseId))!;
    expect(secrets.refusedOverCap).toBe(7);
    expect(secrets).not.toHaveProperty('privateKey');
    expect((await readPulse(target, pulseId))!.summary).toEqual((await readPulse(source, pulseId))!.summary);
  });
});

describe('one partnership', () => {
  it('exports a self-contained bundle: it imports into an empty database with nothing dangling', async () => {
    const source = await demoDb('source');
    const [first] = await source.getAll('partnerships');
    const text = await exportText(source, { partnershipId: first!.id });
    const bundle = parseBundle(text, 'one.json');
    expect(bundle.scope).toEqual({ partnershipId: first!.id });
    expect(bundle.partnerships.map((p) => p.id)).toEqual([first!.id]);
    expect(bundle.meetings.every((m) => m.partnershipId === first!.id)).toBe(true);
    expect(bundle.meetings.length).toBeLessThan((await source.getAll('meetings')).length);
    expect(bundle.pulses.every((p) => p.partnershipId === first!.id)).toBe(true);
    const pulseIds = new Set(bundle.pulses.map((p) => p.id));
    expect(bundle.responses.every((r) => pulseIds.has(r.pulseId))).toBe(true);

    const target = await freshDb('target');
    const plan = await planImport(target, bundle, 'one.json');
    await applyImport(target, plan, { mergeOrganisations: {} });
    expect((await target.getAll('meetings')).length).toBe(bundle.meetings.length);
  });
});

describe('rebuildSummary', () => {
  it('gives what summarise() gives, for every sample pulse', async () => {
    const db: PulseDatabase = await demoDb('summaries');
    for (const pulse of await listAllPulses(db)) {
      const responses = await db.getAllFromIndex('responses', 'by-pulse', pulse.id);
      expect(rebuildSummary(pulse, responses)).toEqual(summarise(pulse, responses));
      expect(rebuildSummary(pulse, responses)).toEqual(pulse.summary);
    }
  });
});
