import type { Meeting, Membership, Organisation, Partnership, Person } from '../../../../utils/db/records';
import { DEFAULT_CADENCE } from '../../../../utils/db/records';
import { normaliseName } from '../../../../utils/db/normalise';

/** Small record builders for the pure matching tests. */

const stamps = { createdAt: 1, updatedAt: 1 };

export function organisation(id: string, emailDomains: string[] = []): Organisation {
  return { id, name: id, emailDomains, ...stamps };
}

export function person(id: string, names: string[], organisationId?: string, emails: string[] = []): Person {
  return { id, displayNames: names, aliases: names.map(normaliseName), emails, organisationId, ...stamps };
}

export function partnership(id: string, name: string): Partnership {
  return { id, name, startDate: '2025-01-01', cadence: DEFAULT_CADENCE, ...stamps };
}

export function membership(
  partnershipId: string,
  organisationId: string,
  partnerType: Membership['partnerType'],
  joinedOn = '2025-01-01',
  leftOn?: string,
): Membership {
  return {
    id: `${partnershipId}/${organisationId}/${joinedOn}`,
    partnershipId,
    organisationId,
    partnerType,
    joinedOn,
    leftOn,
    ...stamps,
  };
}

export function meeting(id: string, partnershipId: string, title: string, extra: Partial<Meeting> = {}): Meeting {
  return {
    id,
    partnershipId,
    status: 'held',
    platform: 'meet',
    title,
    startAt: 1_700_000_000_000,
    kind: 'core',
    purposeTagIds: [],
    agenda: 'yes',
    attendees: [],
    organisationIds: [],
    decisions: '',
    notes: '',
    ...stamps,
    ...extra,
  };
}
