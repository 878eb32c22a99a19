import type { Organisation, PartnerType } from '../../db/records';
import { emailDomain, isPersonalEmailDomain, normaliseName } from '../../db/normalise';
import { LIMITS } from '../../db/limits';

/**
 * Longest name a partnership or organisation may have: the database's own limit (a longer one is
 * never stored, nor imported), which the form's message says too.
 */
export const MAX_NAME_LENGTH = LIMITS.name;

/** "Hartside Food Partnership: core partners" → "Hartside Food Partnership": the part before the meeting's own words. */
export function suggestPartnershipName(title: string): string {
  const name = title.split(/\s*[:|–—]\s*|\s+-\s+/)[0]?.trim() ?? '';
  return name.slice(0, MAX_NAME_LENGTH);
}

/** One person on the call, and the organisation the lead typed for them ('' for none yet). */
export interface FirstRunRow {
  displayName: string;
  email?: string;
  organisation: string;
}

export interface FirstRunInput {
  name: string;
  rows: FirstRunRow[];
  /** The lead's own display name on the call: their organisation is the lead partner unless changed. */
  selfName: string | null;
  /** Partner types the lead chose, by organisationKey(). */
  types: Record<string, PartnerType>;
}

export type FirstRunErrors = { name?: 'required' | 'tooLong'; rows?: Record<number, 'tooLong'> };

export interface FirstRunPlan {
  name: string;
  organisations: Array<{
    key: string;
    name: string;
    existingId?: string;
    partnerType: PartnerType;
    emailDomains: string[];
  }>;
  people: Array<{ displayName: string; email?: string; organisationKey: string }>;
}

/** Two spellings of one organisation ("Age UK", "age uk ") are one key. */
export function organisationKey(name: string): string {
  return normaliseName(name);
}

/** The organisations typed so far, once each, in the order first typed, with their partner types. */
export function typedOrganisations(
  input: FirstRunInput,
): Array<{ key: string; name: string; partnerType: PartnerType }> {
  const self = input.selfName ? normaliseName(input.selfName) : null;
  const found = new Map<string, { key: string; name: string; partnerType: PartnerType }>();
  for (const row of input.rows) {
    const name = row.organisation.trim();
    const key = organisationKey(name);
    if (!key || found.has(key)) continue;
    found.set(key, { key, name, partnerType: 'core' });
  }
  const selfRow = self === null ? undefined : input.rows.find((row) => normaliseName(row.displayName) === self);
  const selfKey = selfRow ? organisationKey(selfRow.organisation) : '';
  return [...found.values()].map((org) => ({
    ...org,
    partnerType: input.types[org.key] ?? (org.key === selfKey ? 'lead' : 'core'),
  }));
}

/**
 * What creating the partnership writes: the partnership, each organisation typed (an existing one
 * of that name is reused, never duplicated), and who belongs where. Nothing is written on errors.
 */
export function planFirstRun(
  input: FirstRunInput,
  existing: readonly Organisation[],
): { errors: FirstRunErrors } | { plan: FirstRunPlan } {
  const errors: FirstRunErrors = {};
  const name = input.name.trim();
  if (!name) errors.name = 'required';
  else if (name.length > MAX_NAME_LENGTH) errors.name = 'tooLong';
  input.rows.forEach((row, index) => {
    if (row.organisation.trim().length > MAX_NAME_LENGTH) errors.rows = { ...errors.rows, [index]: 'tooLong' };
  });
  if (errors.name || errors.rows) return { errors };

  const organisations = typedOrganisations(input).map((org) => {
    const known = existing.find((o) => o.deletedAt === undefined && organisationKey(o.name) === org.key);
    const domains = input.rows.flatMap((row) => {
      const domain = row.email && organisationKey(row.organisation) === org.key ? emailDomain(row.email) : undefined;
      return domain && !isPersonalEmailDomain(domain) ? [domain] : [];
    });
    return { ...org, ...(known ? { existingId: known.id } : {}), emailDomains: [...new Set(domains)] };
  });
  const people = input.rows.flatMap((row) => {
    const key = organisationKey(row.organisation);
    return key
      ? [{ displayName: row.displayName, ...(row.email ? { email: row.email } : {}), organisationKey: key }]
      : [];
  });
  return { plan: { name, organisations, people } };
}
