import { announceChange } from './changes';
import type { Stamped } from './records';
import type { PulseDB, PulseDatabase, RecordStoreName } from './schema';
import { checkRecordLimits, overLimit } from './limits';
import { isLive, nextStamp, stamp, type SaveInput } from './stamp';

/** Shared plumbing for the repositories: one store of stamped records, keyed by id. */

type RecordOf<S extends RecordStoreName> = PulseDB[S]['value'];

export async function getRecord<S extends RecordStoreName>(
  db: PulseDatabase,
  store: S,
  id: string,
  includeDeleted = false,
): Promise<RecordOf<S> | undefined> {
  const record = (await db.get(store, id)) as RecordOf<S> | undefined;
  return record && (includeDeleted || isLive(record)) ? record : undefined;
}

export async function listRecords<S extends RecordStoreName>(
  db: PulseDatabase,
  store: S,
  includeDeleted = false,
): Promise<RecordOf<S>[]> {
  const records = (await db.getAll(store)) as RecordOf<S>[];
  return includeDeleted ? records : records.filter(isLive);
}

/** These records by id, read in one transaction, in the order asked (undefined where none is stored). */
export async function getRecords<S extends RecordStoreName>(
  db: PulseDatabase,
  store: S,
  ids: readonly string[],
): Promise<Array<RecordOf<S> | undefined>> {
  const tx = db.transaction(store);
  const records = (await Promise.all(ids.map((id) => tx.store.get(id)))) as Array<RecordOf<S> | undefined>;
  await tx.done;
  return records;
}

/** Create (no id, or an unknown id) or replace a record, in one transaction, then announce it. */
export async function saveRecord<S extends RecordStoreName>(
  db: PulseDatabase,
  store: S,
  input: SaveInput<RecordOf<S>>,
): Promise<RecordOf<S>> {
  // Nothing is written that the bundle importer would refuse (utils/db/limits.ts).
  checkRecordLimits(store, input);
  const tx = db.transaction(store, 'readwrite');
  const existing = input.id === undefined ? undefined : ((await tx.store.get(input.id)) as RecordOf<S> | undefined);
  const record = stamp<Stamped>(input, existing) as RecordOf<S>;
  await tx.store.put(record as never);
  await tx.done;
  announceChange({ store, ids: [record.id] });
  return record;
}

/** Apply `edit` to the stored record (tombstone, restore…), bumping updatedAt. */
export async function updateRecord<S extends RecordStoreName>(
  db: PulseDatabase,
  store: S,
  id: string,
  edit: (record: RecordOf<S>) => void,
): Promise<RecordOf<S> | undefined> {
  const tx = db.transaction(store, 'readwrite');
  const existing = (await tx.store.get(id)) as RecordOf<S> | undefined;
  if (!existing) {
    await tx.done;
    return undefined;
  }
  const record = { ...existing };
  edit(record);
  const wrong = overLimit(store, record);
  if (wrong) {
    await tx.done;
    throw wrong;
  }
  record.updatedAt = nextStamp(existing.updatedAt, Date.now());
  await tx.store.put(record as never);
  await tx.done;
  announceChange({ store, ids: [id] });
  return record;
}
