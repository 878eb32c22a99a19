import type { Person } from '../../db/records';
import { normaliseEmail, normaliseName } from '../../db/normalise';
import { pushTo } from '../../collections/group';

/** A row as seen on a page: a name, and an address when the page showed one. */
export interface SeenEntry {
  name: string;
  email?: string;
}

/** A name-only row and a row with an address (`email`, as listed) that are (or may be) one person. */
export interface SamePerson {
  nameOnly: string;
  withEmail: string;
  email: string;
}

/** The remembered people by name (normalised) and by address, for `addressFits`. */
export interface Remembered {
  byAlias: ReadonlyMap<string, readonly Person[]>;
  byEmail: ReadonlyMap<string, readonly Person[]>;
}

export function rememberedIndex(people: readonly Person[]): Remembered {
  const byAlias = new Map<string, Person[]>();
  const byEmail = new Map<string, Person[]>();
  for (const person of people) {
    if (person.deletedAt !== undefined) continue;
    for (const alias of new Set(person.aliases)) pushTo(byAlias, alias, person);
    for (const email of new Set(person.emails.map(normaliseEmail))) pushTo(byEmail, email, person);
  }
  return { byAlias, byEmail };
}

/**
 * Whether an address may be that of someone going by `name`, as far as the remembered people tell:
 * with nobody remembered by the name, unless the address is someone else's; with someone remembered
 * by it, when the address is theirs, or they have none and nobody else has it. A page listing a known
 * name with another address (a namesake, or a forgery) fails: that row is not the person.
 */
export function addressFits(remembered: Remembered, name: string, email: string): boolean {
  const key = normaliseName(name);
  const known = remembered.byAlias.get(key) ?? [];
  const owners = remembered.byEmail.get(normaliseEmail(email)) ?? [];
  if (known.length === 0) return owners.every((o) => o.aliases.includes(key));
  return known.some((person) => (owners.length === 0 ? person.emails.length === 0 : owners.includes(person)));
}

/**
 * Whether two different addresses are one remembered person's who goes by `name` (a work and a home
 * address, say): only what the lead remembered ties them, never a page.
 */
export function sameOwner(remembered: Remembered, name: string, email: string, other: string): boolean {
  const key = normaliseName(name);
  const owners = remembered.byEmail.get(normaliseEmail(other)) ?? [];
  return (remembered.byEmail.get(normaliseEmail(email)) ?? []).some(
    (person) => owners.includes(person) && person.aliases.includes(key),
  );
}

/**
 * One person seen twice: by name alone in one place (an Outlook persona card, a Meet tile) and
 * with an address in another (a calendar's guest list). A name-only row and a row with an address
 * are candidates when their names are the same (normalised), or when the address is a remembered
 * person's who is known by that name.
 *
 * - `merge`: the name-only row has exactly one candidate, that candidate no other name-only row,
 *   and at most one remembered person goes by the name, whose addresses (if any) include this one.
 * - `offer`: more than one candidate, or several remembered people of that name: never guessed,
 *   the lead decides in one click.
 * - neither: the name is a remembered person's who has other addresses, or the address is someone
 *   else's. A page that lists a known name with a different address (a namesake, or a forgery)
 *   must not re-label that person.
 */
export function samePeople(
  entries: readonly SeenEntry[],
  people: readonly Person[],
): { merge: SamePerson[]; offer: SamePerson[] } {
  const remembered = rememberedIndex(people);
  const { byAlias, byEmail } = remembered;

  const withEmail = entries.flatMap((entry) =>
    entry.email ? [{ entry, key: normaliseName(entry.name), email: normaliseEmail(entry.email) }] : [],
  );
  const nameOnly = entries.flatMap((entry) => {
    const key = normaliseName(entry.name);
    return !entry.email && key && !key.includes('@') ? [{ entry, key }] : [];
  });

  const candidatesOf = nameOnly.map(({ entry, key }) =>
    withEmail.filter((row) => {
      const owners = byEmail.get(row.email) ?? [];
      const sameName = row.key === key || (owners.length === 1 && owners[0]!.aliases.includes(key));
      return sameName && addressFits(remembered, entry.name, row.email);
    }),
  );

  const merge: SamePerson[] = [];
  const offer: SamePerson[] = [];
  nameOnly.forEach(({ entry, key }, index) => {
    const candidates = candidatesOf[index]!;
    const namesakes = (byAlias.get(key) ?? []).length > 1;
    const claimedOnce = (row: (typeof withEmail)[number]) =>
      candidatesOf.filter((list) => list.includes(row)).length === 1;
    if (candidates.length === 1 && !namesakes && claimedOnce(candidates[0]!)) {
      merge.push({ nameOnly: entry.name, withEmail: candidates[0]!.entry.name, email: candidates[0]!.entry.email! });
      return;
    }
    for (const row of candidates)
      offer.push({ nameOnly: entry.name, withEmail: row.entry.name, email: row.entry.email! });
  });
  return { merge, offer };
}
