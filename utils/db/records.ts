/**
 * The records Partnership Pulse keeps. Every record has a UUID `id` from
 * crypto.randomUUID() and `createdAt` / `updatedAt` in epoch ms. Deleting sets
 * `deletedAt` (a tombstone: undo clears it, and later exports carry it).
 */

export interface Stamped {
  id: string;
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
  /** Part of the sample data set: "Remove sample data" deletes exactly these. */
  demo?: true;
}

export type PartnerType = 'lead' | 'core' | 'wider';
export const PARTNER_TYPES: readonly PartnerType[] = ['lead', 'core', 'wider'];

export type MeetingKind = 'core' | 'wider' | 'one-to-one' | 'forum' | 'review';
export const MEETING_KINDS: readonly MeetingKind[] = ['core', 'wider', 'one-to-one', 'forum', 'review'];

export type MeetingPlatform = 'meet' | 'zoom' | 'teams' | 'in-person' | 'phone';
export const MEETING_PLATFORMS: readonly MeetingPlatform[] = ['meet', 'zoom', 'teams', 'in-person', 'phone'];

export type AgendaAgreed = 'yes' | 'no' | 'not-yet';
export const AGENDA_STATES: readonly AgendaAgreed[] = ['yes', 'no', 'not-yet'];

/** Days. Defaults from the domain brief; editable per partnership. */
export interface CadenceTargets {
  coreMinDays: number;
  coreMaxDays: number;
  widerDays: number;
  reviewDays: number;
}

export const DEFAULT_CADENCE: CadenceTargets = {
  coreMinDays: 28,
  coreMaxDays: 42,
  widerDays: 91,
  reviewDays: 365,
};

export interface Partnership extends Stamped {
  name: string;
  /** Calendar date, YYYY-MM-DD. */
  startDate: string;
  cadence: CadenceTargets;
}

export interface Organisation extends Stamped {
  name: string;
  /** Lower-case domains without '@', e.g. `ageuk.example`. */
  emailDomains: string[];
  /**
   * Set (with `deletedAt`) when an import merged this organisation into another: records that
   * still name this id, now or in later imports, are read as naming `mergedInto`.
   */
  mergedInto?: string;
}

export interface Membership extends Stamped {
  partnershipId: string;
  organisationId: string;
  partnerType: PartnerType;
  /** Calendar dates, YYYY-MM-DD. */
  joinedOn: string;
  leftOn?: string;
}

export interface Person extends Stamped {
  /** Display names as seen in calls, as typed or shown. */
  displayNames: string[];
  /** normaliseName() of each display name: the `by-alias` index (multiEntry). */
  aliases: string[];
  emails: string[];
  organisationId?: string;
}

export interface PurposeTag extends Stamped {
  /** Built-in tags have a key (their label comes from the messages); the user's own have none. */
  builtIn?: string;
  label: string;
}

export interface Attendee {
  displayName: string;
  personId?: string;
  organisationId?: string;
  email?: string;
  /** From the live call, epoch ms; absent for meetings entered by hand. */
  firstSeenAt?: number;
  lastSeenAt?: number;
}

/**
 * How many of one organisation's people attended (no organisationId: guests of no known
 * organisation). What an organisation-only workspace partnership carries in place of names
 * (utils/sync/attendance.ts).
 */
export interface AttendanceCount {
  organisationId?: string;
  count: number;
}

export type MeetingStatus = 'planned' | 'held';

export interface Meeting extends Stamped {
  partnershipId: string;
  status: MeetingStatus;
  platform: MeetingPlatform;
  title: string;
  startAt: number;
  endAt?: number;
  kind: MeetingKind;
  purposeTagIds: string[];
  agenda: AgendaAgreed;
  attendees: Attendee[];
  /** Organisations represented (derived from attendees): the `by-organisation` index. */
  organisationIds: string[];
  /** Who chaired, as shown in the attendee list (for equity: is it always the lead?). */
  chairName?: string;
  chairPersonId?: string;
  chairOrganisationId?: string;
  /**
   * Attendance as counts per organisation, set on a meeting that came through a workspace
   * partnership sharing attendance by organisation only: its `attendees` are then empty here
   * and the names stay on the machines of the leads who logged them.
   */
  attendanceCounts?: AttendanceCount[];
  decisions: string;
  notes: string;
  /** Key of the call link (`meet:abc-defg-hij`): matches a calendar plan to its call. */
  callKey?: string;
}

export type QuestionScale = 'agree5' | 'zeroTen' | 'text';
export type Dimension = 'trust' | 'equity' | 'flexibility' | 'communication';
export const DIMENSIONS: readonly Dimension[] = ['trust', 'equity', 'flexibility', 'communication'];

export interface PulseQuestion {
  id: string;
  /** Set for the four core questions. */
  dimension?: Dimension;
  wording: string;
  scale: QuestionScale;
  /** Changing a core question's wording starts a new series. */
  seriesId: string;
}

