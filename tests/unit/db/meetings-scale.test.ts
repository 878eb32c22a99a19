import { describe, expect, it, vi } from 'vitest';
import { listMeetings } from '../../../utils/db/meetings';
import type { Meeting } from '../../../utils/db/records';
import { meeting as meetingRecord } from '../../factories';
import { freshDb } from './helpers';

// Count cursor steps. idb keeps a reference to IDBCursor.prototype.continue the first time a
// cursor is used, so the (pass-through) spy must be in place before any cursor in this file.
const cursorSteps = vi.spyOn(IDBCursor.prototype, 'continue');
const storeGetAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
const indexGetAll = vi.spyOn(IDBIndex.prototype, 'getAll');
type WithGetAllRecords = IDBIndex & { getAllRecords(options: { count?: number }): IDBRequest };
const getAllRecords = vi.spyOn(IDBIndex.prototype as WithGetAllRecords, 'getAllRecords');

const HOUR = 3_600_000;
const BASE = 1_600_000_000_000;

const id = (i: number) => `m${String(i).padStart(5, '0')}`;

/** The i-th meeting, an hour after the one before, in the partnership "odd" or "even". */
const meeting = (i: number): Meeting =>
  meetingRecord({
    id: id(i),
    partnershipId: i % 2 ? 'odd' : 'even',
    platform: 'meet',
    title: `Meeting ${i}`,
    startAt: BASE + i * HOUR,
    endAt: BASE + i * HOUR + HOUR,
    createdAt: 1,
    updatedAt: 1,
  });

async function tenThousandMeetings() {
  const db = await freshDb('scale');
  // Written in a scrambled order, so the order can only come from the index.
  const tx = db.transaction('meetings', 'readwrite');
  for (let k = 0; k < 10_000; k += 1) void tx.store.put(meeting((k * 7_919) % 10_000));
  await tx.done;
  expect(await db.count('meetings')).toBe(10_000);
  return db;
}

async function expectNewestAndWindows(db: Awaited<ReturnType<typeof tenThousandMeetings>>) {
  const even = await listMeetings(db, { partnershipId: 'even', limit: 3 });
  expect(even.map((m) => m.id)).toEqual([id(9_998), id(9_996), id(9_994)]);

  // from is inclusive, to exclusive.
  const window = await listMeetings(db, { from: BASE + 100 * HOUR, to: BASE + 105 * HOUR });
  expect(window.map((m) => m.id)).toEqual([104, 103, 102, 101, 100].map(id));
  const oddWindow = await listMeetings(db, { partnershipId: 'odd', from: BASE + 100 * HOUR, to: BASE + 105 * HOUR });
  expect(oddWindow.map((m) => m.id)).toEqual([103, 101].map(id));
}

describe('listMeetings with 10,000 meetings', () => {
  it('returns the newest N in order in one request for N records (IndexedDB 3.0 getAllRecords)', async () => {
    const db = await tenThousandMeetings();
    const steps = cursorSteps.mock.calls.length;
    const requests = getAllRecords.mock.calls.length;
    const newest = await listMeetings(db, { limit: 25 });
    expect(newest.map((m) => m.id)).toEqual(Array.from({ length: 25 }, (_, k) => id(9_999 - k)));
    expect(getAllRecords.mock.calls.length - requests).toBe(1);
    expect(getAllRecords.mock.calls.at(-1)?.[0]).toMatchObject({ count: 25, direction: 'prev' });
    expect(cursorSteps.mock.calls.length).toBe(steps);
    await expectNewestAndWindows(db);
  }, 60_000);

  it('asks again for more when tombstones were among the newest', async () => {
    const db = await tenThousandMeetings();
    for (const i of [9_999, 9_997]) await db.put('meetings', { ...meeting(i), deletedAt: 2 });
    const newest = await listMeetings(db, { limit: 4 });
    expect(newest.map((m) => m.id)).toEqual([9_998, 9_996, 9_995, 9_994].map(id));
    const withDeleted = await listMeetings(db, { limit: 2, includeDeleted: true });
    expect(withDeleted.map((m) => m.id)).toEqual([9_999, 9_998].map(id));
  }, 60_000);

  it('walks only N records through the index where getAllRecords is missing', async () => {
    const db = await tenThousandMeetings();
    const proto = IDBIndex.prototype as Partial<WithGetAllRecords>;
    const original = proto.getAllRecords;
    delete proto.getAllRecords;
    try {
      const counts = () => ({
        steps: cursorSteps.mock.calls.length,
        getAll: storeGetAll.mock.calls.length + indexGetAll.mock.calls.length,
      });
      const before = counts();
      const newest = await listMeetings(db, { limit: 25 });
      const after = counts();
      expect(newest.map((m) => m.id)).toEqual(Array.from({ length: 25 }, (_, k) => id(9_999 - k)));
      expect(after.steps - before.steps).toBeLessThanOrEqual(25);
      expect(after.getAll).toBe(before.getAll);
      await expectNewestAndWindows(db);
    } finally {
      proto.getAllRecords = original;
    }
  }, 60_000);
});
