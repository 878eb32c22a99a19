import type { CadenceKind, CadenceStatus } from '../../dashboard/trends/cadence';
import { counted } from '../../i18n/plural';
import { t, type MessageKey } from '../../i18n/messages';

const CADENCE_KEYS: Record<CadenceKind, { since: MessageKey; today: MessageKey; none: MessageKey }> = {
  core: { since: 'healthCore', today: 'healthCoreToday', none: 'healthCoreNone' },
  wider: { since: 'healthWider', today: 'healthWiderToday', none: 'healthWiderNone' },
  review: { since: 'healthReview', today: 'healthReviewToday', none: 'healthReviewNone' },
};

/**
 * One line of the health strip: days since the last meeting of a kind ("today" on the day), against
 * its target in days.
 * A kind never held says so and counts from the partnership's start, never as a meeting.
 */
export function cadenceLine(status: CadenceStatus): string {
  const keys = CADENCE_KEYS[status.kind];
  const target = counted('countDays', status.targetDays);
  const line =
    status.since === 'start'
      ? t(keys.none, counted('countDays', status.daysSince), target)
      : status.daysSince === 0
        ? t(keys.today, target)
        : t(keys.since, counted('countDays', status.daysSince), target);
  return status.state === 'overdue' ? `${line} – ${t('healthOverdue')}` : line;
}
