import { pushTo } from '../collections/group';
import { isKnownOnlyFromWorkspace, type PartnerType, type Pulse } from '../db/records';
import type { PulseDatabase } from '../db/schema';
import { getPulse } from '../db/pulses';
import { listMemberships } from '../db/memberships';
import { addResponses, storedResponseIds, type AddOutcome } from '../db/responses';
import { addSeatResponses, previewSeatResponses, type SeatEntry } from '../db/seats';
import { checkEntry, type ResponseEntry } from './entry';
import { isLate } from './release';
import { findResponseCodes, openReadCode, readResponseCode, type OpenError, type PulseToOpen } from './response-code';
import { seatCodeOutcome, seatEntryOf, takesPersonalLinksOnly } from './seat-codes';
import { partnerTypesOf, sharedLinkCap } from './shared-link';

/**
 * Response codes in, responses stored. Per code:
 * - added: opened and stored now;
 * - held: opened and stored in the pulse's late queue: its results were released already
 *   (utils/pulse/release.ts), so it counts only once the lead adds the queue as a batch;
 * - over-cap: a shared-link code beyond its partner type's cap (utils/pulse/shared-link.ts);
 * - already-added: this response is stored already (or came earlier in the same text);
 * - other-pulse: made for another pulse than the one collecting, or for a pulse this browser
 *   does not hold;
 * - expired: answered after the pulse closed;
 * - before-start / from-the-future: answered (by its own clock) before the pulse started, or
 *   later than now;
 * - unknown-seat: from a personal link (it carries a seat token) with a token none of this
 *   pulse's seats was given (forged, or another pulse's);
 * - withdrawn-seat: from the link of a seat the lead withdrew while the pulse was open;
 * - replaced-link: from a seat's earlier link, replaced when the lead handed the link out again;
 * - deleted-pulse: for a pulse the lead deleted (its answers went with it);
 * - no-key: for a pulse this browser holds without its private key (another lead's, through
 *   the workspace): only the computer that started it can open its codes;
 * - key-elsewhere: for the lead's own pulse held here without its key (restored from a backup:
 *   keys never travel, its answers and totals do; or the sample data's): only the computer that
 *   started it can open it;
 * - no-token: without a seat token, on a pulse that takes personal links only (minted from
 *   the public key alone, or from a shared link);
 * - replaced: a resend from a seat that had answered: the earlier answer is gone;
 * - older-answer: the seat's later answer is stored already: nothing changes;
 * - seat-closed: the seat answered and the pulse has closed: released results do not move;
 * - damaged: cut short, changed, not a code at all, or saying something the pulse never asked.
 * A bad code changes nothing; the good ones next to it are still added.
 */
export type CodeOutcome =
  | 'added'
  | 'held'
  | 'over-cap'
  | 'already-added'
  | 'other-pulse'
  | 'expired'
  | 'before-start'
  | 'from-the-future'
  | 'unknown-seat'
  | 'withdrawn-seat'
  | 'replaced-link'
  | 'deleted-pulse'
  | 'no-key'
  | 'key-elsewhere'
  | 'no-token'
  | 'replaced'
  | 'older-answer'
  | 'seat-closed'
  | 'damaged';

export interface CodeReport {
  code: string;
  outcome: CodeOutcome;
  /** The pulse the code was opened with (added / already added). */
  pulseId?: string;
}

export interface CollectOptions {
  /** Accept codes for this pulse only (the pulse's own paste box); any stored pulse when absent (the call chat). */
  pulseId?: string;
  now?: number;
}

type Opened =
  | { code: string; pulseId: string; entry: ResponseEntry }
  | { code: string; pulseId: string; seat: SeatEntry }
  | { code: string; outcome: CodeOutcome };

/** Codes taken from one paste (or one chat read) at most: past this, nothing is added. */
export const MAX_CODES_AT_ONCE = 2000;

export class TooManyCodesError extends Error {
  constructor(readonly found: number) {
    super(`${found} different codes at once: at most ${MAX_CODES_AT_ONCE}.`);
  }
}

/**
 * The codes in a text, each once (a `Set`: duplicates are reported against their first), and
 * where each found code stands in that list. Throws TooManyCodesError past MAX_CODES_AT_ONCE.
 */
