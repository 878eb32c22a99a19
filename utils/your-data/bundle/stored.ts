import { getAllByIndex, getMany, storedStamps } from '../../db/raw-store';
import type { Membership, Stamped } from '../../db/records';
import type { BundleStore } from './format';
import { decideStore, foldedMemberships, settleComparisons, type DecisionContext, type StoreDecisions } from './merge';

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

/**
 * One store's records decided against what is stored: the stamps first, then the stored copies
 * of the records with an equal stamp. Returns the decisions and the conflicts.
 */
export async function decideAgainstStored(
  tx: IDBTransaction,
  store: BundleStore,
  incoming: readonly Stamped[],
  context: DecisionContext,
): Promise<{ decisions: StoreDecisions; conflicts: Stamped[]; stamps: Map<string, number> }> {
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
