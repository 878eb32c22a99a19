import { unwrap } from 'idb';
import { announceChange } from './changes';
import { isHeld, isVerified, type Answer, type PartnerType, type Pulse, type PulseResponse } from './records';
import type { PulseDatabase } from './schema';
import { overLimit } from './limits';
import { addAllToSummary } from './summary';

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
 * - added: stored now, and counted;
 * - held: stored now in the pulse's late queue (its results were released): counted nowhere
 *   until the lead adds the queue as a batch (addHeldResponses);
 * - already-added: a response with this id is stored (the same code pasted or posted again,
 *   or one discarded from the late queue);
 * - over-cap: a shared-link answer beyond its partner type's cap: nothing stored;
 * - invalid: it does not fit the pulse (unknown question, value off the scale…): nothing stored.
 */
export type AddOutcome = 'added' | 'held' | 'already-added' | 'over-cap' | 'invalid';

/**
 * Whether an answer counts against the shared-link cap: one without a seat, from a code or typed
 * by the lead in the quick round (which would otherwise pad a group past the cap).
 */
export function isSharedLinkAnswer(response: Pick<PulseResponse, 'source'> & { seatId?: string }): boolean {
  return (response.source === 'widget' || response.source === 'lead') && response.seatId === undefined;
}

export class UnknownPulseError extends Error {
  constructor(readonly pulseId: string) {
    super(`No pulse ${pulseId}`);
  }
}

/**
 * Store responses to one pulse, in one transaction: every entry is stored, or (if anything
 * fails) none is. The response id is the record id, so adding the same response twice stores
 * it once; the pulse's summary (local only, utils/db/pulse-secrets.ts) is updated in the same
 * transaction, and the pulse record with its updatedAt is left as it was.
 *
 * Every response in a batch gets the same receivedAt and createdAt, so the stored order says
 * nothing about who answered when.
 */
