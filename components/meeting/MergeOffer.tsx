import type { Attendee } from '../../utils/db/records';
import type { GuestMatch } from '../../utils/meeting/form/form';
import { t } from '../../utils/i18n/messages';
import { formatNumber, formatTime } from '../../utils/i18n/format';

/** A row the guest of an offer may be merged into: its row key, and what tells it from the others of its name. */
export interface MergeTarget {
  key: string;
  /** Empty when it is the only target. */
  detail: string;
}

/** A "Same person as…" offer on a guest's row, with the rows it may go into (`mergeTargets`, by key). */
export interface MergeChoice {
  match: GuestMatch;
  targets: MergeTarget[];
}

/**
 * What tells each of these rows of one name apart, for the lead to pick one: its organisation, when
 * it was seen on the call (or that it was not), and its number among them if that is not enough.
 */
export function targetDetails(rows: readonly Attendee[], organisationName: (id: string) => string): string[] {
  const details = rows.map((row) =>
    [
      ...(row.organisationId ? [organisationName(row.organisationId)] : []),
      row.firstSeenAt !== undefined && row.lastSeenAt !== undefined
        ? t('attendeeSeen', formatTime(row.firstSeenAt), formatTime(row.lastSeenAt))
        : t('mergeTargetNotSeen'),
    ].join(', '),
  );
  return details.map((detail, index) =>
    details.indexOf(detail) === details.lastIndexOf(detail)
      ? detail
      : t('mergeTargetNumbered', detail, formatNumber(index + 1)),
  );
}

/** The offer made on this row: by its name, and by its address when the offer names one. */
export function choiceOf(choices: readonly MergeChoice[], row: Attendee): MergeChoice | undefined {
  return choices.find(
    ({ match }) => match.guest === row.displayName && (match.email === undefined || match.email === row.email),
  );
}

/**
 * "Same person as…": one button when the guest may be one row only (one click, as ever); with
 * several rows of the name, one button per row, each saying which (one click still), and the merge
 * goes into the row picked, by its key.
 */
export function MergeOffer(props: {
  choice: MergeChoice | undefined;
  onMerge: ((match: GuestMatch, targetKey: string) => void) | undefined;
}) {
  const { choice, onMerge } = props;
  if (!choice || !onMerge || choice.targets.length === 0) return null;
  const { match, targets } = choice;
  if (targets.length === 1)
    return (
      <button type="button" onClick={() => onMerge(match, targets[0]!.key)}>
        {match.email ? t('invitedMergeAddress', match.joined, match.email) : t('invitedMerge', match.joined)}
      </button>
    );
  return (
    <span class="merge-targets">
      {targets.map((target) => (
        <button key={target.key} type="button" onClick={() => onMerge(match, target.key)}>
          {t('invitedMergeAddress', match.joined, target.detail)}
        </button>
      ))}
    </span>
  );
}
