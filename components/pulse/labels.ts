import type { Dimension, Meeting, Partnership, Pulse, QuestionScale } from '../../utils/db/records';
import { formatDate } from '../../utils/i18n/format';
import { t, type MessageKey } from '../../utils/i18n/messages';
import type { CodeOutcome } from '../../utils/pulse/collect';

const DIMENSION_KEYS: Record<Dimension, MessageKey> = {
  trust: 'dimension_trust',
  equity: 'dimension_equity',
  flexibility: 'dimension_flexibility',
  communication: 'dimension_communication',
};

const SCALE_KEYS: Record<QuestionScale, MessageKey> = {
  agree5: 'scale_agree5',
  zeroTen: 'scale_zeroTen',
  text: 'scale_text',
};

const OUTCOME_KEYS: Record<CodeOutcome, MessageKey> = {
  added: 'outcome_added',
  'already-added': 'outcome_alreadyAdded',
  'other-pulse': 'outcome_otherPulse',
  expired: 'outcome_expired',
  'before-start': 'outcome_beforeStart',
  'from-the-future': 'outcome_fromTheFuture',
  'unknown-seat': 'outcome_unknownSeat',
  damaged: 'outcome_damaged',
};

export const dimensionLabel = (dimension: Dimension) => t(DIMENSION_KEYS[dimension]);
export const scaleLabel = (scale: QuestionScale) => t(SCALE_KEYS[scale]);
export const outcomeLabel = (outcome: CodeOutcome) => t(OUTCOME_KEYS[outcome]);

/** "Core partners meeting, 12 Mar 2026", or "Hartside Food Partnership, 1 Mar 2026 – 31 Mar 2026". */
export function pulseLabel(pulse: Pulse, partnership: Partnership | undefined, meeting: Meeting | undefined): string {
  if (meeting) return t('pulseLabelMeeting', meeting.title, formatDate(meeting.startAt));
  const name = partnership?.name ?? '';
  if (pulse.periodStart !== undefined && pulse.periodEnd !== undefined) {
    return t('pulseLabelPeriod', name, formatDate(pulse.periodStart), formatDate(pulse.periodEnd));
  }
  return t('pulseLabelMeeting', name, formatDate(pulse.createdAt));
}

/** A code in a report: its start and end, enough to find it in the pasted text. */
export function shortCode(code: string): string {
  return code.length <= 20 ? code : `${code.slice(0, 12)}…${code.slice(-6)}`;
}
