import { announceChange } from './changes';
import type { PublishedResult } from './records';
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

/** The stored results of these pulses (tombstones included), in the same order; undefined where none. */
export async function getPublishedResults(
  db: PulseDatabase,
  pulseIds: readonly string[],
): Promise<Array<PublishedResult | undefined>> {
  const tx = db.transaction('publishedResults');
  const results = await Promise.all(pulseIds.map((id) => tx.store.get(id)));
  await tx.done;
  return results;
}

export interface PublishedOutcome {
  added: number;
  updated: number;
  /** The stored result is as new or newer: kept. */
  kept: number;
}

/**
 * Stores published results in one transaction: a result new here is added, a newer one
 * (later `updatedAt`) replaces the stored one, an older or equal one changes nothing.
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
  const written: string[] = [];
  const tx = db.transaction('publishedResults', 'readwrite');
  const stored = await Promise.all(results.map((result) => tx.store.get(result.id)));
  const puts: Array<Promise<unknown>> = [];
  results.forEach((result, index) => {
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
