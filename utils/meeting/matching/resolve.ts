import type { Attendee, Organisation, Person } from '../../db/records';
import { emailDomain, normaliseEmail, normaliseName } from '../../db/normalise';
import { pushTo } from '../../collections/group';
import { rememberedIndex } from './same-person';

/** A participant as seen in a call or calendar; times are kept when the call tracked them. */
export interface ParticipantSeen {
  name: string;
  email?: string;
  firstSeenAt?: number;
  lastSeenAt?: number;
}

function live<T extends { deletedAt?: number }>(records: T[]): T[] {
  return records.filter((record) => record.deletedAt === undefined);
}

/** The one value every candidate agrees on, or undefined when they disagree. */
function only<T>(values: T[]): T | undefined {
  const distinct = new Set(values);
  return distinct.size === 1 ? values[0] : undefined;
}

/**
 * Map participants to remembered people and organisations. An exact email identifies a person;
 * otherwise the email's domain identifies the organisation and the name alias the person within
 * it; with no email, the alias alone. Whenever the candidates disagree (two people share an
 * alias in different organisations, a domain belongs to two organisations) the field is left
 * empty for the lead to fill: never a guess.
 */
export function resolveAttendees(
  participants: ParticipantSeen[],
  people: Person[],
  organisations: Organisation[],
): Attendee[] {
  const { byEmail, byAlias } = rememberedIndex(people);
  const byDomain = new Map<string, Organisation[]>();
  for (const organisation of live(organisations)) {
    for (const domain of new Set(organisation.emailDomains)) pushTo(byDomain, domain, organisation);
  }

  return participants.map((participant) => {
    const attendee: Attendee = { displayName: participant.name };
    if (participant.email) attendee.email = participant.email;
    if (participant.firstSeenAt !== undefined) attendee.firstSeenAt = participant.firstSeenAt;
    if (participant.lastSeenAt !== undefined) attendee.lastSeenAt = participant.lastSeenAt;

    const email = participant.email ? normaliseEmail(participant.email) : undefined;
    const emailMatches = email ? (byEmail.get(email) ?? []) : [];
    if (emailMatches.length === 1) {
      const person = emailMatches[0]!;
      attendee.personId = person.id;
      if (person.organisationId) attendee.organisationId = person.organisationId;
      return attendee;
    }

    const domain = email ? emailDomain(email) : undefined;
    const domainOrganisations = domain ? (byDomain.get(domain) ?? []) : [];
    const domainOrganisationId = domainOrganisations.length === 1 ? domainOrganisations[0]!.id : undefined;

    let candidates = byAlias.get(normaliseName(participant.name)) ?? [];
    // The address's organisation outranks a namesake elsewhere.
    if (domainOrganisationId)
      candidates = candidates.filter((person) => person.organisationId === domainOrganisationId);
    // An address the person is not known by, when they have known addresses, is someone else.
    if (email) candidates = candidates.filter((person) => person.emails.length === 0 || emailMatches.includes(person));

    if (candidates.length === 1) attendee.personId = candidates[0]!.id;
    const organisationId =
      domainOrganisationId ??
      (candidates.length > 0 && candidates.every((person) => person.organisationId)
        ? only(candidates.map((person) => person.organisationId))
        : undefined);
    if (organisationId) attendee.organisationId = organisationId;
    return attendee;
  });
}
