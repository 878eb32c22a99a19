import { inRawTransaction } from './raw-open';
import { request } from './raw-store';
import type { Partnership, PendingResult, PublishedResult, Pulse } from './records';
import type { PulseDatabase } from './schema';

/**
 * Pending results (issue 14): what each pulse not released yet will publish. An extension page
 * makes them again whenever what they are made of changes (utils/pulse/publish-released.ts): its
 * responses change only in a page, the pulse and its partnership's name here or through the
 * sync's pull. At a release with no page open, the background's sync publishes the pending
 * result if it is still up to date, and never reads a response or aggregates anything. Local
 * only: never synced, never exported, until released.
 */

/**
 * Whether `result` still holds what `pulse` publishes, its responses aside: the pulse has not
 * changed since it was made, nor its partnership's name (a deleted partnership publishes
 * nothing), nor whether the lead shares its comments. The one check of publishReleased's skip
 * and of the background's publishing.
 */
export function isUpToDate(
  pulse: Pick<Pulse, 'updatedAt'>,
  partnership: Partnership | undefined,
  result: Pick<PublishedResult, 'updatedAt' | 'partnershipName' | 'comments' | 'deletedAt'>,
  withComments: boolean,
): boolean {
  return (
    result.deletedAt === undefined &&
    pulse.updatedAt <= result.updatedAt &&
    partnership?.name === result.partnershipName &&
    partnership.deletedAt === undefined &&
    (result.comments !== undefined) === withComments
  );
}

/** The page's side: these pending results replace every stored one, in one transaction. */
export async function replacePendingResults(db: PulseDatabase, pending: readonly PendingResult[]): Promise<void> {
  const tx = db.transaction('pendingResults', 'readwrite');
  await Promise.all([tx.store.clear(), ...pending.map((p) => tx.store.put(p)), tx.done]);
}

/**
 * The background's side, after its sync pulled the partnership's database and before it pushes
 * to it: each pending result of the partnership whose pulse is released by `now` and that is up
 * to date becomes its published result, stamped `now`, in one transaction; the push sends it. A
 * stale one stays for the next page, which publishes the right one.
 */
export function publishPending(
  db: IDBDatabase,
  partnershipId: string,
  now: number,
  withComments: boolean,
): Promise<void> {
  return inRawTransaction(
    db,
    ['pendingResults', 'pulses', 'partnerships', 'publishedResults'],
    'readwrite',
    async (tx) => {
      const store = (name: string) => tx.objectStore(name);
      const partnership = await request<Partnership | undefined>(store('partnerships').get(partnershipId));
      for (const { id, result, pulseUpdatedAt, releaseAt } of await request<PendingResult[]>(
        store('pendingResults').getAll(),
      )) {
        const pulse = await request<Pulse | undefined>(store('pulses').get(id));
        if (
          result.partnershipId === partnershipId &&
          releaseAt < now &&
          pulse &&
          isUpToDate(pulse, partnership, { ...result, updatedAt: pulseUpdatedAt }, withComments)
        ) {
          // Dated as publishPulse dates a result: never after its publishing.
          store('publishedResults').put({ ...result, at: Math.min(result.at, now), updatedAt: now });
          store('pendingResults').delete(id);
        }
      }
    },
  );
}
