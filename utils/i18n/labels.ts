import type {
  AgendaAgreed,
  Dimension,
  MeetingKind,
  MeetingPlatform,
  PartnerType,
  PurposeTag,
  QuestionScale,
} from '../db/records';
import type { RecordStoreName } from '../db/schema';
import type { CadenceKind } from '../dashboard/trends/cadence';
import type { PlatformId } from '../platforms/snapshot';
import type { CodeOutcome } from '../pulse/collect';
import { t, type MessageKey } from './messages';

/** Display labels for the domain's fixed values. Message keys allow only [A-Za-z0-9_]. */

const KIND_KEYS: Record<MeetingKind, MessageKey> = {
  core: 'kind_core',
  wider: 'kind_wider',
  'one-to-one': 'kind_oneToOne',
  forum: 'kind_forum',
  review: 'kind_review',
};

const PLATFORM_KEYS: Record<MeetingPlatform, MessageKey> = {
  meet: 'platform_meet',
  zoom: 'platform_zoom',
  teams: 'platform_teams',
  'in-person': 'platform_inPerson',
  phone: 'platform_phone',
};

const AGENDA_KEYS: Record<AgendaAgreed, MessageKey> = {
  yes: 'agenda_yes',
  no: 'agenda_no',
  'not-yet': 'agenda_notYet',
};

const PARTNER_TYPE_KEYS: Record<PartnerType, MessageKey> = {
  lead: 'partnerType_lead',
  core: 'partnerType_core',
  wider: 'partnerType_wider',
};

const DIMENSION_KEYS: Record<Dimension, MessageKey> = {
  trust: 'dimension_trust',
  equity: 'dimension_equity',
  flexibility: 'dimension_flexibility',
  communication: 'dimension_communication',
};

/** For a narrow column heading (the quick round at 320 px); the full label stays for screen readers. */
const DIMENSION_SHORT_KEYS: Record<Dimension, MessageKey> = {
  trust: 'dimensionShort_trust',
  equity: 'dimensionShort_equity',
  flexibility: 'dimensionShort_flexibility',
  communication: 'dimensionShort_communication',
};

const SCALE_KEYS: Record<QuestionScale, MessageKey> = {
  agree5: 'scale_agree5',
  zeroTen: 'scale_zeroTen',
  text: 'scale_text',
};

const OUTCOME_KEYS: Record<CodeOutcome, MessageKey> = {
  added: 'outcome_added',
  held: 'outcome_held',
  'over-cap': 'outcome_overCap',
  'already-added': 'outcome_alreadyAdded',
  'other-pulse': 'outcome_otherPulse',
  expired: 'outcome_expired',
  'before-start': 'outcome_beforeStart',
  'from-the-future': 'outcome_fromTheFuture',
  'unknown-seat': 'outcome_unknownSeat',
  'withdrawn-seat': 'outcome_withdrawnSeat',
  'replaced-link': 'outcome_replacedLink',
  'deleted-pulse': 'outcome_deletedPulse',
  'no-key': 'outcome_noKey',
  'key-elsewhere': 'outcome_keyElsewhere',
  'no-token': 'outcome_noToken',
  replaced: 'outcome_replaced',
  'older-answer': 'outcome_olderAnswer',
  'seat-closed': 'outcome_seatClosed',
  damaged: 'outcome_damaged',
};

/** The sites the extension reads (Settings), calendars included. */
const SITE_KEYS: Record<PlatformId, MessageKey> = {
  meet: 'platform_meet',
  zoom: 'platform_zoom',
  teams: 'platform_teams',
  gcal: 'platform_gcal',
  outlook: 'platform_outlook',
};

/** Chart legends: a kind of meeting with a cadence target, an agenda state as a category. */
const CADENCE_KIND_KEYS: Record<CadenceKind, MessageKey> = {
  core: 'kind_core',
  wider: 'kind_wider',
  review: 'dashKindReview',
};

const AGENDA_STATE_KEYS: Record<AgendaAgreed, MessageKey> = {
  yes: 'dashAgendaYes',
  'not-yet': 'dashAgendaNotYet',
  no: 'dashAgendaNo',
};

const STORE_KEYS: Record<RecordStoreName, MessageKey> = {
  partnerships: 'dataStorePartnerships',
  organisations: 'dataStoreOrganisations',
  memberships: 'dataStoreMemberships',
  people: 'dataStorePeople',
  purposeTags: 'dataStorePurposeTags',
  meetings: 'dataStoreMeetings',
  pulses: 'dataStorePulses',
  responses: 'dataStoreResponses',
};

export const dimensionLabel = (dimension: Dimension) => t(DIMENSION_KEYS[dimension]);
export const dimensionShortLabel = (dimension: Dimension) => t(DIMENSION_SHORT_KEYS[dimension]);
export const scaleLabel = (scale: QuestionScale) => t(SCALE_KEYS[scale]);
export const outcomeLabel = (outcome: CodeOutcome) => t(OUTCOME_KEYS[outcome]);
export const siteLabel = (platform: PlatformId) => t(SITE_KEYS[platform]);
export const cadenceKindLabel = (kind: CadenceKind) => t(CADENCE_KIND_KEYS[kind]);
export const agendaStateLabel = (state: AgendaAgreed) => t(AGENDA_STATE_KEYS[state]);
/** A kind of record as the user calls it. */
export const storeLabel = (store: RecordStoreName) => t(STORE_KEYS[store]);
export const kindLabel = (kind: MeetingKind) => t(KIND_KEYS[kind]);
export const platformLabel = (platform: MeetingPlatform) => t(PLATFORM_KEYS[platform]);
export const agendaLabel = (agenda: AgendaAgreed) => t(AGENDA_KEYS[agenda]);
export const partnerTypeLabel = (type: PartnerType) => t(PARTNER_TYPE_KEYS[type]);

/** Built-in tags read their label from the messages (so it follows the language); the user's own keep theirs. */
export function purposeLabel(tag: PurposeTag): string {
  if (!tag.builtIn) return tag.label;
  const text = t(`purpose_${tag.builtIn}` as MessageKey);
  return text.startsWith('purpose_') ? tag.label : text;
}
