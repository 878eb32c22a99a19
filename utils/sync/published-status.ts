import { storage } from '#imports';
import type { Refused } from './engine';

/**
 * Published results the dashboard's pull refused (utils/sync/published-pull.ts), kept for the
 * sync status on the management page, which lists them with the records the background's sync
 * refused. The pull runs in a page, so it keeps its own list here: the background writes the
 * sync status at the same time, and one writer per item loses nothing.
 */

export type ListedRefusal = Refused & { at: number };

/** As the sync status lists them: the latest MAX_LISTED. */
export const MAX_LISTED = 20;

/** The last pull's refusals: each pass replaces them (a result fixed on the server leaves the list). */
export const publishedRefused = storage.defineItem<ListedRefusal[]>('local:workspacePublishedRefused', {
  fallback: [],
});

const sameRefusal = (a: Refused, b: Refused) =>
  a.db === b.db && a.id === b.id && a.direction === b.direction && a.reason === b.reason;

/** Keeps one pull's refusals; the same refusals as last time write nothing and keep when they were first seen. */
export async function notePublishedRefusals(refused: readonly Refused[], at: number): Promise<void> {
  const before = await publishedRefused.getValue();
  const kept = refused.slice(0, MAX_LISTED);
  if (before.length === kept.length && kept.every((r, i) => sameRefusal(r, before[i]!))) return;
  await publishedRefused.setValue(
    kept.map((r) => ({
      db: r.db,
      ...(r.id !== undefined ? { id: r.id } : {}),
      direction: r.direction,
      reason: r.reason,
      at,
    })),
  );
}

/** One list for the status: the sync's refusals and the published results', latest first. */
export function refusedList(sync: readonly ListedRefusal[], published: readonly ListedRefusal[]): ListedRefusal[] {
  return [...sync, ...published].sort((a, b) => b.at - a.at).slice(0, MAX_LISTED);
}
