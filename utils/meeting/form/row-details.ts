import { t } from '../../i18n/messages';
import { formatTime } from '../../i18n/format';

/** What a row of the meeting form holds that may tell it from another row of its name. */
export interface RowTraits {
  organisationId?: string;
  email?: string;
  firstSeenAt?: number;
  lastSeenAt?: number;
  fromCall: boolean;
  invited?: boolean;
}

/** How one row is named among rows of its name: `detail`, and `sameAs`, the first row shown alike (itself when none). */
export interface RowDetail {
  detail: string;
  sameAs: number;
}

/** Invited, on the call without an invitation, or added by hand. */
function howListed(row: RowTraits): string {
  if (row.invited) return t('mergeTargetInvited');
  return row.fromCall || row.firstSeenAt !== undefined ? t('mergeTargetNotInvited') : t('mergeTargetByHand');
}

/**
 * What tells each of these rows of one name apart, for the lead to pick one, from what the rows
 * hold: the organisation, an address, when it was seen on the call (or that it was not) and, where
 * the rows differ in it, how it came to be listed (invited, joined uninvited, added by hand). Never
 * a number: rows shown alike look identical, and each points at the first of them (`sameAs`).
 */
export function rowDetails(rows: readonly RowTraits[], organisationName: (id: string) => string): RowDetail[] {
  const listed = rows.map(howListed);
  const listedTells = new Set(listed).size > 1;
  const details = rows.map((row, index) =>
    [
      ...(row.organisationId ? [organisationName(row.organisationId)] : []),
      ...(row.email ? [row.email] : []),
      row.firstSeenAt !== undefined && row.lastSeenAt !== undefined
        ? t('attendeeSeen', formatTime(row.firstSeenAt), formatTime(row.lastSeenAt))
        : t('mergeTargetNotSeen'),
      ...(listedTells ? [listed[index]!] : []),
    ].join(', '),
  );
  return details.map((detail) => ({ detail, sameAs: details.indexOf(detail) }));
}
