import type { Pulse } from './records';
import { getRecord, listRecords, saveRecord, updateRecord } from './records-store';
import type { PulseDatabase } from './schema';
import { clampThreshold } from './threshold';

export const DEFAULT_PULSE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the lead chooses when starting a pulse (a meeting, or a period); the key pair is made here. */
export type NewPulse = Pick<
  Pulse,
  | 'partnershipId'
  | 'meetingId'
  | 'periodStart'
  | 'periodEnd'
  | 'questions'
  | 'invitedOrganisationIds'
  | 'expiresAt'
  | 'threshold'
>;

export type PulseKeys = { publicKeyJwk: JsonWebKey; privateKey: CryptoKey };

/**
 * Start a pulse: its own ECDH key pair (made by `makeKeys`, utils/pulse/keys.ts
 * generatePulseKeys, so the database imports no crypto rule), the private half stored as a
 * non-extractable CryptoKey with the pulse. The threshold is never below the minimum.
 */
export async function createPulse(
  db: PulseDatabase,
  input: NewPulse,
  makeKeys: () => Promise<PulseKeys>,
): Promise<Pulse> {
  if (!input.partnershipId) throw new RangeError('A pulse needs a partnership.');
  if (input.questions.length === 0) throw new RangeError('A pulse needs at least one question.');
  if (new Set(input.questions.map((q) => q.id)).size !== input.questions.length) {
    throw new RangeError('Question ids must be unique.');
  }
  if (input.questions.some((q) => q.wording.trim() === '')) throw new RangeError('Every question needs its wording.');
  if (!Number.isFinite(input.expiresAt)) throw new RangeError('A pulse needs an expiry.');
  const { publicKeyJwk, privateKey } = await makeKeys();
  return saveRecord(db, 'pulses', {
    partnershipId: input.partnershipId,
    ...(input.meetingId ? { meetingId: input.meetingId } : {}),
    ...(input.periodStart !== undefined ? { periodStart: input.periodStart } : {}),
    ...(input.periodEnd !== undefined ? { periodEnd: input.periodEnd } : {}),
    questions: input.questions,
    invitedOrganisationIds: [...new Set(input.invitedOrganisationIds)],
    expiresAt: input.expiresAt,
    threshold: clampThreshold(input.threshold),
    publicKeyJwk,
    privateKey,
  });
}

export function defaultExpiry(now: number = Date.now()): number {
  return now + DEFAULT_PULSE_DAYS * DAY_MS;
}

/** A live pulse; with `includeDeleted`, a deleted pulse's tombstone too (to tell its codes apart). */
export function getPulse(db: PulseDatabase, id: string, includeDeleted = false): Promise<Pulse | undefined> {
  return getRecord(db, 'pulses', id, includeDeleted);
}

/** Pulses newest first, of one partnership or all. Pulses are few (one per meeting at most). */
export async function listPulses(db: PulseDatabase, options: { partnershipId?: string } = {}): Promise<Pulse[]> {
  const pulses =
    options.partnershipId === undefined
      ? await listRecords(db, 'pulses')
      : (await db.getAllFromIndex('pulses', 'by-partnership', options.partnershipId)).filter(
          (p) => p.deletedAt === undefined,
        );
  return pulses.sort((a, b) => b.createdAt - a.createdAt);
}

/** The partnership's latest pulse: its wording is where the next pulse starts. */
export async function latestPulse(db: PulseDatabase, partnershipId: string): Promise<Pulse | undefined> {
  return (await listPulses(db, { partnershipId }))[0];
}

/**
 * The live pulses of these partnerships (all of them when `partnershipIds` is 'all'), read in one
 * transaction, through the partnership index, in no particular order.
 */
export async function listPulsesOfPartnerships(
  db: PulseDatabase,
  partnershipIds: readonly string[] | 'all',
): Promise<Pulse[]> {
  const tx = db.transaction('pulses');
  const lists =
    partnershipIds === 'all'
      ? [await tx.store.getAll()]
      : await Promise.all(partnershipIds.map((id) => tx.store.index('by-partnership').getAll(id)));
  await tx.done;
  return lists.flat().filter((p) => p.deletedAt === undefined);
}

export async function listPulsesOfMeeting(db: PulseDatabase, meetingId: string): Promise<Pulse[]> {
  const pulses = await db.getAllFromIndex('pulses', 'by-meeting', meetingId);
  return pulses.filter((p) => p.deletedAt === undefined).sort((a, b) => b.createdAt - a.createdAt);
}

/** Close a pulse now: codes answered after this are 'expired'. */
export function closePulse(db: PulseDatabase, id: string, now: number = Date.now()): Promise<Pulse | undefined> {
  return updateRecord(db, 'pulses', id, (pulse) => {
    if (pulse.expiresAt <= now) return;
    pulse.expiresAt = now;
    // Closed by hand: the results are out at once (utils/pulse/release.ts).
    pulse.releasedAt = now;
  });
}
