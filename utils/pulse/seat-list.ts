// Inviting seats when a pulse starts, and sending their links (issue 12, "one voice per seat"):
// the rules behind components/pulse/StartPulse.tsx's seat list and SeatLinks.tsx, without a page.
import type { Membership, Organisation, PartnerType, Person } from '../db/records';
import type { NewSeat } from '../db/seats';
import { hashToken, makeSeatToken } from './seats';

/** A person the lead added by name in the form (not a remembered person). */
export interface AddedSeat {
  key: string;
  name: string;
  organisationId: string;
}

/** One person the form offers a seat to. */
export interface SeatChoice {
  /** `person:<id>` for a remembered person, `added:<n>` for one added by name. */
  key: string;
  name: string;
  organisationId: string;
  ticked: boolean;
}

/** An invited organisation with its partner type (from the lead's records) and its people. */
export interface SeatGroup {
  organisationId: string;
  organisationName: string;
  partnerType: PartnerType;
  choices: SeatChoice[];
}

export const MAX_SEAT_NAME = 200;
export const MAX_SEATS = 500;

/** The partner type of an organisation in a partnership, from its latest membership. */
export function partnerTypeOf(
  memberships: readonly Membership[],
  partnershipId: string,
  organisationId: string,
): PartnerType | undefined {
  return memberships
    .filter(
      (m) => m.partnershipId === partnershipId && m.organisationId === organisationId && m.deletedAt === undefined,
    )
    .sort((a, b) => b.joinedOn.localeCompare(a.joinedOn))[0]?.partnerType;
}

/**
 * The seat list: for each invited organisation that is a member of the partnership (so it has
 * a partner type), its remembered people and the people added by name, each ticked unless
 * the lead unticked it. Organisations without a membership get no seats.
 */
export function seatGroups(input: {
  partnershipId: string;
  invited: readonly string[];
  organisations: readonly Organisation[];
  memberships: readonly Membership[];
  people: readonly Person[];
  added: readonly AddedSeat[];
  unticked: readonly string[];
}): SeatGroup[] {
  const unticked = new Set(input.unticked);
  return [...new Set(input.invited)].flatMap((organisationId) => {
    const organisation = input.organisations.find((o) => o.id === organisationId && o.deletedAt === undefined);
    const partnerType = partnerTypeOf(input.memberships, input.partnershipId, organisationId);
    if (!organisation || !partnerType) return [];
    const remembered = input.people
      .filter((p) => p.organisationId === organisationId && p.deletedAt === undefined && p.displayNames[0])
      .map((p) => ({ key: `person:${p.id}`, name: p.displayNames[0]!, organisationId }));
    const added = input.added.filter((a) => a.organisationId === organisationId);
    const choices = [...remembered, ...added]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((choice) => ({ ...choice, ticked: !unticked.has(choice.key) }));
    return [{ organisationId, organisationName: organisation.name, partnerType, choices }];
  });
}

export type AddSeatError = 'required' | 'tooLong' | 'duplicate' | 'organisation' | 'tooMany';

/** Why a name cannot be added to an organisation's seats, or undefined when it can. */
export function addSeatError(
  groups: readonly SeatGroup[],
  name: string,
  organisationId: string,
): AddSeatError | undefined {
  const text = name.trim();
  if (!text) return 'required';
  if (text.length > MAX_SEAT_NAME) return 'tooLong';
  const group = groups.find((g) => g.organisationId === organisationId);
  if (!group) return 'organisation';
  if (groups.reduce((sum, g) => sum + g.choices.length, 0) >= MAX_SEATS) return 'tooMany';
  const folded = text.toLocaleLowerCase();
  if (group.choices.some((c) => c.name.trim().toLocaleLowerCase() === folded)) return 'duplicate';
  return undefined;
}

/** The ticked people: the seats a pulse starts with (none: a shared link). */
export function chosenSeats(
  groups: readonly SeatGroup[],
): Array<{ name: string; organisationId: string; partnerType: PartnerType }> {
  return groups.flatMap((group) =>
    group.choices
      .filter((choice) => choice.ticked)
      .map((choice) => ({
        name: choice.name.trim(),
        organisationId: group.organisationId,
        partnerType: group.partnerType,
      })),
  );
}

/** Each chosen seat with a fresh 128-bit token and its hash, ready for utils/db/seats.ts addSeats. */
export function makeSeats(
  chosen: ReadonlyArray<{ name: string; organisationId: string; partnerType: PartnerType }>,
): Promise<NewSeat[]> {
  return Promise.all(
    chosen.map(async (seat) => {
      const token = makeSeatToken();
      return { ...seat, token, tokenHash: await hashToken(token) };
    }),
  );
}

/** Seats as the lead reads them: by organisation name, then by name. */
export function sortSeats<T extends { name: string; organisationId: string }>(
  seats: readonly T[],
  organisationName: (id: string) => string,
): T[] {
  return [...seats].sort(
    (a, b) =>
      organisationName(a.organisationId).localeCompare(organisationName(b.organisationId)) ||
      a.name.localeCompare(b.name),
  );
}

/** Names are the lead's typing: no line breaks or tabs inside a "name – link" line. */
function oneLine(text: string): string {
  return text.replace(/[\s\u2028\u2029]+/g, ' ').trim();
}

/** "name – link" lines for a mail merge, one per seat. */
export function mailMergeLines(rows: ReadonlyArray<{ name: string; link: string }>): string {
  return rows.map((row) => `${oneLine(row.name)} – ${row.link}`).join('\n');
}

/** A mailto: address for one person, the link in the body; to their remembered address if there is one. */
export function mailtoHref(message: { to?: string; subject: string; body: string }): string {
  const to = message.to && /^[^\s@,;?&%#]+@[^\s@,;?&%#]+$/.test(message.to) ? message.to : '';
  return `mailto:${to}?subject=${encodeURIComponent(message.subject)}&body=${encodeURIComponent(message.body)}`;
}
