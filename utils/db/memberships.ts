import type { Membership } from './records';
import { saveRecord } from './records-store';
import type { PulseDatabase } from './schema';
import type { SaveInput } from './stamp';

const PARTNER_TYPE_ORDER = { lead: 0, core: 1, wider: 2 } as const;

/**
 * The partnership's memberships, past ones included (a partner that left still appears in past
 * meetings and trends): lead first, then core, then wider, each by join date.
 */
export async function listMemberships(
  db: PulseDatabase,
  partnershipId: string,
  options: { includeDeleted?: boolean } = {},
): Promise<Membership[]> {
  const memberships = await db.getAllFromIndex('memberships', 'by-partnership', partnershipId);
  return memberships
    .filter((membership) => options.includeDeleted || membership.deletedAt === undefined)
    .sort(
      (a, b) =>
        PARTNER_TYPE_ORDER[a.partnerType] - PARTNER_TYPE_ORDER[b.partnerType] || a.joinedOn.localeCompare(b.joinedOn),
    );
}

/** Every partnership the organisation belongs or belonged to. */
export async function listMembershipsOfOrganisation(db: PulseDatabase, organisationId: string): Promise<Membership[]> {
  const memberships = await db.getAllFromIndex('memberships', 'by-organisation', organisationId);
  return memberships.filter((membership) => membership.deletedAt === undefined);
}

export async function saveMembership(db: PulseDatabase, input: SaveInput<Membership>): Promise<Membership> {
  if (input.leftOn !== undefined && input.leftOn < input.joinedOn) {
    throw new RangeError(`A membership cannot end (${input.leftOn}) before it starts (${input.joinedOn}).`);
  }
  return saveRecord(db, 'memberships', input);
}
