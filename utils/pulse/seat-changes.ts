// Changing who is invited after a pulse has started (issue 12): the rules behind
// components/pulse/ChangeSeats.tsx, without a page. Storing goes through utils/db/seats.ts
// (inviteSeats, withdrawSeat), which checks again inside its transaction.
import { pulseDraftKey } from '../db/drafts';
import type { Membership, Organisation, PartnerType, Person, Seat } from '../db/records';
import { MAX_SEAT_NAME, MAX_SEATS, partnerTypeOf } from './seat-list';

/** What the lead is typing in the "invite someone else" form: kept as a draft until the seat is added. */
export interface NewSeatDraft {
  organisationId: string;
  name: string;
}

export const emptyNewSeat = (): NewSeatDraft => ({ organisationId: '', name: '' });

/** The draft key of a pulse's "invite someone else" form. */
export function newSeatDraftKey(pulseId: string): string {
  return pulseDraftKey('seat-add', pulseId);
}

/** An organisation a seat can be added for: a member of the partnership, with its partner type from the lead's records. */
export interface SeatOrganisation {
  organisationId: string;
  name: string;
  partnerType: PartnerType;
  /** Whether the pulse invited it already. */
  invited: boolean;
  /** Its remembered people without a live seat on this pulse: the names the form suggests. */
  suggestions: string[];
}

const folded = (name: string) => name.trim().toLocaleLowerCase();

/** The live seats of a pulse (withdrawn ones left out). */
const live = (seats: readonly Seat[]) => seats.filter((seat) => seat.deletedAt === undefined);

/**
 * The organisations a seat can be added for, invited ones first: every live member of the
 * partnership (an organisation without a membership has no partner type, so no seat).
 */
export function seatOrganisations(input: {
  partnershipId: string;
  invited: readonly string[];
  organisations: readonly Organisation[];
  memberships: readonly Membership[];
  people: readonly Person[];
  seats: readonly Seat[];
}): SeatOrganisation[] {
  const invited = new Set(input.invited);
  const seated = live(input.seats);
  return input.organisations
    .filter((organisation) => organisation.deletedAt === undefined)
    .flatMap((organisation) => {
      const partnerType = partnerTypeOf(input.memberships, input.partnershipId, organisation.id);
      if (!partnerType) return [];
      const taken = new Set(
        seated.filter((seat) => seat.organisationId === organisation.id).map((seat) => folded(seat.name)),
      );
      const suggestions = input.people
        .filter((p) => p.organisationId === organisation.id && p.deletedAt === undefined && p.displayNames[0])
        .map((p) => p.displayNames[0]!)
        .filter((name) => !taken.has(folded(name)))
        .sort((a, b) => a.localeCompare(b));
      return [
        {
          organisationId: organisation.id,
          name: organisation.name,
          partnerType,
          invited: invited.has(organisation.id),
          suggestions,
        },
      ];
    })
    .sort((a, b) => Number(b.invited) - Number(a.invited) || a.name.localeCompare(b.name));
}

export type NewSeatError = 'required' | 'tooLong' | 'organisation' | 'duplicate' | 'tooMany';

/** Why this seat cannot be added, or undefined when it can. */
export function newSeatError(
  organisations: readonly SeatOrganisation[],
  seats: readonly Seat[],
  draft: NewSeatDraft,
): NewSeatError | undefined {
  const name = draft.name.trim();
  if (!name) return 'required';
  if (name.length > MAX_SEAT_NAME) return 'tooLong';
  if (!organisations.some((o) => o.organisationId === draft.organisationId)) return 'organisation';
  const seated = live(seats);
  if (seated.length >= MAX_SEATS) return 'tooMany';
  if (seated.some((seat) => seat.organisationId === draft.organisationId && folded(seat.name) === folded(name))) {
    return 'duplicate';
  }
  return undefined;
}

/** The seat to add, its partner type from the lead's records (never typed), or undefined when the draft has an error. */
export function newSeatOf(
  organisations: readonly SeatOrganisation[],
  seats: readonly Seat[],
  draft: NewSeatDraft,
): { name: string; organisationId: string; partnerType: PartnerType } | undefined {
  if (newSeatError(organisations, seats, draft)) return undefined;
  const organisation = organisations.find((o) => o.organisationId === draft.organisationId)!;
  return {
    name: draft.name.trim(),
    organisationId: organisation.organisationId,
    partnerType: organisation.partnerType,
  };
}

/** Whether the panel offers to withdraw a seat: only one nobody has used, while the pulse is open. */
export function canWithdraw(seat: Seat, seats: readonly Seat[], open: boolean): boolean {
  return open && seat.deletedAt === undefined && seat.answeredBy === undefined && live(seats).length > 1;
}