/**
 * A pulse as the pages use it: the shared record (`StoredPulse`, the `pulses` store) joined
 * with its local-only part (`PulseSecrets`, the `pulseSecrets` store). utils/db splits it on
 * every write and joins it on every read (utils/db/pulse-secrets.ts).
 */
export interface Pulse extends Stamped {
  partnershipId: string;
  meetingId?: string;
  periodStart?: number;
  periodEnd?: number;
  questions: PulseQuestion[];
  invitedOrganisationIds: string[];
  expiresAt: number;
  threshold: number;
  publicKeyJwk?: JsonWebKey;
  /** Non-extractable ECDH private key (structured-cloned CryptoKey). */
  privateKey?: CryptoKey;
  /** Running totals of the responses, kept in the transaction that adds them (see utils/db/summary.ts). */
  summary?: PulseSummary;
  /** Shared-link codes refused because their partner type's cap was reached (utils/pulse/shared-link.ts). */
  refusedOverCap?: number;
  /**
   * When the lead closed the pulse by hand: its results are out at once (no grace for codes in
   * transit, which wait in the late queue). Absent: released at expiresAt + the grace.
   */
  releasedAt?: number;
}

/**
 * The fields of a pulse that never leave this browser (no sync; the personal backup carries
 * `refusedOverCap` only): kept in the local-only `pulseSecrets` store, keyed by the pulse's
 * id. Changing them never bumps the pulse's `updatedAt`.
 */
export const PULSE_SECRET_FIELDS = ['privateKey', 'summary', 'refusedOverCap'] as const;
export type PulseSecretField = (typeof PULSE_SECRET_FIELDS)[number];

/** A pulse as the `pulses` store holds it: no private key, no totals, nothing local. */
export type StoredPulse = Omit<Pulse, PulseSecretField>;

/** A pulse's local-only part (the `pulseSecrets` store), keyed by the pulse's id. */
export type PulseSecrets = {
  id: string;
  /**
   * When a file's import last changed this pulse's responses here (epoch ms, this computer's
   * clock): its answers may be stamped before its published result, so the result is made again
   * at the next pass, which then clears the mark (utils/db/published.ts). Not part of the pulse.
   */
  restoredAt?: number;
} & Pick<Pulse, PulseSecretField>;

/** One question's running totals within a group: numeric answers and "prefer not to say". */
export interface QuestionTotals {
  rated: number;
  sum: number;
  preferNotToSay: number;
}

/** Totals of a pulse's responses by partner type and question id: enough for trends without reading every response. */
export interface PulseSummary {
  responses: number;
  byPartnerType: Record<PartnerType, { responses: number; questions: Record<string, QuestionTotals> }>;
}

/** null: "prefer not to say". */
export type Answer = number | string | null;

export interface PulseResponse extends Stamped {
  pulseId: string;
  partnerType: PartnerType;
  organisationId?: string;
  answers: Record<string, Answer>;
  comment?: string;
  /** `import`: from an earlier survey's CSV (utils/your-data/csv-import). */
  source: 'widget' | 'lead' | 'import';
  receivedAt: number;
  /**
   * Counted by the anonymity threshold: a personal-link answer accepted by its seat's token, a
   * shared-link answer within the seat cap, or a quick-round entry. Records stored before seats
   * existed lack it and count as verified (read it through isVerified).
   */
  verified?: boolean;
  /** The seat a personal-link answer came from. */
  seatId?: string;
  /**
   * Set when the answer arrived after its pulse's results were released (utils/pulse/release.ts):
   * it waits in the pulse's late queue, counted nowhere (no summary, chart, table, CSV or export
   * total), until the lead adds the queue as one batch of at least the threshold (the flag is
   * cleared) or discards it (the response is deleted). Epoch ms, by the lead's clock.
   */
  heldSince?: number;
}

/**
 * Whether this browser knows the pulse only through the workspace: another lead's, with neither
 * its private key nor any totals here. Its figures are that lead's published result, not its own.
 * The one rule for that question (the dashboard's own pulses, the publish pass in
 * utils/db/published.ts). A pulse whose key is here is this lead's even with no answer yet; one
 * restored from the lead's own backup has no key (keys never travel) but its answers and the
 * totals the import rebuilt from them (so do the sample data's pulses, made without keys).
 * Answers count as here when their totals are: every write that stores an answer writes the
 * pulse's totals in the same transaction.
 */
export function isKnownOnlyFromWorkspace(pulse: Pick<Pulse, 'privateKey' | 'summary'>): boolean {
  return pulse.privateKey === undefined && pulse.summary === undefined;
}

/** Whether the answer waits in its pulse's late queue (see PulseResponse.heldSince). */
export function isHeld(response: Partial<Pick<PulseResponse, 'heldSince'>>): boolean {
  return response.heldSince !== undefined;
}

/** Whether the threshold counts this answer (records from before seats have no flag: they count). */
export function isVerified(response: Partial<Pick<PulseResponse, 'verified'>>): boolean {
  return response.verified !== false;
}

/**
 * One invited person of a personal-link pulse (issue 12, "one voice per seat"). Local only:
 * never synced, never in a bundle or a coordinator export (utils/db/schema.ts LOCAL_STORES).
 * The partner type and organisation are copied from the lead's records when the pulse starts:
 * an answer accepted by this seat's token takes them from here, never from the code.
 */
