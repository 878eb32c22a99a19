import { describe, expect, it, vi } from 'vitest';
import { inRawTransaction } from '../../../utils/db/raw-open';
import { storedStamps } from '../../../utils/db/raw-store';
import { freshRawDb } from './helpers';

/** A raw database whose partnerships store holds these ids, each stamped with its position (1, 2, …). */
async function storeWith(ids: readonly string[]) {
  const db = await freshRawDb('raw-store');
  await inRawTransaction(db, 'partnerships', 'readwrite', async (tx) => {
    ids.forEach((id, i) => tx.objectStore('partnerships').put({ id, updatedAt: i + 1 }));
  });
  return db;
}

/** storedStamps of `ids`, with how many records and index entries it asked for. */
async function stampsOf(db: IDBDatabase, ids: readonly string[]) {
  return inRawTransaction(db, 'partnerships', 'readonly', async (tx) => {
    const store = tx.objectStore('partnerships');
    const get = vi.spyOn(store, 'get');
    const index = store.index('by-updated');
    const cursor = vi.spyOn(index, 'openKeyCursor');
    vi.spyOn(store, 'index').mockReturnValue(index);
    const stamps = await storedStamps(store, ids);
    return { stamps, reads: get.mock.calls.length + cursor.mock.calls.length };
  });
}

describe('storedStamps', () => {
  it('reads nothing when no key is stored between the least and the greatest id asked for', async () => {
    const db = await storeWith(['a1', 'a2', 'a3', 'c1']);
    // The next page of a first pull: every id after those stored, given out of order.
    expect(await stampsOf(db, ['b3', 'b1', 'b2'])).toEqual({ stamps: new Map(), reads: 0 });
    expect(await stampsOf(db, ['d1', 'd2'])).toEqual({ stamps: new Map(), reads: 0 });
    expect(await stampsOf(db, [])).toEqual({ stamps: new Map(), reads: 0 });
    db.close();
  });

  it('gives the stamps of the ids stored, whichever of them come first, and none for the others', async () => {
    const db = await storeWith(['a1', 'a2', 'a3', 'c1']);
    // A stored key between them that is not asked for still means reading.
    const between = await stampsOf(db, ['b1', 'd1']);
    expect(between.reads).toBeGreaterThan(0);
    expect(between.stamps.get('b1')).toBeUndefined();
    expect(between.stamps.get('d1')).toBeUndefined();
    const { stamps } = await stampsOf(db, ['c1', 'b9', 'a2']);
    expect(stamps.get('a2')).toBe(2);
    expect(stamps.get('c1')).toBe(4);
    expect(stamps.has('b9')).toBe(false);
    db.close();
  });

  it('reads each record by id when the store is much larger than the ids asked for', async () => {
    const ids = Array.from({ length: 1_100 }, (_, i) => `k${String(i).padStart(5, '0')}`);
    const db = await storeWith(ids);
    const { stamps, reads } = await stampsOf(db, ['k00999', 'k00005', 'zzz']);
    expect(reads).toBe(3);
    expect([...stamps]).toEqual([
      ['k00999', 1_000],
      ['k00005', 6],
    ]);
    db.close();
  });
});
