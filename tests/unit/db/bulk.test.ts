import { describe, expect, it } from 'vitest';
import { inTransaction, readStores } from '../../../utils/db/bulk';
import { savePartnership } from '../../../utils/db/partnerships';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import { freshDb } from './helpers';

describe('inTransaction', () => {
  it('commits what the work wrote and returns its result', async () => {
    const db = await freshDb('bulk');
    const result = await inTransaction(db, ['purposeTags'], 'readwrite', async (tx) => {
      tx.objectStore('purposeTags').put({ id: 't1', label: 'Mine', createdAt: 1, updatedAt: 1 });
      return 'done';
    });
    expect(result).toBe('done');
    expect((await db.get('purposeTags', 't1'))?.label).toBe('Mine');
  });

  it('keeps nothing of a failed work: the error comes through and the stores are as before', async () => {
    const db = await freshDb('bulk');
    const before = await savePartnership(db, { name: 'Kept', startDate: '2026-01-01', cadence: DEFAULT_CADENCE });
    const failing = inTransaction(db, ['partnerships', 'purposeTags'], 'readwrite', async (tx) => {
      tx.objectStore('purposeTags').put({ id: 't1', label: 'Mine', createdAt: 1, updatedAt: 1 });
      tx.objectStore('partnerships').put({ ...before, name: 'Changed' });
      throw new RangeError('refused');
    });
    await expect(failing).rejects.toThrow('refused');
    expect(await db.get('purposeTags', 't1')).toBeUndefined();
    expect((await db.get('partnerships', before.id))?.name).toBe('Kept');
  });
});

describe('readStores', () => {
  it('reads every record of each store, tombstones included, reporting each store read', async () => {
    const db = await freshDb('bulk');
    await savePartnership(db, { name: 'One', startDate: '2026-01-01', cadence: DEFAULT_CADENCE });
    await savePartnership(db, {
      name: 'Gone',
      startDate: '2026-01-01',
      cadence: DEFAULT_CADENCE,
      deletedAt: 5,
    });
    const progress: number[] = [];
    const records = await readStores(db, ['partnerships', 'meetings'], (done) => progress.push(done));
    expect(records.partnerships.map((p) => p.name).sort()).toEqual(['Gone', 'One']);
    expect(records.meetings).toEqual([]);
    expect(progress).toEqual([0, 1, 2]);
  });
});
