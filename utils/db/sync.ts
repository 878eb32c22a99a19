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

/** Each store's records with `updatedAt` after `since`, tombstones included: one list per store, in order. */
const changed = (tx: IDBTransaction, stores: readonly string[], since: number) =>
  Promise.all(
    stores.map((store) =>
      request<unknown[]>(tx.objectStore(store).index('by-updated').getAll(IDBKeyRange.lowerBound(since, true))),
    ),
  );

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
  const stores = ['partnerships', 'memberships', 'meetings', 'people', 'pulses', 'publishedResults', 'pulseSecrets'];
  return inRawTransaction(db, stores, 'readonly', async (tx) => {
    const [partnerships, memberships, changedMeetings, changedPeople, pulses, results] = (await changed(
      tx,
      stores.slice(0, 6),
      since,
    )) as [Partnership[], Membership[], Meeting[], Person[], StoredPulse[], PublishedResult[]];
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
  const stores = ['organisations', 'purposeTags'];
  return inRawTransaction(db, stores, 'readonly', async (tx) => {
    const [organisations, purposeTags] = (await changed(tx, stores, since)) as [Organisation[], PurposeTag[]];
    return { organisations, purposeTags };
  });
}
