import { announceChange, type Change } from '../db/changes';
import { RECORD_STORES, type PulseDatabase, type RecordStoreName } from '../db/schema';
import { buildDemoData, type DemoData } from './build';

type DemoTransaction = ReturnType<typeof openDemoTransaction>;

function openDemoTransaction(db: PulseDatabase) {
  return db.transaction([...RECORD_STORES], 'readwrite');
}

/** Delete every record marked `demo` in every store; returns the ids per store. */
async function deleteDemoRecords(tx: DemoTransaction): Promise<Map<RecordStoreName, string[]>> {
  const removed = new Map<RecordStoreName, string[]>();
  for (const store of RECORD_STORES) {
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

function announce(idsByStore: Map<RecordStoreName, string[]>): void {
  for (const [store, ids] of idsByStore) {
    const change: Change = { store, ids };
    announceChange(change);
  }
}

/**
 * Write the sample data set in one transaction, replacing any sample data loaded before.
 * The user's own records are left alone.
 */
export async function loadDemoData(db: PulseDatabase, now: number): Promise<DemoData> {
  const data = buildDemoData(now);
  const tx = openDemoTransaction(db);
  const changed = await deleteDemoRecords(tx);
  const writes: Promise<unknown>[] = [];
  for (const store of RECORD_STORES) {
    const records = data[store] as Array<{ id: string }>;
    const target = tx.objectStore(store);
    for (const record of records) writes.push(target.put(record as never));
    changed.set(store, [...new Set([...(changed.get(store) ?? []), ...records.map((record) => record.id)])]);
  }
  await Promise.all(writes);
  await tx.done;
  announce(changed);
  return data;
}

/** Delete exactly the sample records (`demo: true`), in one transaction. Returns how many. */
export async function removeDemoData(db: PulseDatabase): Promise<number> {
  const tx = openDemoTransaction(db);
  const removed = await deleteDemoRecords(tx);
  await tx.done;
  announce(removed);
  return [...removed.values()].reduce((sum, ids) => sum + ids.length, 0);
}
