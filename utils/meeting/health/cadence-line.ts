import type { CadenceKind, CadenceStatus } from '../../dashboard/trends/cadence';
import { formatNumber } from '../../i18n/format';
import { t, type MessageKey } from '../../i18n/messages';

const CADENCE_KEYS: Record<CadenceKind, { since: MessageKey; none: MessageKey }> = {
  core: { since: 'healthCore', none: 'healthCoreNone' },
  wider: { since: 'healthWider', none: 'healthWiderNone' },
  review: { since: 'healthReview', none: 'healthReviewNone' },
};

/**
 * One line of the health strip: days since the last meeting of a kind, against its target.
 * A kind never held says so and counts from the partnership's start, never as a meeting.
 */
export function cadenceLine(status: CadenceStatus): string {
  const keys = CADENCE_KEYS[status.kind];
  const line = t(
    status.since === 'start' ? keys.none : keys.since,
    formatNumber(status.daysSince),
    formatNumber(status.targetDays),
  );
  return status.state === 'overdue' ? `${line} – ${t('healthOverdue')}` : line;
}
