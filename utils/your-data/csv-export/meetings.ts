import type { Meeting } from '../../db/records';
import { agendaLabel, kindLabel, platformLabel } from '../../i18n/labels';
import { t } from '../../i18n/messages';
import type { ChartTable } from '../../dashboard/table';
import { isoDateTime } from '../../time/calendar';
import { attendeeCount } from '../../meeting/attendance/counts';
import type { Names } from './names';

/** One row per meeting, oldest first. Lists inside a cell are separated by "; ". */
export function meetingsTable(meetings: readonly Meeting[], names: Names): ChartTable {
  const columns = [
    t('csvCol_meetingId'),
    t('csvCol_partnership'),
    t('csvCol_start'),
    t('csvCol_end'),
    t('csvCol_status'),
    t('csvCol_kind'),
    t('csvCol_platform'),
    t('csvCol_title'),
    t('csvCol_purposes'),
    t('csvCol_agenda'),
    t('csvCol_chair'),
    t('csvCol_chairOrganisation'),
    t('csvCol_organisationsCount'),
    t('csvCol_organisations'),
    t('csvCol_attendeesCount'),
    t('csvCol_decisions'),
    t('csvCol_notes'),
  ];
  const rows = [...meetings]
    .sort((a, b) => a.startAt - b.startAt || a.id.localeCompare(b.id))
    .map((meeting) => [
      meeting.id,
      names.partnership(meeting.partnershipId),
      isoDateTime(meeting.startAt),
      meeting.endAt === undefined ? '' : isoDateTime(meeting.endAt),
      t(meeting.status === 'held' ? 'csvStatus_held' : 'csvStatus_planned'),
      kindLabel(meeting.kind),
      platformLabel(meeting.platform),
      meeting.title,
      meeting.purposeTagIds.map(names.purpose).filter(Boolean).join('; '),
      agendaLabel(meeting.agenda),
      meeting.chairName ?? '',
      meeting.chairOrganisationId ? names.organisation(meeting.chairOrganisationId) : '',
      meeting.organisationIds.length,
      meeting.organisationIds.map(names.organisation).filter(Boolean).join('; '),
      attendeeCount(meeting),
      meeting.decisions,
      meeting.notes,
    ]);
  return { columns, rows };
}
