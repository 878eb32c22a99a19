import { unwrap, wrap, type IDBPCursorWithValue } from 'idb';
import type { Attendee, Meeting } from './records';
import { getRecord, saveRecord, updateRecord } from './records-store';
import type { PulseDB, PulseDatabase } from './schema';
import type { SaveInput } from './stamp';

export function getMeeting(
  db: PulseDatabase,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<Meeting | undefined> {
  return getRecord(db, 'meetings', id, options.includeDeleted);
}

/** The organisations represented, in attendee order, once each. */
export function representedOrganisations(attendees: readonly Pick<Attendee, 'organisationId'>[]): string[] {
  const ids: string[] = [];
  for (const { organisationId } of attendees) {
    if (organisationId && !ids.includes(organisationId)) ids.push(organisationId);
  }
  return ids;
}

/**
 * Save a meeting; `organisationIds` is always derived from its attendees, or with none listed,
 * from the counts per organisation a workspace brought (utils/sync/attendance.ts).
 */
export function saveMeeting(
  db: PulseDatabase,
  input: Omit<SaveInput<Meeting>, 'organisationIds'> & { organisationIds?: string[] },
): Promise<Meeting> {
  const present = input.attendees.length === 0 && input.attendanceCounts ? input.attendanceCounts : input.attendees;
  return saveRecord(db, 'meetings', { ...input, organisationIds: representedOrganisations(present) });
}

/** A tombstone: the meeting disappears from lists and can be restored. */
export function deleteMeeting(db: PulseDatabase, id: string): Promise<Meeting | undefined> {
  return updateRecord(db, 'meetings', id, (meeting) => {
    meeting.deletedAt = Date.now();
  });
}

/** Undo deleteMeeting. */
export function restoreMeeting(db: PulseDatabase, id: string): Promise<Meeting | undefined> {
  return updateRecord(db, 'meetings', id, (meeting) => {
    delete meeting.deletedAt;
  });
}

export interface ListMeetingsOptions {
  partnershipId?: string;
  /** Start times from (inclusive) … to (exclusive), epoch ms. */
  from?: number;
  to?: number;
  limit?: number;
  includeDeleted?: boolean;
}

/**
 * Meetings newest first. Walks the `by-partnership-start` (or `by-start`) index backwards over
 * the range and stops at `limit`, so it costs the same with 10 or 10,000 meetings stored.
 */
export async function listMeetings(db: PulseDatabase, options: ListMeetingsOptions = {}): Promise<Meeting[]> {
  const { partnershipId, from = -Infinity, to = Infinity, limit = Infinity, includeDeleted = false } = options;
  if (limit <= 0 || from >= to) return [];

  const tx = db.transaction('meetings');
  const [index, range] =
    partnershipId === undefined
      ? [tx.store.index('by-start'), IDBKeyRange.bound(from, to, false, true)]
      : [
          tx.store.index('by-partnership-start'),
          IDBKeyRange.bound([partnershipId, from], [partnershipId, to], false, true),
        ];
  const keep = (meeting: Meeting) => includeDeleted || meeting.deletedAt === undefined;
  const raw = unwrap(index) as IDBIndex & Partial<GetAllRecords>;
  return raw.getAllRecords
    ? newestByBatch(raw as IDBIndex & GetAllRecords, range, limit, keep)
    : newestByCursor(await index.openCursor(range, 'prev'), limit, keep);
}

/** IndexedDB 3.0: newest first in one request; browsers without it walk a cursor. */
interface GetAllRecords {
  getAllRecords(options: {
    query: IDBKeyRange;
    count?: number;
    direction: IDBCursorDirection;
  }): IDBRequest<Array<{ value: Meeting }>>;
}

async function newestByBatch(
  index: IDBIndex & GetAllRecords,
  query: IDBKeyRange,
  limit: number,
  keep: (meeting: Meeting) => boolean,
): Promise<Meeting[]> {
  // Tombstones are rare: ask for `limit`, and only ask again (for twice as many) if some were dropped.
  for (let count = limit; ; count *= 2) {
    const records = await wrap(
      index.getAllRecords({ query, direction: 'prev', ...(Number.isFinite(count) ? { count } : {}) }),
    );
    const meetings = records.map((record) => record.value).filter(keep);
    if (meetings.length >= limit || records.length < count) return meetings.slice(0, limit);
  }
}

async function newestByCursor(
  first: IDBPCursorWithValue<PulseDB, ['meetings'], 'meetings', 'by-start' | 'by-partnership-start'> | null,
  limit: number,
  keep: (meeting: Meeting) => boolean,
): Promise<Meeting[]> {
  const meetings: Meeting[] = [];
  let cursor = first;
  while (cursor && meetings.length < limit) {
    if (keep(cursor.value)) meetings.push(cursor.value);
    cursor = await cursor.continue();
  }
  return meetings;
}

/**
 * For each partnership, its live held meetings that started before `before`, newest first, handed
 * to `visit` until it answers true (enough): one transaction, one backwards cursor each, so the
 * walk stops as soon as the caller has what it needs.
 */
export async function walkHeldMeetingsBefore(
  db: PulseDatabase,
  partnershipIds: readonly string[],
  before: number,
  visit: (partnershipId: string, meeting: Meeting) => boolean,
): Promise<void> {
  const tx = db.transaction('meetings');
  const index = tx.store.index('by-partnership-start');
  await Promise.all(
    partnershipIds.map(async (partnershipId) => {
      let cursor = await index.openCursor(
        IDBKeyRange.bound([partnershipId, -Infinity], [partnershipId, before], false, true),
        'prev',
      );
      while (cursor) {
        const meeting = cursor.value;
        if (meeting.status === 'held' && meeting.deletedAt === undefined && visit(partnershipId, meeting)) break;
        cursor = await cursor.continue();
      }
    }),
  );
  await tx.done;
}

export async function listMeetingsByCallKey(db: PulseDatabase, callKey: string): Promise<Meeting[]> {
  const meetings = await db.getAllFromIndex('meetings', 'by-call', callKey);
  return meetings.filter((meeting) => meeting.deletedAt === undefined).sort((a, b) => b.startAt - a.startAt);
}

/** The meeting on this call link whose start is nearest to `near` (default: now). */
export async function findMeetingByCallKey(
  db: PulseDatabase,
  callKey: string,
  near: number = Date.now(),
): Promise<Meeting | undefined> {
  const meetings = await listMeetingsByCallKey(db, callKey);
  return meetings.reduce<Meeting | undefined>(
    (best, meeting) => (best && Math.abs(best.startAt - near) <= Math.abs(meeting.startAt - near) ? best : meeting),
    undefined,
  );
}
