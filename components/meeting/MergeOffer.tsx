import type { Attendee } from '../../utils/db/records';
import type { GuestMatch } from '../../utils/meeting/form/form';
import { t } from '../../utils/i18n/messages';
import { formatNumber } from '../../utils/i18n/format';
import type { RowDetail } from '../../utils/meeting/form/row-details';
import { plural } from '../../utils/i18n/plural';

/** A row the guest of an offer may be merged into: its row key, and what tells it from the others of its name. */
export interface MergeTarget {
  key: string;
  /** Empty when it is the only target. */
  detail: string;
  /** How many rows of the name are shown exactly like this one (itself included): more than 1, they look identical. */
  alike: number;
}

/**
 * The targets to offer, by key, from the rows' details (`rowDetails`): one per row told apart, and
 * one for rows that look identical (the first of them: merging into any of them is the same).
 */
export function mergeTargetsOf(keys: readonly string[], details: readonly RowDetail[]): MergeTarget[] {
  return details.flatMap(({ detail, sameAs }, index) =>
    sameAs === index ? [{ key: keys[index]!, detail, alike: details.filter((d) => d.sameAs === index).length }] : [],
  );
}

/** A "Same person as…" offer on a guest's row, with the rows it may go into (`mergeTargets`, by key). */
export interface MergeChoice {
  match: GuestMatch;
  targets: MergeTarget[];
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
  const alike = targets.find((target) => target.alike > 1);
  const lookIdentical = alike && (
    <span class="merge-note">
      {plural('mergeTargetsLookIdentical', alike.alike, formatNumber(alike.alike), match.joined)}
    </span>
  );
  if (targets.length === 1)
    return (
      <>
        <button type="button" onClick={() => onMerge(match, targets[0]!.key)}>
          {match.email ? t('invitedMergeAddress', match.joined, match.email) : t('invitedMerge', match.joined)}
        </button>
        {lookIdentical}
      </>
    );
  return (
    <span class="merge-targets">
      {targets.map((target) => (
        <button key={target.key} type="button" onClick={() => onMerge(match, target.key)}>
          {t('invitedMergeAddress', match.joined, target.detail)}
        </button>
      ))}
      {lookIdentical}
    </span>
  );
}