export async function addResponses(
  db: PulseDatabase,
  pulseId: string,
  entries: readonly ResponseEntry[],
  options: {
    check: EntryCheck;
    source?: PulseResponse['source'];
    now?: number;
    /**
     * Whether an answer arriving now is late (the pulse's results are released: utils/pulse/
     * release.ts isReleased, passed in so the database imports no feature): late answers are
     * stored held, in the late queue. Judged inside the transaction, against the pulse as stored.
     */
    isLate?: (pulse: Pulse, now: number) => boolean;
    /**
     * Shared-link answers (no seat) accepted per partner type, counting those stored already
     * (held ones included, deleted ones not): the rest are refused as 'over-cap', and counted
     * on the pulse (`refusedOverCap`). No cap when absent.
     */
    cap?: (pulse: Pulse) => Readonly<Record<PartnerType, number>>;
  },
): Promise<AddOutcome[]> {
  const { check, source = 'widget', now = Date.now() } = options;
  const tx = db.transaction(['pulses', 'responses', 'pulseSecrets'], 'readwrite');
  const responses = tx.objectStore('responses');
  const rawResponses = unwrap(responses);
  let aborted = false;
  tx.addEventListener('abort', () => (aborted = true));
  // A refused write rejects tx.done at once, before it is awaited: not an unhandled rejection.
  tx.done.catch(() => {});
  const secretsStore = tx.objectStore('pulseSecrets');
  const [pulse, secrets] = await Promise.all([tx.objectStore('pulses').get(pulseId), secretsStore.get(pulseId)]);
  if (!pulse || pulse.deletedAt !== undefined) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new UnknownPulseError(pulseId);
  }

  const outcomes: AddOutcome[] = [];
  const added: string[] = [];
  const addedIds = new Set<string>();
  const writes: Promise<unknown>[] = [];
  const counted: PulseResponse[] = [];
  const late = options.isLate?.(pulse, now) ?? false;
  const cap = options.cap?.(pulse);
  const taken = cap ? await sharedLinkAnswers(responses.index('by-pulse'), pulseId) : undefined;
  let refused = 0;
  try {
    const checked = entries.map((raw) => check(pulse, raw));
    const stored = await storedKeysAmong(
      responses,
      checked.flatMap((entry) => (entry ? [entry.responseId] : [])),
    );
    for (const entry of checked) {
      if (!entry) {
        outcomes.push('invalid');
        continue;
      }
      if (addedIds.has(entry.responseId) || stored.has(entry.responseId)) {
        outcomes.push('already-added');
        continue;
      }
      const record = responseRecord(pulseId, entry, source, now, late);
      // Over a limit the bundle importer enforces (a comment over 100,000 characters): not stored.
      if (overLimit('responses', record)) {
        outcomes.push('invalid');
        continue;
      }
      if (cap && taken && isSharedLinkAnswer(record)) {
        if (taken[record.partnerType] >= cap[record.partnerType]) {
          // The panel's count of refused codes: typed answers are no codes (the quick round says its own).
          if (source === 'widget') refused += 1;
          outcomes.push('over-cap');
          continue;
        }
        taken[record.partnerType] += 1;
      }
      // A raw request, no promise of its own (the cheapest write measured: scripts/bench/paste-store.mjs);
      // a failed one aborts the transaction, and tx.done says so.
      rawResponses.add(record);
      if (!late) counted.push(record);
      added.push(record.id);
      addedIds.add(record.id);
      outcomes.push(late ? 'held' : 'added');
    }
    if (counted.length > 0 || refused > 0) {
      // Local only: the totals and the refused count change; the pulse record (and its updatedAt) does not.
      const summary = counted.length > 0 ? addAllToSummary(secrets?.summary, pulse, counted) : secrets?.summary;
      writes.push(
        secretsStore.put({
          ...secrets,
          id: pulseId,
          ...(summary !== undefined ? { summary } : {}),
          ...(refused > 0 ? { refusedOverCap: (secrets?.refusedOverCap ?? 0) + refused } : {}),
        }),
      );
    }
  } catch (error) {
    // A transaction commits by itself once idle: undo the writes already queued (unless a
    // write the database refused aborted it already: abort() would then throw).
    if (!aborted) tx.abort();
    await Promise.allSettled([...writes, tx.done]);
    throw error;
  }
  await Promise.all([...writes, tx.done]);
  if (added.length > 0) announceChange({ store: 'responses', ids: added });
  // The pulse's totals (local only) changed: its record did not.
  if (added.length > 0 || refused > 0) announceChange({ store: 'pulses', ids: [pulseId], localOnly: true });
  return outcomes;
}

/** Shared-link answers stored for a pulse, per partner type (held ones too: they would count once added). */
async function sharedLinkAnswers(
  index: { getAll(query: string): Promise<PulseResponse[]> },
  pulseId: string,
): Promise<Record<PartnerType, number>> {
  const taken: Record<PartnerType, number> = { lead: 0, core: 0, wider: 0 };
  for (const response of await index.getAll(pulseId)) {
    if (response.deletedAt === undefined && isSharedLinkAnswer(response)) taken[response.partnerType] += 1;
  }
  return taken;
}

/** The stored record for an accepted entry (also used by utils/db/seats.ts). */
export function responseRecord(
  pulseId: string,
  entry: ResponseEntry,
  source: PulseResponse['source'],
  now: number,
  late = false,
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
    ...(late ? { heldSince: now } : {}),
  };
}

/**
 * A pulse's responses, deleted ones and (unless asked) the late queue's left out. Their order
 * carries no meaning.
 */
export async function listResponses(
  db: PulseDatabase,
  pulseId: string,
  options: { held?: boolean } = {},
): Promise<PulseResponse[]> {
  const responses = await db.getAllFromIndex('responses', 'by-pulse', pulseId);
  return responses.filter((response) => response.deletedAt === undefined && (options.held || !isHeld(response)));
}

