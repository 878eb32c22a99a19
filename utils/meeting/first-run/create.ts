import { DEFAULT_CADENCE, type Partnership } from '../../db/records';
import type { PulseDatabase } from '../../db/schema';
import { savePartnership } from '../../db/partnerships';
import { saveOrganisation } from '../../db/organisations';
import { saveMembership } from '../../db/memberships';
import { rememberPerson } from '../../db/people';
import { calendarDate } from '../../time/calendar';
import type { FirstRunPlan } from './plan';

/** Writes a planned first partnership: it, its member organisations, and who belongs where. */
export async function createFirstPartnership(
  db: PulseDatabase,
  plan: FirstRunPlan,
  today = Date.now(),
): Promise<{ partnership: Partnership; organisationIds: Record<string, string> }> {
  const joinedOn = calendarDate(today);
  const partnership = await savePartnership(db, { name: plan.name, startDate: joinedOn, cadence: DEFAULT_CADENCE });
  const organisationIds: Record<string, string> = {};
  for (const org of plan.organisations) {
    const id = org.existingId ?? (await saveOrganisation(db, { name: org.name, emailDomains: org.emailDomains })).id;
    organisationIds[org.key] = id;
    await saveMembership(db, {
      partnershipId: partnership.id,
      organisationId: id,
      partnerType: org.partnerType,
      joinedOn,
    });
  }
  for (const person of plan.people) {
    const organisationId = organisationIds[person.organisationKey];
    if (organisationId)
      await rememberPerson(db, { displayName: person.displayName, email: person.email, organisationId });
  }
  return { partnership, organisationIds };
}
