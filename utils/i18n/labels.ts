import type { AgendaAgreed, MeetingKind, MeetingPlatform, PartnerType, PurposeTag } from '../db/records';
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
