import { describe, expect, it } from 'vitest';
import type { LiveCall } from '../../../../utils/meeting/attendance/live-call';
import { snapshotFingerprint, snapshotsEqual, trackSnapshot } from '../../../../utils/meeting/attendance/track';
import type { CallSnapshot, SeenParticipant } from '../../../../utils/platforms/snapshot';

const T0 = Date.UTC(2025, 4, 13, 9, 0);
const MINUTE = 60_000;

function snap(participants: SeenParticipant[] | null, overrides: Partial<CallSnapshot> = {}): CallSnapshot {
  return {
    kind: 'call',
    platform: 'meet',
    url: 'https://meet.google.com/xkr-pqnd-tws',
    callKey: 'meet:xkr-pqnd-tws',
    title: 'Hartside Food Partnership: core partners',
    participants,
    selfName: 'Priya Raman',
    ...overrides,
  };
}

const people = (...names: string[]) => names.map((name) => ({ name }));

describe('trackSnapshot', () => {
  it('starts a call at the first snapshot, everyone first and last seen now', () => {
    const live = trackSnapshot(undefined, snap(people('Priya Raman', 'Tom Fairbairn')), 7, T0);
    expect(live).toEqual<LiveCall>({
      tabId: 7,
      platform: 'meet',
      url: 'https://meet.google.com/xkr-pqnd-tws',
      callKey: 'meet:xkr-pqnd-tws',
      title: 'Hartside Food Partnership: core partners',
      selfName: 'Priya Raman',
      participantsReadable: true,
      participants: [
        { name: 'Priya Raman', firstSeenAt: T0, lastSeenAt: T0, present: true },
        { name: 'Tom Fairbairn', firstSeenAt: T0, lastSeenAt: T0, present: true },
      ],
      startedAt: T0,
      updatedAt: T0,
    });
  });

  it('records who joined late and who left early, keeping those who left', () => {
    let live = trackSnapshot(undefined, snap(people('Priya Raman', 'Tom Fairbairn')), 7, T0);
    live = trackSnapshot(live, snap(people('Priya Raman', 'Tom Fairbairn', 'Grace Mensah')), 7, T0 + 5 * MINUTE);
    live = trackSnapshot(live, snap(people('Priya Raman', 'Grace Mensah')), 7, T0 + 40 * MINUTE);
    live = trackSnapshot(live, snap(people('Priya Raman', 'Grace Mensah')), 7, T0 + 60 * MINUTE);

    expect(live.participants).toEqual([
      { name: 'Priya Raman', firstSeenAt: T0, lastSeenAt: T0 + 60 * MINUTE, present: true },
      { name: 'Tom Fairbairn', firstSeenAt: T0, lastSeenAt: T0 + 5 * MINUTE, present: false },
      { name: 'Grace Mensah', firstSeenAt: T0 + 5 * MINUTE, lastSeenAt: T0 + 60 * MINUTE, present: true },
    ]);
    expect(live.startedAt).toBe(T0);
    expect(live.updatedAt).toBe(T0 + 60 * MINUTE);
  });

  it('welcomes back someone who left, keeping when they were first seen', () => {
    let live = trackSnapshot(undefined, snap(people('Tom Fairbairn')), 7, T0);
    live = trackSnapshot(live, snap([]), 7, T0 + MINUTE);
    live = trackSnapshot(live, snap(people('Tom Fairbairn')), 7, T0 + 9 * MINUTE);
    expect(live.participants).toEqual([
      { name: 'Tom Fairbairn', firstSeenAt: T0, lastSeenAt: T0 + 9 * MINUTE, present: true },
    ]);
  });

  it('matches names regardless of case and spacing, and adds an email shown later', () => {
    let live = trackSnapshot(undefined, snap([{ name: 'Grace Mensah' }]), 7, T0);
    live = trackSnapshot(
      live,
      snap([{ name: 'grace  MENSAH', email: 'Grace.Mensah@AgeUKHartside.example' }]),
      7,
      T0 + MINUTE,
    );
    expect(live.participants).toEqual([
      {
        name: 'Grace Mensah',
        email: 'grace.mensah@ageukhartside.example',
        firstSeenAt: T0,
        lastSeenAt: T0 + MINUTE,
        present: true,
      },
    ]);
    // …and a later snapshot without the email is still the same person.
    live = trackSnapshot(live, snap([{ name: 'Grace Mensah' }]), 7, T0 + 2 * MINUTE);
    expect(live.participants).toHaveLength(1);
    expect(live.participants[0]).toMatchObject({
      email: 'grace.mensah@ageukhartside.example',
      lastSeenAt: T0 + 2 * MINUTE,
      present: true,
    });
  });

  it('keeps two people with the same name apart when their emails differ', () => {
    const live = trackSnapshot(
      undefined,
      snap([
        { name: 'Sam Patel', email: 'sam.patel@hartside-council.example' },
        { name: 'Sam Patel', email: 'sam@northmoorta.example' },
      ]),
      7,
      T0,
    );
    expect(live.participants.map((p) => p.email)).toEqual([
      'sam.patel@hartside-council.example',
      'sam@northmoorta.example',
    ]);
  });

  it("keeps two people of one name and no email apart by the platform's participant id, each with their own times", () => {
    const samA = { name: 'Sam Patel', id: 'spaces/xkr-pqnd-tws/devices/104' };
    const samB = { name: 'Sam Patel', id: 'spaces/xkr-pqnd-tws/devices/117' };
    let live = trackSnapshot(undefined, snap([samA]), 7, T0);
    live = trackSnapshot(live, snap([samB, samA]), 7, T0 + MINUTE);
    // The first Sam leaves; the list now shows the second one only, wherever it stands.
    live = trackSnapshot(live, snap([samB]), 7, T0 + 2 * MINUTE);
    expect(live.participants.map((p) => [p.id, p.present, p.firstSeenAt, p.lastSeenAt])).toEqual([
      [samA.id, false, T0, T0 + MINUTE],
      [samB.id, true, T0 + MINUTE, T0 + 2 * MINUTE],
    ]);
  });

  it('takes a namesake back under a new id (a rejoin, another device) while the one of the old id is not on the page', () => {
    let live = trackSnapshot(undefined, snap([{ name: 'Sam Patel', id: 'devices/104' }]), 7, T0);
    live = trackSnapshot(live, snap([]), 7, T0 + MINUTE);
    live = trackSnapshot(live, snap([{ name: 'Sam Patel', id: 'devices/230' }]), 7, T0 + 2 * MINUTE);
    expect(live.participants).toEqual([
      { name: 'Sam Patel', id: 'devices/230', firstSeenAt: T0, lastSeenAt: T0 + 2 * MINUTE, present: true },
    ]);
  });

  it('keeps the people already seen, unchanged, while the list cannot be read', () => {
    const before = trackSnapshot(undefined, snap(people('Priya Raman', 'Tom Fairbairn')), 7, T0);
    const during = trackSnapshot(before, snap(null, { title: null, selfName: null }), 7, T0 + MINUTE);
    expect(during.participantsReadable).toBe(false);
    expect(during.participants).toEqual(before.participants);
    // What the snapshot could not read is not forgotten either.
    expect(during.title).toBe('Hartside Food Partnership: core partners');
    expect(during.selfName).toBe('Priya Raman');
    expect(during.updatedAt).toBe(T0 + MINUTE);

    const after = trackSnapshot(during, snap(people('Priya Raman')), 7, T0 + 2 * MINUTE);
    expect(after.participantsReadable).toBe(true);
    expect(after.participants.map((p) => [p.name, p.present, p.lastSeenAt])).toEqual([
      ['Priya Raman', true, T0 + 2 * MINUTE],
      ['Tom Fairbairn', false, T0],
    ]);
  });

  it('does not take people missing from a partial list (only the rows on screen) for gone', () => {
    let live = trackSnapshot(undefined, snap(people('Priya Raman', 'Tom Fairbairn', 'Grace Mensah')), 7, T0);
    live = trackSnapshot(live, snap(people('Grace Mensah', 'Kwame Asante'), { listIsPartial: true }), 7, T0 + MINUTE);
    expect(live.participants.map((p) => [p.name, p.present, p.lastSeenAt])).toEqual([
      ['Priya Raman', true, T0],
      ['Tom Fairbairn', true, T0],
      ['Grace Mensah', true, T0 + MINUTE],
      ['Kwame Asante', true, T0 + MINUTE],
    ]);
    // A complete list again: now the missing have left.
    live = trackSnapshot(live, snap(people('Priya Raman', 'Grace Mensah', 'Kwame Asante')), 7, T0 + 2 * MINUTE);
    expect(live.participants.find((p) => p.name === 'Tom Fairbairn')).toMatchObject({ present: false, lastSeenAt: T0 });
  });

  it('starts afresh when the tab moves to another call', () => {
    const first = trackSnapshot(undefined, snap(people('Priya Raman', 'Tom Fairbairn')), 7, T0);
    const next = trackSnapshot(
      first,
      snap(people('Priya Raman', 'Kwame Asante'), {
        callKey: 'meet:abc-defg-hij',
        url: 'https://meet.google.com/abc-defg-hij',
        title: null,
      }),
      7,
      T0 + 90 * MINUTE,
    );
    expect(next.callKey).toBe('meet:abc-defg-hij');
    expect(next.startedAt).toBe(T0 + 90 * MINUTE);
    expect(next.title).toBeNull();
    expect(next.participants.map((p) => [p.name, p.firstSeenAt])).toEqual([
      ['Priya Raman', T0 + 90 * MINUTE],
      ['Kwame Asante', T0 + 90 * MINUTE],
    ]);
  });

  it('does not change the previous state it was given', () => {
    const first = trackSnapshot(undefined, snap(people('Priya Raman', 'Tom Fairbairn')), 7, T0);
    const copy = structuredClone(first);
    trackSnapshot(first, snap(people('Priya Raman')), 7, T0 + MINUTE);
    expect(first).toEqual(copy);
  });
});

