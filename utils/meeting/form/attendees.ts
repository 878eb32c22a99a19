import type { Attendee, Membership, Organisation, Person } from '../../db/records';
import { resolveAttendees } from '../matching/resolve';
import { pushTo } from '../../collections/group';
import { samePeople, type SamePerson } from '../matching/same-person';
import { isAttending, mergeRows, type AttendeeEntry, type GuestMatch, type MeetingFormValues } from './form';

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

/** One row of a listing as `rowKeys` remembers it: its key, its name and its address ('' for none). */
export interface ListedRow {
  key: string;
  name: string;
  email: string;
}

/** What `rowKeys` remembers from one listing to the next: the rows listed, in order, with their keys. */
export type RowKeyMemory = readonly ListedRow[];

/**
 * Keys that stay with each row from one listing to the next, also when a row known by name alone gets
 * an address: merged with its guest (`mergeSamePeople`), or shown by the call later. So the lead's row
 * keeps its place (`assignFirst`), its focus and its open organisation picker. The form keeps its rows
 * in order (new rows come where they are listed, none moves, a name never changes, an address is never
 * lost), so the rows of each name now are those listed before in the same order, some gone, some new:
 * `alignRows` pairs them, each with the row it was. Rows of one name are told apart by their place
 * among that name's rows, never by their address alone, so of two people of one name it is the one
 * whose address arrives that keeps its key with it, whichever it is. Names are compared as they are
 * listed (a row's name never changes): rows whose names differ only by case, spacing or Unicode form
 * (one name to the call readers' `nameKey`) are rows of their own. A row not listed before gets the
 * key `keysOfRows` gives it, told apart when another carries that key. Keys are never shared.
 * `before`: the memory the last listing returned ([] at first); `forgetRow` when the lead removes a row.
 */
export function rowKeys(
  rows: ReadonlyArray<{ displayName: string; email?: string }>,
  before: RowKeyMemory = [],
): { keys: string[]; memory: RowKeyMemory } {
  const listed = rows.map((row) => ({ name: row.displayName, email: row.email ?? '' }));
  const keys = rows.map((): string | undefined => undefined);
  const wasByName = indexesByName(before);
  for (const [name, now] of indexesByName(listed)) {
    const was = wasByName.get(name) ?? [];
    alignRows(
      was.map((i) => before[i]!.email),
      now.map((i) => listed[i]!.email),
    ).forEach((w, n) => {
      if (w >= 0) keys[now[n]!] = before[was[w]!]!.key;
    });
  }
  const used = new Set(keys);
  const plain = keysOfRows(rows);
  keys.forEach((key, index) => {
    if (key !== undefined) return;
    let fresh = plain[index]!;
    for (let n = 1; used.has(fresh); n++) fresh = `${plain[index]!}\n+${n}`;
    used.add(fresh);
    keys[index] = fresh;
  });
  return { keys: keys as string[], memory: listed.map((row, index) => ({ ...row, key: keys[index]! })) };
}

/**
 * A key for every row of the form, in its order: the rows attending (on the call, or added) keyed by
 * `rowKeys` from `before`, so each keeps its key as rows come and addresses arrive; the invited rows
 * not seen by `keysOfRows` among themselves, marked apart. So a pick made on one listing ("Same
 * person as…") finds its row again in the form as it is when the pick lands.
 */
export function formRowKeys(
  form: Pick<MeetingFormValues, 'attendees' | 'status'>,
  before: RowKeyMemory = [],
): { keys: string[]; memory: RowKeyMemory } {
  const rows = form.attendees.map((a) => ({ displayName: a.name, ...(a.email ? { email: a.email } : {}) }));
  const attending = form.attendees.map((a) => isAttending(a, form.status));
  const listed = rowKeys(
    rows.filter((_, index) => attending[index]),
    before,
  );
  const invited = keysOfRows(rows.filter((_, index) => !attending[index])).map((key) => `invited\n${key}`);
  let on = 0;
  let off = 0;
  return {
    keys: rows.map((_, index) => (attending[index] ? listed.keys[on++]! : invited[off++]!)),
    memory: listed.memory,
  };
}

/** The memory without the row of this key: the lead removed that row, not another of its name. */
export function forgetRow(memory: RowKeyMemory, key: string | undefined): RowKeyMemory {
  return memory.filter((row) => row.key !== key);
}

function indexesByName(rows: ReadonlyArray<{ name: string }>): Map<string, number[]> {
  const byName = new Map<string, number[]>();
  rows.forEach((row, index) => pushTo(byName, row.name, index));
  return byName;
}

