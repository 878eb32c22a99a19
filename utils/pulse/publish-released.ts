import { isUpToDate, replacePendingResults } from '../db/pending';
import { clearRestoredMarks, readPublishCandidates, storePublishedResults } from '../db/published';
import type { PendingResult, PublishedResult } from '../db/records';
import type { PulseDatabase } from '../db/schema';
import { pulseAt } from '../dashboard/trends/pulse-points';
import { pulseIdsWithSeats } from '../db/seats';
import { sameContent } from '../your-data/bundle/validate';
import { publishPulse } from './published';
import { isReleased, releaseAt } from './release';

/**
 * The lead's side of published results in a workspace: every released pulse of this browser
 * (closed by hand, or its close plus the grace passed) gets one PublishedResult in the
 * `publishedResults` store, built by the coordinator export's own publishPulse, and the
 * workspace sync pushes it to the pulse's partnership (utils/sync). A result is written again
 * only when its figures changed (a late batch added), with a newer `updatedAt`; the same
 * figures write nothing, so opening a page does not republish. Comments travel only for the
 * partnerships the lead chose (settings: shareCommentsWith).
 *
 * Each pulse not released yet gets its pending result instead (utils/db/pending.ts): what it will
 * publish at its release, which the background's sync publishes then if no page is open.
 */

export interface PublishReleasedOptions {
  now: number;
  /** Partnerships whose results carry comments; none by default. */
  shareCommentsWith?: readonly string[];
  /**
   * Told the earliest release (epoch ms) of the live pulses not released yet, when there is one:
   * a page open then publishes again at that moment (utils/sync/published-pages.ts).
   */
  nextRelease?: (at: number) => void;
}

/** The record without its stamps: what decides whether a result changed. */
function figures(result: PublishedResult): Omit<PublishedResult, 'createdAt' | 'updatedAt'> {
  const { createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = result;
  return rest;
}

/**
 * Publishes what changed, and makes every pending result again (those of released, deleted or
 * other pulses go); returns the results written (new or replaced). A pulse whose result
 * was made after its last change (its own stamp, its responses' stamps, its partnership's name,
 * the comments choice) and whose responses no file's import changed since is skipped without
 * reading its responses: opening the dashboard with every result up to date reads no pulse's
 * responses.
 */
export async function publishReleased(db: PulseDatabase, options: PublishReleasedOptions): Promise<PublishedResult[]> {
  const { now } = options;
  const withComments = new Set(options.shareCommentsWith ?? []);
  // As the coordinator export: a pulse without personal-link seats was answered through the shared link.
  const seated = await pulseIdsWithSeats(db);
  let next = Infinity;
  const candidates = await readPublishCandidates(
    db,
    (p) => {
      if (p.deletedAt !== undefined) return false;
      // A comparison, not Math.min: a stamp that is not a number is never waited for.
      if (!isReleased(p, now) && releaseAt(p) < next) next = releaseAt(p);
      return true;
    },
    ({ pulse, partnership, earlier }) =>
      isUpToDate(pulse, partnership, earlier, withComments.has(pulse.partnershipId)) &&
      (earlier.sharedLink === true) === !seated.has(pulse.id),
  );
  const changed: PublishedResult[] = [];
  /** Pulses whose answers an import changed, now published again (or found the same). */
  const caughtUp: Array<{ id: string; restoredAt: number }> = [];
  const pending: PendingResult[] = [];
  for (const { pulse, partnership, earlier, responses, restoredAt } of candidates) {
    if (!partnership || partnership.deletedAt !== undefined) continue;
    const made = {
      partnershipName: partnership.name,
      includeComments: withComments.has(pulse.partnershipId),
      sharedLink: !seated.has(pulse.id),
    };
    if (!isReleased(pulse, now)) {
      // Its result as at its release; `at` the pulse's own, capped when the background publishes it.
      const at = releaseAt(pulse);
      const result = publishPulse(pulse, responses, { ...made, now: at + 1 });
      if (result)
        pending.push({
          id: pulse.id,
          result: { ...result, at: pulseAt(pulse) },
          pulseUpdatedAt: pulse.updatedAt,
          releaseAt: at,
        });
      continue;
    }
    const result = publishPulse(pulse, responses, { ...made, now });
    if (restoredAt !== undefined) caughtUp.push({ id: pulse.id, restoredAt });
    if (!result || (earlier && sameContent(figures(earlier), figures(result)))) continue;
    // Newer than what is stored, whatever this computer's clock did meanwhile.
    changed.push(
      earlier && earlier.updatedAt >= result.updatedAt ? { ...result, updatedAt: earlier.updatedAt + 1 } : result,
    );
  }
  if (changed.length > 0) await storePublishedResults(db, changed);
  await replacePendingResults(db, pending);
  await clearRestoredMarks(db, caughtUp);
  if (next < Infinity) options.nextRelease?.(next);
  return changed;
}
