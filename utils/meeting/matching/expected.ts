import type { MeetingKind, Membership, PartnerType } from '../../db/records';
import { calendarDate } from '../../time/calendar';

/** A member on that date: joined on or before it, and not yet left (leftOn is the first day gone). */
export function isMemberOn(membership: Membership, onDate: string | number): boolean {
  const date = typeof onDate === 'number' ? calendarDate(onDate) : onDate;
  return (
    membership.deletedAt === undefined &&
    membership.joinedOn <= date &&
    (membership.leftOn === undefined || membership.leftOn > date)
  );
}

/** Members of the memberships' partnership on a date, one membership per organisation. */
export function currentMembers(memberships: Membership[], onDate: string | number): Membership[] {
  const byOrganisation = new Map<string, Membership>();
  for (const membership of memberships) {
    if (isMemberOn(membership, onDate)) byOrganisation.set(membership.organisationId, membership);
  }
  return [...byOrganisation.values()];
}

/** Who is expected at each kind of meeting; 1:1s and reviews expect nobody in particular. */
const EXPECTED_TYPES: Record<MeetingKind, readonly PartnerType[]> = {
  core: ['lead', 'core'],
  wider: ['lead', 'core', 'wider'],
  forum: ['lead', 'core', 'wider'],
  'one-to-one': [],
  review: [],
};

/**
 * The memberships (of one partnership) whose organisation was expected at a meeting of this
 * kind on this date but was not represented.
 */
export function expectedButAbsent(
  memberships: Membership[],
  presentOrganisationIds: Iterable<string>,
  kind: MeetingKind,
  onDate: string | number,
): Membership[] {
  const present = new Set(presentOrganisationIds);
  const expected = EXPECTED_TYPES[kind];
  return currentMembers(memberships, onDate).filter(
    (membership) => expected.includes(membership.partnerType) && !present.has(membership.organisationId),
  );
}
