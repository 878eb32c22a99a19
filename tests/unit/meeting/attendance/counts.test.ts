import { describe, expect, it } from 'vitest';
import { organisationAttendance } from '../../../../utils/dashboard/trends/attendance';
import { representedOrganisations } from '../../../../utils/db/meetings';
import { attendeeCount, countByOrganisation } from '../../../../utils/meeting/attendance/counts';
import { stripNames } from '../../../../utils/sync/attendance';
import { meeting, membership } from '../../../factories';

const P = 'partnership-a';
const DAY = 86_400_000;
const T = Date.UTC(2026, 2, 2, 10);

const named = (id: string, startAt: number, attendees: Array<{ organisationId?: string }>) =>
  meeting({
    id,
    partnershipId: P,
    startAt,
    attendees: attendees.map((a, i) => ({ displayName: `Person ${i}`, ...a })),
    organisationIds: representedOrganisations(attendees),
  });

describe('attendance counts per organisation', () => {
  it('counts each organisation once per person, in the order they first appear, guests last as one row', () => {
    const rows = countByOrganisation([
      { organisationId: 'council' },
      {},
      { organisationId: 'age-uk' },
      { organisationId: 'council' },
      {},
    ]);
    expect(rows).toEqual([
      { organisationId: 'council', count: 2 },
      { organisationId: 'age-uk', count: 1 },
      { count: 2 },
    ]);
    // The counts name the organisations in the meeting's own order.
    expect(representedOrganisations(rows)).toEqual(['council', 'age-uk']);
    expect(countByOrganisation([])).toEqual([]);
  });

  it('counts the people of a meeting by its attendees, or by its counts where it has none', () => {
    const withNames = named('m1', T, [{ organisationId: 'council' }, {}, { organisationId: 'council' }]);
    expect(attendeeCount(withNames)).toBe(3);
    expect(attendeeCount(stripNames(withNames))).toBe(3);
    expect(attendeeCount({ attendees: [], attendanceCounts: [{ count: 4 }, { organisationId: 'x', count: 2 }] })).toBe(
      6,
    );
    expect(attendeeCount({ attendees: [] })).toBe(0);
  });

  it("gives the dashboard's attendance by organisation the same figures with counts as with names", () => {
    const memberships = ['council', 'age-uk', 'food-bank'].map((organisationId) =>
      membership({ id: organisationId, partnershipId: P, organisationId, partnerType: 'core', joinedOn: '2026-01-01' }),
    );
    const meetings = [
      named('m1', T, [{ organisationId: 'council' }, { organisationId: 'age-uk' }]),
      named('m2', T + 30 * DAY, [{ organisationId: 'council' }, {}]),
      named('m3', T + 60 * DAY, [{ organisationId: 'council' }]),
      named('m4', T + 90 * DAY, [{ organisationId: 'council' }, { organisationId: 'council' }]),
    ];
    const options = { timeZone: 'UTC', asOf: T + 100 * DAY };
    const withNames = organisationAttendance(meetings, memberships, options);
    const withCounts = organisationAttendance(meetings.map(stripNames), memberships, options);
    expect(withCounts).toEqual(withNames);
    const row = (id: string) => withCounts.find((r) => r.organisationId === id)!;
    expect([row('council').attended, row('council').expected]).toEqual([4, 4]);
    // Expected but absent: Age UK missed the last three, the food bank every one.
    expect([row('age-uk').attended, row('age-uk').missedInARow, row('age-uk').status]).toEqual([1, 3, 'drifting']);
    expect([row('food-bank').attended, row('food-bank').rate]).toEqual([0, 0]);
  });
});
