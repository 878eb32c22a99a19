import { unwrap } from 'idb';
import { announceChange } from './changes';
import {
  isHeld,
  type Answer,
  type Pulse,
  type PulseResponse,
  type Seat,
  type StoredSeat,
  type WithdrawnSeat,
} from './records';
import { responseRecord, storedKeysAmong, UnknownPulseError, type EntryCheck } from './responses';
import type { PulseDatabase } from './schema';
import { addAllToSummary, summarise } from './summary';

/**
 * The seats of personal-link pulses (issue 12, "one voice per seat"): who was invited, the
 * hash of each seat's token, and which answer each seat gave. Local only (LOCAL_STORES): seats
 * never travel in a bundle, a sync or a coordinator export.
 */

/** A seat as the lead invites it; the token and its hash are made by utils/pulse/seats.ts. */
export type NewSeat = Pick<Seat, 'name' | 'organisationId' | 'partnerType' | 'tokenHash'> & { token: string };

/** A new seat's record, as stored. */
function seatRecord(pulseId: string, seat: NewSeat, now: number): Seat {
  return {
    id: crypto.randomUUID(),
    createdAt: now,
    updatedAt: now,
    pulseId,
    name: seat.name,
    organisationId: seat.organisationId,
    partnerType: seat.partnerType,
    token: seat.token,
    tokenHash: seat.tokenHash,
  };
}

/** Store a pulse's seats in one transaction (all or none). A token hash is unique across every pulse. */
export async function addSeats(db: PulseDatabase, pulseId: string, seats: readonly NewSeat[]): Promise<Seat[]> {
  const now = Date.now();
  const records = seats.map((seat) => seatRecord(pulseId, seat, now));
  const tx = db.transaction(['pulses', 'seats'], 'readwrite');
  const pulse = await tx.objectStore('pulses').get(pulseId);
  if (!pulse || pulse.deletedAt !== undefined) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new UnknownPulseError(pulseId);
  }
  const writes = records.map((record) => tx.objectStore('seats').add(record));
  await Promise.all([...writes, tx.done]);
  if (records.length > 0) announceChange({ store: 'seats', ids: records.map((seat) => seat.id) });
  return records;
}

/**
 * Why the invitees of a started pulse cannot change:
 * - closed: the pulse has closed (its invitees are fixed with its results);
 * - answered: the seat has answered; its answer stays, so the seat cannot be withdrawn;
 * - last-seat: withdrawing it would leave a personal-link pulse with nobody invited;
 * - unknown-seat: no live seat of this pulse has this id;
 * - duplicate: the organisation already has a live seat of that name.
 */
export type SeatChangeReason = 'closed' | 'answered' | 'last-seat' | 'unknown-seat' | 'duplicate';

