import { getAllByIndex, getMany, storedStamps } from '../../db/raw-store';
import type { Membership, Stamped } from '../../db/records';
import type { BundleStore } from './format';
import {
  changedFields,
  decideStore,
  foldedMemberships,
  recordName,
  settleComparisons,
  type DecisionContext,
  type FieldChanges,
  type StoreDecisions,
} from './merge';

/** What the plan and the import read of the database, inside the transaction they run in. */

/**
 * The incoming memberships (references redirected) not to write: see foldedMemberships. Reads
 * the memberships stored here of the partnerships they name.
 */
export async function readFoldedMemberships(tx: IDBTransaction, incoming: readonly Membership[]): Promise<Set<string>> {
  if (incoming.length === 0) return new Set();
  const partnerships = [...new Set(incoming.map((m) => m.partnershipId))];
  const stored = await getAllByIndex<Membership>(tx.objectStore('memberships').index('by-partnership'), partnerships);
  return foldedMemberships(incoming, stored);
}

/** The times a personal backup coarsens in each response (besides updatedAt). */
const COARSENED_FIELDS: ReadonlySet<string> = new Set(['createdAt', 'receivedAt']);

/** Records updated whose changed fields a plan lists, per store (the counts hold them all). */
export const MAX_LISTED_CHANGES = 200;

/** The stamp-and-copy decisions of one store (see decideAgainstStored), without the responses' extras. */
export interface StampDecisions {
  decisions: StoreDecisions;
  conflicts: Stamped[];
  stamps: Map<string, number>;
}

export interface StoredDecisions extends StampDecisions {
  /** Responses live here that the file deletes (tombstones), whether or not they are deleted. */
  deletions: number;
  /** With `describe`: the updated pulses and responses and their changed fields (up to MAX_LISTED_CHANGES). */
  changes: FieldChanges[];
}

/**
 * One store's records decided against what is stored: the stamps first, then the stored copies
 * of the records with an equal stamp. Returns the decisions and the conflicts. All the sync
 * needs (it carries no pulses or responses): kept apart from decideAgainstStored so that the
 * responses' handling stays out of the background's script.
 */
export async function decideByStamps(
  tx: IDBTransaction,
  store: BundleStore,
  incoming: readonly Stamped[],
  context: DecisionContext,
): Promise<StampDecisions> {
  const objectStore = tx.objectStore(store);
  const stamps = await storedStamps(
    objectStore,
    incoming.map((r) => r.id),
  );
  const decisions = decideStore(store, incoming, stamps, context);
  const stored = await getMany<Stamped>(
    objectStore,
    decisions.toCompare.map((r) => r.id),
  );
  const conflicts = settleComparisons(store, decisions, stored as Stamped[]);
  return { decisions, conflicts, stamps };
}

/**
 * As decideByStamps, and for pulses and responses more: responses live here that the file
 * deletes stay as they are unless `deleteResponses` (counted as kept here). With `describe`,
 * the updated pulses and responses are read to list their changed fields.
 */
export async function decideAgainstStored(
  tx: IDBTransaction,
  store: BundleStore,
  incoming: readonly Stamped[],
  context: DecisionContext,
  options: { deleteResponses?: boolean; describe?: boolean } = {},
): Promise<StoredDecisions> {
  const result: StoredDecisions = {
    ...(await decideByStamps(tx, store, incoming, context)),
    deletions: 0,
    changes: [],
  };
  if (store !== 'pulses' && store !== 'responses') return result;
  const { decisions } = result;
  const objectStore = tx.objectStore(store);

  let updates = decisions.winners.filter((r) => !decisions.added.has(r.id));
  // Every updated response is read: one that differs only in its coarsened times is unchanged.
  const read = store === 'responses' ? updates : options.describe ? updates.slice(0, MAX_LISTED_CHANGES) : [];
  const copies = await getMany<Stamped>(
    objectStore,
    read.map((r) => r.id),
  );
  const storedOf = new Map(read.map((r, i) => [r.id, copies[i]]));
  if (store === 'responses') {
    // A personal backup coarsens arrival times to the pulse's close (export.ts coarsenedResponse):
    // restoring it where the answers are kept with their own times changes nothing.
    const timesOnly = new Set(
      updates
        .filter((r) => {
          const here = storedOf.get(r.id);
          return here !== undefined && changedFields(store, r, here).every((field) => COARSENED_FIELDS.has(field));
        })
        .map((r) => r.id),
    );
    if (timesOnly.size > 0) {
      decisions.winners = decisions.winners.filter((r) => !timesOnly.has(r.id));
      decisions.counts.update -= timesOnly.size;
      decisions.counts.unchanged += timesOnly.size;
      updates = updates.filter((r) => !timesOnly.has(r.id));
    }
  }
  const tombstones = store === 'responses' ? updates.filter((r) => r.deletedAt !== undefined) : [];
  const described = options.describe ? updates.slice(0, MAX_LISTED_CHANGES) : [];
  const kept = new Set<string>();
  for (const record of tombstones) {
    if (storedOf.get(record.id)?.deletedAt !== undefined) continue;
    result.deletions += 1;
    if (!options.deleteResponses) kept.add(record.id);
  }
  if (kept.size > 0) {
    decisions.winners = decisions.winners.filter((r) => !kept.has(r.id));
    decisions.counts.update -= kept.size;
    decisions.counts.keepLocal += kept.size;
  }
  for (const record of described) {
    const here = storedOf.get(record.id);
    if (!here) continue;
    // The coarsened times of a response are no change of the lead's to list.
    const fields = changedFields(store, record, here).filter(
      (field) => store !== 'responses' || !COARSENED_FIELDS.has(field),
    );
    if (fields.length > 0) result.changes.push({ store, id: record.id, label: recordName(record), fields });
  }
  return result;
}
