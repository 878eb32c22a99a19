import type { Attendee, Membership, Organisation, Person } from '../db/records';
import { resolveAttendees } from '../matching/resolve';
import type { AttendeeEntry } from './form';

/**
 * The form's attendees mapped to people and organisations: an organisation
 * chosen in this form wins over the remembered mapping.
 */
export function resolveFormAttendees(entries: AttendeeEntry[], people: Person[], organisations: Organisation[]): Attendee[] {
  const resolved = resolveAttendees(
    entries.map((entry) => ({ name: entry.name, email: entry.email })),
    people,
    organisations,
  );
  return entries.map((entry, index) => {
    const match = resolved[index];
    const chosen = entry.organisationId;
    return {
      displayName: entry.name,
      ...(entry.email ? { email: entry.email } : {}),
      ...(match?.personId && (!chosen || chosen === match.organisationId) ? { personId: match.personId } : {}),
      ...((chosen ?? match?.organisationId) ? { organisationId: chosen ?? match?.organisationId } : {}),
      ...(entry.firstSeenAt !== undefined ? { firstSeenAt: entry.firstSeenAt } : {}),
      ...(entry.lastSeenAt !== undefined ? { lastSeenAt: entry.lastSeenAt } : {}),
    };
  });
}

/** Organisations to offer when assigning someone: the partnership's members first. */
export function organisationChoices(
  organisations: Organisation[],
  memberships: Membership[],
  partnershipId: string,
): { members: Organisation[]; others: Organisation[] } {
  const memberIds = new Set(memberships.filter((m) => m.partnershipId === partnershipId).map((m) => m.organisationId));
  const byName = (a: Organisation, b: Organisation) => a.name.localeCompare(b.name);
  return {
    members: organisations.filter((o) => memberIds.has(o.id)).sort(byName),
    others: organisations.filter((o) => !memberIds.has(o.id)).sort(byName),
  };
}
