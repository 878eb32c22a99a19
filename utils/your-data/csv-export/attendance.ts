import { groupBy } from '../../collections/group';
import type { Meeting, Membership } from '../../db/records';
import { kindLabel, partnerTypeLabel } from '../../i18n/labels';
import { t } from '../../i18n/messages';
import { currentMembers, expectedButAbsent } from '../../meeting/matching/expected';
import { calendarDate } from '../../time/calendar';
import type { Cell, ChartTable } from '../../dashboard/table';
import { yesNo } from './cells';
import type { Names } from './names';

/**
 * One row per organisation per held meeting: every member expected at a meeting of its kind on
 * that date (as utils/meeting/matching/expected.ts decides, so the dashboard's attendance agrees), with
 * whether it was represented, then every represented organisation that was not expected.
 * Partner type is the one the organisation had in the partnership on the meeting's date.
 */
export function attendanceTable(
  meetings: readonly Meeting[],
  memberships: readonly Membership[],
  names: Names,
): ChartTable {
  const columns = [
    t('csvCol_meetingId'),
    t('csvCol_date'),
    t('csvCol_partnership'),
    t('csvCol_kind'),
    t('csvCol_organisation'),
    t('csvCol_partnerType'),
    t('csvCol_expected'),
    t('csvCol_attended'),
  ];
  const membershipsOf = groupBy(memberships, (membership) => membership.partnershipId);
  const rows: Cell[][] = [];
  const held = meetings
    .filter((m) => m.status === 'held')
    .sort((a, b) => a.startAt - b.startAt || a.id.localeCompare(b.id));
  for (const meeting of held) {
    const date = calendarDate(meeting.startAt);
    const ofPartnership = membershipsOf.get(meeting.partnershipId) ?? [];
    const typeOn = new Map(currentMembers(ofPartnership, date).map((m) => [m.organisationId, m.partnerType]));
    const present = new Set(meeting.organisationIds);
    // Nobody present: every expected member is "expected but absent".
    const expected = expectedButAbsent(ofPartnership, [], meeting.kind, date).map((m) => m.organisationId);
    const others = meeting.organisationIds.filter((id) => !expected.includes(id));
    const row = (organisationId: string, wasExpected: boolean): Cell[] => {
      const type = typeOn.get(organisationId);
      return [
        meeting.id,
        date,
        names.partnership(meeting.partnershipId),
        kindLabel(meeting.kind),
        names.organisation(organisationId),
        type ? partnerTypeLabel(type) : '',
        yesNo(wasExpected),
        yesNo(present.has(organisationId)),
      ];
    };
    const byName = (a: string, b: string) => names.organisation(a).localeCompare(names.organisation(b));
    const named = (id: string) => names.organisation(id) !== '';
    for (const id of expected.filter(named).sort(byName)) rows.push(row(id, true));
    for (const id of [...new Set(others)].filter(named).sort(byName)) rows.push(row(id, false));
  }
  return { columns, rows };
}
