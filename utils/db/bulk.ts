import { unwrap, type IDBPTransaction } from 'idb';
import { announceAll } from './changes';
import { inRawTransaction } from './raw-open';
import { joinPulses, splitPulse } from './pulse-secrets';
import type { Pulse, PulseSecrets } from './records';
import type { PulseDB, PulseDatabase, RecordStoreName, StoreName } from './schema';

/**
 * Transactions for whole-database work (bundle export and import, the sample data), so that
 * features above the database never open one themselves. Bulk work inside them uses the raw
 * IDBTransaction and raw-store.ts: one promise per record would cost more than the reads.
 */

/** A record as the pages use it: a pulse joined with its local-only part (utils/db/pulse-secrets.ts). */
export type RecordOfStore<K extends RecordStoreName> = K extends 'pulses' ? Pulse : PulseDB[K]['value'];

/** Every record of every store, by store: the shape a bundle and the sample data take. */
export type RecordSet<S extends RecordStoreName = RecordStoreName> = { [K in S]: RecordOfStore<K>[] };

/**
 * Runs `work` in one transaction over `stores` and resolves once it has committed. When `work`
 * throws, the transaction is aborted (nothing it wrote is kept) and the error rethrown.
 */
export async function inTransaction<T>(
  db: PulseDatabase,
  stores: readonly StoreName[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T>,
): Promise<T> {
  return inRawTransaction(unwrap(db), stores, mode, work);
}

/** As inTransaction, read-only and with idb's typed wrappers (for a few reads by index). */
export async function inReadTransaction<S extends StoreName, T>(
  db: PulseDatabase,
  stores: readonly S[],
  work: (tx: IDBPTransaction<PulseDB, S[], 'readonly'>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction([...stores], 'readonly');
  const result = await work(tx);
  await tx.done;
  return result;
}

/**
 * Every record (tombstones included) of these stores, read in one transaction: a consistent
 * snapshot. Pulses come joined with their local-only part (utils/db/pulse-secrets.ts), for the
 * caller to leave out what it must.
 */
export async function readStores<S extends RecordStoreName>(
  db: PulseDatabase,
  stores: readonly S[],
  onStoreRead?: (done: number, total: number) => void,
): Promise<RecordSet<S>> {
  const withPulses = (stores as readonly RecordStoreName[]).includes('pulses');
  const tx = db.transaction([...stores, ...(withPulses ? (['pulseSecrets'] as const) : [])], 'readonly');
  let done = 0;
  onStoreRead?.(0, stores.length);
  const [lists, secrets] = await Promise.all([
    Promise.all(
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
    ),
    withPulses ? tx.objectStore('pulseSecrets').getAll() : Promise.resolve([]),
  ]);
  await tx.done;
  const set = Object.fromEntries(stores.map((store, i) => [store, lists[i]])) as RecordSet<S>;
  if (withPulses) {
    const pulses = set as unknown as RecordSet<'pulses'>;
    pulses.pulses = joinPulses(pulses.pulses, secrets as PulseSecrets[]);
  }
  return set;
}

/** Whether any record of these stores is sample data (`demo`): one cursor per store, stopped at the first. */
export async function holdsDemoRecords(db: PulseDatabase, stores: readonly RecordStoreName[]): Promise<boolean> {
  const tx = db.transaction([...stores]);
  for (const store of stores) {
    for (let cursor = await tx.objectStore(store).openCursor(); cursor; cursor = await cursor.continue()) {
      if (cursor.value.demo === true) return true;
    }
  }
  return false;
}

/** Delete every record marked `demo`, store by store, inside `tx`; returns the ids per store. */
async function deleteMarked(
  tx: IDBPTransaction<PulseDB, StoreName[], 'readwrite'>,
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
        // A sample pulse's local-only part goes with it.
        if (store === 'pulses') await tx.objectStore('pulseSecrets').delete(cursor.value.id);
      }
      cursor = await cursor.continue();
    }
    removed.set(store, ids);
  }
  return removed;
}

/**
 * In one transaction: delete every record marked `demo`, then put `records` (which carry the
 * mark); pulses are split into their record and local-only part. Every change is announced
 * once it has committed; returns the ids per store.
 */
export async function replaceDemoRecords(
  db: PulseDatabase,
  stores: readonly RecordStoreName[],
  records: Partial<RecordSet>,
): Promise<Map<RecordStoreName, string[]>> {
  const withPulses = stores.includes('pulses');
  const tx = db.transaction([...stores, ...(withPulses ? (['pulseSecrets'] as const) : [])], 'readwrite');
  const changed = await deleteMarked(tx, stores);
  const writes: Promise<unknown>[] = [];
  for (const store of stores) {
    const list = (records[store] ?? []) as Array<{ id: string }>;
    const target = tx.objectStore(store);
    for (const record of list) {
      if (store !== 'pulses') {
        writes.push(target.put(record as never));
        continue;
      }
      const { record: stored, secrets } = splitPulse(record as Pulse);
      writes.push(target.put(stored as never));
      if (secrets) writes.push(tx.objectStore('pulseSecrets').put(secrets));
    }
    changed.set(store, [...new Set([...(changed.get(store) ?? []), ...list.map((record) => record.id)])]);
  }
  await Promise.all(writes);
  await tx.done;
  announceAll(changed);
  return changed;
}
