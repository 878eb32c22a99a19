import type { Meeting, MeetingKind, Membership, PartnerType } from '../../db/records';
import { expectedButAbsent, isMemberOn } from '../../meeting/matching/expected';
import { dateIn } from '../../time/calendar';
import { groupBy } from '../../collections/group';

/**
 * Attendance per organisation across a partnership's meetings. An organisation counts only
 * at meetings it was expected at (its partner type for the meeting's kind, as in
 * utils/matching/expected.ts) on a date it was a member: a partner that joined late is not
 * "absent" before it joined, and one that left is not absent after.
 *
 * Drifting away: still a member, and missed the last N meetings it was expected at (in a row,
 * N = 3 unless chosen). Partners that left are never drifting.
 */

export const DEFAULT_DRIFT_AFTER = 3;

export type AttendanceStatus = 'drifting' | 'left' | 'member';

export interface OrganisationAttendance {
  partnershipId: string;
  organisationId: string;
  /** The partner type of its latest membership. */
  partnerType: PartnerType;
  /** Set when it is no longer a member on the `asOf` date. */
  leftOn?: string;
  status: AttendanceStatus;
  /** Meetings it was expected at, and of those the ones it was represented at. */
  expected: number;
  attended: number;
  /** attended / expected; null when it was expected nowhere. */
  rate: number | null;
  /** Expected meetings missed since it was last there (up to the latest). */
  missedInARow: number;
  lastAttendedAt?: number;
}

export interface AttendanceOptions {
  timeZone: string;
  /** Today, epoch ms: who is still a member. */
  asOf: number;
  /** Missed this many expected meetings in a row: drifting. */
  driftAfter?: number;
}

type MeetingLike = Pick<
  Meeting,
  'id' | 'partnershipId' | 'status' | 'startAt' | 'kind' | 'organisationIds' | 'deletedAt'
>;

/** Held meetings only, oldest first. */
function heldInOrder<M extends MeetingLike>(meetings: readonly M[], asOf: number): M[] {
  return meetings
    .filter((m) => m.status === 'held' && m.deletedAt === undefined && m.startAt <= asOf)
    .sort((a, b) => a.startAt - b.startAt);
}

/**
 * One row per organisation that is or was a member of a partnership, for every partnership
 * in `memberships`. `meetings` may hold several partnerships' meetings.
 */
export function organisationAttendance(
  meetings: readonly MeetingLike[],
  memberships: readonly Membership[],
  options: AttendanceOptions,
): OrganisationAttendance[] {
  const { timeZone, asOf } = options;
  const driftAfter = Math.max(1, Math.floor(options.driftAfter ?? DEFAULT_DRIFT_AFTER));
  const today = dateIn(asOf, timeZone);

  const membershipsOf = groupBy(
    memberships,
    (m) => m.partnershipId,
    (m) => m.deletedAt === undefined,
  );
  const meetingsOf = groupBy(heldInOrder(meetings, asOf), (m) => m.partnershipId);

  const rows: OrganisationAttendance[] = [];
  for (const [partnershipId, members] of membershipsOf) {
    const byOrganisation = new Map<string, OrganisationAttendance>();
    const latest = new Map<string, Membership>();
    for (const membership of members) {
      const seen = latest.get(membership.organisationId);
      if (!seen || seen.joinedOn <= membership.joinedOn) latest.set(membership.organisationId, membership);
    }
    for (const [organisationId, membership] of latest) {
      // A membership that starts later is not one that ended.
      const stillMember =
        membership.joinedOn > today || members.some((m) => m.organisationId === organisationId && isMemberOn(m, today));
      byOrganisation.set(organisationId, {
        partnershipId,
        organisationId,
        partnerType: membership.partnerType,
        ...(stillMember ? {} : { leftOn: membership.leftOn ?? today }),
        status: stillMember ? 'member' : 'left',
        expected: 0,
        attended: 0,
        rate: null,
        missedInARow: 0,
      });
    }
    for (const meeting of meetingsOf.get(partnershipId) ?? []) {
      const present = new Set(meeting.organisationIds);
      // Everyone expected, present or not: expectedButAbsent with nobody present.
      const expected = expectedButAbsent(members, [], meeting.kind, dateIn(meeting.startAt, timeZone));
      for (const { organisationId } of expected) {
        const row = byOrganisation.get(organisationId)!;
        row.expected += 1;
        if (present.has(organisationId)) {
          row.attended += 1;
          row.missedInARow = 0;
          row.lastAttendedAt = meeting.startAt;
        } else {
          row.missedInARow += 1;
        }
      }
    }
    for (const row of byOrganisation.values()) {
      row.rate = row.expected > 0 ? row.attended / row.expected : null;
      if (row.status === 'member' && row.missedInARow >= driftAfter) row.status = 'drifting';
      rows.push(row);
    }
  }
  return rows;
}

/** Meetings of the chosen kinds only (all kinds when none is chosen). */
export function ofKinds<M extends Pick<Meeting, 'kind'>>(meetings: readonly M[], kinds: readonly MeetingKind[]): M[] {
  return kinds.length === 0 ? [...meetings] : meetings.filter((meeting) => kinds.includes(meeting.kind));
}
