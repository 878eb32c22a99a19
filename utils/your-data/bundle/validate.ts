import { AGENDA_STATES, DIMENSIONS, MEETING_KINDS, MEETING_PLATFORMS, PARTNER_TYPES } from '../../db/records';
import type {
  Attendee,
  AttendanceCount,
  CadenceTargets,
  PulseQuestion,
  PulseResponse,
  QuestionScale,
  Stamped,
  StoredPulse,
} from '../../db/records';
import type { MessageKey } from '../../i18n/messages';
import { localise } from './problems';
import { ProblemList } from './problems';
import { BUNDLE_STORES, type BundleRecords, type BundleStore } from './format';
import { LIMITS } from './limits';
import { isCalendarDate, isIsoStamp } from '../../time/calendar';
import { FUTURE_SLACK_MS } from '../../db/stamp';
import { arrivalProblem } from './answer-times';

/**
 * The shape of every record a bundle carries, checked field by field. Unknown fields are
 * refused (a record is stored as it comes, so nothing unexpected may ride along), and so
 * are the keys that reach an object's prototype, anywhere.
 */

export type Spec =
  | { kind: 'id' }
  | { kind: 'text'; max: number; nonEmpty?: boolean }
  /**
   * Epoch ms; `past`: a time that has happened (a stamp, an arrival, a person seen), refused when
   * later than now + FUTURE_SLACK_MS. Without it the time may lie ahead (a planned meeting, a pulse's close).
   */
  | { kind: 'time'; past?: true }
  | { kind: 'date' }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'oneOf'; values: readonly string[] }
  | { kind: 'true' }
  | { kind: 'list'; of: Spec; max: number }
  | { kind: 'object'; fields: Fields }
  /**
   * A check of its own (true or false, a response's answers): adds its problems; false when it
   * added any. Kinds only some tables use are checked this way, so that code which never
   * meets them (the background's sync) does not carry them.
   */
  | { kind: 'custom'; check: (value: unknown, where: Where, field: string) => boolean };

export type Fields = Record<string, { spec: Spec; optional?: boolean }>;

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/**
 * A field table for the record type T: one entry per field of T, none more (a compile error
 * either way), optional exactly where T's field is optional.
 */
export type FieldsOf<T> = {
  [K in keyof T]-?: K extends OptionalKeys<T> ? { spec: Spec; optional: true } : { spec: Spec; optional?: false };
};

