import { announceChange } from './changes';
import { checkRecordLimits } from './limits';
import { joinPulse, joinPulses, withSecrets } from './pulse-secrets';
import type { Pulse, StoredPulse } from './records';
import { updateRecord } from './records-store';
import type { PulseDatabase } from './schema';
import { stamp } from './stamp';
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
 * non-extractable CryptoKey in the local-only `pulseSecrets` store. The threshold is never
 * below the minimum.
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
  const record = stamp<StoredPulse>({
    partnershipId: input.partnershipId,
    ...(input.meetingId ? { meetingId: input.meetingId } : {}),
    ...(input.periodStart !== undefined ? { periodStart: input.periodStart } : {}),
    ...(input.periodEnd !== undefined ? { periodEnd: input.periodEnd } : {}),
    questions: input.questions,
    invitedOrganisationIds: [...new Set(input.invitedOrganisationIds)],
    expiresAt: input.expiresAt,
    threshold: clampThreshold(input.threshold),
    publicKeyJwk,
  });
  checkRecordLimits('pulses', record);
  // The private key goes to the local-only store, in the same transaction as the pulse.
  const tx = db.transaction(['pulses', 'pulseSecrets'], 'readwrite');
  await Promise.all([
    tx.objectStore('pulses').add(record),
    tx.objectStore('pulseSecrets').add({ id: record.id, privateKey }),
    tx.done,
  ]);
  announceChange({ store: 'pulses', ids: [record.id] });
  return { ...record, privateKey };
}

export function defaultExpiry(now: number = Date.now()): number {
  return now + DEFAULT_PULSE_DAYS * DAY_MS;
}

/**
 * A live pulse with its local-only part; with `includeDeleted`, a deleted pulse's tombstone too
 * (to tell its codes apart). Read in one transaction.
 */
export async function getPulse(db: PulseDatabase, id: string, includeDeleted = false): Promise<Pulse | undefined> {
  const tx = db.transaction(['pulses', 'pulseSecrets']);
  const [record, secrets] = await Promise.all([
    tx.objectStore('pulses').get(id),
    tx.objectStore('pulseSecrets').get(id),
  ]);
  await tx.done;
  return record && (includeDeleted || record.deletedAt === undefined) ? joinPulse(record, secrets) : undefined;
}

/** These pulses by id (tombstones included), with their local-only parts, in the order asked. */
export async function getPulses(db: PulseDatabase, ids: readonly string[]): Promise<Array<Pulse | undefined>> {
  const tx = db.transaction(['pulses', 'pulseSecrets']);
  const [records, secrets] = await Promise.all([
    Promise.all(ids.map((id) => tx.objectStore('pulses').get(id))),
    Promise.all(ids.map((id) => tx.objectStore('pulseSecrets').get(id))),
  ]);
  await tx.done;
  return records.map((record, i) => record && joinPulse(record, secrets[i]));
}

/** Every live pulse (with `includeDeleted`, tombstones too) with its local-only part, in one transaction. */
export async function listAllPulses(db: PulseDatabase, includeDeleted = false): Promise<Pulse[]> {
  const tx = db.transaction(['pulses', 'pulseSecrets']);
  const [records, secrets] = await Promise.all([
    tx.objectStore('pulses').getAll(),
    tx.objectStore('pulseSecrets').getAll(),
  ]);
  await tx.done;
  return joinPulses(includeDeleted ? records : records.filter((p) => p.deletedAt === undefined), secrets);
}

/** Pulses newest first, of one partnership or all. Pulses are few (one per meeting at most). */
export async function listPulses(db: PulseDatabase, options: { partnershipId?: string } = {}): Promise<Pulse[]> {
  const pulses =
    options.partnershipId === undefined
      ? await listAllPulses(db)
      : await withSecrets(
          db,
          (await db.getAllFromIndex('pulses', 'by-partnership', options.partnershipId)).filter(
            (p) => p.deletedAt === undefined,
          ),
        );
  return pulses.sort((a, b) => b.createdAt - a.createdAt);
}

/** The partnership's latest pulse: its wording is where the next pulse starts. */
export async function latestPulse(db: PulseDatabase, partnershipId: string): Promise<Pulse | undefined> {
  return (await listPulses(db, { partnershipId }))[0];
}

/**
 * The live pulses of these partnerships (all of them when `partnershipIds` is 'all'), read in one
 * transaction, through the partnership index, in no particular order, with their local-only parts.
 */
export async function listPulsesOfPartnerships(
  db: PulseDatabase,
  partnershipIds: readonly string[] | 'all',
): Promise<Pulse[]> {
  const tx = db.transaction(['pulses', 'pulseSecrets']);
  const store = tx.objectStore('pulses');
  const [lists, secrets] = await Promise.all([
    partnershipIds === 'all'
      ? Promise.all([store.getAll()])
      : Promise.all(partnershipIds.map((id) => store.index('by-partnership').getAll(id))),
    tx.objectStore('pulseSecrets').getAll(),
  ]);
  await tx.done;
  return joinPulses(
    lists.flat().filter((p) => p.deletedAt === undefined),
    secrets,
  );
}

export async function listPulsesOfMeeting(db: PulseDatabase, meetingId: string): Promise<Pulse[]> {
  const pulses = await db.getAllFromIndex('pulses', 'by-meeting', meetingId);
  return (
    await withSecrets(
      db,
      pulses.filter((p) => p.deletedAt === undefined),
    )
  ).sort((a, b) => b.createdAt - a.createdAt);
}

/** Close a pulse now: codes answered after this are 'expired'. */
export async function closePulse(db: PulseDatabase, id: string, now: number = Date.now()): Promise<Pulse | undefined> {
  const closed = await updateRecord(db, 'pulses', id, (pulse) => {
    if (pulse.expiresAt <= now) return;
    pulse.expiresAt = now;
    // Closed by hand: the results are out at once (utils/pulse/release.ts).
    pulse.releasedAt = now;
  });
  return closed && (await withSecrets(db, [closed]))[0];
}
