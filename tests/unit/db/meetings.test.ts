import { beforeEach, describe, expect, it, vi } from 'vitest';
import { onChange, type Change } from '../../../utils/db/changes';
import {
  deleteMeeting,
  findMeetingByCallKey,
  getMeeting,
  listMeetings,
  listMeetingsByCallKey,
  restoreMeeting,
  saveMeeting,
} from '../../../utils/db/meetings';
import type { Meeting } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { freshDb } from './helpers';

type MeetingInput = Parameters<typeof saveMeeting>[1];

function input(extra: Partial<MeetingInput> = {}): MeetingInput {
  return {
    partnershipId: 'p1',
    status: 'held',
    platform: 'meet',
    title: 'Core partners',
    startAt: 1_700_000_000_000,
    kind: 'core',
    purposeTagIds: [],
    agenda: 'yes',
    attendees: [],
    decisions: '',
    notes: '',
    ...extra,
  };
}

const HOUR = 3_600_000;
let db: PulseDatabase;

beforeEach(async () => {
  db = await freshDb('meetings');
});

describe('saveMeeting', () => {
  it('derives the organisations represented from the attendees', async () => {
    const meeting = await saveMeeting(
      db,
      input({
        attendees: [
          { displayName: 'A', organisationId: 'org-a' },
          { displayName: 'B' },
          { displayName: 'C', organisationId: 'org-b' },
          { displayName: 'D', organisationId: 'org-a' },
        ],
        organisationIds: ['stale'],
      }),
    );
    expect(meeting.organisationIds).toEqual(['org-a', 'org-b']);
    expect((await db.getAllFromIndex('meetings', 'by-organisation', 'org-b')).map((m) => m.id)).toEqual([meeting.id]);
  });

  it('updates a meeting in place and announces both writes', async () => {
    const changes: Change[] = [];
    const stop = onChange((change) => changes.push(change));
    const meeting = await saveMeeting(db, input());
    const edited = await saveMeeting(db, { ...meeting, notes: 'Agreed the rota.', endAt: meeting.startAt + HOUR });
    stop();
    expect(edited).toMatchObject({ id: meeting.id, createdAt: meeting.createdAt, notes: 'Agreed the rota.' });
    expect(await getMeeting(db, meeting.id)).toEqual(edited);
    expect(changes).toEqual([
      { store: 'meetings', ids: [meeting.id] },
      { store: 'meetings', ids: [meeting.id] },
    ]);
  });
});

describe('delete and restore', () => {
  it('hides a deleted meeting and brings it back on undo', async () => {
    const meeting = await saveMeeting(db, input({ notes: 'Keep me' }));
    const changes: Change[] = [];
    const stop = onChange((change) => changes.push(change));

    const deleted = await deleteMeeting(db, meeting.id);
    expect(deleted?.deletedAt).toEqual(expect.any(Number));
    expect(await getMeeting(db, meeting.id)).toBeUndefined();
    expect((await getMeeting(db, meeting.id, { includeDeleted: true }))?.deletedAt).toBe(deleted?.deletedAt);
    expect(await listMeetings(db)).toEqual([]);
    expect((await listMeetings(db, { includeDeleted: true })).map((m) => m.id)).toEqual([meeting.id]);

    const restored = await restoreMeeting(db, meeting.id);
    stop();
    expect(restored).not.toHaveProperty('deletedAt');
    expect(restored!.updatedAt).toBeGreaterThan(deleted!.updatedAt);
    const { updatedAt: _a, ...before } = meeting;
    const { updatedAt: _b, ...after } = (await getMeeting(db, meeting.id))!;
    expect(after).toEqual(before);
    expect(changes).toEqual([
      { store: 'meetings', ids: [meeting.id] },
      { store: 'meetings', ids: [meeting.id] },
    ]);
  });

  it('does nothing for an unknown id', async () => {
    expect(await deleteMeeting(db, 'nope')).toBeUndefined();
    expect(await restoreMeeting(db, 'nope')).toBeUndefined();
    expect(await db.count('meetings')).toBe(0);
  });
});

describe('listMeetings', () => {
  it('skips tombstones without returning fewer than the limit', async () => {
    const made: Meeting[] = [];
    for (let i = 0; i < 6; i += 1) made.push(await saveMeeting(db, input({ startAt: i * HOUR, title: `M${i}` })));
    await deleteMeeting(db, made[5]!.id);
    await deleteMeeting(db, made[3]!.id);
    expect((await listMeetings(db, { limit: 3 })).map((m) => m.title)).toEqual(['M4', 'M2', 'M1']);
    expect((await listMeetings(db, { limit: 3, includeDeleted: true })).map((m) => m.title)).toEqual([
      'M5',
      'M4',
      'M3',
    ]);
    expect(await listMeetings(db, { limit: 0 })).toEqual([]);
    expect(await listMeetings(db, { from: 10, to: 5 })).toEqual([]);
  });
});

describe('call keys', () => {
  it('finds the meeting on a call link nearest the given time (a recurring link has many)', async () => {
    const day = 24 * HOUR;
    const now = 100 * day;
    const older = await saveMeeting(db, input({ callKey: 'meet:abc-defg-hij', startAt: now - 28 * day }));
    const today = await saveMeeting(
      db,
      input({ callKey: 'meet:abc-defg-hij', startAt: now - HOUR, status: 'planned' }),
    );
    const next = await saveMeeting(
      db,
      input({ callKey: 'meet:abc-defg-hij', startAt: now + 28 * day, status: 'planned' }),
    );
    await saveMeeting(db, input({ callKey: 'meet:zzz-zzzz-zzz', startAt: now }));

    expect((await findMeetingByCallKey(db, 'meet:abc-defg-hij', now))?.id).toBe(today.id);
    expect((await findMeetingByCallKey(db, 'meet:abc-defg-hij', now - 27 * day))?.id).toBe(older.id);
    expect((await listMeetingsByCallKey(db, 'meet:abc-defg-hij')).map((m) => m.id)).toEqual([
      next.id,
      today.id,
      older.id,
    ]);

    await deleteMeeting(db, today.id);
    expect((await findMeetingByCallKey(db, 'meet:abc-defg-hij', now))?.id).not.toBe(today.id);
    expect(await findMeetingByCallKey(db, 'meet:nothing')).toBeUndefined();
  });

  it('uses the current time when none is given', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 50 * HOUR });
    const near = await saveMeeting(db, input({ callKey: 'meet:k', startAt: 49 * HOUR }));
    await saveMeeting(db, input({ callKey: 'meet:k', startAt: 10 * HOUR }));
    await saveMeeting(db, input({ callKey: 'meet:k', startAt: 500 * HOUR }));
    expect((await findMeetingByCallKey(db, 'meet:k'))?.id).toBe(near.id);
    vi.useRealTimers();
  });
});