/** Every store's table, typed by the record a bundle carries for it. */
export type RecordFieldTable = { [S in BundleStore]: FieldsOf<BundleRecords[S][number]> };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Ids (records', questions', answers' keys) are printable ASCII without spaces: UUIDs, `trust`,
 * `x1`, `partnership/organisation/2024-01-01`. Nothing that could pass for another id on
 * screen, and never a name an object's prototype answers to (`constructor`, `__proto__`).
 */
export const SAFE_ID = /^[\x21-\x7e]+$/;

export { FUTURE_SLACK_MS };

const id: Spec = { kind: 'id' };
/** A time that may lie ahead: a planned meeting's, a pulse's close and period. */
const time: Spec = { kind: 'time' };
/** A time that has happened: never more than FUTURE_SLACK_MS after this computer's clock. */
const past: Spec = { kind: 'time', past: true };
const date: Spec = { kind: 'date' };
const name: Spec = { kind: 'text', max: LIMITS.name, nonEmpty: true };
const longText: Spec = { kind: 'text', max: LIMITS.longText };
// Marked pure, so that the bundler drops the tables' entries wherever a table is unused (the
// background's sync has no use for the responses' table, nor its answers' check).
const required = /* @__NO_SIDE_EFFECTS__ */ (spec: Spec): { spec: Spec } => ({ spec });
const optional = /* @__NO_SIDE_EFFECTS__ */ (spec: Spec): { spec: Spec; optional: true } => ({ spec, optional: true });
const ids = /* @__NO_SIDE_EFFECTS__ */ (max: number): Spec => ({ kind: 'list', of: id, max });
const days: Spec = { kind: 'integer', min: 0, max: LIMITS.cadenceDays };

/** Adds a problem with the value at `field`; always false. */
function fail(where: Where, field: string | undefined, ...problem: [ProblemKey, ...string[]]): false {
  where.problems.add({ record: where.record, field: field || undefined }, ...problem);
  return false;
}

/** true or false. */
export const BOOLEAN: Spec = {
  kind: 'custom',
  check: (value, where, field) =>
    typeof value === 'boolean' || fail(where, field, 'bundle_problem_notBoolean', describeFound(value)),
};

const STAMPED: FieldsOf<Stamped> = {
  id: required(id),
  createdAt: required(past),
  updatedAt: required(past),
  deletedAt: optional(past),
  demo: optional({ kind: 'true' }),
};

const ATTENDEE: Spec = {
  kind: 'object',
  fields: {
    displayName: required({ kind: 'text', max: LIMITS.name }),
    personId: optional(id),
    organisationId: optional(id),
    email: optional({ kind: 'text', max: LIMITS.email }),
    firstSeenAt: optional(past),
    lastSeenAt: optional(past),
  } satisfies FieldsOf<Attendee>,
};

const ATTENDANCE_COUNT: Spec = {
  kind: 'object',
  fields: {
    organisationId: optional(id),
    count: required({ kind: 'integer', min: 1, max: LIMITS.attendees }),
  } satisfies FieldsOf<AttendanceCount>,
};

const QUESTION: Spec = {
  kind: 'object',
  fields: {
    id: required(id),
    dimension: optional({ kind: 'oneOf', values: DIMENSIONS }),
    wording: required({ kind: 'text', max: LIMITS.wording, nonEmpty: true }),
    scale: required({ kind: 'oneOf', values: ['agree5', 'zeroTen', 'text'] }),
    seriesId: required(id),
  } satisfies FieldsOf<PulseQuestion>,
};

const JWK_TEXT: Spec = { kind: 'text', max: LIMITS.name };
const PUBLIC_JWK: Spec = {
  kind: 'object',
  fields: {
    kty: required(JWK_TEXT),
    crv: optional(JWK_TEXT),
    x: optional(JWK_TEXT),
    y: optional(JWK_TEXT),
    ext: optional(BOOLEAN),
    key_ops: optional({ kind: 'list', of: JWK_TEXT, max: 10 }),
  },
};

/** A pulse as it travels: no private key, totals or refused count (those never leave this browser). */
const SHARED_PULSE_FIELDS: FieldsOf<StoredPulse> = {
  ...STAMPED,
  partnershipId: required(id),
  meetingId: optional(id),
  periodStart: optional(time),
  periodEnd: optional(time),
  questions: required({ kind: 'list', of: QUESTION, max: LIMITS.questions }),
  invitedOrganisationIds: required(ids(LIMITS.organisationIds)),
  expiresAt: required(time),
  threshold: required({ kind: 'integer', min: 1, max: LIMITS.threshold }),
  publicKeyJwk: optional(PUBLIC_JWK),
  releasedAt: optional(past),
};

/** The tables of the records a workspace shares (utils/sync checks its documents with these alone). */
export const SHARED_RECORD_FIELDS: Omit<RecordFieldTable, 'pulses' | 'responses'> & {
  pulses: FieldsOf<StoredPulse>;
} = {
  pulses: SHARED_PULSE_FIELDS,
  partnerships: {
    ...STAMPED,
    name: required(name),
    startDate: required(date),
    cadence: required({
      kind: 'object',
      fields: {
        coreMinDays: required(days),
        coreMaxDays: required(days),
        widerDays: required(days),
        reviewDays: required(days),
      } satisfies FieldsOf<CadenceTargets>,
    }),
  },
  organisations: {
    ...STAMPED,
    name: required(name),
    emailDomains: required({
      kind: 'list',
      of: { kind: 'text', max: LIMITS.domain, nonEmpty: true },
      max: LIMITS.emailDomains,
    }),
    mergedInto: optional(id),
  },
  memberships: {
    ...STAMPED,
    partnershipId: required(id),
    organisationId: required(id),
    partnerType: required({ kind: 'oneOf', values: PARTNER_TYPES }),
    joinedOn: required(date),
    leftOn: optional(date),
  },
  people: {
    ...STAMPED,
    displayNames: required({ kind: 'list', of: { kind: 'text', max: LIMITS.name }, max: LIMITS.personNames }),
    aliases: required({ kind: 'list', of: { kind: 'text', max: LIMITS.name }, max: LIMITS.personNames }),
    emails: required({ kind: 'list', of: { kind: 'text', max: LIMITS.email }, max: LIMITS.personNames }),
    organisationId: optional(id),
  },
  purposeTags: {
    ...STAMPED,
    builtIn: optional({ kind: 'text', max: LIMITS.name, nonEmpty: true }),
    label: required(name),
  },
  meetings: {
    ...STAMPED,
    partnershipId: required(id),
    status: required({ kind: 'oneOf', values: ['planned', 'held'] }),
    platform: required({ kind: 'oneOf', values: MEETING_PLATFORMS }),
    title: required({ kind: 'text', max: LIMITS.name }),
    startAt: required(time),
    endAt: optional(time),
    kind: required({ kind: 'oneOf', values: MEETING_KINDS }),
    purposeTagIds: required(ids(LIMITS.purposeTagIds)),
    agenda: required({ kind: 'oneOf', values: AGENDA_STATES }),
    attendees: required({ kind: 'list', of: ATTENDEE, max: LIMITS.attendees }),
    organisationIds: required(ids(LIMITS.organisationIds)),
    chairName: optional({ kind: 'text', max: LIMITS.name }),
    chairPersonId: optional(id),
    chairOrganisationId: optional(id),
    attendanceCounts: optional({ kind: 'list', of: ATTENDANCE_COUNT, max: LIMITS.organisationIds }),
    decisions: required(longText),
    notes: required(longText),
    callKey: optional({ kind: 'text', max: LIMITS.name }),
  },
};

// Object.assign marked pure rather than a spread, which the bundler keeps wherever this is unused
// (the background's sync).
export const RECORD_FIELDS: RecordFieldTable = /* @__PURE__ */ Object.assign({}, SHARED_RECORD_FIELDS, {
  pulses: {
    ...SHARED_PULSE_FIELDS,
    refusedOverCap: optional({ kind: 'integer', min: 0, max: LIMITS.refusedOverCap }),
  },
  responses: {
    ...STAMPED,
    pulseId: required(id),
    partnerType: required({ kind: 'oneOf', values: PARTNER_TYPES }),
    organisationId: optional(id),
    answers: required({ kind: 'custom', check: checkAnswers }),
    comment: optional(longText),
    source: required({ kind: 'oneOf', values: ['widget', 'lead', 'import'] }),
    receivedAt: required(past),
    verified: optional(BOOLEAN),
    seatId: optional(id),
    heldSince: optional(past),
  },
} satisfies Pick<RecordFieldTable, 'pulses' | 'responses'>);

const ERROR_LOG_ENTRY: Spec = {
  kind: 'object',
  fields: {
    at: required(past),
    page: required({ kind: 'text', max: LIMITS.name }),
    message: required(longText),
    stack: optional(longText),
    version: required({ kind: 'text', max: LIMITS.name }),
  },
};

/** A bundle's error log, when it carries one: at most LIMITS.errorLog entries, each an ERROR_LOG_ENTRY. */
export function checkErrorLog(errorLog: unknown, problems: ProblemList, now: number): void {
  if (errorLog === undefined) return;
  checkValue(
    errorLog,
    { kind: 'list', of: ERROR_LOG_ENTRY, max: LIMITS.errorLog },
    problems,
    'errorLog',
    undefined,
    now,
  );
}

/**
 * Why `answer` does not fit `scale`, or undefined when it does: 1 to 5 for agree5, 0 to 10
 * for zeroTen (whole numbers), text for a free-text question; null (prefer not to say) fits all.
 */
export function offScale(
  answer: PulseResponse['answers'][string],
  scale: QuestionScale,
): [MessageKey, string] | undefined {
  if (answer === null) return undefined;
  if (scale === 'text')
    return typeof answer === 'string' ? undefined : ['bundle_problem_notTextAnswer', describeFound(answer)];
  const [min, max] = scale === 'agree5' ? [1, 5] : [0, 10];
  if (typeof answer === 'number' && Number.isInteger(answer) && answer >= min && answer <= max) return undefined;
  return [scale === 'agree5' ? 'bundle_problem_offAgree5' : 'bundle_problem_offZeroTen', describeFound(answer)];
}

/** How a found value is shown in a message: short, and never more than a glimpse of text. */
export function describeFound(value: unknown): string {
  if (value === undefined) return localise('bundle_found_nothing');
  if (Array.isArray(value)) return localise('bundle_found_list');
  if (value === null) return 'null';
  if (typeof value === 'object') return localise('bundle_found_object');
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

export interface Where {
  problems: ProblemList;
  record?: string;
  /** This computer's clock, for times that have happened (`past`). */
  now: number;
}

type ProblemKey = Parameters<ProblemList['add']>[1];

/** Why `value` is not a safe id (see SAFE_ID): a message key and its substitutions; undefined when it is one. */
export function idProblem(value: string): [ProblemKey, ...string[]] | undefined {
  if (value.length === 0) return ['bundle_problem_emptyText'];
  if (value.length > LIMITS.id) return ['bundle_problem_tooLong', String(value.length), String(LIMITS.id)];
  if (FORBIDDEN_KEYS.has(value)) return ['bundle_problem_forbiddenId', value];
  if (!SAFE_ID.test(value)) return ['bundle_problem_unsafeId', describeFound(value)];
  return undefined;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

/** Checks `value` against `spec`; false when a problem was added. */
function check(value: unknown, spec: Spec, where: Where, field: string): boolean {
  switch (spec.kind) {
    case 'id':
    case 'text':
      if (typeof value !== 'string') return fail(where, field, 'bundle_problem_notText', describeFound(value));
      if (spec.kind === 'id') {
        const wrong = idProblem(value);
        return wrong ? fail(where, field, ...wrong) : true;
      }
      if (spec.nonEmpty && value.trim() === '') return fail(where, field, 'bundle_problem_emptyText');
      if (value.length > spec.max)
        return fail(where, field, 'bundle_problem_tooLong', String(value.length), String(spec.max));
      return true;
    case 'time':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= LIMITS.time) {
        return fail(where, field, 'bundle_problem_notTime', describeFound(value));
      }
      return (
        !spec.past ||
        value <= where.now + FUTURE_SLACK_MS ||
        fail(where, field, 'bundle_problem_future', new Date(value).toISOString())
      );
    case 'date':
      if (typeof value !== 'string' || !isCalendarDate(value))
        return fail(where, field, 'bundle_problem_notDate', describeFound(value));
      return true;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || value > spec.max) {
        return fail(
          where,
          field,
          'bundle_problem_notInteger',
          String(spec.min),
          String(spec.max),
          describeFound(value),
        );
      }
      return true;
    case 'oneOf':
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        return fail(where, field, 'bundle_problem_notOneOf', spec.values.join(', '), describeFound(value));
      }
      return true;
    case 'true':
      return value === true || fail(where, field, 'bundle_problem_notTrue', describeFound(value));
    case 'list': {
      if (!Array.isArray(value)) return fail(where, field, 'bundle_problem_notList', describeFound(value));
      if (value.length > spec.max)
        return fail(where, field, 'bundle_problem_tooMany', String(value.length), String(spec.max));
      let ok = true;
      for (let i = 0; i < value.length; i += 1) ok = check(value[i], spec.of, where, join(field, i)) && ok;
      return ok;
    }
    case 'object':
      if (!isPlainObject(value)) return fail(where, field, 'bundle_problem_notObject', describeFound(value));
      return checkFields(value, spec.fields, where, field);
    case 'custom':
      return spec.check(value, where, field);
  }
}

