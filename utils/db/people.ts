import { announceChange } from './changes';
import { checkRecordLimits, overLimit } from './limits';
import { emailDomain, isPersonalEmailDomain, normaliseEmail, normaliseName } from './normalise';
import type { Person } from './records';
import { listRecords, saveRecord } from './records-store';
import type { PulseDatabase } from './schema';
import { stamp, type SaveInput } from './stamp';

export function listPeople(db: PulseDatabase): Promise<Person[]> {
  return listRecords(db, 'people');
}

/** People known by this display name (in any of its decorated forms). */
export async function findPeopleByName(db: PulseDatabase, displayName: string): Promise<Person[]> {
  const people = await db.getAllFromIndex('people', 'by-alias', normaliseName(displayName));
  return people.filter((person) => person.deletedAt === undefined);
}

/** The person with this address; undefined when nobody, or more than one person, has it. */
export async function findPersonByEmail(db: PulseDatabase, email: string): Promise<Person | undefined> {
  const people = (await db.getAllFromIndex('people', 'by-email', normaliseEmail(email))).filter(
    (person) => person.deletedAt === undefined,
  );
  return people.length === 1 ? people[0] : undefined;
}

/** Save a person as edited; aliases follow the display names, emails are stored lower-case. */
export function savePerson(db: PulseDatabase, input: Omit<SaveInput<Person>, 'aliases'>): Promise<Person> {
  return saveRecord(db, 'people', {
    ...input,
    aliases: unique(input.displayNames.map(normaliseName)),
    emails: unique(input.emails.map(normaliseEmail)),
  });
}

export interface RememberPersonInput {
  displayName: string;
  email?: string;
  organisationId: string;
}

/**
 * Remember that this name (and address) is someone from this organisation, so the next meeting
 * resolves them without typing. The person is found by address first, then by name within the
 * organisation (the most recently updated, if several share it; with an address, only among people
 * known by no address); otherwise a new person is made. So a name seen alone and later with an
 * address is one person, not two.
 * The address's domain is added to the organisation unless it is a public mail provider.
 * One transaction over people and organisations.
 */
export async function rememberPerson(db: PulseDatabase, input: RememberPersonInput): Promise<Person> {
  const displayName = input.displayName.trim();
  const alias = normaliseName(displayName);
  const email = input.email ? normaliseEmail(input.email) : undefined;
  if (!alias && !email) throw new RangeError('A person needs a name or an email address.');

  const tx = db.transaction(['people', 'organisations'], 'readwrite');
  const people = tx.objectStore('people');
  const organisations = tx.objectStore('organisations');

  let existing: Person | undefined;
  if (email) {
    const byEmail = (await people.index('by-email').getAll(email)).filter((person) => person.deletedAt === undefined);
    existing = mostRecent(byEmail);
  }
  if (!existing && alias) {
    // With an address nobody has, a namesake known by other addresses is someone else (as in
    // matching): a page listing a known name with a forged address must not re-label that person.
    const byAlias = (await people.index('by-alias').getAll(alias)).filter(
      (person) =>
        person.deletedAt === undefined &&
        person.organisationId === input.organisationId &&
        (!email || person.emails.length === 0),
    );
    existing = mostRecent(byAlias);
  }

  const person = stamp<Person>(
    {
      ...(existing ?? {}),
      id: existing?.id,
      displayNames: unique([...(existing?.displayNames ?? []), displayName].filter(Boolean)),
      aliases: unique([...(existing?.aliases ?? []), alias].filter(Boolean)),
      emails: unique([...(existing?.emails ?? []), ...(email ? [email] : [])]),
      // The lead's choice now wins: people move between organisations.
      organisationId: input.organisationId,
    },
    existing,
  );
  checkRecordLimits('people', person);
  await people.put(person);

  let organisationChanged = false;
  const domain = email ? emailDomain(email) : undefined;
  if (domain && !isPersonalEmailDomain(domain)) {
    const organisation = await organisations.get(input.organisationId);
    const emailDomains = organisation ? [...organisation.emailDomains, domain] : [];
    // At the limit of domains an organisation may have, the domain is not remembered.
    if (organisation && !organisation.emailDomains.includes(domain) && !overLimit('organisations', { emailDomains })) {
      await organisations.put(stamp({ ...organisation, emailDomains }, organisation));
      organisationChanged = true;
    }
  }
  await tx.done;

  announceChange({ store: 'people', ids: [person.id] });
  if (organisationChanged) announceChange({ store: 'organisations', ids: [input.organisationId] });
  return person;
}

function mostRecent(people: Person[]): Person | undefined {
  return people.reduce<Person | undefined>((a, b) => (a && a.updatedAt >= b.updatedAt ? a : b), undefined);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