/** The pulse's late queue: answers that arrived after its results were released. */
export async function listHeldResponses(db: PulseDatabase, pulseId: string): Promise<PulseResponse[]> {
  const responses = await db.getAllFromIndex('responses', 'by-pulse', pulseId);
  return responses.filter((response) => response.deletedAt === undefined && isHeld(response));
}

/**
 * Where adding a late queue would move a released figure by fewer than the threshold: a group
 * (`all`, a partner type, `core/<organisation id>`), or with `hiddenPart` the part of that group
 * not shown on its own (the group's figure minus its shown parts); for one question's ratings, or
 * without `questionId` for the count of answers (the responses CSV's rows).
 */
export interface LateBatchWhere {
  questionId?: string;
  group: string;
  hiddenPart?: true;
}

/**
 * The check a late batch must pass beyond canAddHeld (utils/pulse/late-batch.ts lateBatchProblem,
 * passed in so the database imports no feature): given the pulse, its counted answers and the
 * queue, where a figure would move by fewer than `threshold`, or null.
 */
export type LateBatchCheck = (
  pulse: Pulse,
  counted: readonly PulseResponse[],
  held: readonly PulseResponse[],
  threshold: number,
) => LateBatchWhere | null;

export class LateQueueError extends Error {
  constructor(
    readonly reason: 'too-few' | 'changed' | 'small-move',
    readonly held: number,
    readonly threshold: number,
    readonly where?: LateBatchWhere,
  ) {
    super(
      reason === 'too-few'
        ? `The late queue holds ${held} answers: fewer than the threshold of ${threshold} verified ones (in all, or of a partner type in it).`
        : reason === 'small-move'
          ? `Adding the late queue would move ${where?.hiddenPart ? 'the hidden part of ' : ''}group ${where?.group ?? '?'}${
              where?.questionId ? ` on question ${where.questionId}` : ''
            } by fewer than ${threshold} answers.`
          : 'The late queue changed since it was shown.',
    );
  }
}

/**
 * Whether a late queue may be added as one batch: at least `threshold` verified answers in all,
 * and of each partner type it holds (0 or at least the threshold), so neither the pulse's figure
 * nor a partner type's moves by fewer than the threshold: no released figure moves by one answer.
 * Only verified answers count (the threshold counts nothing else): a quick round typed into a
 * personal-link pulse's queue cannot pad one partner's late answer up to a batch.
 */
export function canAddHeld(
  held: readonly (Pick<PulseResponse, 'partnerType'> & Partial<Pick<PulseResponse, 'verified'>>)[],
  threshold: number,
): boolean {
  const counted = held.filter(isVerified);
  if (counted.length < threshold) return false;
  const byType = new Map<PartnerType, number>();
  for (const response of counted) byType.set(response.partnerType, (byType.get(response.partnerType) ?? 0) + 1);
  return [...byType.values()].every((count) => count >= threshold);
}

/**
 * Adds the pulse's late queue to its results as one batch, in one transaction: only when the
 * queue holds at least `threshold` verified answers in all and of each partner type in it
 * (canAddHeld; the stricter of the caller's threshold and the pulse's), and `check` finds no
 * shown figure, organisation or question included, that the batch moves by fewer than the
 * threshold, so no late answer can be worked out from the views before and after. `expected` is
 * the count the lead saw: when the queue changed meanwhile, nothing is added.
 */