function checkFields(value: Record<string, unknown>, fields: Fields, where: Where, path: string): boolean {
  let ok = true;
  for (const key of Object.keys(value)) {
    if (Object.hasOwn(fields, key) && !FORBIDDEN_KEYS.has(key)) continue;
    const key_ = FORBIDDEN_KEYS.has(key) ? 'bundle_problem_forbiddenKey' : 'bundle_problem_unknownKey';
    where.problems.add({ record: where.record, field: join(path, key) }, key_, key);
    ok = false;
  }
  for (const key in fields) {
    const { spec, optional: isOptional } = fields[key]!;
    const present = Object.hasOwn(value, key) && value[key] !== undefined;
    if (!present) {
      // A table's key is never empty: its path is never either.
      if (!isOptional) ok = fail(where, join(path, key), 'bundle_problem_missing');
      continue;
    }
    ok = check(value[key], spec, where, join(path, key)) && ok;
  }
  return ok;
}

/**
 * A response's answers: keyed by safe question ids, at most LIMITS.answers, each null (prefer
 * not to say), a finite number or a text within the long-text limit. Whether an answer fits its
 * question's scale is the importer's (and checkBackup's) to check, knowing the pulse.
 */
function checkAnswers(value: unknown, where: Where, field: string): boolean {
  if (!isPlainObject(value)) return fail(where, field, 'bundle_problem_notObject', describeFound(value));
  const keys = Object.keys(value);
  if (keys.length > LIMITS.answers)
    return fail(where, field, 'bundle_problem_tooMany', String(keys.length), String(LIMITS.answers));
  let ok = true;
  for (const key of keys) {
    const at = join(field, key);
    if (FORBIDDEN_KEYS.has(key)) {
      ok = fail(where, at, 'bundle_problem_forbiddenKey', key);
      continue;
    }
    const wrong = idProblem(key);
    if (wrong) {
      ok = fail(where, at, ...wrong);
      continue;
    }
    const answer = value[key];
    if (answer === null || (typeof answer === 'number' && Number.isFinite(answer))) continue;
    if (typeof answer === 'string') {
      ok = check(answer, longText, where, at) && ok;
      continue;
    }
    ok = fail(where, at, 'bundle_problem_notAnswer', describeFound(answer));
  }
  return ok;
}

