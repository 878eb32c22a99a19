import { announceChange } from './changes';
import type { Answer, PartnerType, Pulse, PulseResponse } from './records';
import type { PulseDatabase } from './schema';
import { overLimit } from './limits';
import { nextStamp } from './stamp';
import { addToSummary } from './summary';

/**
 * One response as it arrives, from a partner's code or from the lead's quick round.
 * `responseId` becomes the record's id, so the same response added twice is stored once.
 */
export interface ResponseEntry {
  responseId: string;
  partnerType: PartnerType;
  organisationId?: string;
  answers: Record<string, Answer>;
  comment?: string;
  /** Unset: verified (see PulseResponse.verified). */
  verified?: boolean;
  seatId?: string;
}

/**
 * The entry as it may be stored for this pulse, or null when it does not fit: the pulse's rule
 * (utils/pulse/entry.ts checkEntry), passed in so the database imports no feature.
 */
export type EntryCheck = (pulse: Pulse, entry: ResponseEntry) => ResponseEntry | null;

/**
 * - added: stored now;
 * - already-added: a response with this id is stored (the same code pasted or posted again);
 * - invalid: it does not fit the pulse (unknown question, value off the scale…): nothing stored.
 */
export type AddOutcome = 'added' | 'already-added' | 'invalid';

export class UnknownPulseError extends Error {
  constructor(readonly pulseId: string) {
    super(`No pulse ${pulseId}`);
  }
}

/**
 * Store responses to one pulse, in one transaction: every entry is stored, or (if anything
 * fails) none is. The response id is the record id, so adding the same response twice stores
 * it once; the pulse's summary is updated in the same transaction.
 *
 * Every response in a batch gets the same receivedAt and createdAt, so the stored order says
 * nothing about who answered when.
 */
export async function addResponses(
  db: PulseDatabase,
  pulseId: string,
  entries: readonly ResponseEntry[],
  options: { check: EntryCheck; source?: PulseResponse['source']; now?: number },
): Promise<AddOutcome[]> {
  const { check, source = 'widget', now = Date.now() } = options;
  const tx = db.transaction(['pulses', 'responses'], 'readwrite');
  const pulses = tx.objectStore('pulses');
  const responses = tx.objectStore('responses');
  const pulse = await pulses.get(pulseId);
  if (!pulse || pulse.deletedAt !== undefined) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new UnknownPulseError(pulseId);
  }

  const outcomes: AddOutcome[] = [];
  const added: string[] = [];
  const writes: Promise<unknown>[] = [];
  let summary = pulse.summary;
  try {
    for (const raw of entries) {
      const entry = check(pulse, raw);
      if (!entry) {
        outcomes.push('invalid');
        continue;
      }
      if (added.includes(entry.responseId) || (await responses.getKey(entry.responseId)) !== undefined) {
        outcomes.push('already-added');
        continue;
      }
      const record = responseRecord(pulseId, entry, source, now);
      // Over a limit the bundle importer enforces (a comment over 100,000 characters): not stored.
      if (overLimit('responses', record)) {
        outcomes.push('invalid');
        continue;
      }
      writes.push(responses.add(record));
      summary = addToSummary(summary, pulse, record);
      added.push(record.id);
      outcomes.push('added');
    }
    if (added.length > 0) writes.push(pulses.put({ ...pulse, summary, updatedAt: nextStamp(pulse.updatedAt, now) }));
  } catch (error) {
    // A transaction commits by itself once idle: undo the writes already queued.
    tx.abort();
    await Promise.allSettled([...writes, tx.done]);
    throw error;
  }
  await Promise.all([...writes, tx.done]);
  if (added.length > 0) {
    announceChange({ store: 'responses', ids: added });
    announceChange({ store: 'pulses', ids: [pulseId] });
  }
  return outcomes;
}

/** The stored record for an accepted entry (also used by utils/db/seats.ts). */
export function responseRecord(
  pulseId: string,
  entry: ResponseEntry,
  source: PulseResponse['source'],
  now: number,
): PulseResponse {
  return {
    id: entry.responseId,
    createdAt: now,
    updatedAt: now,
    pulseId,
    partnerType: entry.partnerType,
    ...(entry.organisationId !== undefined ? { organisationId: entry.organisationId } : {}),
    answers: entry.answers,
    ...(entry.comment !== undefined ? { comment: entry.comment } : {}),
    source,
    receivedAt: now,
    verified: entry.verified ?? true,
    ...(entry.seatId !== undefined ? { seatId: entry.seatId } : {}),
  };
}

/** A pulse's responses, deleted ones left out. Their order carries no meaning. */
export async function listResponses(db: PulseDatabase, pulseId: string): Promise<PulseResponse[]> {
  const responses = await db.getAllFromIndex('responses', 'by-pulse', pulseId);
  return responses.filter((response) => response.deletedAt === undefined);
}

/** Which of these response ids are stored already (for any pulse). */
export async function storedResponseIds(db: PulseDatabase, ids: readonly string[]): Promise<Set<string>> {
  const tx = db.transaction('responses');
  const keys = await Promise.all(ids.map((id) => tx.store.getKey(id)));
  await tx.done;
  return new Set(ids.filter((_, index) => keys[index] !== undefined));
}
