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