export async function addHeldResponses(
  db: PulseDatabase,
  pulseId: string,
  options: { threshold: number; expected: number; check: LateBatchCheck; now?: number },
): Promise<number> {
  const { now = Date.now() } = options;
  const tx = db.transaction(['pulses', 'responses', 'pulseSecrets'], 'readwrite');
  const pulse = await tx.objectStore('pulses').get(pulseId);
  const secrets = await tx.objectStore('pulseSecrets').get(pulseId);
  const all = await tx.objectStore('responses').index('by-pulse').getAll(pulseId);
  const live = all.filter((r) => r.deletedAt === undefined);
  const held = live.filter((r) => isHeld(r));
  const threshold = Math.max(options.threshold, pulse?.threshold ?? 0);
  const where =
    pulse && held.length === options.expected && canAddHeld(held, threshold)
      ? options.check(
          pulse,
          live.filter((r) => !isHeld(r)),
          held,
          threshold,
        )
      : null;
  const problem: LateQueueError | null = !pulse
    ? new LateQueueError('changed', held.length, options.threshold)
    : held.length !== options.expected
      ? new LateQueueError('changed', held.length, options.threshold)
      : !canAddHeld(held, threshold)
        ? new LateQueueError('too-few', held.length, threshold)
        : where
          ? new LateQueueError('small-move', held.length, threshold, where)
          : null;
  if (problem || !pulse) {
    tx.abort();
    await tx.done.catch(() => {});
    throw problem;
  }
  const writes: Promise<unknown>[] = [];
  const records = held.map((response) => {
    const { heldSince: _, ...released } = response;
    void _;
    return { ...released, updatedAt: Math.max(now, response.updatedAt + 1) };
  });
  for (const record of records) writes.push(tx.objectStore('responses').put(record));
  // Local only: the totals change, the pulse record (and its updatedAt) does not.
  const summary = addAllToSummary(secrets?.summary, pulse, records);
  writes.push(tx.objectStore('pulseSecrets').put({ ...secrets, id: pulseId, summary }));
  await Promise.all([...writes, tx.done]);
  announceChange({ store: 'responses', ids: held.map((r) => r.id) });
  announceChange({ store: 'pulses', ids: [pulseId], localOnly: true });
  return held.length;
}

/** Discards the pulse's late queue: its answers are deleted (a code pasted again stays out). */
export async function discardHeldResponses(db: PulseDatabase, pulseId: string, now = Date.now()): Promise<number> {
  const tx = db.transaction('responses', 'readwrite');
  const all = await tx.store.index('by-pulse').getAll(pulseId);
  const held = all.filter((r) => r.deletedAt === undefined && isHeld(r));
  const writes = held.map((r) => tx.store.put({ ...r, deletedAt: now, updatedAt: Math.max(now, r.updatedAt + 1) }));
  await Promise.all([...writes, tx.done]);
  if (held.length > 0) announceChange({ store: 'responses', ids: held.map((r) => r.id) });
  return held.length;
}

/** Which of these response ids are stored already (for any pulse). */
export async function storedResponseIds(db: PulseDatabase, ids: readonly string[]): Promise<Set<string>> {
  const tx = db.transaction('responses');
  const stored = await storedKeysAmong(tx.store, ids);
  await tx.done;
  return stored;
}

/** Below this many ids, one getKey each; from it on, one getAllKeys over the ids' range. */
const KEY_RANGE_FROM = 16;

/**
 * Which of `ids` are keys of the store (any pulse's responses), in as few requests as suit the
 * batch: a few ids are looked up one by one; a paste's worth in one `getAllKeys` over the range
 * from the smallest id to the largest, which (random ids) reads the store's keys once instead of
 * making thousands of requests. Keys only: no record is read.
 */
export async function storedKeysAmong(
  store: {
    getKey(key: string): Promise<string | undefined>;
    getAllKeys(query: IDBKeyRange): Promise<string[]>;
  },
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  if (ids.length < KEY_RANGE_FROM) {
    const keys = await Promise.all(ids.map((id) => store.getKey(id)));
    return new Set(ids.filter((_, index) => keys[index] !== undefined));
  }
  let lowest = ids[0]!;
  let highest = ids[0]!;
  for (const id of ids) {
    if (id < lowest) lowest = id;
    if (id > highest) highest = id;
  }
  const wanted = new Set(ids);
  const stored = new Set<string>();
  for (const key of await store.getAllKeys(IDBKeyRange.bound(lowest, highest))) {
    if (wanted.has(key)) stored.add(key);
  }
  return stored;
}