/** Where a record is, for messages: `meetings[12] (id 3f2a…)`. */
export function recordLabel(store: string, index: number, record: unknown): string {
  const recordId = isPlainObject(record) ? record.id : undefined;
  return typeof recordId === 'string' && recordId.length > 0
    ? `${store}[${index}] (id ${recordId.length > 40 ? `${recordId.slice(0, 40)}…` : recordId})`
    : `${store}[${index}]`;
}

/** Checks one value against a spec (a top-level field of the bundle, say). */
export function checkValue(
  value: unknown,
  spec: Spec,
  problems: ProblemList,
  field: string,
  record?: string,
  now: number = Date.now(),
): boolean {
  return check(value, spec, { problems, record, now }, field);
}

/** The keys of a plain object not in `allowed`, reported as unknown or forbidden. */
export function checkKeys(
  value: Record<string, unknown>,
  allowed: ReadonlySet<string>,
  problems: ProblemList,
): boolean {
  let ok = true;
  for (const key of Object.keys(value)) {
    if (allowed.has(key) && !FORBIDDEN_KEYS.has(key)) continue;
    problems.add(
      { field: key },
      FORBIDDEN_KEYS.has(key) ? 'bundle_problem_forbiddenKey' : 'bundle_problem_unknownKey',
      key,
    );
    ok = false;
  }
  return ok;
}

