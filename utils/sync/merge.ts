import { announceAll } from '../db/changes';
import { rawTransaction } from '../db/raw-open';
import { getMany, request } from '../db/raw-store';
import type { Meeting, Organisation, Stamped } from '../db/records';
import type { BundleRecords } from '../your-data/bundle/format';
import { mergedIntoPairs, organisationRedirects, redirectShared } from '../your-data/bundle/merge';
import { ProblemList, type Problem } from '../your-data/bundle/problems';
import { refuseProtectedPulses } from '../your-data/bundle/protected-pulses';
import { checkReferences } from '../your-data/bundle/references';
import { decideByStamps, readFoldedMemberships } from '../your-data/bundle/stored';
import { withLocalNames } from './attendance';
import { SYNCED_STORES, type SyncedStore } from './layout';

/**
 * Records from the workspace merged here, in one transaction: the bundle import's rules
 * (references must lead somewhere, organisations merged here stay merged, one membership per
 * organisation and partnership, newer `updatedAt` wins, a pulse whose private key is held here
 * keeps its public key, expiry, threshold and questions) without what only a file needs (the
 * organisations offered for merging, responses and pulses' summaries: none of them syncs). A
 * pulled pulse is written to `pulses` alone: its private key, totals and refused count here
 * (`pulseSecrets`) stay as they are.
 *
 * Two edits with the same `updatedAt` and different content are settled by their content
 * (tieBreak), so every copy keeps the same one whichever order they meet in; a file import
 * instead keeps the local copy and lists a conflict.
 */

export type SyncedRecords = { [S in SyncedStore]: BundleRecords[S] };

/** A record written here exactly as the server sent it. */
export interface AsOnServer {
  store: SyncedStore;
  id: string;
  updatedAt: number;
}

export interface Tie {
  store: SyncedStore;
  id: string;
  kept: 'here' | 'server';
}

/** JSON with every object's keys sorted: the same content gives the same text on any machine. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Which of two copies with the same `updatedAt` wins: the one whose canonical JSON sorts last.
 * Symmetric, so both sides of a sync pick the same copy. True when `incoming` wins.
 */
export function tieBreak(incoming: object, stored: object): boolean {
  return canonicalJson(incoming) > canonicalJson(stored);
}

/**
 * Merges `records` (already checked like a file's); throws ImportRejected for a reference that
 * leads nowhere. Resolves once every write is issued: `committed` resolves to the number of
 * records written once they are committed (and announced), and rejects if the transaction aborts.
 * `refused`: the pulses not stored because they would replace what a pulse whose key is held
 * here keeps (each field named).
 */
export async function applySynced(
  db: IDBDatabase,
  records: SyncedRecords,
  source: string,
): Promise<{
  committed: Promise<number>;
  ties: Tie[];
  asOnServer: AsOnServer[];
  storedStamps: Map<SyncedStore, Map<string, number>>;
  refused: Problem[];
}> {
  const ties: Tie[] = [];
  const asOnServer: AsOnServer[] = [];
  /** The stamps stored here before the merge (at least those of the incoming records). */
  const storedStamps = new Map<SyncedStore, Map<string, number>>();
  const problems = new ProblemList(source);
  const [written, committed] = await rawTransaction(db, [...SYNCED_STORES, 'pulseSecrets'], 'readwrite', async (tx) => {
    const refused = await refuseProtectedPulses(tx, records.pulses, problems, true);
    const all = { ...records, pulses: records.pulses.filter((p) => !refused.has(p.id)) };
    // The references are gathered now, while an earlier transaction may still be committing.
    const [local] = await Promise.all([
      request<Organisation[]>(tx.objectStore('organisations').getAll()),
      checkReferences(tx, all, source),
    ]);
    const shared = redirectShared(
      all,
      organisationRedirects(mergedIntoPairs(local), mergedIntoPairs(all.organisations)),
    );
    // Meetings that came without names keep the names stored here (attendance.ts).
    const meetings = await withLocalNames(shared.meetings, (ids) => getMany<Meeting>(tx.objectStore('meetings'), ids));
    const redirected = { ...shared, meetings };
    const context = {
      mergedHere: new Set(local.filter((o) => o.mergedInto !== undefined).map((o) => o.id)),
      folded: await readFoldedMemberships(tx, redirected.memberships),
    };
    const ids = new Map<SyncedStore, string[]>();
    for (const store of SYNCED_STORES) {
      const objectStore = tx.objectStore(store);
      const { decisions, conflicts, stamps } = await decideByStamps(tx, store, redirected[store], context);
      storedStamps.set(store, stamps);
      const stored = await getMany<Stamped>(
        objectStore,
        conflicts.map((r) => r.id),
      );
      const winners = [...decisions.winners];
      conflicts.forEach((record, i) => {
        const wins = tieBreak(record, stored[i]!);
        ties.push({ store, id: record.id, kept: wins ? 'server' : 'here' });
        if (wins) winners.push(record);
      });
      // Records changed here on the way in (an organisation merged here) are not the server's copy.
      const unchanged = new Set<Stamped>(all[store]);
      for (const record of winners) {
        objectStore.put(record);
        if (unchanged.has(record)) asOnServer.push({ store, id: record.id, updatedAt: record.updatedAt });
      }
      ids.set(
        store,
        winners.map((r) => r.id),
      );
    }
    return ids;
  });
  return {
    committed: committed.then(() => announceAll(written)),
    ties,
    asOnServer,
    storedStamps,
    refused: problems.problems,
  };
}