export interface Seat extends Stamped {
  pulseId: string;
  /** As the lead typed or chose it: shown only to the lead (mail merge, copy per person). */
  name: string;
  organisationId: string;
  partnerType: PartnerType;
  /**
   * The token in this seat's link (base64url, 16 bytes), kept only until the link is first
   * handed out (utils/db/seats.ts handOutSeats): then only its hash stays (docs/privacy.md).
   */
  token?: string;
  /** base64url of SHA-256 over the token's bytes: how an arriving code finds its seat. */
  tokenHash: string;
  /** When the seat's current link was handed out (copied or emailed): its token is gone since. */
  handedOutAt?: number;
  /** The hashes of this seat's earlier links, replaced by a new hand-out: their codes are refused. */
  replacedTokenHashes?: string[];
  /** The response id of the seat's accepted answer (a resend replaces it before the close). */
  answeredBy?: string;
  /** The accepted answer's answeredAt (partner's clock): an older code never replaces a newer one. */
  answeredAt?: number;
  /** A live seat: a withdrawn one is a WithdrawnSeat. */
  deletedAt?: undefined;
}

/**
 * A seat the lead withdrew (utils/db/seats.ts `withdrawSeat`): only what refusing its links' codes
 * with their own message needs, the hashes of its tokens (a code carries the token, so its hash
 * finds this record). No token (the link cannot be copied again, nor a code made from what is stored), no
 * name, organisation or partner type: nothing about the person stays (docs/privacy.md).
 */
export interface WithdrawnSeat extends Stamped {
  pulseId: string;
  tokenHash: string;
  /** The hashes of its links replaced before the withdrawal: their codes are refused as withdrawn too. */
  replacedTokenHashes?: string[];
  deletedAt: number;
}

/** What the seats store holds: live seats and withdrawn ones. */
export type StoredSeat = Seat | WithdrawnSeat;

/**
 * One group's figures in a published result: shown with at least the threshold of verified
 * numeric answers (and the parts of a shown group hidden together holding none or at least the
 * threshold), else hidden with no figure at all. The same shape as the panel's results
 * (utils/pulse/aggregate.ts GroupResult), which the builder copies from.
 */
export type PublishedGroup =
  | { hidden: true; reason: 'below-threshold' | 'protects-smaller-group' }
  | {
      hidden: false;
      /** Numeric answers behind the mean. */
      n: number;
      mean: number;
      /** Answers per value of the scale, in scale order. */
      distribution: Array<{ value: number; count: number }>;
      preferNotToSay: number;
    };

/** A rated question of a published result: all answers, then each partner type. */
export interface PublishedQuestion {
  id: string;
  dimension?: Dimension;
  wording: string;
  scale: Exclude<QuestionScale, 'text'>;
  seriesId: string;
  overall: PublishedGroup;
  byPartnerType: Record<PartnerType, PublishedGroup>;
}

/**
 * A closed pulse's results as a lead publishes them (the coordinator export) and a coordinator
 * keeps them (the `publishedResults` store): one record per pulse, keyed by the pulse's id,
 * with the anonymity threshold applied before it left the lead's browser. No individual
 * answers, no organisation, no arrival time: the only time is the pulse's own.
 */
export interface PublishedResult extends Stamped {
  /** The pulse's id (also `id`). */
  pulseId: string;
  partnershipId: string;
  partnershipName: string;
  /** When the pulse speaks for: the end of its period, else when it was started (epoch ms). */
  at: number;
  /** The pulse's close: results are published only after it. */
  closedAt: number;
  threshold: number;
  /** Verified responses (the threshold counts nothing else). */
  responses: number;
  /** Organisations invited. */
  invited: number;
  /** Answers not verified (a quick round typed on a personal-link pulse): counted nowhere. */
  unverified: number;
  /**
   * Answered through the shared link (the pulse had no personal-link seats): its answers are not
   * verified, even those within the seat cap, and a coordinator's dashboard marks it so. Absent
   * for a personal-link pulse (and in files written before issue 12 added it).
   */
  sharedLink?: true;
  questions: PublishedQuestion[];
  /**
   * Comments and free-text answers, only when the lead chose to include them, and only of
   * partner types whose responses pass the threshold (sorted, never in arrival order).
   */
  comments?: Array<{ partnerType: PartnerType; texts: string[] }>;
}

/** A form the user has not saved yet, kept on every keystroke. */
export interface Draft<T = unknown> {
  key: string;
  value: T;
  updatedAt: number;
}

/**
 * `true` when the list of field names `K` holds every key of the record `T`, else `never`:
 * `const _everyField: ListsEveryKey<Meeting, typeof MEETING_KEYS> = true;` stops compiling once a
 * field is added to Meeting and not to the list.
 */
export type ListsEveryKey<T, K extends readonly PropertyKey[]> = [Exclude<keyof T, K[number]>] extends [never]
  ? true
  : never;