function codesIn(text: string): { unique: string[]; found: string[] } {
  const found = findResponseCodes(text);
  const unique = [...new Set(found)];
  if (unique.length > MAX_CODES_AT_ONCE) throw new TooManyCodesError(unique.length);
  return { unique, found };
}

/** One report per found code, in order: a repeat of a code says what its first said, "already added" if it went in. */
function perFoundCode(found: readonly string[], reports: readonly CodeReport[]): CodeReport[] {
  const first = new Map<string, CodeReport>();
  for (const report of reports) first.set(report.code, report);
  const seen = new Set<string>();
  return found.map((code) => {
    const report = first.get(code)!;
    if (!seen.has(code)) {
      seen.add(code);
      return report;
    }
    return report.outcome === 'added' || report.outcome === 'held' ? { ...report, outcome: 'already-added' } : report;
  });
}

const OPEN_ERRORS: Record<OpenError, CodeOutcome> = {
  malformed: 'damaged',
  damaged: 'damaged',
  'unsupported-version': 'damaged',
  'other-pulse': 'other-pulse',
  expired: 'expired',
  'before-start': 'before-start',
  'from-the-future': 'from-the-future',
};

/** Opens each code with its pulse's private key; stores nothing. */
async function openCodes(db: PulseDatabase, codes: readonly string[], options: CollectOptions): Promise<Opened[]> {
  // Each pulse read once, with what opening its codes needs (its question ids) made once.
  const pulses = new Map<string, Promise<{ pulse: Pulse; toOpen: PulseToOpen | undefined } | undefined>>();
  const pulseFor = (id: string) => {
    let read = pulses.get(id);
    if (!read) {
      read = getPulse(db, id, true).then((pulse) => pulse && { pulse, toOpen: pulseToOpen(pulse) });
      pulses.set(id, read);
    }
    return read;
  };
  const personalOnly = new Map<string, Promise<boolean>>();
  const personalOnlyFor = (id: string) => {
    if (!personalOnly.has(id)) personalOnly.set(id, takesPersonalLinksOnly(db, id));
    return personalOnly.get(id)!;
  };
  return Promise.all(
    codes.map(async (code): Promise<Opened> => {
      // Read once: the pulse it claims, and the bytes it is opened from.
      const read = readResponseCode(code);
      if (read === null) return { code, outcome: 'damaged' };
      if (options.pulseId !== undefined && read.pulseId !== options.pulseId) return { code, outcome: 'other-pulse' };
      const held = await pulseFor(read.pulseId);
      // Deleted by the lead: its answers went with it, and so do any that arrive later.
      if (held && held.pulse.deletedAt !== undefined) return { code, outcome: 'deleted-pulse' };
      // No key here: another lead's pulse (through the workspace), or this lead's restored from a backup.
      if (!held) return { code, outcome: 'other-pulse' };
      if (!held.toOpen) return { code, outcome: isKnownOnlyFromWorkspace(held.pulse) ? 'no-key' : 'key-elsewhere' };
      const { pulse, toOpen } = held;
      const opened = await openReadCode(read, toOpen, options.now);
      if (!opened.ok) return { code, outcome: OPEN_ERRORS[opened.error] };
      // A shared-link answer verifies nobody: the organisation a PP1 code names is dropped, so no
      // link-holder can answer in an invited organisation's name; it counts under its type, capped.
      const { token, partnerType, organisationId: _unverified, ...payload } = opened.payload;
      if (token !== undefined) {
        const seat = await seatEntryOf({ ...opened.payload, token });
        return seat ? { code, pulseId: pulse.id, seat } : { code, outcome: 'unknown-seat' };
      }
      if (await personalOnlyFor(pulse.id)) return { code, outcome: 'no-token' };
      if (partnerType === undefined) return { code, outcome: 'damaged' };
      const entry = checkEntry(pulse, { ...payload, partnerType });
      return entry ? { code, pulseId: pulse.id, entry } : { code, outcome: 'damaged' };
    }),
  );
}

/** What opening a pulse's codes needs, or undefined without its private key. */
function pulseToOpen(pulse: Pulse): PulseToOpen | undefined {
  if (!pulse.privateKey) return undefined;
  return {
    id: pulse.id,
    privateKey: pulse.privateKey,
    expiresAt: pulse.expiresAt,
    startedAt: pulse.createdAt,
    questionIds: pulse.questions.map((q) => q.id),
  };
}

