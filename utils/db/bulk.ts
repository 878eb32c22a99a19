import { unwrap, type IDBPTransaction } from 'idb';
import { announceAll } from './changes';
import { inRawTransaction } from './raw-open';
import type { PulseDB, PulseDatabase, RecordStoreName } from './schema';

/**
 * Transactions for whole-database work (bundle export and import, the sample data), so that
 * features above the database never open one themselves. Bulk work inside them uses the raw
 * IDBTransaction and raw-store.ts: one promise per record would cost more than the reads.
 */

/** Every record of every store, by store: the shape a bundle and the sample data take. */
export type RecordSet<S extends RecordStoreName = RecordStoreName> = { [K in S]: PulseDB[K]['value'][] };

/**
 * Runs `work` in one transaction over `stores` and resolves once it has committed. When `work`
 * throws, the transaction is aborted (nothing it wrote is kept) and the error rethrown.
 */
export async function inTransaction<T>(
  db: PulseDatabase,
  stores: readonly RecordStoreName[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T>,
): Promise<T> {
  return inRawTransaction(unwrap(db), stores, mode, work);
}

/** As inTransaction, read-only and with idb's typed wrappers (for a few reads by index). */
export async function inReadTransaction<S extends RecordStoreName, T>(
  db: PulseDatabase,
  stores: readonly S[],
  work: (tx: IDBPTransaction<PulseDB, S[], 'readonly'>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction([...stores], 'readonly');
  const result = await work(tx);
  await tx.done;
  return result;
}

/** Every record (tombstones included) of these stores, read in one transaction: a consistent snapshot. */
export async function readStores<S extends RecordStoreName>(
  db: PulseDatabase,
  stores: readonly S[],
  onStoreRead?: (done: number, total: number) => void,
): Promise<RecordSet<S>> {
  const tx = db.transaction([...stores], 'readonly');
  let done = 0;
  onStoreRead?.(0, stores.length);
  const lists = await Promise.all(
    stores.map((store) =>
      tx
        .objectStore(store)
        .getAll()
        .then((list) => {
          done += 1;
          onStoreRead?.(done, stores.length);
          return list;
        }),
    ),
  );
  await tx.done;
  return Object.fromEntries(stores.map((store, i) => [store, lists[i]])) as RecordSet<S>;
}

/** Delete every record marked `demo`, store by store, inside `tx`; returns the ids per store. */
async function deleteMarked(
  tx: IDBPTransaction<PulseDB, RecordStoreName[], 'readwrite'>,
  stores: readonly RecordStoreName[],
): Promise<Map<RecordStoreName, string[]>> {
  const removed = new Map<RecordStoreName, string[]>();
  for (const store of stores) {
    const ids: string[] = [];
    let cursor = await tx.objectStore(store).openCursor();
    while (cursor) {
      if (cursor.value.demo === true) {
        ids.push(cursor.value.id);
        await cursor.delete();
      }
      cursor = await cursor.continue();
    }
    removed.set(store, ids);
  }
  return removed;
}

/**
 * In one transaction: delete every record marked `demo`, then put `records` (which carry the
 * mark). Every change is announced once it has committed; returns the ids per store.
 */
export async function replaceDemoRecords(
  db: PulseDatabase,
  stores: readonly RecordStoreName[],
  records: Partial<RecordSet>,
): Promise<Map<RecordStoreName, string[]>> {
  const tx = db.transaction([...stores], 'readwrite');
  const changed = await deleteMarked(tx, stores);
  const writes: Promise<unknown>[] = [];
  for (const store of stores) {
    const list = (records[store] ?? []) as Array<{ id: string }>;
    const target = tx.objectStore(store);
    for (const record of list) writes.push(target.put(record as never));
    changed.set(store, [...new Set([...(changed.get(store) ?? []), ...list.map((record) => record.id)])]);
  }
  await Promise.all(writes);
  await tx.done;
  announceAll(changed);
  return changed;
}