/** A file's `exportedAt`: an ISO 8601 stamp that parses. False (with a problem added) when not. */
export function checkExportedAt(value: unknown, problems: ProblemList): value is string {
  if (typeof value === 'string' && isIsoStamp(value)) return true;
  problems.add({ field: 'exportedAt' }, 'bundle_problem_notIsoTime', describeFound(value));
  return false;
}

/** Deep equality of JSON-like values (records as parsed or as stored; CryptoKeys by identity). */
export function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!sameContent(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (left[key] === undefined) continue;
    count += 1;
    if (!Object.hasOwn(right, key) || !sameContent(left[key], right[key])) return false;
  }
  for (const key in right) if (right[key] !== undefined) count -= 1;
  return count === 0;
}

/**
 * Checks every record of every store, and collapses ids repeated with identical content.
 * Stores that are absent are empty. Adds problems; returns the records to import.
 */
export function checkRecords(
  records: Partial<Record<BundleStore, unknown>>,
  problems: ProblemList,
  now: number = Date.now(),
): BundleRecords {
  return checkStores(records, BUNDLE_STORES, RECORD_FIELDS, problems, now) as BundleRecords;
}

/** As checkRecords, for `stores` only, each with its table in `tables`. */
export function checkStores<S extends BundleStore>(
  records: Partial<Record<S, unknown>>,
  stores: readonly S[],
  /** Each store's table (typed where it is written: RecordFieldTable, SHARED_RECORD_FIELDS). */
  tables: { [K in S]: Fields },
  problems: ProblemList,
  now: number = Date.now(),
): { [K in S]: BundleRecords[K] } {
  const result = {} as Record<S, unknown[]>;
  for (const store of stores) {
    const list = records[store] ?? [];
    result[store] = [];
    if (!Array.isArray(list)) {
      problems.add({ field: store }, 'bundle_problem_notList', describeFound(list));
      continue;
    }
    if (list.length > LIMITS.records) {
      problems.add({ field: store }, 'bundle_problem_tooMany', String(list.length), String(LIMITS.records));
      continue;
    }
    const fields = tables[store] as Fields;
    const seen = new Map<string, unknown>();
    const kept = result[store];
    for (let index = 0; index < list.length; index += 1) {
      const record: unknown = list[index];
      const where: Where = { problems, record: recordLabel(store, index, record), now };
      if (!isPlainObject(record)) {
        problems.add({ record: where.record }, 'bundle_problem_notObject', describeFound(record));
        continue;
      }
      if (!checkFields(record, fields, where, '')) continue;
      const recordId = record.id as string;
      const earlier = seen.get(recordId);
      if (earlier === undefined) {
        seen.set(recordId, record);
        kept.push(record);
      } else if (!sameContent(earlier, record)) {
        problems.add({ record: where.record, field: 'id' }, 'bundle_problem_duplicate', recordId, store);
      }
    }
  }
  return result as unknown as { [K in S]: BundleRecords[K] };
}

