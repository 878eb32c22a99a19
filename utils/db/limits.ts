import { formatNumber } from '../i18n/format';
import { t } from '../i18n/messages';

/**
 * The largest values a bundle may hold (docs/bundle-format.md and docs/bundle.schema.json
 * state the same numbers). Far above real use; they keep a hostile or broken file from
 * filling the database or the page's memory.
 */
export const LIMITS = {
  /** The whole file, in bytes. */
  fileBytes: 512 * 1024 * 1024,
  /** Records per store. */
  records: 2_000_000,
  id: 200,
  /** Names, titles, labels, display names, the app version. */
  name: 500,
  email: 320,
  domain: 253,
  /** A pulse question's wording. */
  wording: 2_000,
  /** Notes, decisions, comments, free-text answers, error messages and stacks. */
  longText: 100_000,
  attendees: 5_000,
  /** Organisation ids of a meeting or a pulse's invitation list. */
  organisationIds: 5_000,
  emailDomains: 100,
  /** A person's display names, aliases and emails, each. */
  personNames: 500,
  purposeTagIds: 100,
  questions: 100,
  answers: 100,
  errorLog: 1_000,
  /** Cadence targets, in days. */
  cadenceDays: 3_650,
  /** A pulse's anonymity threshold. */
  threshold: 1_000,
  /** Shared-link codes a pulse refused over its cap (a count, which replays can raise). */
  refusedOverCap: 1_000_000_000,
  /** Epoch ms: from 1970-01-01 up to (not including) 2100-01-01. */
  time: 4_102_444_800_000,
} as const;

type Limited = { field: string; max: number; kind: 'text' | 'list' | 'texts' };

const text = (field: string, max: number): Limited => ({ field, max, kind: 'text' });
const list = (field: string, max: number): Limited => ({ field, max, kind: 'list' });
const texts = (field: string, max: number): Limited => ({ field, max, kind: 'texts' });

/**
 * The limits of the bundle validator's field table (utils/your-data/bundle/validate.ts), by
 * store and top-level field, checked on every write: a record the app writes always imports.
 * `texts`: each entry of a list of text. Nested fields are checked by checkRecordLimits itself.
 */
export const WRITE_LIMITS = {
  partnerships: [text('name', LIMITS.name)],
  organisations: [
    text('name', LIMITS.name),
    list('emailDomains', LIMITS.emailDomains),
    texts('emailDomains', LIMITS.domain),
  ],
  memberships: [],
  people: [
    list('displayNames', LIMITS.personNames),
    texts('displayNames', LIMITS.name),
    list('aliases', LIMITS.personNames),
    texts('aliases', LIMITS.name),
    list('emails', LIMITS.personNames),
    texts('emails', LIMITS.email),
  ],
  purposeTags: [text('label', LIMITS.name), text('builtIn', LIMITS.name)],
  meetings: [
    text('title', LIMITS.name),
    text('chairName', LIMITS.name),
    text('callKey', LIMITS.name),
    text('decisions', LIMITS.longText),
    text('notes', LIMITS.longText),
    list('attendees', LIMITS.attendees),
    list('organisationIds', LIMITS.organisationIds),
    list('attendanceCounts', LIMITS.organisationIds),
    list('purposeTagIds', LIMITS.purposeTagIds),
  ],
  pulses: [list('questions', LIMITS.questions), list('invitedOrganisationIds', LIMITS.organisationIds)],
  responses: [text('comment', LIMITS.longText)],
} as const satisfies Record<string, readonly Limited[]>;

export type LimitedStore = keyof typeof WRITE_LIMITS;

/** A record over one of the limits: not written. `field` names it, as the importer would. */
export class RecordTooLarge extends Error {
  constructor(
    readonly store: string,
    readonly field: string,
    readonly size: number,
    readonly max: number,
  ) {
    super(t('db_recordTooLarge', field, formatNumber(size), formatNumber(max)));
    this.name = 'RecordTooLarge';
  }
}

/** The first limit `record` passes, or undefined: what the write functions refuse. */
export function overLimit(store: LimitedStore, record: object): RecordTooLarge | undefined {
  const value = record as Record<string, unknown>;
  const over = (field: string, size: number, max: number) =>
    size > max ? new RecordTooLarge(store, field, size, max) : undefined;
  for (const rule of WRITE_LIMITS[store] as readonly Limited[]) {
    const found = value[rule.field];
    if (rule.kind === 'text' && typeof found === 'string') {
      const wrong = over(rule.field, found.length, rule.max);
      if (wrong) return wrong;
    }
    if (!Array.isArray(found)) continue;
    if (rule.kind === 'list') {
      const wrong = over(rule.field, found.length, rule.max);
      if (wrong) return wrong;
    }
    if (rule.kind === 'texts') {
      for (const [i, entry] of found.entries()) {
        const wrong = typeof entry === 'string' ? over(`${rule.field}[${i}]`, entry.length, rule.max) : undefined;
        if (wrong) return wrong;
      }
    }
  }
  if (store === 'meetings') {
    const attendees = (value.attendees ?? []) as Array<{ displayName?: string; email?: string }>;
    for (const [i, a] of attendees.entries()) {
      const wrong =
        over(`attendees[${i}].displayName`, a.displayName?.length ?? 0, LIMITS.name) ??
        over(`attendees[${i}].email`, a.email?.length ?? 0, LIMITS.email);
      if (wrong) return wrong;
    }
  }
  if (store === 'pulses') {
    const questions = (value.questions ?? []) as Array<{ wording?: string }>;
    for (const [i, q] of questions.entries()) {
      const wrong = over(`questions[${i}].wording`, q.wording?.length ?? 0, LIMITS.wording);
      if (wrong) return wrong;
    }
  }
  if (store === 'responses') {
    const answers = (value.answers ?? {}) as Record<string, unknown>;
    const keys = Object.keys(answers);
    const tooMany = over('answers', keys.length, LIMITS.answers);
    if (tooMany) return tooMany;
    for (const key of keys) {
      const answer = answers[key];
      const wrong = typeof answer === 'string' ? over(`answers.${key}`, answer.length, LIMITS.longText) : undefined;
      if (wrong) return wrong;
    }
  }
  return undefined;
}

/** Throws RecordTooLarge for a record over a limit: called before every write. */
export function checkRecordLimits(store: LimitedStore, record: object): void {
  const wrong = overLimit(store, record);
  if (wrong) throw wrong;
}
