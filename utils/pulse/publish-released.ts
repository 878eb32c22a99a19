import { inReadTransaction } from '../db/bulk';
import { getPublishedResults, storePublishedResults } from '../db/published';
import type { PublishedResult, Pulse, PulseResponse } from '../db/records';
import type { PulseDatabase } from '../db/schema';
import { sameContent } from '../your-data/bundle/validate';
import { publishPulse } from './published';
import { isReleased } from './release';

/**
 * The lead's side of published results in a workspace: every released pulse of this browser
 * (closed by hand, or its close plus the grace passed) gets one PublishedResult in the
 * `publishedResults` store, built by the coordinator export's own publishPulse, and the
 * workspace sync pushes it to the pulse's partnership (utils/sync). A result is written again
 * only when its figures changed (a late batch added), with a newer `updatedAt`; the same
 * figures write nothing, so opening a page does not republish. Comments travel only for the
 * partnerships the lead chose (settings: shareCommentsWith).
 */

export interface PublishReleasedOptions {
  now: number;
  /** Partnerships whose results carry comments; none by default. */
  shareCommentsWith?: readonly string[];
}

/** The record without its stamps: what decides whether a result changed. */
function figures(result: PublishedResult): Omit<PublishedResult, 'createdAt' | 'updatedAt'> {
  const { createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = result;
  return rest;
}

/** Publishes what changed; returns the results written (new or replaced). */
export async function publishReleased(db: PulseDatabase, options: PublishReleasedOptions): Promise<PublishedResult[]> {
  const { now } = options;
  const withComments = new Set(options.shareCommentsWith ?? []);
  const read = await inReadTransaction(db, ['partnerships', 'pulses', 'responses'], async (tx) => {
    const pulses = (await tx.objectStore('pulses').getAll()).filter(
      (p) => p.deletedAt === undefined && isReleased(p, now),
    );
    const partnerships = await Promise.all(pulses.map((p) => tx.objectStore('partnerships').get(p.partnershipId)));
    const responses = await Promise.all(pulses.map((p) => tx.objectStore('responses').index('by-pulse').getAll(p.id)));
    return { pulses, partnerships, responses };
  });
  const stored = await getPublishedResults(
    db,
    read.pulses.map((p) => p.id),
  );
  const changed: PublishedResult[] = [];
  read.pulses.forEach((pulse: Pulse, i) => {
    const partnership = read.partnerships[i];
    if (!partnership || partnership.deletedAt !== undefined) return;
    const result = publishPulse(pulse, read.responses[i] as PulseResponse[], {
      partnershipName: partnership.name,
      includeComments: withComments.has(pulse.partnershipId),
      now,
    });
    const earlier = stored[i];
    if (!result || (earlier && sameContent(figures(earlier), figures(result)))) return;
    // Newer than what is stored, whatever this computer's clock did meanwhile.
    changed.push(
      earlier && earlier.updatedAt >= result.updatedAt ? { ...result, updatedAt: earlier.updatedAt + 1 } : result,
    );
  });
  if (changed.length > 0) await storePublishedResults(db, changed);
  return changed;
}
