import { describe, expect, it, vi } from 'vitest';
import { listMeetings } from '../../../utils/db/meetings';
import type { Meeting } from '../../../utils/db/records';
import { freshDb } from './helpers';

// Count cursor steps. idb keeps a reference to IDBCursor.prototype.continue the first time a
// cursor is used, so the (pass-through) spy must be in place before any cursor in this file.
const cursorSteps = vi.spyOn(IDBCursor.prototype, 'continue');
const storeGetAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
const indexGetAll = vi.spyOn(IDBIndex.prototype, 'getAll');

const HOUR = 3_600_000;
const BASE = 1_600_000_000_000;

function meeting(i: number): Meeting {
  return {
    id: `m${String(i).padStart(5, '0')}`,
    partnershipId: i % 2 ? 'odd' : 'even',
    status: 'held',
    platform: 'meet',
    title: `Meeting ${i}`,
    startAt: BASE + i * HOUR,
    kind: 'core',
    purposeTagIds: [],
    agenda: 'yes',
    attendees: [],
    organisationIds: [],
    decisions: '',
    notes: '',
    createdAt: 1,
    updatedAt: 1,
  };
}

const id = (i: number) => `m${String(i).padStart(5, '0')}`;

describe('listMeetings with 10,000 meetings', () => {
  it('returns the newest N in order, walking only N records through the index', async () => {
    const db = await freshDb('scale');
    // Written in a scrambled order, so the order can only come from the index.
    const tx = db.transaction('meetings', 'readwrite');
    for (let k = 0; k < 10_000; k += 1) void tx.store.put(meeting((k * 7_919) % 10_000));
    await tx.done;
    expect(await db.count('meetings')).toBe(10_000);

    const counts = () => ({ steps: cursorSteps.mock.calls.length, getAll: storeGetAll.mock.calls.length + indexGetAll.mock.calls.length });
    const before = counts();
    const newest = await listMeetings(db, { limit: 25 });
    const after = counts();
    expect(newest.map((m) => m.id)).toEqual(Array.from({ length: 25 }, (_, k) => id(9_999 - k)));
    expect(after.steps - before.steps).toBeLessThanOrEqual(25);
    expect(after.getAll).toBe(before.getAll);

    const even = await listMeetings(db, { partnershipId: 'even', limit: 3 });
    expect(even.map((m) => m.id)).toEqual([id(9_998), id(9_996), id(9_994)]);

    // from is inclusive, to exclusive.
    const window = await listMeetings(db, { from: BASE + 100 * HOUR, to: BASE + 105 * HOUR });
    expect(window.map((m) => m.id)).toEqual([104, 103, 102, 101, 100].map(id));
    const oddWindow = await listMeetings(db, { partnershipId: 'odd', from: BASE + 100 * HOUR, to: BASE + 105 * HOUR });
    expect(oddWindow.map((m) => m.id)).toEqual([103, 101].map(id));
  }, 60_000);
});