/**
 * Find every code in `text` (a paste, a chat), open it, and store the good ones, one transaction
 * per pulse. Answers arriving after a pulse's release are held in its late queue; shared-link
 * answers beyond the pulse's cap are refused. At most MAX_CODES_AT_ONCE different codes: past
 * that, TooManyCodesError and nothing stored. The chat's auto-add goes through here too, so it
 * never adds a code the paste box would refuse.
 */
export async function collectCodes(
  db: PulseDatabase,
  text: string,
  options: CollectOptions = {},
): Promise<CodeReport[]> {
  const { unique, found } = codesIn(text);
  const opened = await openCodes(db, unique, options);
  const reports: CodeReport[] = opened.map((item) =>
    'outcome' in item ? { code: item.code, outcome: item.outcome } : { code: item.code, outcome: 'added' },
  );

  for (const [pulseId, indexes] of codesByPulse(opened, 'entry')) {
    const entries = indexes.map((index) => (opened[index] as Extract<Opened, { entry: ResponseEntry }>).entry);
    const outcomes = await addResponses(db, pulseId, entries, {
      check: checkEntry,
      source: 'widget',
      now: options.now,
      isLate,
      cap: await capOf(db, pulseId),
    });
    indexes.forEach((index, i) => {
      const outcome = outcomes[i]!;
      reports[index] = { code: reports[index]!.code, outcome: outcome === 'invalid' ? 'damaged' : outcome, pulseId };
    });
  }
  for (const [index, seat] of await seatOutcomes(db, opened, options, addSeatResponses)) {
    reports[index] = { code: reports[index]!.code, ...seat };
  }
  return perFoundCode(found, reports);
}

/**
 * The opened codes of one kind, by pulse, as indexes into `opened`: 'entry', the shared-link codes
 * (no token); 'seat', the personal-link codes.
 */
function codesByPulse(opened: readonly Opened[], kind: 'entry' | 'seat'): Map<string, number[]> {
  const byPulse = new Map<string, number[]>();
  opened.forEach((item, index) => {
    if (kind in item && 'pulseId' in item) pushTo(byPulse, item.pulseId, index);
  });
  return byPulse;
}

/** The shared-link cap of a pulse, by the partner types of the lead's records for its partnership. */
async function capOf(db: PulseDatabase, pulseId: string): Promise<(stored: Pulse) => Record<PartnerType, number>> {
  const pulse = await getPulse(db, pulseId);
  const types = partnerTypesOf(pulse ? await listMemberships(db, pulse.partnershipId) : []);
  return (stored) => sharedLinkCap(stored, types);
}

/**
 * The personal-link codes among `opened`, by index: their outcome and pulse, once stored
 * (`addSeatResponses`) or previewed (`previewSeatResponses`), one transaction per pulse.
 */
async function seatOutcomes(
  db: PulseDatabase,
  opened: readonly Opened[],
  options: CollectOptions,
  run: typeof addSeatResponses | typeof previewSeatResponses,
): Promise<Map<number, { outcome: CodeOutcome; pulseId: string }>> {
  const byIndex = new Map<number, { outcome: CodeOutcome; pulseId: string }>();
  for (const [pulseId, indexes] of codesByPulse(opened, 'seat')) {
    const entries = indexes.map((index) => (opened[index] as Extract<Opened, { seat: SeatEntry }>).seat);
    const outcomes = await run(db, pulseId, entries, { check: checkEntry, now: options.now, isLate });
    indexes.forEach((index, i) => byIndex.set(index, { outcome: seatCodeOutcome(outcomes[i]!), pulseId }));
  }
  return byIndex;
}

/**
 * What collecting these codes would do, without storing anything: 'added' here means "new".
 * The panel uses it to offer the codes seen in the call chat.
 */
export async function previewCodes(
  db: PulseDatabase,
  text: string,
  options: CollectOptions = {},
): Promise<CodeReport[]> {
  const { unique, found } = codesIn(text);
  const opened = await openCodes(db, unique, options);
  const stored = await storedResponseIds(
    db,
    opened.flatMap((item) => ('entry' in item ? [item.entry.responseId] : [])),
  );
  const seats = await seatOutcomes(db, opened, options, previewSeatResponses);
  const seen = new Set<string>();
  const reports = opened.map((item, index): CodeReport => {
    if ('outcome' in item) return { code: item.code, outcome: item.outcome };
    if ('seat' in item) return { code: item.code, ...seats.get(index)! };
    const id = item.entry.responseId;
    const outcome: CodeOutcome = stored.has(id) || seen.has(id) ? 'already-added' : 'added';
    seen.add(id);
    return { code: item.code, outcome, pulseId: item.pulseId };
  });
  return perFoundCode(found, reports);
}

