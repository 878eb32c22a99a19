import type { Attendee, Membership, Organisation, Person } from '../../db/records';
import { resolveAttendees } from '../matching/resolve';
import { samePeople } from '../matching/same-person';
import { mergeRows, type AttendeeEntry, type GuestMatch, type MeetingFormValues } from './form';

/**
 * The form's attendees mapped to people and organisations: an organisation
 * chosen in this form wins over the remembered mapping.
 */
export function resolveFormAttendees(
  entries: AttendeeEntry[],
  people: Person[],
  organisations: Organisation[],
): Attendee[] {
  const resolved = resolveAttendees(
    entries.map((entry) => ({ name: entry.name, email: entry.email })),
    people,
    organisations,
  );
  return entries.map((entry, index) => {
    const match = resolved[index];
    const chosen = entry.organisationId;
    return {
      displayName: entry.name,
      ...(entry.email ? { email: entry.email } : {}),
      ...(match?.personId && (!chosen || chosen === match.organisationId) ? { personId: match.personId } : {}),
      ...((chosen ?? match?.organisationId) ? { organisationId: chosen ?? match?.organisationId } : {}),
      ...(entry.firstSeenAt !== undefined ? { firstSeenAt: entry.firstSeenAt } : {}),
      ...(entry.lastSeenAt !== undefined ? { lastSeenAt: entry.lastSeenAt } : {}),
    };
  });
}

/**
 * A key per listed row that stays with the row when another is removed or added after it: its name
 * and address, and which of the rows so named it is. Two people of one name are two rows, never one.
 * A list that is shown again and again keys its rows with `rowKeys`, which carries a key across a
 * row's address arriving.
 */
