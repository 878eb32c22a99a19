import type { PulseDB, PulseDatabase, StoreName } from './schema';

/** The stores whose records a sync can name (as its documents do), and those their names read. */
export const NAMED_STORES = [
  'partnerships',
  'memberships',
  'people',
  'meetings',
  'pulses',
  'organisations',
  'purposeTags',
  'publishedResults',
] as const satisfies readonly StoreName[];
export type NamedStore = (typeof NAMED_STORES)[number];

export interface RecordRef {
  store: NamedStore;
  id: string;
}

const namedKey = (store: NamedStore, id: string) => `${store}:${id}`;

/** What `readNamedRecords` read. */
export type NamedRecords = ReadonlyMap<string, unknown>;

/** One record of those read, as stored (a tombstone too), or undefined when none is here. */
export function namedRecord<S extends NamedStore>(
  records: NamedRecords,
  store: S,
  id: string | undefined,
): PulseDB[S]['value'] | undefined {
  return id === undefined ? undefined : (records.get(namedKey(store, id)) as PulseDB[S]['value'] | undefined);
}

/**
 * These records as stored (tombstones included), with what names them besides: a pulse's
 * partnership and meeting, a membership's partnership and organisation. One transaction.
 */
export async function readNamedRecords(db: PulseDatabase, refs: readonly RecordRef[]): Promise<NamedRecords> {
  const found = new Map<string, unknown>();
  if (refs.length === 0) return found;
  const tx = db.transaction(NAMED_STORES);
  const read = async (store: NamedStore, id: string | undefined) => {
    if (id === undefined || found.has(namedKey(store, id))) return;
    const record: unknown = await tx.objectStore(store).get(id);
    if (record !== undefined) found.set(namedKey(store, id), record);
  };
  await Promise.all(refs.map((ref) => read(ref.store, ref.id)));
  const related: Array<Promise<void>> = [];
  for (const ref of refs) {
    const record = found.get(namedKey(ref.store, ref.id)) as
      { partnershipId?: string; meetingId?: string; organisationId?: string } | undefined;
    if (!record || (ref.store !== 'pulses' && ref.store !== 'memberships')) continue;
    related.push(read('partnerships', record.partnershipId));
    related.push(read('meetings', record.meetingId));
    related.push(read('organisations', record.organisationId));
  }
  await Promise.all(related);
  await tx.done;
  return found;
}
