import type { Meeting, Partnership, Pulse } from '../../utils/db/records';
import { formatDate } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';

/** "Core partners meeting, 12 Mar 2026", or "Hartside Food Partnership, 1 Mar 2026 – 31 Mar 2026". */
export function pulseLabel(pulse: Pulse, partnership: Partnership | undefined, meeting: Meeting | undefined): string {
  if (meeting) return t('pulseLabelMeeting', meeting.title, formatDate(meeting.startAt));
  const name = partnership?.name;
  if (pulse.periodStart !== undefined && pulse.periodEnd !== undefined) {
    const start = formatDate(pulse.periodStart);
    const end = formatDate(pulse.periodEnd);
    return name ? t('pulseLabelPeriod', name, start, end) : t('pulseLabelPeriodOnly', start, end);
  }
  return name
    ? t('pulseLabelMeeting', name, formatDate(pulse.createdAt))
    : t('pulseLabelStarted', formatDate(pulse.createdAt));
}

/** A code in a report: its start and end, enough to find it in the pasted text. */
export function shortCode(code: string): string {
  return code.length <= 20 ? code : `${code.slice(0, 12)}…${code.slice(-6)}`;
}
