import { describe, expect, it } from 'vitest';
import type { Meeting, MeetingKind, Membership } from '../../../utils/db/records';
import { reviewFigures } from '../../../utils/dashboard/review';
import { pulsePoints } from '../../../utils/dashboard/trends/pulse-points';
import { answer, pulseWith, repeat } from './trends/helpers';
import { meeting as aMeeting, membership as aMembership } from '../../factories';

const P = 'partnership-a';
const at = (month: number, day: number) => Date.UTC(2025, month - 1, day, 10);

const meeting = (kind: MeetingKind, startAt: number, extra: Partial<Meeting> = {}): Meeting =>
  aMeeting({
    id: `${kind}-${startAt}`,
    createdAt: startAt,
    updatedAt: startAt,
    partnershipId: P,
    platform: 'meet',
    title: kind,
    startAt,
    kind,
    purposeTagIds: ['delivery'],
    ...extra,
  });

const membership = (
  organisationId: string,
  partnerType: Membership['partnerType'],
  joinedOn: string,
  leftOn?: string,
): Membership =>
  aMembership({
    id: organisationId,
    partnershipId: P,
    organisationId,
    partnerType,
    joinedOn,
    ...(leftOn ? { leftOn } : {}),
  });

const meetings = [
  meeting('core', at(2, 1)),
  meeting('wider', at(3, 1), { agenda: 'no', purposeTagIds: [] }),
  meeting('review', at(10, 1), { agenda: 'not-yet' }),
  meeting('core', at(11, 1), { deletedAt: at(11, 2) }),
  meeting('core', at(12, 20), { status: 'planned' }),
  meeting('core', at(5, 1), { partnershipId: 'other' }),
];
const memberships = [
  membership('L', 'lead', '2024-01-01'),
  membership('C', 'core', '2025-04-01'),
  membership('W', 'wider', '2024-01-01', '2025-09-01'),
  membership('W2', 'wider', '2024-06-01'),
];
// Equity: lead 5,5,5 and wider 2,2,2 in spring (gap 3); in autumn lead 4,4,4 and wider 3,3 (hidden).
const spring = pulseWith([...repeat(3, () => answer('lead', 5)), ...repeat(3, () => answer('wider', 2))], {
  id: 'spring',
  createdAt: at(3, 2),
  invitedOrganisationIds: ['L', 'W', 'W2', 'C'],
});
const autumn = pulseWith([...repeat(3, () => answer('lead', 4)), ...repeat(2, () => answer('wider', 3))], {
  id: 'autumn',
  createdAt: at(10, 2),
  invitedOrganisationIds: ['L', 'C', 'W2'],
});
const pulses = [spring, autumn];
const points = pulses.flatMap(pulsePoints);

describe('reviewFigures', () => {
  const figures = reviewFigures(
    { meetings, pulses, memberships },
    points,
    P,
    { from: '2025-01-01', to: '2025-12-31' },
    {
      timeZone: 'Europe/London',
      asOf: at(12, 31),
    },
  );

  it('counts the held meetings of the partnership by kind, with agendas and purposes', () => {
    expect(figures.meetingsHeld).toBe(3);
    expect(figures.byKind).toEqual({ core: 1, wider: 1, 'one-to-one': 0, forum: 0, review: 1 });
    expect(figures.agreedAgendaShare).toBe(1 / 3);
    expect(figures.withPurposeShare).toBe(2 / 3);
    expect(figures.reviewHeldAt).toBe(at(10, 1));
  });

  it('gives responses over invited organisations, and per dimension the year, first and last shown means', () => {
    expect(figures).toMatchObject({ pulses: 2, responses: 11, responseRate: 11 / 7 });
    const equity = figures.dimensions.find((d) => d.dimension === 'equity')!;
    // Spring: 6 answers, mean 3.5; autumn: 5 answers, mean 18/5 = 3.6.
    expect(equity.year).toEqual({ hidden: false, n: 11, mean: (21 + 18) / 11 });
    expect([equity.first, equity.last]).toEqual([3.5, 3.6]);
  });

  it('takes the equity gap from shown groups only', () => {
    // Autumn's wider group (2) is hidden, and its lead (3) with it: only spring's groups pool.
    expect(figures.equityGap).toEqual({
      highest: { partnerType: 'lead', mean: 5 },
      lowest: { partnerType: 'wider', mean: 2 },
      gap: 3,
    });
  });

  it("counts members at the year's end, and who joined and left during it", () => {
    expect(figures.members).toEqual({ lead: 1, core: 1, wider: 1 });
    expect([figures.joined, figures.left]).toEqual([1, 1]);
  });
});