export function keysOfRows(rows: ReadonlyArray<{ displayName: string; email?: string }>): string[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const key = `${row.displayName}\n${row.email ?? ''}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return `${key}\n${n}`;
  });
}

/** What `rowKeys` remembers from one listing to the next: per row, as `keysOfRows` keyed it, the key it was given. */
export type RowKeyMemory = ReadonlyMap<string, { key: string; name: string; hadAddress: boolean }>;

/**
 * Keys that stay with each row from one listing to the next (`keysOfRows`), also when a row known by
 * name alone gets an address: merged with its guest (`mergeSamePeople`), or shown by the call later.
 * A row with an address new this listing takes the key of a row of its name, listed before without
 * an address and gone now (in order), so the lead's row keeps its place (`assignFirst`), its focus and
 * its open organisation picker. Keys are never shared: a row whose own key is carried by another is
 * told apart. `before`: the memory the last listing returned.
 */
export function rowKeys(
  rows: ReadonlyArray<{ displayName: string; email?: string }>,
  before: RowKeyMemory,
): { keys: string[]; memory: RowKeyMemory } {
  const plain = keysOfRows(rows);
  const present = new Set(plain);
  // Rows listed before by name alone and gone now, by name, in the order they were listed.
  const gone = new Map<string, string[]>();
  for (const [was, row] of before) {
    if (!row.hadAddress && !present.has(was)) gone.set(row.name, [...(gone.get(row.name) ?? []), row.key]);
  }
  // Rows listed before keep their keys first, so a new row never takes one of theirs.
  const keys = plain.map((key) => before.get(key)?.key);
  const used = new Set(keys);
  rows.forEach((row, index) => {
    if (keys[index] !== undefined) return;
    let key = (row.email ? gone.get(row.displayName)?.shift() : undefined) ?? plain[index]!;
    while (used.has(key)) key += '\n+';
    used.add(key);
    keys[index] = key;
  });
  const memory = new Map(
    rows.map((row, index) => [plain[index]!, { key: keys[index]!, name: row.displayName, hadAddress: !!row.email }]),
  );
  return { keys: keys as string[], memory };
}

/** The organisations to offer first when assigning someone: the partnership's members, by name. */
export function partnershipMembers(
  organisations: Organisation[],
  memberships: Membership[],
  partnershipId: string,
): Organisation[] {
  const memberIds = new Set(memberships.filter((m) => m.partnershipId === partnershipId).map((m) => m.organisationId));
  return organisations.filter((o) => memberIds.has(o.id)).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Whether each row needed assigning when first listed, by row (`keys`: `rowKeys` or `keysOfRows`,
 * in call order), not by name: of two people of one name, one may be assigned and the other not.
 * `before` as given, with the rows not listed before added.
 */
export function firstListed<A extends { displayName: string; email?: string; organisationId?: string }>(
  attendees: readonly A[],
  before: ReadonlyMap<string, boolean>,
  keys: readonly string[] = keysOfRows(attendees),
): Map<string, boolean> {
  const listed = new Map(before);
  attendees.forEach((a, index) => {
    if (!listed.has(keys[index]!)) listed.set(keys[index]!, !a.organisationId);
  });
  return listed;
}

/**
 * New and unassigned people first, then the rest, each group in call order. `unassignedWhenListed`
 * (`firstListed`, by row) holds whether each row needed assigning when first listed: that place is
 * kept, so assigning someone never moves their row from under the lead's hand (or keyboard focus).
 */
export function assignFirst<A extends { displayName: string; email?: string; organisationId?: string }>(
  attendees: readonly A[],
  unassignedWhenListed: ReadonlyMap<string, boolean>,
  keys: readonly string[] = keysOfRows(attendees),
): A[] {
  const first = attendees.map((a, index) => unassignedWhenListed.get(keys[index]!) ?? !a.organisationId);
  return [...attendees.filter((_, index) => first[index]), ...attendees.filter((_, index) => !first[index])];
}

/**
 * One person, not two: a row known by name alone (a tile, a persona card) and a row with an address
 * (a calendar guest) that are surely the same person (utils/meeting/matching/same-person.ts) become
 * one row with the address. The form itself when there is nothing to merge.
 */
export function mergeSamePeople(form: MeetingFormValues, people: Person[]): MeetingFormValues {
  let result = form;
  for (const pair of samePeople(form.attendees, people).merge) {
    const nameIndex = result.attendees.findIndex((a) => a.name === pair.nameOnly && !a.email);
    // That row, by its address: a forged row of the same name listed before it is not the one.
    const emailIndex = result.attendees.findIndex((a) => a.name === pair.withEmail && a.email === pair.email);
    result = mergeRows(result, nameIndex, emailIndex);
  }
  return result;
}

/** Rows that may be one person, for the lead to merge in one click: the row with the address, and the one by name. */
export function samePersonOffers(form: MeetingFormValues, people: Person[]): GuestMatch[] {
  return samePeople(form.attendees, people)
    .offer.map((pair) => ({ guest: pair.withEmail, joined: pair.nameOnly, email: pair.email }))
    .filter(
      (match, index, all) => all.findIndex((m) => m.email === match.email && m.joined === match.joined) === index,
    );
}

/**
 * The attendees to remember as people when the meeting is saved: each one with an organisation
 * who is not a known person yet (a name typed by hand, say), once per name and organisation. So
 * the next pulse's start form offers them a seat (utils/pulse/seat-list.ts seatGroups), and the
 * next meeting resolves them without typing (utils/db/people.ts rememberPerson).
 */
export function peopleToRemember(
  attendees: readonly Attendee[],
): Array<{ displayName: string; email?: string; organisationId: string }> {
  const seen = new Set<string>();
  return attendees.flatMap((attendee) => {
    const displayName = attendee.displayName.trim();
    if (attendee.personId || !attendee.organisationId || !displayName) return [];
    const key = `${attendee.organisationId}\u0000${displayName.toLocaleLowerCase()}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [
      {
        displayName,
        ...(attendee.email ? { email: attendee.email } : {}),
        organisationId: attendee.organisationId,
      },
    ];
  });
}
