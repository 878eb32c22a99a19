import type { Meeting, Membership, Organisation, Partnership, Person, PurposeTag } from './records';
import type { PulseDatabase } from './schema';

/** Reads for the workspace sync (utils/sync): what changed here since its last push. */

export interface PartnershipChanges {
  partnerships: Partnership[];
  memberships: Membership[];
  people: Person[];
  meetings: Meeting[];
}

export interface DirectoryChanges {
  organisations: Organisation[];
  purposeTags: PurposeTag[];
}

const after = (since: number) => IDBKeyRange.lowerBound(since, true);

/**
 * One partnership's records with `updatedAt` after `since`, tombstones included, read in one
 * transaction. People: those changed since then whom any of its meetings names, and everyone
 * the changed meetings name (so a meeting never reaches the server without its people).
 */
export async function partnershipChangesSince(
  db: PulseDatabase,
  partnershipId: string,
  since: number,
): Promise<PartnershipChanges> {
  const tx = db.transaction(['partnerships', 'memberships', 'people', 'meetings'], 'readonly');
  const [partnerships, memberships, allMeetings, changedPeople] = await Promise.all([
    tx.objectStore('partnerships').index('by-updated').getAll(after(since)),
    tx.objectStore('memberships').index('by-updated').getAll(after(since)),
    tx
      .objectStore('meetings')
      .index('by-partnership-start')
      .getAll(IDBKeyRange.bound([partnershipId, -Infinity], [partnershipId, Infinity])),
    tx.objectStore('people').index('by-updated').getAll(after(since)),
  ]);
  const meetings = allMeetings.filter((m) => m.updatedAt > since).sort((a, b) => a.updatedAt - b.updatedAt);
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
  const fetched = await Promise.all(missing.map((id) => tx.objectStore('people').get(id)));
  for (const person of fetched) if (person) people.set(person.id, person);
  await tx.done;
  return {
    partnerships: partnerships.filter((p) => p.id === partnershipId),
    memberships: memberships.filter((m) => m.partnershipId === partnershipId),
    people: [...people.values()],
    meetings,
  };
}

/** Organisations and purpose tags with `updatedAt` after `since`, tombstones included. */
export async function directoryChangesSince(db: PulseDatabase, since: number): Promise<DirectoryChanges> {
  const tx = db.transaction(['organisations', 'purposeTags'], 'readonly');
  const [organisations, purposeTags] = await Promise.all([
    tx.objectStore('organisations').index('by-updated').getAll(after(since)),
    tx.objectStore('purposeTags').index('by-updated').getAll(after(since)),
  ]);
  await tx.done;
  return { organisations, purposeTags };
}

/** The stored `updatedAt` of each of `ids` that is stored in `store` (tombstones included). */
export async function storedUpdatedAt(
  db: PulseDatabase,
  store: 'partnerships' | 'memberships' | 'people' | 'meetings' | 'organisations' | 'purposeTags',
  ids: readonly string[],
): Promise<Map<string, number>> {
  const tx = db.transaction(store, 'readonly');
  const records = await Promise.all(ids.map((id) => tx.store.get(id)));
  await tx.done;
  const stamps = new Map<string, number>();
  for (const record of records) if (record) stamps.set(record.id, record.updatedAt);
  return stamps;
}