/**
 * A backup checked as the importer would check it, before it is saved: every record against
 * the field table (limits, ids, future stamps), the error log, and each answer against its
 * pulse's question and time (answer-times.ts) in the same file. Throws ImportRejected, led by a line saying the backup was
 * not saved, rather than saving a file that would not import.
 */
export function checkBackup(
  bundle: BundleRecords & { errorLog?: unknown },
  fileName: string,
  now: number = Date.now(),
): void {
  const problems = new ProblemList(fileName);
  problems.add({}, 'bundle_backupRefused');
  const before = problems.count;
  checkRecords(bundle, problems, now);
  checkErrorLog(bundle.errorLog, problems, now);
  const scales = new Map(bundle.pulses.map((p) => [p.id, new Map(p.questions.map((q) => [q.id, q.scale]))]));
  const pulses = new Map(bundle.pulses.map((p) => [p.id, p]));
  bundle.responses.forEach((response, index) => {
    const pulse = pulses.get(response.pulseId);
    const late = pulse && arrivalProblem(response, pulse);
    if (late) problems.add({ record: recordLabel('responses', index, response), field: 'receivedAt' }, ...late);
    for (const [key, answer] of Object.entries(response.answers)) {
      const scale = scales.get(response.pulseId)?.get(key);
      const where = { record: recordLabel('responses', index, response), field: `answers.${key}` };
      if (scale === undefined) {
        if (scales.has(response.pulseId)) {
          problems.add(where, 'bundle_problem_unknownQuestion', describeFound(key), response.pulseId);
        }
        continue;
      }
      const wrong = offScale(answer, scale);
      if (wrong) problems.add(where, ...wrong);
    }
  });
  if (problems.count > before) problems.throwIfAny();
}