/** How many of each outcome, for a one-line summary. */
export function countOutcomes(reports: readonly CodeReport[]): Record<CodeOutcome, number> {
  const counts: Record<CodeOutcome, number> = {
    added: 0,
    replaced: 0,
    held: 0,
    'over-cap': 0,
    'already-added': 0,
    'other-pulse': 0,
    expired: 0,
    'before-start': 0,
    'from-the-future': 0,
    'unknown-seat': 0,
    'withdrawn-seat': 0,
    'replaced-link': 0,
    'deleted-pulse': 0,
    'no-key': 0,
    'key-elsewhere': 0,
    'no-token': 0,
    'older-answer': 0,
    'seat-closed': 0,
    damaged: 0,
  };
  for (const report of reports) counts[report.outcome] += 1;
  return counts;
}

/** One line of a paste's summary: an outcome, how many codes had it, and a few of them. */
export interface OutcomeLine {
  outcome: CodeOutcome;
  count: number;
  examples: string[];
}

/** Examples shown per outcome: enough to find a code in the mail, never thousands of lines. */
export const OUTCOME_EXAMPLES = 3;

/** The reports summarised: one line per outcome that occurred, added first, with at most a few examples each. */
export function summariseOutcomes(reports: readonly CodeReport[], examples = OUTCOME_EXAMPLES): OutcomeLine[] {
  const lines = new Map<CodeOutcome, OutcomeLine>();
  for (const report of reports) {
    let line = lines.get(report.outcome);
    if (!line) {
      line = { outcome: report.outcome, count: 0, examples: [] };
      lines.set(report.outcome, line);
    }
    line.count += 1;
    if (line.examples.length < examples) line.examples.push(report.code);
  }
  const order = Object.keys(countOutcomes([])) as CodeOutcome[];
  return order.flatMap((outcome) => lines.get(outcome) ?? []);
}

/**
 * The lead's quick round stored: like a code, an entry typed after the pulse's release waits in
 * the late queue (the same rule as codes), so a released figure never moves by one answer.
 * On a personal-link pulse the quick round carries no seat token, so its answers are stored
 * `verified: false`: shown as not verified, and counted toward no threshold in any view or export.
 */
export async function addQuickRound(
  db: PulseDatabase,
  pulseId: string,
  entries: readonly ResponseEntry[],
  now: number = Date.now(),
): Promise<AddOutcome[]> {
  const unverified = await takesPersonalLinksOnly(db, pulseId);
  // After the check, which passes no flag of the entry's own through.
  const check: typeof checkEntry = (pulse, entry) => {
    const checked = checkEntry(pulse, entry);
    return checked && unverified ? { ...checked, verified: false } : checked;
  };
  // On a shared-link pulse the round counts against the link's cap: typed answers cannot pad a
  // group past as many answers as there are invited organisations of its partner type.
  return addResponses(db, pulseId, entries, {
    check,
    source: 'lead',
    now,
    isLate,
    ...(unverified ? {} : { cap: await capOf(db, pulseId) }),
  });
}

/**
 * The call chat's codes: the paste box's path exactly (collectCodes, any stored pulse), so the
 * chat's auto-add never adds a code the paste box would refuse; a chat holding more codes than
 * a paste may adds none of them.
 */
export async function collectChatCodes(db: PulseDatabase, text: string, now?: number): Promise<CodeReport[]> {
  try {
    return await collectCodes(db, text, now === undefined ? {} : { now });
  } catch (error) {
    if (error instanceof TooManyCodesError) return [];
    throw error;
  }
}

/** What collectChatCodes would do, storing nothing. */
export async function previewChatCodes(db: PulseDatabase, text: string, now?: number): Promise<CodeReport[]> {
  try {
    return await previewCodes(db, text, now === undefined ? {} : { now });
  } catch (error) {
    if (error instanceof TooManyCodesError) return [];
    throw error;
  }
}
