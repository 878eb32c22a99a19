import {
  DIMENSIONS,
  MEETING_KINDS,
  PARTNER_TYPES,
  type Dimension,
  type MeetingKind,
  type PartnerType,
  type Pulse,
} from '../db/records';
import { listResponses } from '../db/responses';
import type { PulseDatabase } from '../db/schema';
import { aggregatePulse } from '../pulse/aggregate';
import { clampThreshold } from '../settings/settings';
import { isMemberOn } from '../meeting/matching/expected';
import { lastOfKinds } from './trends/cadence';
import { dateIn } from '../time/calendar';
import { poolSeries, typeGap, type TypeGap } from './trends/periods';
import type { PulsePoint, TrendMean } from './trends/pulse-points';
import type { DashboardData } from './views';

/**
 * The headline figures of an annual review pack: one partnership, one year. Means come from
 * pulse groups that were shown (the same pooling as the charts), so the pack reveals nothing
 * the dashboard hides.
 */

export interface ReviewFigures {
  meetingsHeld: number;
  byKind: Record<MeetingKind, number>;
  /** Held meetings with an agreed agenda / held meetings; null with none held. */
  agreedAgendaShare: number | null;
  withPurposeShare: number | null;
  pulses: number;
  responses: number;
  /** All responses / all invited organisations over the year's pulses; null with none invited. */
  responseRate: number | null;
  /** Per dimension: the year's pooled mean, and the first and last shown pulse means. */
  dimensions: Array<{ dimension: Dimension; year: TrendMean | null; first: number | null; last: number | null }>;
  equityGap: TypeGap | null;
  /** Members on the last day of the year (or today if sooner), by type; joined and left during it. */
  members: Record<PartnerType, number>;
  joined: number;
  left: number;
  /** The last annual review (a review meeting or one tagged so) in the year, epoch ms. */
  reviewHeldAt: number | null;
  /** Pulses of the year answered through the shared link (answers not verified), marked in the review. */
  unverifiedPulses: number;
}

export function reviewFigures(
  data: Pick<DashboardData, 'meetings' | 'pulses' | 'memberships'>,
  points: readonly PulsePoint[],
  partnershipId: string,
  year: { from: string; to: string },
  context: { timeZone: string; asOf: number },
): ReviewFigures {
  const held = data.meetings.filter(
    (m) =>
      m.partnershipId === partnershipId &&
      m.status === 'held' &&
      m.deletedAt === undefined &&
      m.startAt <= context.asOf,
  );
  const byKind = Object.fromEntries(MEETING_KINDS.map((kind) => [kind, 0])) as Record<MeetingKind, number>;
  for (const meeting of held) byKind[meeting.kind] += 1;
  const share = (count: number) => (held.length > 0 ? count / held.length : null);

  const pulses = data.pulses.filter((p) => p.partnershipId === partnershipId);
  const responses = pulses.reduce((sum, p) => sum + (p.summary?.responses ?? 0), 0);
  const invited = pulses.reduce((sum, p) => sum + p.invitedOrganisationIds.length, 0);
  const own = points.filter((p) => p.partnershipId === partnershipId).sort((a, b) => a.at - b.at);

  const dimensions = DIMENSIONS.map((dimension) => {
    const latest = poolSeries(own, dimension)[0] ?? null;
    const shown = own.filter((p) => p.dimension === dimension && p.seriesId === latest?.seriesId && !p.overall.hidden);
    const meanOf = (point: PulsePoint | undefined) => (point && !point.overall.hidden ? point.overall.mean : null);
    return { dimension, year: latest?.overall ?? null, first: meanOf(shown[0]), last: meanOf(shown[shown.length - 1]) };
  });
  const equity = poolSeries(own, 'equity')[0];

  const memberships = data.memberships.filter((m) => m.partnershipId === partnershipId && m.deletedAt === undefined);
  const lastDay = [year.to, dateIn(context.asOf, context.timeZone)].sort()[0]!;
  const members = Object.fromEntries(PARTNER_TYPES.map((type) => [type, 0])) as Record<PartnerType, number>;
  const current = new Map<string, PartnerType>();
  for (const membership of memberships)
    if (isMemberOn(membership, lastDay)) current.set(membership.organisationId, membership.partnerType);
  for (const type of current.values()) members[type] += 1;
  const within = (date: string | undefined) => date !== undefined && date >= year.from && date <= year.to;

  return {
    meetingsHeld: held.length,
    byKind,
    agreedAgendaShare: share(held.filter((m) => m.agenda === 'yes').length),
    withPurposeShare: share(held.filter((m) => m.purposeTagIds.length > 0).length),
    pulses: pulses.length,
    responses,
    responseRate: invited > 0 ? responses / invited : null,
    dimensions,
    equityGap: equity ? typeGap(equity.byPartnerType) : null,
    members,
    joined: memberships.filter((m) => within(m.joinedOn)).length,
    left: memberships.filter((m) => within(m.leftOn)).length,
    reviewHeldAt: lastOfKinds(held, context.asOf).review ?? null,
    unverifiedPulses: new Set(own.filter((p) => p.unverified).map((p) => p.pulseId)).size,
  };
}

export interface PulseComments {
  pulse: Pulse;
  comments: string[];
}

/**
 * The comments of the pulses that reached their threshold, oldest pulse first, through the
 * pulse results (sorted, never in arrival order); pulses without comments are left out.
 */
export async function reviewComments(db: PulseDatabase, pulses: readonly Pulse[]): Promise<PulseComments[]> {
  const reached = pulses
    .filter((p) => (p.summary?.responses ?? 0) >= clampThreshold(p.threshold))
    .sort((a, b) => a.createdAt - b.createdAt);
  const list = await Promise.all(
    reached.map(async (pulse) => ({
      pulse,
      comments: aggregatePulse(pulse, await listResponses(db, pulse.id)).comments ?? [],
    })),
  );
  return list.filter((item) => item.comments.length > 0);
}
