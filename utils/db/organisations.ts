import { normaliseDomain } from './normalise';
import type { Organisation } from './records';
import { listRecords, saveRecord, getRecord } from './records-store';
import type { PulseDatabase } from './schema';
import type { SaveInput } from './stamp';

/** Every organisation, by name. */
export async function listOrganisations(
  db: PulseDatabase,
  options: { includeDeleted?: boolean } = {},
): Promise<Organisation[]> {
  return (await listRecords(db, 'organisations', options.includeDeleted)).sort((a, b) => a.name.localeCompare(b.name));
}

export function getOrganisation(db: PulseDatabase, id: string): Promise<Organisation | undefined> {
  return getRecord(db, 'organisations', id);
}

/** Domains are stored lower-case, without '@', once each. */
export function saveOrganisation(db: PulseDatabase, input: SaveInput<Organisation>): Promise<Organisation> {
  return saveRecord(db, 'organisations', {
    ...input,
    name: input.name.trim(),
    emailDomains: uniqueDomains(input.emailDomains),
  });
}

export function uniqueDomains(domains: string[]): string[] {
  return [...new Set(domains.map(normaliseDomain).filter((domain) => domain.length > 0))];
}

/**
 * The organisation an email domain belongs to. Undefined when none has it, and also when
 * several do (e.g. a domain shared by many NHS bodies): the caller asks the user instead.
 */
export async function findOrganisationByDomain(db: PulseDatabase, domain: string): Promise<Organisation | undefined> {
  const matches = (await db.getAllFromIndex('organisations', 'by-domain', normaliseDomain(domain))).filter(
    (organisation) => organisation.deletedAt === undefined,
  );
  return matches.length === 1 ? matches[0] : undefined;
}
