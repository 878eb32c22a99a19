import type { AttendanceCount, Attendee, Meeting } from '../../db/records';

/**
 * Attendance as counts per organisation: what a meeting of a partnership that shares attendance
 * by organisation only carries through a workspace (utils/sync/attendance.ts) in place of names.
 * Rows in the order the organisations first appear among the attendees (the order of the
 * meeting's `organisationIds`), guests of no known organisation last as one row without an id:
 * the same attendees always give the same rows on every machine.
 */
export function countByOrganisation(attendees: readonly Pick<Attendee, 'organisationId'>[]): AttendanceCount[] {
  const counts = new Map<string, number>();
  let guests = 0;
  for (const { organisationId } of attendees) {
    if (organisationId === undefined) guests += 1;
    else counts.set(organisationId, (counts.get(organisationId) ?? 0) + 1);
  }
  const rows: AttendanceCount[] = [...counts].map(([organisationId, count]) => ({ organisationId, count }));
  return guests > 0 ? [...rows, { count: guests }] : rows;
}

/** How many people attended: the attendees listed, or where there are none, the counts a workspace brought. */
export function attendeeCount(meeting: Pick<Meeting, 'attendees' | 'attendanceCounts'>): number {
  if (meeting.attendees.length > 0 || !meeting.attendanceCounts) return meeting.attendees.length;
  return meeting.attendanceCounts.reduce((sum, row) => sum + row.count, 0);
}
