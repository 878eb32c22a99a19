import type { Membership, Organisation, PartnerType } from '../db/records';
import { uniqueDomains } from '../db/organisations';
import { calendarDate, isCalendarDate } from '../time/calendar';

/**
 * The member table's rules, apart from the page: which rows it lists, what a typed field
 * stores, and what adding a member needs.
 */

/** Email domains as typed (spaces, commas or semicolons between them): normalised, each once. */
export function parseDomains(text: string): string[] {
  return uniqueDomains(text.split(/[\s,;]+/).filter(Boolean));
}

export interface MemberRow {
  membership: Membership;
  organisation: Organisation;
}

/** The partnership's members, in the order stored, each with its organisation (a membership without one is left out). */
export function memberRows(
  memberships: readonly Membership[],
  organisations: readonly Organisation[],
  partnershipId: string,
): MemberRow[] {
  const byId = new Map(organisations.map((o) => [o.id, o]));
  return memberships.flatMap((membership) => {
    if (membership.partnershipId !== partnershipId) return [];
    const organisation = byId.get(membership.organisationId);
    return organisation ? [{ membership, organisation }] : [];
  });
}

/** The organisations that may be added: every one not already a member (one that left included). */
export function addableOrganisations(
  memberships: readonly Membership[],
  organisations: readonly Organisation[],
  partnershipId: string,
): Organisation[] {
  const members = new Set(memberships.filter((m) => m.partnershipId === partnershipId).map((m) => m.organisationId));
  return organisations.filter((o) => !members.has(o.id));
}

/** Why a typed joined or left day is not stored. */
export type MemberDayError = 'leftBeforeJoined';

/**
 * What a typed "joined" day stores: the day, or nothing for a day not (yet) on the calendar (a
 * year still being typed, 0002, reads as a day before year 100: not one), or one after the
 * member left (`error`).
 */
export function joinedOnChange(
  text: string,
  membership: Pick<Membership, 'leftOn'>,
): { joinedOn: string } | { error?: MemberDayError } {
  if (!isCalendarDate(text)) return {};
  if (membership.leftOn !== undefined && membership.leftOn < text) return { error: 'leftBeforeJoined' };
  return { joinedOn: text };
}

/**
 * What a typed "left" day stores: none ('': still a member), the day, or nothing for a day not
 * (yet) on the calendar, or one before the member joined (`error`).
 */
export function leftOnChange(
  text: string,
  membership: Pick<Membership, 'joinedOn'>,
): { leftOn: string | undefined } | { error?: MemberDayError } {
  if (text === '') return { leftOn: undefined };
  if (!isCalendarDate(text)) return {};
  if (text < membership.joinedOn) return { error: 'leftBeforeJoined' };
  return { leftOn: text };
}

export type MemberDayField = 'joinedOn' | 'leftOn';

/** What a typed joined or left day stores (joinedOnChange, leftOnChange). */
export function dayChange(
  field: MemberDayField,
  text: string,
  membership: Pick<Membership, 'joinedOn' | 'leftOn'>,
): Partial<Pick<Membership, MemberDayField>> | { error?: MemberDayError } {
  return field === 'joinedOn' ? joinedOnChange(text, membership) : leftOnChange(text, membership);
}

/** A day change that stores something (not a day still being typed, nor an error). */
export function storesDay(change: ReturnType<typeof dayChange>): change is Partial<Pick<Membership, MemberDayField>> {
  return !('error' in change) && Object.keys(change).length > 0;
}

/** The add-a-member form: an existing organisation, or a new one's name and domains. */
export interface AddMemberValues {
  /** '' for a new organisation. */
  organisationId: string;
  name: string;
  domains: string;
  partnerType: PartnerType;
  joinedOn: string;
}

export function emptyAddMember(now: number): AddMemberValues {
  return { organisationId: '', name: '', domains: '', partnerType: 'core', joinedOn: calendarDate(now) };
}

/** After a member is added: a blank form for the next, on the same joined day (the type back to core). */
export function nextAddMember(values: AddMemberValues): AddMemberValues {
  return { ...emptyAddMember(0), joinedOn: values.joinedOn };
}

/** A new organisation needs a name (said first), and every member a joined day on the calendar. */
export function addMemberError(values: AddMemberValues): 'required' | 'invalidDay' | undefined {
  if (!values.organisationId && !values.name.trim()) return 'required';
  return isCalendarDate(values.joinedOn) ? undefined : 'invalidDay';
}
