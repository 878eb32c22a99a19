import { inRawTransaction } from './raw-open';
import { getMany, request } from './raw-store';
import { existingKeys } from './raw-store';
import type {
  Meeting,
  Membership,
  Organisation,
  Partnership,
  Person,
  PublishedResult,
  PurposeTag,
  StoredPulse,
} from './records';

/**
 * Reads for the workspace sync (utils/sync): what changed here since its last push. On the
 * raw database (openRawPulseDb), so the background's sync carries no idb.
 */

export interface PartnershipChanges {
  partnerships: Partnership[];
  memberships: Membership[];
  people: Person[];
  meetings: Meeting[];
  /** Its pulses as the `pulses` store holds them: no private key, totals or refused count (pulseSecrets). */
  pulses: StoredPulse[];
  /** Results this browser published (of pulses whose key is here), not those it pulled or imported. */
  publishedResults: PublishedResult[];
}

export interface DirectoryChanges {
  organisations: Organisation[];
  purposeTags: PurposeTag[];
}

const after = (since: number) => IDBKeyRange.lowerBound(since, true);
const changed = <T>(tx: IDBTransaction, store: string, since: number) =>
  request<T[]>(tx.objectStore(store).index('by-updated').getAll(after(since)));

/**
 * One partnership's records with `updatedAt` after `since`, tombstones included, read in one
 * transaction. People: those changed since then whom any of its meetings names, and everyone
 * the changed meetings name (so a meeting never reaches the server without its people).
 */
export function partnershipChangesSince(
  db: IDBDatabase,
  partnershipId: string,
  since: number,
): Promise<PartnershipChanges> {
  const stores = ['partnerships', 'memberships', 'people', 'meetings', 'publishedResults', 'pulses', 'pulseSecrets'];
  return inRawTransaction(db, stores, 'readonly', async (tx) => {
    const [partnerships, memberships, changedMeetings, changedPeople, pulses, results] = await Promise.all([
      changed<Partnership>(tx, 'partnerships', since),
      changed<Membership>(tx, 'memberships', since),
      changed<Meeting>(tx, 'meetings', since),
      changed<Person>(tx, 'people', since),
      changed<StoredPulse>(tx, 'pulses', since),
      changed<PublishedResult>(tx, 'publishedResults', since),
    ]);
    // Every meeting of the partnership only when a person changed (most syncs: none).
    const allMeetings = changedPeople.length
      ? await request<Meeting[]>(
          tx
            .objectStore('meetings')
            .index('by-partnership-start')
            .getAll(IDBKeyRange.bound([partnershipId, -Infinity], [partnershipId, Infinity])),
        )
      : [];
    const published = results.filter((r) => r.partnershipId === partnershipId);
    // Its own pulses' only, whose key and totals are here: not one known from the workspace (a
    // coordinator's, a co-lead's), whose result an imported coordinator file may hold.
    const own = await existingKeys(
      tx.objectStore('pulseSecrets'),
      published.map((r) => r.pulseId),
    );
    // In updatedAt order, as the index gives them.
    const meetings = changedMeetings.filter((m) => m.partnershipId === partnershipId);
    const named = (list: readonly Meeting[]) => {
      const ids = new Set<string>();
      for (const meeting of list) {
        for (const attendee of meeting.attendees) if (attendee.personId !== undefined) ids.add(attendee.personId);
        if (meeting.chairPersonId !== undefined) ids.add(meeting.chairPersonId);
      }
      return ids;
    };
    const namedByAny = named(allMeetings);
    const people = new Map(changedPeople.filter((p) => namedByAny.has(p.id)).map((p) => [p.id, p]));
    const missing = [...named(meetings)].filter((id) => !people.has(id));
    for (const person of await getMany<Person>(tx.objectStore('people'), missing))
      if (person) people.set(person.id, person);
    return {
      partnerships: partnerships.filter((p) => p.id === partnershipId),
      memberships: memberships.filter((m) => m.partnershipId === partnershipId),
      people: [...people.values()],
      meetings,
      pulses: pulses.filter((p) => p.partnershipId === partnershipId),
      publishedResults: published.filter((r) => own.has(r.pulseId)),
    };
  });
}

/**
 * Whether this browser holds nothing a partnership's database takes: not the partnership (so none
 * of its meetings, memberships or published results either), and no person at all.
 */
export function holdsNothingOf(db: IDBDatabase, partnershipId: string): Promise<boolean> {
  return inRawTransaction(db, ['partnerships', 'people'], 'readonly', async (tx) => {
    const [key, people] = await Promise.all([
      request(tx.objectStore('partnerships').getKey(partnershipId)),
      request(tx.objectStore('people').count()),
    ]);
    return key === undefined && people === 0;
  });
}

/** Organisations and purpose tags with `updatedAt` after `since`, tombstones included. */
export function directoryChangesSince(db: IDBDatabase, since: number): Promise<DirectoryChanges> {
  return inRawTransaction(db, ['organisations', 'purposeTags'], 'readonly', async (tx) => {
    const [organisations, purposeTags] = await Promise.all([
      changed<Organisation>(tx, 'organisations', since),
      changed<PurposeTag>(tx, 'purposeTags', since),
    ]);
    return { organisations, purposeTags };
  });
}
