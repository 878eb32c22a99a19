import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onChange, type Change } from '../../../utils/db/changes';
import { listMeetings, saveMeeting } from '../../../utils/db/meetings';
import { saveOrganisation } from '../../../utils/db/organisations';
import { savePartnership } from '../../../utils/db/partnerships';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import { RECORD_STORES, type PulseDatabase } from '../../../utils/db/schema';
import { buildDemoData } from '../../../utils/demo/build';
import { loadDemoData, removeDemoData } from '../../../utils/demo/load';
import { freshDb, readPulse } from '../db/helpers';

const NOW = Date.UTC(2026, 10, 25, 15, 30);
const DAY = 86_400_000;

let db: PulseDatabase;
let changes: Change[];
let stop: () => void;

beforeEach(async () => {
  db = await freshDb('demo');
  changes = [];
  stop = onChange((change) => changes.push(change));
});

afterEach(() => {
  stop();
  vi.restoreAllMocks();
});

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const store of RECORD_STORES) result[store] = await db.count(store);
  return result;
}

async function addUserRecords() {
  const partnership = await savePartnership(db, {
    name: 'My own partnership',
    startDate: '2026-01-01',
    cadence: DEFAULT_CADENCE,
  });
  const organisation = await saveOrganisation(db, { name: 'My organisation', emailDomains: ['mine.example'] });
  const meeting = await saveMeeting(db, {
    partnershipId: partnership.id,
    status: 'held',
    platform: 'phone',
    title: 'My meeting',
    startAt: NOW - DAY,
    kind: 'one-to-one',
    purposeTagIds: [],
    agenda: 'yes',
    attendees: [{ displayName: 'Me', organisationId: organisation.id }],
    decisions: '',
    notes: '',
  });
  return { partnership, organisation, meeting };
}

describe('loadDemoData / removeDemoData', () => {
  it("writes the whole set in one transaction, next to the user's own records", async () => {
    const mine = await addUserRecords();
    const before = await counts();
    changes.length = 0;
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');

    const data = await loadDemoData(db, NOW);
    expect(transactions).toHaveBeenCalledTimes(1);
    const after = await counts();
    for (const store of RECORD_STORES) expect(after[store], store).toBe(before[store]! + data[store].length);
    expect(await db.get('meetings', data.meetings[0]!.id)).toEqual(data.meetings[0]);
    expect(await db.get('meetings', mine.meeting.id)).toEqual(mine.meeting);

    // Listing goes through the indexes, so the demo meetings show up newest first.
    const newest = await listMeetings(db, { limit: 3 });
    expect(newest.map((m) => m.startAt)).toEqual([...newest.map((m) => m.startAt)].sort((a, b) => b - a));

    const announcedMeetings = changes.find((change) => change.store === 'meetings')!;
    expect(new Set(announcedMeetings.ids)).toEqual(new Set(data.meetings.map((m) => m.id)));
    // The sample pulses are announced too, so an open dashboard draws them at once.
    const announcedPulses = changes.find((change) => change.store === 'pulses')!;
    expect(new Set(announcedPulses.ids)).toEqual(new Set(data.pulses.map((p) => p.id)));
    // Each sample pulse's totals go to the local-only store; read back joined, it is the same pulse.
    const { summary, ...record } = data.pulses[0]!;
    expect(await db.get('pulses', record.id)).toEqual(record);
    expect((await db.get('pulseSecrets', record.id))?.summary).toEqual(summary);
    expect(await readPulse(db, record.id)).toEqual(data.pulses[0]);
    expect(await db.count('pulseSecrets')).toBe(data.pulses.length);
  });

  it('replaces an earlier demo set instead of adding a second one', async () => {
    await loadDemoData(db, NOW - 30 * DAY);
    const once = await counts();
    const data = await loadDemoData(db, NOW);
    expect(await counts()).toEqual(once);
    const first = data.meetings[0]!;
    expect((await db.get('meetings', first.id))?.startAt).toBe(first.startAt);
  });

  it('also replaces demo records edited since, but not records the user made', async () => {
    await loadDemoData(db, NOW);
    const demoMeeting = buildDemoData(NOW).meetings[0]!;
    await saveMeeting(db, { ...demoMeeting, notes: 'Edited by me' });
    expect((await db.get('meetings', demoMeeting.id))?.demo).toBe(true);
    await loadDemoData(db, NOW);
    expect((await db.get('meetings', demoMeeting.id))?.notes).toBe(demoMeeting.notes);
  });

  it('removes exactly the demo records, in one transaction, and says so', async () => {
    const before = await counts();
    const mine = await addUserRecords();
    const withMine = await counts();
    const data = await loadDemoData(db, NOW);
    changes.length = 0;
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');

    const removed = await removeDemoData(db);
    expect(transactions).toHaveBeenCalledTimes(1);
    const total = RECORD_STORES.reduce((sum, store) => sum + data[store].length, 0);
    expect(removed).toBe(total);
    expect(await counts()).toEqual(withMine);
    // The sample pulses' local-only totals go with them.
    expect(await db.count('pulseSecrets')).toBe(0);
    expect((await db.getAll('purposeTags')).length).toBe(before.purposeTags);
    expect(await db.get('partnerships', mine.partnership.id)).toEqual(mine.partnership);
    expect(await db.get('organisations', mine.organisation.id)).toEqual(mine.organisation);
    expect(new Set(changes.find((change) => change.store === 'people')!.ids)).toEqual(
      new Set(data.people.map((p) => p.id)),
    );

    expect(await removeDemoData(db)).toBe(0);
  });
});