/** Beyond this many pairs of rows of one name changed at once, `alignRows` pairs them in one pass. */
const ALIGN_CELLS = 65_536;

/**
 * Which row listed before (by its place in `was`, -1 for none) each row of one name now is, by their
 * addresses ('' for none): in order, a row as it was or a name-only row that got an address. As many
 * rows as can be are kept, then as many unchanged as can be. The rows alike at both ends are paired
 * first; what changed between them (a few rows per listing) is aligned in full, or in one pass when a
 * page changes more than `ALIGN_CELLS` pairs at once (rows of one name are never paired out of order).
 */
export function alignRows(was: readonly string[], now: readonly string[]): number[] {
  const pairs = new Array<number>(now.length).fill(-1);
  let head = 0;
  while (head < was.length && head < now.length && was[head] === now[head]) pairs[head] = head++;
  let wasEnd = was.length;
  let nowEnd = now.length;
  while (wasEnd > head && nowEnd > head && was[wasEnd - 1] === now[nowEnd - 1]) pairs[--nowEnd] = --wasEnd;
  const m = wasEnd - head;
  const n = nowEnd - head;
  if (m === 0 || n === 0) return pairs;
  // A row kept counts more than every unchanged row together: as many kept as can be, then unchanged.
  const kept = Math.min(m, n) + 1;
  const weight = (w: number, c: number) => (was[w] === now[c] ? kept + 1 : was[w] === '' && now[c] !== '' ? kept : 0);
  if (m * n > ALIGN_CELLS) {
    for (let w = head, c = head; w < wasEnd && c < nowEnd; c++) {
      let found = w;
      while (found < wasEnd && weight(found, c) === 0) found++;
      if (found < wasEnd) {
        pairs[c] = found;
        w = found + 1;
      }
    }
    return pairs;
  }
  // score[i][j]: the best pairing of the first i changed rows before with the first j now.
  const width = n + 1;
  const score = new Float64Array((m + 1) * width);
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const w = weight(head + i - 1, head + j - 1);
      score[i * width + j] = Math.max(
        score[(i - 1) * width + j]!,
        score[i * width + j - 1]!,
        w > 0 ? score[(i - 1) * width + j - 1]! + w : 0,
      );
    }
  }
  for (let i = m, j = n; i > 0 && j > 0;) {
    const here = score[i * width + j]!;
    if (here === score[(i - 1) * width + j]) i--;
    else if (here === score[i * width + j - 1]) j--;
    else {
      pairs[head + j - 1] = head + i - 1;
      i--;
      j--;
    }
  }
  return pairs;
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
 * one row with the address. Two rows both seen on the call are two people the call listed side by
 * side (two Alex Smiths, one of whom showed an address): never merged by themselves, only offered
 * (`samePersonOffers`). The form itself when there is nothing to merge.
 */
export function mergeSamePeople(form: MeetingFormValues, people: Person[]): MeetingFormValues {
  let result = form;
  for (const pair of samePeople(form.attendees, people).merge) {
    const [nameIndex, emailIndex] = rowsOfPair(result, pair);
    if (!bothSeen(result, nameIndex, emailIndex)) result = mergeRows(result, nameIndex, emailIndex);
  }
  return result;
}

/** The rows of a pair: the first name-only row of its name, and the row with its address (by address: a forged row of the same name listed before it is not the one). */
function rowsOfPair(form: MeetingFormValues, pair: SamePerson): [number, number] {
  return [
    form.attendees.findIndex((a) => a.name === pair.nameOnly && !a.email),
    form.attendees.findIndex((a) => a.name === pair.withEmail && a.email === pair.email),
  ];
}

const bothSeen = (form: MeetingFormValues, one: number, other: number) =>
  form.attendees[one]?.firstSeenAt !== undefined && form.attendees[other]?.firstSeenAt !== undefined;

/** Rows that may be one person, for the lead to merge in one click: the row with the address, and the one by name. */
export function samePersonOffers(form: MeetingFormValues, people: Person[]): GuestMatch[] {
  const found = samePeople(form.attendees, people);
  // A pair merged by itself but for both rows being seen on the call: the lead decides.
  const kept = found.merge.filter((pair) => bothSeen(form, ...rowsOfPair(form, pair)));
  return [...found.offer, ...kept]
    .map((pair) => ({ guest: pair.withEmail, joined: pair.nameOnly, email: pair.email }))
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
