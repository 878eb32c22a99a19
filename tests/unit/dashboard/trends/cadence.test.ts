import { describe, expect, it } from 'vitest';
import { builtInPurposeId } from '../../../../utils/db/built-in-purposes';
import { DEFAULT_CADENCE, type Meeting, type MeetingKind } from '../../../../utils/db/records';
import { cadenceGaps, cadenceKindsOf, cadenceStatus, lastOfKinds } from '../../../../utils/dashboard/trends/cadence';

const partnership = { id: 'p', cadence: { ...DEFAULT_CADENCE }, startDate: '2025-06-01' };

function meeting(
  id: string,
  kind: MeetingKind,
  startAt: number,
  extra: Partial<Meeting> = {},
): Pick<Meeting, 'id' | 'partnershipId' | 'status' | 'startAt' | 'kind' | 'purposeTagIds' | 'deletedAt'> {
  return { id, partnershipId: 'p', status: 'held', startAt, kind, purposeTagIds: [], ...extra };
}

const at = (month: number, day: number, hour = 10) => Date.UTC(2026, month - 1, day, hour);
const REVIEW = builtInPurposeId('review');

const meetings = [
  meeting('c1', 'core', at(1, 5)),
  meeting('w1', 'wider', at(1, 15)),
  meeting('r1', 'one-to-one', at(2, 1), { purposeTagIds: [REVIEW] }),
  meeting('c2', 'core', at(2, 9)),
  meeting('f1', 'forum', at(3, 1)),
  meeting('c3', 'core', at(3, 30)),
  meeting('w2', 'wider', at(5, 1)),
  meeting('c4', 'core', at(5, 10), { deletedAt: at(5, 11) }),
  meeting('c5', 'core', at(6, 10), { status: 'planned' }),
];

describe('what a meeting counts for', () => {
  it('counts core and wider meetings, and reviews by kind or by the annual-review purpose', () => {
    expect(cadenceKindsOf({ kind: 'core', purposeTagIds: [] })).toEqual(['core']);
    expect(cadenceKindsOf({ kind: 'core', purposeTagIds: [REVIEW] })).toEqual(['core', 'review']);
    expect(cadenceKindsOf({ kind: 'review', purposeTagIds: [] })).toEqual(['review']);
    expect(cadenceKindsOf({ kind: 'one-to-one', purposeTagIds: [REVIEW] })).toEqual(['review']);
    expect(cadenceKindsOf({ kind: 'forum', purposeTagIds: [] })).toEqual([]);
  });
});

describe('cadenceGaps', () => {
  it('gives the days since the previous meeting of the kind, late when past the target', () => {
    const gaps = cadenceGaps(partnership, meetings, { timeZone: 'Europe/London', asOf: at(5, 20) });
    expect(gaps.map((g) => [g.meetingId, g.kind, g.daysSincePrevious, g.targetDays, g.late])).toEqual([
      ['c1', 'core', null, 42, false],
      ['w1', 'wider', null, 91, false],
      ['r1', 'review', null, 365, false],
      ['c2', 'core', 35, 42, false],
      ['c3', 'core', 49, 42, true],
      ['w2', 'wider', 106, 91, true],
    ]);
  });

  it('starts from the meetings before the range when given', () => {
    const gaps = cadenceGaps(partnership, meetings.slice(3), {
      timeZone: 'UTC',
      asOf: at(5, 20),
      previous: { core: at(1, 5), wider: at(1, 15) },
    });
    expect(gaps.map((g) => [g.meetingId, g.daysSincePrevious])).toEqual([
      ['c2', 35],
      ['c3', 49],
      ['w2', 106],
    ]);
  });

  it('counts calendar days across a daylight-saving change and around midnight', () => {
    // 23:30 UTC on 28 March is 23:30 in London; 23:30 UTC on 29 March is already 00:30 on the 30th.
    const edge = [
      meeting('a', 'core', Date.UTC(2026, 2, 28, 23, 30)),
      meeting('b', 'core', Date.UTC(2026, 2, 29, 23, 30)),
    ];
    const london = cadenceGaps(partnership, edge, { timeZone: 'Europe/London', asOf: at(4, 1) });
    const utc = cadenceGaps(partnership, edge, { timeZone: 'UTC', asOf: at(4, 1) });
    expect(london[1]!.daysSincePrevious).toBe(2);
    expect(utc[1]!.daysSincePrevious).toBe(1);
  });
});

describe('cadenceStatus', () => {
  it('compares days since the last core / wider meeting and review with the targets', () => {
    const status = cadenceStatus(partnership, lastOfKinds(meetings, at(5, 20)), {
      timeZone: 'Europe/London',
      asOf: at(5, 20),
    });
    expect(status.map((s) => [s.kind, s.daysSince, s.since, s.state])).toEqual([
      ['core', 51, 'meeting', 'overdue'], // since 30 March; the 10 May meeting was deleted
      ['wider', 19, 'meeting', 'ok'],
      ['review', 108, 'meeting', 'ok'],
    ]);
    expect(status[0]).toMatchObject({ lastAt: at(3, 30), targetDays: 42, dueAfterDays: 28 });
  });

  it('is due inside the 4–6 week window and overdue the day after it, on the local calendar', () => {
    // 23:30 UTC on 10 July is 00:30 on 11 July in London. 22 August is 42 days after the 11th, 43 after the 10th.
    const last = { core: Date.UTC(2026, 6, 10, 23, 30) };
    const asOf = Date.UTC(2026, 7, 22, 12);
    expect(cadenceStatus(partnership, last, { timeZone: 'Europe/London', asOf })[0]).toMatchObject({
      daysSince: 42,
      state: 'due',
    });
    expect(cadenceStatus(partnership, last, { timeZone: 'UTC', asOf })[0]).toMatchObject({
      daysSince: 43,
      state: 'overdue',
    });
    const early = cadenceStatus(partnership, last, { timeZone: 'UTC', asOf: Date.UTC(2026, 7, 7, 12) })[0];
    expect(early).toMatchObject({ daysSince: 28, state: 'ok' });
    const justDue = cadenceStatus(partnership, last, { timeZone: 'UTC', asOf: Date.UTC(2026, 7, 8, 12) })[0];
    expect(justDue).toMatchObject({ daysSince: 29, state: 'due' });
  });

  it('counts from the start of the partnership when a kind never met', () => {
    const young = { ...partnership, startDate: '2026-05-01' };
    const status = cadenceStatus(young, {}, { timeZone: 'UTC', asOf: at(5, 20) });
    expect(status.map((s) => [s.kind, s.daysSince, s.since, s.state])).toEqual([
      ['core', 19, 'start', 'ok'],
      ['wider', 19, 'start', 'ok'],
      ['review', 19, 'start', 'ok'],
    ]);
    const old = cadenceStatus(partnership, {}, { timeZone: 'UTC', asOf: at(6, 5) });
    expect(old.find((s) => s.kind === 'review')).toMatchObject({ daysSince: 369, state: 'overdue' });
  });

  it("follows the partnership's own targets", () => {
    const relaxed = { ...partnership, cadence: { ...DEFAULT_CADENCE, widerDays: 120 } };
    const status = cadenceStatus(relaxed, { wider: at(1, 15) }, { timeZone: 'UTC', asOf: at(5, 10) });
    expect(status[1]).toMatchObject({ daysSince: 115, targetDays: 120, dueAfterDays: 106, state: 'due' });
  });
});
