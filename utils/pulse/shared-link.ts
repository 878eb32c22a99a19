import { PARTNER_TYPES, type Membership, type PartnerType, type Pulse } from '../db/records';

/**
 * The shared link: one address for everyone in a call, where personal links are impractical.
 * Its codes carry no seat token, so anyone holding the link can mint them; what limits the harm
 * is the cap: at most as many shared-link answers per partner type as there are invited seats
 * of that type (or, for a pulse without seats, invited organisations of that type). The rest
 * are refused ('over-cap'), counted on the pulse, and the panel says how many.
 */

/** What the cap needs of a seat (the personal-link seats, when a pulse has them). */
export interface SeatOfType {
  partnerType: PartnerType;
}

/** The partner type of each organisation in the lead's records for the pulse's partnership; not a member: wider. */
export function partnerTypesOf(
  memberships: readonly Pick<Membership, 'organisationId' | 'partnerType' | 'deletedAt'>[],
): ReadonlyMap<string, PartnerType> {
  const types = new Map<string, PartnerType>();
  for (const m of memberships) if (m.deletedAt === undefined) types.set(m.organisationId, m.partnerType);
  return types;
}

/**
 * Shared-link answers a pulse accepts per partner type: its seats per type when it has seats,
 * otherwise its invited organisations per type (an organisation the records do not type counts
 * as wider, as in the quick round).
 */
export function sharedLinkCap(
  pulse: Pick<Pulse, 'invitedOrganisationIds'>,
  types: ReadonlyMap<string, PartnerType>,
  seats?: readonly SeatOfType[],
): Record<PartnerType, number> {
  const cap: Record<PartnerType, number> = { lead: 0, core: 0, wider: 0 };
  if (seats && seats.length > 0) {
    for (const seat of seats) if (PARTNER_TYPES.includes(seat.partnerType)) cap[seat.partnerType] += 1;
    return cap;
  }
  for (const id of new Set(pulse.invitedOrganisationIds)) cap[types.get(id) ?? 'wider'] += 1;
  return cap;
}

/** Whether partners answer the pulse through the shared link: it has no personal-link seats. */
export function isSharedLinkPulse(seats?: readonly unknown[]): boolean {
  return !seats || seats.length === 0;
}