describe('snapshotsEqual / snapshotFingerprint', () => {
  it('ignores the order of participants but not who they are', () => {
    const a = snap(people('Priya Raman', 'Tom Fairbairn'));
    expect(snapshotsEqual(a, snap(people('Tom Fairbairn', 'Priya Raman')))).toBe(true);
    expect(snapshotsEqual(a, snap(people('Priya Raman')))).toBe(false);
    expect(snapshotsEqual(a, snap([{ name: 'Priya Raman' }, { name: 'Tom Fairbairn', email: 'tom@x.example' }]))).toBe(
      false,
    );
    // Which of two namesakes is on the page is who they are too.
    expect(snapshotsEqual(snap([{ name: 'Sam Patel', id: 'a' }]), snap([{ name: 'Sam Patel', id: 'b' }]))).toBe(false);
  });

  it('tells an unreadable list from an empty one, and notices the title, address and the user', () => {
    const a = snap([]);
    expect(snapshotsEqual(a, snap(null))).toBe(false);
    expect(snapshotsEqual(a, snap([], { title: 'Another' }))).toBe(false);
    expect(snapshotsEqual(a, snap([], { url: 'https://meet.google.com/xkr-pqnd-tws?authuser=1' }))).toBe(false);
    expect(snapshotsEqual(a, snap([], { selfName: null }))).toBe(false);
    expect(snapshotsEqual(a, snap([], { listIsPartial: true }))).toBe(false);
    expect(snapshotsEqual(a, snap([], { listIsPartial: false }))).toBe(true);
    expect(snapshotsEqual(a, snap([]))).toBe(true);
  });

  it('notices the page’s own count and which part of the page was read, so "Read N of M" follows them', () => {
    // Someone joins off-screen in a virtualised roster: the rows on screen are the same, the count is not.
    const a = snap(people('Priya Raman'), { pageCount: 293, listIsPartial: true, source: 'roster' });
    expect(
      snapshotsEqual(a, snap(people('Priya Raman'), { pageCount: 294, listIsPartial: true, source: 'roster' })),
    ).toBe(false);
    expect(snapshotsEqual(a, snap(people('Priya Raman'), { listIsPartial: true, source: 'roster' }))).toBe(false);
    expect(
      snapshotsEqual(a, snap(people('Priya Raman'), { pageCount: 293, listIsPartial: true, source: 'tiles' })),
    ).toBe(false);
    expect(
      snapshotsEqual(a, snap(people('Priya Raman'), { pageCount: 293, listIsPartial: true, source: 'roster' })),
    ).toBe(true);
  });

  it('cannot be fooled by names that contain separators or quotes', () => {
    for (const name of ['A\u001e\u001fB', 'A","B', 'A\n B', 'A\\","B']) {
      expect(snapshotFingerprint(snap([{ name }]))).not.toBe(snapshotFingerprint(snap([{ name: 'A' }, { name: 'B' }])));
    }
    expect(snapshotFingerprint(snap([{ name: 'A', email: 'b' }]))).not.toBe(
      snapshotFingerprint(snap([{ name: 'A b' }])),
    );
  });

  it('compares calendar snapshots by their event', () => {
    const event = {
      title: 'Core',
      start: null,
      end: null,
      guests: [{ email: 'a@x.example' }],
      callLink: null,
      callKey: null,
    };
    const cal = {
      kind: 'calendar',
      platform: 'gcal',
      url: 'https://calendar.google.com/',
      event,
      recognised: true,
    } as const;
    expect(snapshotsEqual(cal, { ...cal, event: { ...event } })).toBe(true);
    expect(snapshotsEqual(cal, { ...cal, event: { ...event, guests: [] } })).toBe(false);
    expect(snapshotsEqual(cal, { ...cal, event: null })).toBe(false);
    expect(snapshotsEqual(cal, { ...cal, event: null, recognised: false })).toBe(false);
  });
});
