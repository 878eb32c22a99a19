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
}

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

/** Whether the answer waits in its pulse's late queue (see PulseResponse.heldSince). */
export function isHeld(response: Partial<Pick<PulseResponse, 'heldSince'>>): boolean {
  return response.heldSince !== undefined;
}

/** Whether the threshold counts this answer (records from before seats have no flag: they count). */
export function isVerified(response: Partial<Pick<PulseResponse, 'verified'>>): boolean {
  return response.verified !== false;
}

/** A form the user has not saved yet, kept on every keystroke. */
export interface Draft<T = unknown> {
  key: string;
  value: T;
  updatedAt: number;
}
