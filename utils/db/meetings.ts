import type { Attendee, Meeting } from './records';
import { getRecord, saveRecord, updateRecord } from './records-store';
import type { PulseDatabase } from './schema';
import type { SaveInput } from './stamp';

export function getMeeting(db: PulseDatabase, id: string, options: { includeDeleted?: boolean } = {}): Promise<Meeting | undefined> {
  return getRecord(db, 'meetings', id, options.includeDeleted);
}

/** The organisations represented, in attendee order, once each. */
export function representedOrganisations(attendees: Attendee[]): string[] {
  const ids: string[] = [];
  for (const { organisationId } of attendees) {
    if (organisationId && !ids.includes(organisationId)) ids.push(organisationId);
  }
  return ids;
}

/** Save a meeting; `organisationIds` is always derived from its attendees. */
export function saveMeeting(
  db: PulseDatabase,
  input: Omit<SaveInput<Meeting>, 'organisationIds'> & { organisationIds?: string[] },
): Promise<Meeting> {
  return saveRecord(db, 'meetings', { ...input, organisationIds: representedOrganisations(input.attendees) });
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
  const meetings: Meeting[] = [];
  if (limit <= 0 || from >= to) return meetings;

  const tx = db.transaction('meetings');
  let cursor =
    partnershipId === undefined
      ? await tx.store.index('by-start').openCursor(IDBKeyRange.bound(from, to, false, true), 'prev')
      : await tx.store
          .index('by-partnership-start')
          .openCursor(IDBKeyRange.bound([partnershipId, from], [partnershipId, to], false, true), 'prev');
  while (cursor && meetings.length < limit) {
    if (includeDeleted || cursor.value.deletedAt === undefined) meetings.push(cursor.value);
    cursor = await cursor.continue();
  }
  return meetings;
}

/** Every meeting held or planned on this call link (a recurring link has many), newest first. */
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
