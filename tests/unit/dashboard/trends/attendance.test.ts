import { describe, expect, it } from 'vitest';
import type { Meeting, MeetingKind, Membership, PartnerType } from '../../../../utils/db/records';
import {
  ofKinds,
  organisationAttendance,
  type OrganisationAttendance,
} from '../../../../utils/dashboard/trends/attendance';
import { meeting as aMeeting, membership } from '../../../factories';

const P = 'partnership-a';

function member(
  organisationId: string,
  partnerType: PartnerType,
  joinedOn: string,
  leftOn?: string,
  partnershipId = P,
): Membership {
  // The factory's id: partnership, organisation and the day it joined.
  return membership({ partnershipId, organisationId, partnerType, joinedOn, ...(leftOn ? { leftOn } : {}) });
}

function meeting(
  id: string,
  kind: MeetingKind,
  startAt: number,
  organisationIds: string[],
  extra: Partial<Meeting> = {},
): Meeting {
  return aMeeting({
    id,
    createdAt: startAt,
    updatedAt: startAt,
    partnershipId: P,
    platform: 'meet',
    title: id,
    startAt,
    kind,
    organisationIds,
    ...extra,
  });
}

const at = (month: number, day: number, hour = 10) => Date.UTC(2026, month - 1, day, hour);

const memberships = [
  member('L', 'lead', '2025-01-01'),
  member('C1', 'core', '2025-01-01'),
  member('C2', 'core', '2025-01-01', '2026-03-01'), // left when its funding ended
  member('W1', 'wider', '2025-01-01'),
  member('W2', 'wider', '2026-02-15'), // joined late
];

const meetings = [
  meeting('m1', 'core', at(1, 10), ['L', 'C1', 'C2']),
  meeting('m2', 'wider', at(1, 20), ['L', 'W1']),
  meeting('m3', 'core', at(2, 10), ['L', 'C2']),
  meeting('m4', 'forum', at(2, 20), ['L', 'W2']),
  meeting('m5', 'core', at(3, 10), ['L']),
  meeting('m6', 'one-to-one', at(3, 15), ['L', 'C1']),
  meeting('m7', 'wider', at(4, 1), ['L', 'W1']),
  meeting('m8', 'core', at(4, 20), ['L'], { deletedAt: at(4, 21) }),
  meeting('m9', 'core', at(5, 20), [], { status: 'planned' }),
];

const byOrganisation = (rows: OrganisationAttendance[]) =>
  Object.fromEntries(rows.map((row) => [row.organisationId, row]));
const asOf = at(5, 1);

describe('organisationAttendance', () => {
  const rows = byOrganisation(organisationAttendance(meetings, memberships, { timeZone: 'Europe/London', asOf }));

  it('counts each organisation only at the meetings it was expected at', () => {
    // C1: m1 ✓, m2 ✗, m3 ✗, m4 ✗, m5 ✗, m7 ✗ (the 1:1 expects nobody; deleted and planned meetings do not count).
    expect(rows.C1).toMatchObject({
      partnerType: 'core',
      expected: 6,
      attended: 1,
      rate: 1 / 6,
      missedInARow: 5,
      lastAttendedAt: at(1, 10),
    });
    expect(rows.L).toMatchObject({ expected: 6, attended: 6, rate: 1, missedInARow: 0, status: 'member' });
    // W1 is expected at wider meetings and the forum, never at core meetings.
    expect(rows.W1).toMatchObject({ expected: 3, attended: 2, missedInARow: 0, status: 'member' });
  });

  it('calls a member that missed its last three expected meetings drifting', () => {
    expect(rows.C1!.status).toBe('drifting');
    expect(
      Object.values(rows)
        .filter((row) => row.status === 'drifting')
        .map((row) => row.organisationId),
    ).toEqual(['C1']);
  });

  it('does not count a partner that left after it left, and never calls it drifting', () => {
    // C2: m1 ✓, m2 ✗, m3 ✓, m4 ✗, then gone from 1 March.
    expect(rows.C2).toMatchObject({ status: 'left', leftOn: '2026-03-01', expected: 4, attended: 2, missedInARow: 1 });
    const strict = byOrganisation(
      organisationAttendance(meetings, memberships, { timeZone: 'UTC', asOf, driftAfter: 1 }),
    );
    expect(strict.C2!.status).toBe('left');
  });

  it('does not count a partner that joined late before it joined', () => {
    // W2: m4 ✓, m7 ✗; m2 was before it joined.
    expect(rows.W2).toMatchObject({ expected: 2, attended: 1, missedInARow: 1, status: 'member' });
  });

  it('takes N from the options: one missed meeting is enough with N = 1, none is drifting with N = 6', () => {
    const one = byOrganisation(organisationAttendance(meetings, memberships, { timeZone: 'UTC', asOf, driftAfter: 1 }));
    expect(one.W2!.status).toBe('drifting');
    expect(one.W1!.status).toBe('member');
    const six = organisationAttendance(meetings, memberships, { timeZone: 'UTC', asOf, driftAfter: 6 });
    expect(six.some((row) => row.status === 'drifting')).toBe(false);
    const five = byOrganisation(
      organisationAttendance(meetings, memberships, { timeZone: 'UTC', asOf, driftAfter: 5 }),
    );
    expect(five.C1!.status).toBe('drifting');
  });

  it('ends membership on the local date: a meeting at 00:30 BST is on the day it joined', () => {
    const joining = [member('L', 'lead', '2025-01-01'), member('N', 'wider', '2026-06-01')];
    // 23:30 UTC on 31 May is 00:30 on 1 June in London.
    const lateNight = [meeting('w', 'wider', Date.UTC(2026, 4, 31, 23, 30), ['L'])];
    const london = byOrganisation(
      organisationAttendance(lateNight, joining, { timeZone: 'Europe/London', asOf: at(7, 1) }),
    );
    const utc = byOrganisation(organisationAttendance(lateNight, joining, { timeZone: 'UTC', asOf: at(7, 1) }));
    expect(london.N).toMatchObject({ expected: 1, attended: 0, missedInARow: 1 });
    expect(utc.N).toMatchObject({ expected: 0, attended: 0, rate: null });
  });

  it('ignores meetings after the asOf date, and keeps partnerships apart', () => {
    const other = [
      member('L', 'lead', '2025-01-01', undefined, 'partnership-b'),
      member('C1', 'core', '2025-01-01', undefined, 'partnership-b'),
    ];
    const rowsEarly = organisationAttendance(meetings, [...memberships, ...other], {
      timeZone: 'UTC',
      asOf: at(1, 15),
    });
    const a = rowsEarly.filter((row) => row.partnershipId === P);
    const b = rowsEarly.filter((row) => row.partnershipId === 'partnership-b');
    expect(byOrganisation(a).C1).toMatchObject({ expected: 1, attended: 1 });
    expect(b.map((row) => [row.organisationId, row.expected])).toEqual([
      ['L', 0],
      ['C1', 0],
    ]);
  });

  it('counts only the chosen kinds when asked', () => {
    const coreOnly = byOrganisation(
      organisationAttendance(ofKinds(meetings, ['core']), memberships, { timeZone: 'UTC', asOf }),
    );
    expect(coreOnly.C1).toMatchObject({ expected: 3, attended: 1, missedInARow: 2, status: 'member' });
    expect(coreOnly.W1).toMatchObject({ expected: 0, rate: null });
    expect(ofKinds(meetings, [])).toHaveLength(meetings.length);
  });
});