export class SeatChangeError extends Error {
  constructor(readonly reason: SeatChangeReason) {
    super(`The seats cannot change: ${reason}`);
  }
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/**
 * The start of a change to a pulse's seats: one read-write transaction over pulses and seats, the
 * pulse (UnknownPulseError when it is missing or deleted), and `fail`, which aborts the
 * transaction (nothing stored) and throws.
 */
async function openSeatChange(db: PulseDatabase, pulseId: string) {
  const tx = db.transaction(['pulses', 'seats'], 'readwrite');
  const fail = async (error: Error): Promise<never> => {
    tx.abort();
    await tx.done.catch(() => {});
    throw error;
  };
  const pulse = await tx.objectStore('pulses').get(pulseId);
  if (!pulse || pulse.deletedAt !== undefined) return fail(new UnknownPulseError(pulseId));
  return { tx, fail, pulse };
}

/** The pulse's seats not withdrawn, read in a seat change's transaction. */
const liveSeats = async (tx: Awaited<ReturnType<typeof openSeatChange>>['tx'], pulseId: string) =>
  (await tx.objectStore('seats').index('by-pulse').getAll(pulseId)).filter((seat) => seat.deletedAt === undefined);

/**
 * Invite more people to a pulse that has started (issue 12, "changing invitees"): while it is
 * open, in one transaction over pulses and seats. A seat of an organisation the pulse did not
 * invite adds it to the pulse's invited organisations (so the response rate counts it). Refused
 * (nothing stored) once the pulse has closed, or for a name the organisation already has a seat for.
 */
export async function inviteSeats(
  db: PulseDatabase,
  pulseId: string,
  seats: readonly NewSeat[],
  now: number = Date.now(),
): Promise<Seat[]> {
  const { tx, pulse, fail } = await openSeatChange(db, pulseId);
  if (now >= pulse.expiresAt) return fail(new SeatChangeError('closed'));
  const live = await liveSeats(tx, pulseId);
  const taken = [...live];
  const records: Seat[] = [];
  for (const seat of seats) {
    if (taken.some((other) => other.organisationId === seat.organisationId && sameName(other.name, seat.name))) {
      return fail(new SeatChangeError('duplicate'));
    }
    const record = seatRecord(pulseId, seat, now);
    records.push(record);
    taken.push(record);
  }
  const invited = [...new Set([...pulse.invitedOrganisationIds, ...records.map((seat) => seat.organisationId)])];
  const writes: Promise<unknown>[] = records.map((record) => tx.objectStore('seats').add(record));
  const widened = invited.length !== pulse.invitedOrganisationIds.length;
  if (widened) {
    writes.push(
      tx.objectStore('pulses').put({
        ...pulse,
        invitedOrganisationIds: invited,
        updatedAt: Math.max(now, pulse.updatedAt + 1),
      }),
    );
  }
  await Promise.all([...writes, tx.done]);
  if (records.length > 0) announceChange({ store: 'seats', ids: records.map((seat) => seat.id) });
  if (widened) announceChange({ store: 'pulses', ids: [pulseId] });
  return records;
}

/**
 * Withdraw a seat nobody has used, while the pulse is open. The seat stays as a tombstone with
 * only its tokens' hashes (a WithdrawnSeat: no token, name, organisation or partner type), so a
 * code from its link, or from a link of it replaced earlier, is told apart ('withdrawn-seat')
 * rather than taken for a forgery. A seat that has
 * answered cannot be withdrawn: its answer stays in the results (the panel says so). The last
 * live seat cannot be withdrawn either: a personal-link pulse never turns into one that takes any
 * code.
 */
export async function withdrawSeat(
  db: PulseDatabase,
  pulseId: string,
  seatId: string,
  now: number = Date.now(),
): Promise<WithdrawnSeat> {
  const { tx, pulse, fail } = await openSeatChange(db, pulseId);
  const seat = await tx.objectStore('seats').get(seatId);
  if (!seat || seat.pulseId !== pulseId || seat.deletedAt !== undefined)
    return fail(new SeatChangeError('unknown-seat'));
  if (now >= pulse.expiresAt) return fail(new SeatChangeError('closed'));
  if (seat.answeredBy !== undefined) return fail(new SeatChangeError('answered'));
  const live = await liveSeats(tx, pulseId);
  if (live.length <= 1) return fail(new SeatChangeError('last-seat'));
  // Only the tokens' hashes stay (its link's, and its replaced links'): enough to refuse their
  // codes as 'withdrawn-seat', nothing to copy a link again or make a code from, and nothing
  // about the person (docs/privacy.md).
  const withdrawn: WithdrawnSeat = {
    id: seat.id,
    createdAt: seat.createdAt,
    updatedAt: Math.max(now, seat.updatedAt + 1),
    deletedAt: now,
    pulseId: seat.pulseId,
    tokenHash: seat.tokenHash,
    ...(seat.replacedTokenHashes ? { replacedTokenHashes: seat.replacedTokenHashes } : {}),
  };
  await Promise.all([tx.objectStore('seats').put(withdrawn), tx.done]);
  announceChange({ store: 'seats', ids: [seatId] });
  return withdrawn;
}

/** A seat's link as handed out: the hash of the token in it (the seat's own, or a new one). */
export interface HandOut {
  seatId: string;
  tokenHash: string;
}

/**
 * Record that seats' links were handed out (copied, or opened in a mail), in one transaction
 * over pulses and seats, after the link reached the clipboard or the mail. The token itself is
 * dropped: only its hash stays, so nothing stored can make a link or a code in the person's name.
 * A hand-out with a new hash (the link handed out again) replaces the seat's link: the earlier
 * hash is kept only to refuse its codes as 'replaced-link'; an answer already given stays the
 * seat's. Refused (nothing stored) for a seat of no live seat of this pulse.
 */
export async function handOutSeats(
  db: PulseDatabase,
  pulseId: string,
  handOuts: readonly HandOut[],
  now: number = Date.now(),
): Promise<Seat[]> {
  const { tx, fail } = await openSeatChange(db, pulseId);
  const store = tx.objectStore('seats');
  const found = await Promise.all(handOuts.map((handOut) => store.get(handOut.seatId)));
  const records: Seat[] = [];
  for (const [index, seat] of found.entries()) {
    if (!seat || seat.pulseId !== pulseId || seat.deletedAt !== undefined)
      return fail(new SeatChangeError('unknown-seat'));
    const { token: _token, ...rest } = seat;
    void _token;
    const { tokenHash } = handOuts[index]!;
    const replaced = tokenHash === seat.tokenHash ? [] : [seat.tokenHash];
    records.push({
      ...rest,
      tokenHash,
      ...(replaced.length > 0 || seat.replacedTokenHashes
        ? { replacedTokenHashes: [...(seat.replacedTokenHashes ?? []), ...replaced] }
        : {}),
      handedOutAt: replaced.length > 0 ? now : (seat.handedOutAt ?? now),
      updatedAt: Math.max(now, seat.updatedAt + 1),
    });
  }
  await Promise.all([...records.map((record) => store.put(record)), tx.done]);
  if (records.length > 0) announceChange({ store: 'seats', ids: records.map((seat) => seat.id) });
  return records;
}

/**
 * Whether a pulse was started with personal links: it has seats, withdrawn ones included (so a
 * pulse never turns into one that takes codes without a token). One count over the index.
 */
export async function hasSeats(db: PulseDatabase, pulseId: string): Promise<boolean> {
  return (await db.countFromIndex('seats', 'by-pulse', pulseId)) > 0;
}

/** A pulse's seats, deleted ones left out, in the order they were invited. */
export async function listSeats(db: PulseDatabase, pulseId: string): Promise<Seat[]> {
  const seats = await db.getAllFromIndex('seats', 'by-pulse', pulseId);
  return seats.filter((seat) => seat.deletedAt === undefined).sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * The ids of the pulses that have personal-link seats, for the dashboard's "not verified" marks
 * (every other pulse is answered through the shared link: utils/pulse/shared-link.ts). One key
 * cursor over the seats' by-pulse index, one step per pulse (`nextunique`): no seat is read, and
 * no response. A withdrawn seat stays as a tombstone, so a pulse with a seat key was started with
 * personal links (hasSeats).
 */
export async function pulseIdsWithSeats(db: PulseDatabase): Promise<Set<string>> {
  const ids = new Set<string>();
  const tx = db.transaction('seats');
  let cursor = await tx.store.index('by-pulse').openKeyCursor(null, 'nextunique');
  while (cursor) {
    ids.add(cursor.key);
    cursor = await cursor.continue();
  }
  await tx.done;
  return ids;
}

/** How many seats a pulse has: a pulse with seats takes personal links. */
export async function countSeats(db: PulseDatabase, pulseId: string): Promise<number> {
  return (await listSeats(db, pulseId)).length;
}

/**
 * A personal-link answer as it arrives: the hash of the code's token (the seat), when the
 * partner answered (by their clock), and the answers. No partner type or organisation: the
 * seat says them.
 */
export interface SeatEntry {
  tokenHash: string;
  answeredAt: number;
  responseId: string;
  answers: Record<string, Answer>;
  comment?: string;
}

/**
 * - added: the seat's first answer, stored now;
 * - replaced: a resend from a seat that had answered: the earlier answer is removed, this one stored;
 * - already-added: this very answer is stored (the same code again);
 * - unknown-seat: no seat of this pulse has this token (forged, or another pulse's seat);
 * - withdrawn-seat: the token is of a seat the lead withdrew (its link, or one it replaced before):
 *   refused with its own message;
 * - replaced-link: the token is of a seat's earlier link, replaced when the lead handed the link
 *   out again: refused with its own message (not a forgery);
 * - older-answer: the seat has a later answer stored (or later in the same paste): nothing changes;
 * - held: the seat's first answer, arriving after the results were released: stored in the late
 *   queue (heldSince), counted nowhere until the lead adds the queue as a batch;
 * - seat-closed: the seat answered and the pulse has closed: released results do not move;
 * - invalid: it does not fit the pulse.
 */
export type SeatOutcome =
  | 'added'
  | 'replaced'
  | 'held'
  | 'already-added'
  | 'unknown-seat'
  | 'withdrawn-seat'
  | 'replaced-link'
  | 'older-answer'
  | 'seat-closed'
  | 'invalid';

interface Decision {
  outcome: SeatOutcome;
  seat?: Seat;
  /** The response to store, with the code's answeredAt (for the seat), when accepted. */
  accepted?: { record: PulseResponse; answeredAt: number };
}

/**
 * What each entry does to a pulse, given a way to read seats and responses. The same rule for
 * adding and for previewing. Within one batch only a seat's latest answer counts.
 */
async function decide(
  pulse: Pulse,
  entries: readonly SeatEntry[],
  read: {
    /** The pulse's seats, withdrawn ones included: one read (a pulse has at most 500 seats). */
    pulseSeats: () => Promise<StoredSeat[]>;
    /** Which of these response ids are stored (any pulse's): one batched read. */
    storedIds: (ids: readonly string[]) => Promise<Set<string>>;
  },
  check: EntryCheck,
  now: number,
  late: boolean,
): Promise<Decision[]> {
  const latest = new Map<string, number>();
  entries.forEach((entry, index) => {
    const best = latest.get(entry.tokenHash);
    if (best === undefined || entry.answeredAt > entries[best]!.answeredAt) latest.set(entry.tokenHash, index);
  });
  // Every read up front, at once: the pulse's seats in one getAll over its by-pulse index, each
  // token's seat then found in a Map (measured cheaper than one by-token get per code:
  // scripts/bench/paste-codes.mjs), and which response ids are stored. A hash of no seat of this
  // pulse (forged, or another pulse's seat) is not in the Map: 'unknown-seat'.
  const [seatList, stored] = await Promise.all([
    read.pulseSeats(),
    read.storedIds(entries.map((entry) => entry.responseId)),
  ]);
  const seats = new Map(seatList.map((seat) => [seat.tokenHash, seat]));
  // A replaced link's code is refused with its own message; a withdrawn seat's, as withdrawn.
  const replacedLinks = new Map<string, SeatOutcome>(
    seatList.flatMap((seat) =>
      (seat.replacedTokenHashes ?? []).map(
        (hash) => [hash, seat.deletedAt === undefined ? 'replaced-link' : 'withdrawn-seat'] as const,
      ),
    ),
  );
  const decisions: Decision[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    if (seen.has(entry.responseId)) {
      decisions.push({ outcome: 'already-added' });
      continue;
    }
    seen.add(entry.responseId);
    const seat = seats.get(entry.tokenHash);
    if (!seat || seat.pulseId !== pulse.id) {
      decisions.push({ outcome: replacedLinks.get(entry.tokenHash) ?? 'unknown-seat' });
      continue;
    }
    if (seat.deletedAt !== undefined) {
      decisions.push({ outcome: 'withdrawn-seat' });
      continue;
    }
    if (seat.answeredBy === entry.responseId || stored.has(entry.responseId)) {
      decisions.push({ outcome: 'already-added', seat });
      continue;
    }
    if (
      latest.get(entry.tokenHash) !== index ||
      (seat.answeredAt !== undefined && entry.answeredAt <= seat.answeredAt)
    ) {
      decisions.push({ outcome: 'older-answer', seat });
      continue;
    }
    if (seat.answeredBy !== undefined && (late || now > pulse.expiresAt)) {
      decisions.push({ outcome: 'seat-closed', seat });
      continue;
    }
    const checked = check(pulse, {
      responseId: entry.responseId,
      partnerType: seat.partnerType,
      organisationId: seat.organisationId,
      answers: entry.answers,
      ...(entry.comment !== undefined ? { comment: entry.comment } : {}),
    });
    if (!checked) {
      decisions.push({ outcome: 'invalid', seat });
      continue;
    }
    // From the seat, whatever the check passed through: the code never says who answered.
    const record = responseRecord(
      pulse.id,
      {
        ...checked,
        partnerType: seat.partnerType,
        organisationId: seat.organisationId,
        verified: true,
        seatId: seat.id,
      },
      'widget',
      now,
      late,
    );
    decisions.push({
      outcome: late ? 'held' : seat.answeredBy !== undefined ? 'replaced' : 'added',
      seat,
      accepted: { record, answeredAt: entry.answeredAt },
    });
  }
  return decisions;
}

export interface SeatAddOptions {
  check: EntryCheck;
  now?: number;
  /** Whether an answer arriving now is late (as addResponses' isLate): a first answer is then held. */
  isLate?: (pulse: Pulse, now: number) => boolean;
}

/**
 * Store personal-link answers to one pulse, in one transaction over pulses, responses and
 * seats: each accepted answer is stored with `verified: true` and its seat, the seat's earlier
 * answer (if any) becomes a tombstone without its answers, the seat remembers the new one, and
 * the pulse's summary is rebuilt. A refused entry changes nothing; if anything fails, nothing
 * is stored.
 */
export async function addSeatResponses(
  db: PulseDatabase,
  pulseId: string,
  entries: readonly SeatEntry[],
  options: SeatAddOptions,
): Promise<SeatOutcome[]> {
  const { check, now = Date.now() } = options;
  const tx = db.transaction(['pulses', 'responses', 'seats', 'pulseSecrets'], 'readwrite');
  const pulses = tx.objectStore('pulses');
  const secretsStore = tx.objectStore('pulseSecrets');
  const responses = tx.objectStore('responses');
  const seats = tx.objectStore('seats');
  const rawResponses = unwrap(responses);
  const rawSeats = unwrap(seats);
  const writes: Promise<unknown>[] = [];
  const fail = async (error: unknown): Promise<never> => {
    // Already aborted when a write the database refused is what failed: abort() would throw.
    if (!aborted) tx.abort();
    await Promise.allSettled([...writes, tx.done]);
    throw error;
  };
  let aborted = false;
  tx.addEventListener('abort', () => (aborted = true));
  // A refused write rejects tx.done at once, before fail awaits it: not an unhandled rejection.
  tx.done.catch(() => {});
  const pulse = await pulses.get(pulseId);
  if (!pulse || pulse.deletedAt !== undefined) return fail(new UnknownPulseError(pulseId));

  const changedResponses: string[] = [];
  const changedSeats: string[] = [];
  /** The accepted answers that count now (not held), and whether any replaced an earlier one. */
  const counted: PulseResponse[] = [];
  let replaced = false;
  let decisions: Decision[];
  try {
    decisions = await decide(
      pulse,
      entries,
      {
        pulseSeats: () => seats.index('by-pulse').getAll(pulseId),
        storedIds: (ids) => storedKeysAmong(responses, ids),
      },
      check,
      now,
      options.isLate?.(pulse, now) ?? false,
    );
    // The answers being replaced, read at once.
    const earlierAnswers = await Promise.all(
      decisions.map(({ seat, accepted }) =>
        seat && accepted && seat.answeredBy !== undefined ? responses.get(seat.answeredBy) : undefined,
      ),
    );
    for (const [index, { seat, accepted }] of decisions.entries()) {
      if (!seat || !accepted) continue;
      const { record, answeredAt } = accepted;
      if (seat.answeredBy !== undefined) {
        const earlier = earlierAnswers[index];
        replaced = true;
        if (earlier) {
          // A tombstone (so an older backup cannot bring it back), without the answer it replaced.
          const { comment: _comment, ...rest } = earlier;
          void _comment;
          rawResponses.put({ ...rest, answers: {}, deletedAt: now, updatedAt: Math.max(now, earlier.updatedAt + 1) });
          changedResponses.push(earlier.id);
        }
      }
      // Raw requests, no promise each (as addResponses): a failed one aborts the transaction.
      rawResponses.add(record);
      if (!isHeld(record)) counted.push(record);
      changedResponses.push(record.id);
      rawSeats.put({
        ...seat,
        answeredBy: record.id,
        answeredAt,
        updatedAt: Math.max(now, seat.updatedAt + 1),
      });
      changedSeats.push(seat.id);
    }
    if (changedResponses.length > 0) {
      // Local only: the pulse record (and its updatedAt) is left as it was.
      const secrets = await secretsStore.get(pulseId);
      // First answers only: counted in, as addResponses does. A replaced answer leaves the
      // totals, so they are counted again from the stored answers.
      const summary = replaced
        ? summarise(
            pulse,
            (await responses.index('by-pulse').getAll(pulseId)).filter(
              (response) => response.deletedAt === undefined && !isHeld(response),
            ),
          )
        : addAllToSummary(secrets?.summary, pulse, counted);
      writes.push(secretsStore.put({ ...secrets, id: pulseId, summary }));
    }
  } catch (error) {
    return fail(error);
  }
  await Promise.all([...writes, tx.done]);
  if (changedResponses.length > 0) {
    announceChange({ store: 'responses', ids: changedResponses });
    announceChange({ store: 'seats', ids: changedSeats });
    // The pulse's totals (local only) changed: its record did not.
    announceChange({ store: 'pulses', ids: [pulseId], localOnly: true });
  }
  return decisions.map((decision) => decision.outcome);
}

/** What addSeatResponses would do, storing nothing (the call chat's offer). */
export async function previewSeatResponses(
  db: PulseDatabase,
  pulseId: string,
  entries: readonly SeatEntry[],
  options: SeatAddOptions,
): Promise<SeatOutcome[]> {
  const tx = db.transaction(['pulses', 'responses', 'seats']);
  const pulse = await tx.objectStore('pulses').get(pulseId);
  if (!pulse || pulse.deletedAt !== undefined) {
    await tx.done;
    throw new UnknownPulseError(pulseId);
  }
  const decisions = await decide(
    pulse,
    entries,
    {
      pulseSeats: () => tx.objectStore('seats').index('by-pulse').getAll(pulseId),
      storedIds: (ids) => storedKeysAmong(tx.objectStore('responses'), ids),
    },
    options.check,
    options.now ?? Date.now(),
    options.isLate?.(pulse, options.now ?? Date.now()) ?? false,
  );
  await tx.done;
  return decisions.map((decision) => decision.outcome);
}

/** How many of a pulse's seats have answered: a count only, never which answer. */
export async function countAnsweredSeats(db: PulseDatabase, pulseId: string): Promise<number> {
  return (await listSeats(db, pulseId)).filter((seat) => seat.answeredBy !== undefined).length;
}
