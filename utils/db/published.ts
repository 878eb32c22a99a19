import { least } from '../collections/extremes';
import { announceChange } from './changes';
import {
  isKnownOnlyFromWorkspace,
  type Partnership,
  type PublishedResult,
  type Pulse,
  type PulseResponse,
} from './records';
import type { PulseDatabase } from './schema';

/**
 * Results published by leads and imported by a coordinator (utils/your-data/coordinator):
 * one record per pulse, keyed by the pulse's id. Checked before they reach here.
 */

/** The live published results of these partnerships (all of them with 'all'), in no particular order. */
export async function listPublishedResults(
  db: PulseDatabase,
  partnershipIds: readonly string[] | 'all' = 'all',
): Promise<PublishedResult[]> {
  const tx = db.transaction('publishedResults');
  const lists =
    partnershipIds === 'all'
      ? [await tx.store.getAll()]
      : await Promise.all(partnershipIds.map((id) => tx.store.index('by-partnership').getAll(id)));
  await tx.done;
  return lists.flat().filter((r) => r.deletedAt === undefined);
}

/** A pulse to publish, with what its result is made of and the result stored for it (if any). */
export interface PublishCandidate {
  pulse: Pulse;
  partnership: Partnership | undefined;
  earlier: PublishedResult | undefined;
  responses: PulseResponse[];
  /** Its answers were changed by a file's import at this time (PulseSecrets.restoredAt): clear it once published. */
  restoredAt?: number;
}

/**
 * The pulses `wanted` picks (released, or with a pending result to make), each with its partnership and its stored
 * result, and the responses of those whose result may be out of date, in one transaction. A
 * pulse that `settled` says is unchanged since its result was made (its own stamp has not
 * moved, say) is left out unseen, unless one of its responses is stamped after that result (a
 * late batch, a response added by hand) or a file's import changed its responses (they may be
 * stamped before the result: a restored backup's are coarsened to the pulse's close): its
 * responses are then read too. The responses of the settled pulses are never read one pulse at
 * a time: one read of the responses stamped after the oldest of their results finds any that
 * moved. A pulse this browser knows only through the workspace (another lead's, by the one rule
 * the dashboard uses too: isKnownOnlyFromWorkspace) is never a candidate, and its responses are
 * not read: its result is its own lead's to publish, and one made here would be empty.
 */
export async function readPublishCandidates(
  db: PulseDatabase,
  wanted: (pulse: Pulse) => boolean,
  settled: (candidate: Omit<PublishCandidate, 'responses'> & { earlier: PublishedResult }) => boolean,
): Promise<PublishCandidate[]> {
  const tx = db.transaction(['partnerships', 'pulses', 'responses', 'publishedResults', 'pulseSecrets'], 'readonly');
  const pulses = (await tx.objectStore('pulses').getAll()).filter(wanted);
  const [partnerships, stored, secrets] = await Promise.all([
    Promise.all(pulses.map((p) => tx.objectStore('partnerships').get(p.partnershipId))),
    Promise.all(pulses.map((p) => tx.objectStore('publishedResults').get(p.id))),
    Promise.all(pulses.map((p) => tx.objectStore('pulseSecrets').get(p.id))),
  ]);
  const candidates = pulses.flatMap((pulse, i) =>
    isKnownOnlyFromWorkspace(secrets[i] ?? {})
      ? []
      : [
          {
            pulse,
            partnership: partnerships[i],
            earlier: stored[i],
            ...(secrets[i]?.restoredAt !== undefined ? { restoredAt: secrets[i].restoredAt } : {}),
          },
        ],
  );
  /** The settled pulses, by id, with their result's stamp. */
  const quiet = new Map<string, number>();
  for (const c of candidates) {
    if (c.earlier && c.restoredAt === undefined && settled({ ...c, earlier: c.earlier })) {
      quiet.set(c.pulse.id, c.earlier.updatedAt);
    }
  }
  if (quiet.size > 0) {
    const since = least(quiet.values());
    const moved = await tx.objectStore('responses').index('by-updated').getAll(IDBKeyRange.lowerBound(since, true));
    for (const response of moved) {
      const madeAt = quiet.get(response.pulseId);
      if (madeAt !== undefined && response.updatedAt > madeAt) quiet.delete(response.pulseId);
    }
  }
  const open = candidates.filter((c) => !quiet.has(c.pulse.id));
  const responses = await Promise.all(
    open.map((c) => tx.objectStore('responses').index('by-pulse').getAll(c.pulse.id)),
  );
  await tx.done;
  return open.map((c, i) => ({ ...c, responses: responses[i]! }));
}

/**
 * Clears the import's mark (PulseSecrets.restoredAt) of pulses whose result is up to date again,
 * each only if it is still the mark that was read: an import in between leaves its own.
 */
export async function clearRestoredMarks(
  db: PulseDatabase,
  marks: ReadonlyArray<{ id: string; restoredAt: number }>,
): Promise<void> {
  if (marks.length === 0) return;
  const tx = db.transaction('pulseSecrets', 'readwrite');
  const writes = marks.map(async ({ id, restoredAt }) => {
    const secrets = await tx.store.get(id);
    if (secrets?.restoredAt !== restoredAt) return;
    const { restoredAt: _, ...rest } = secrets;
    await tx.store.put(rest);
  });
  await Promise.all([...writes, tx.done]);
}

export interface PublishedOutcome {
  added: number;
  updated: number;
  /** The stored result is as new or newer: kept. */
  kept: number;
}

/**
 * Stores published results in one transaction: a result new here is added, a newer one
 * (later `updatedAt`) replaces the stored one, an older or equal one changes nothing; of one
 * result listed twice, only the newer copy counts (the other is `kept` out).
 *
 * The "shared link" mark is kept once stored: a pulse's shared link is fixed when it starts (seats
 * are given only at the start, or to a pulse that has them), so a later copy of the same pulse
 * without `sharedLink` is a copy with the mark dropped, never a pulse that became personal-link.
 * The newer copy replaces the figures and keeps the mark (docs/privacy.md: a file's sender can
 * still drop it from the first copy a coordinator sees).
 */
export async function storePublishedResults(
  db: PulseDatabase,
  results: readonly PublishedResult[],
): Promise<PublishedOutcome> {
  const outcome: PublishedOutcome = { added: 0, updated: 0, kept: 0 };
  // One per pulse, the newest: a list naming a result twice (a forged server answer) cannot store the older last.
  const newest = new Map<string, PublishedResult>();
  for (const result of results) {
    const other = newest.get(result.id);
    if (other) outcome.kept += 1;
    if (!other || result.updatedAt > other.updatedAt) newest.set(result.id, result);
  }
  const unique = [...newest.values()];
  const written: string[] = [];
  const tx = db.transaction('publishedResults', 'readwrite');
  const stored = await Promise.all(unique.map((result) => tx.store.get(result.id)));
  const puts: Array<Promise<unknown>> = [];
  unique.forEach((result, index) => {
    const existing = stored[index];
    if (existing && existing.updatedAt >= result.updatedAt) {
      outcome.kept += 1;
      return;
    }
    if (existing) outcome.updated += 1;
    else outcome.added += 1;
    written.push(result.id);
    const keepsMark = existing?.sharedLink === true && result.sharedLink !== true && result.deletedAt === undefined;
    puts.push(tx.store.put(keepsMark ? { ...result, sharedLink: true } : result));
  });
  await Promise.all(puts);
  await tx.done;
  announceChange({ store: 'publishedResults', ids: written });
  return outcome;
}
