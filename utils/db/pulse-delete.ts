import { announceChange } from './changes';
import { pulseDraftKeys } from './drafts';
import { isHeld, type PulseResponse, type StoredPulse } from './records';
import { UnknownPulseError } from './responses';
import type { PulseDatabase } from './schema';
import { nextStamp } from './stamp';

/**
 * Deleting a pulse, also after it has started (issue 12). One transaction over pulses,
 * responses and seats:
 * - the pulse becomes a tombstone (as other records: an older backup or a sync cannot bring it
 *   back), and its local-only part (private key, summary, refused count: pulseSecrets) is
 *   removed, so nothing can be opened or read from it;
 * - each of its responses, the late queue's held codes included, becomes a tombstone without
 *   its answers or comment;
 * - its seats (local only, never synced) are removed;
 * - its drafts (paste box, "invite someone else" form, quick round: `pulseDraftKeys`) are removed,
 *   so no half-typed code, name or score of a deleted pulse stays behind.
 * A code for the pulse is then refused as 'deleted-pulse' (utils/pulse/collect.ts).
 */

/** What deleting a pulse takes with it: the answers counted, and the codes held in its late queue. */
export interface PulseAnswerCount {
  answers: number;
  held: number;
}

export async function countPulseAnswers(db: PulseDatabase, pulseId: string): Promise<PulseAnswerCount> {
  const responses = (await db.getAllFromIndex('responses', 'by-pulse', pulseId)).filter(
    (response) => response.deletedAt === undefined,
  );
  const held = responses.filter(isHeld).length;
  return { answers: responses.length - held, held };
}

export async function deletePulse(db: PulseDatabase, pulseId: string, now: number = Date.now()): Promise<StoredPulse> {
  const tx = db.transaction(['pulses', 'responses', 'seats', 'pulseSecrets', 'drafts', 'pendingResults'], 'readwrite');
  const pulses = tx.objectStore('pulses');
  const responses = tx.objectStore('responses');
  const seats = tx.objectStore('seats');
  const drafts = tx.objectStore('drafts');
  const pulse = await pulses.get(pulseId);
  if (!pulse || pulse.deletedAt !== undefined) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new UnknownPulseError(pulseId);
  }
  const draftKeys = pulseDraftKeys(pulseId);
  const [stored, seatIds, draftsFound] = await Promise.all([
    responses.index('by-pulse').getAll(pulseId),
    seats.index('by-pulse').getAllKeys(pulseId),
    Promise.all(draftKeys.map((key) => drafts.getKey(key))),
  ]);
  const draftsGone = draftsFound.filter((key): key is string => key !== undefined);
  const tombstone: StoredPulse = { ...pulse, deletedAt: now, updatedAt: nextStamp(pulse.updatedAt, now) };
  // Its private key, totals, refused count and pending result go with it.
  const writes: Promise<unknown>[] = [
    pulses.put(tombstone),
    tx.objectStore('pulseSecrets').delete(pulseId),
    tx.objectStore('pendingResults').delete(pulseId),
  ];
  const gone: string[] = [];
  for (const response of stored) {
    if (response.deletedAt !== undefined) continue;
    const { comment: _comment, heldSince: _heldSince, ...rest } = response;
    void _comment;
    void _heldSince;
    const record: PulseResponse = {
      ...rest,
      answers: {},
      deletedAt: now,
      updatedAt: nextStamp(response.updatedAt, now),
    };
    writes.push(responses.put(record));
    gone.push(response.id);
  }
  for (const id of seatIds) writes.push(seats.delete(id));
  for (const key of draftsGone) writes.push(drafts.delete(key));
  await Promise.all([...writes, tx.done]);
  announceChange({ store: 'pulses', ids: [pulseId] });
  if (gone.length > 0) announceChange({ store: 'responses', ids: gone });
  if (seatIds.length > 0) announceChange({ store: 'seats', ids: seatIds });
  if (draftsGone.length > 0) announceChange({ store: 'drafts', ids: draftsGone });
  return tombstone;
}
