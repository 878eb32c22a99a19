import { PARTNER_TYPES, type Dimension, type PartnerType } from '../../db/records';
import { periodOf, type Period, type PeriodSize } from '../../time/calendar';
import type { PulsePoint, TrendMean } from './pulse-points';
import { greatest } from '../../collections/extremes';
import { groupBy } from '../../collections/group';

/**
 * Pulses pooled by month or quarter (several partnerships, several pulses per period).
 *
 * A period's group is made only of the pulse groups that were shown: pooling a hidden group
 * in would let the difference between the period and the pulses shown beside it give the
 * hidden group away. So every pooled number can be worked out from numbers already shown, and
 * a period with no shown group of a kind is hidden ("fewer than N responses").
 */

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface PeriodPoint {
  period: Period;
  dimension: Dimension;
  seriesId: string;
  /** Pulses that fell in the period (shown or not). */
  pulses: number;
  overall: TrendMean;
  byPartnerType: Record<PartnerType, TrendMean>;
}

function pool(means: readonly TrendMean[], threshold: number): TrendMean {
  let n = 0;
  let sum = 0;
  for (const mean of means) {
    if (mean.hidden) continue;
    n += mean.n;
    sum += mean.mean * mean.n;
  }
  return n > 0 ? { hidden: false, n, mean: sum / n } : { hidden: true, reason: 'below-threshold', threshold };
}

/** One group of pulses (a period's, or a whole series'), pooled overall and per partner type. */
function poolGroup(
  members: readonly PulsePoint[],
  dimension: Dimension,
  seriesId: string,
): Omit<PeriodPoint, 'period'> {
  const threshold = greatest(members.map((p) => p.threshold));
  const byPartnerType = {} as Record<PartnerType, TrendMean>;
  for (const type of PARTNER_TYPES) {
    byPartnerType[type] = pool(
      members.map((p) => p.byPartnerType[type]),
      threshold,
    );
  }
  return {
    dimension,
    seriesId,
    pulses: members.length,
    overall: pool(
      members.map((p) => p.overall),
      threshold,
    ),
    byPartnerType,
  };
}

/** Points of one dimension pooled per period and series, oldest period first. */
export function poolByPeriod(
  points: readonly PulsePoint[],
  dimension: Dimension,
  size: PeriodSize,
  timeZone: string,
): PeriodPoint[] {
  const groups = new Map<string, { period: Period; seriesId: string; points: PulsePoint[] }>();
  for (const point of points) {
    if (point.dimension !== dimension) continue;
    const period = periodOf(point.at, size, timeZone);
    const key = `${period.key}\u0000${point.seriesId}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { period, seriesId: point.seriesId, points: [] }));
    group.points.push(point);
  }
  return [...groups.values()]
    .sort((a, b) => compare(a.period.first, b.period.first) || compare(a.seriesId, b.seriesId))
    .map(({ period, seriesId, points: members }) => ({ period, ...poolGroup(members, dimension, seriesId) }));
}

export interface TypeGap {
  highest: { partnerType: PartnerType; mean: number };
  lowest: { partnerType: PartnerType; mean: number };
  /** highest − lowest: the equity signal when it is large. */
  gap: number;
}

/** The spread between the partner types shown; null with fewer than two shown. */
export function typeGap(byPartnerType: Record<PartnerType, TrendMean>): TypeGap | null {
  const shown = PARTNER_TYPES.flatMap((partnerType) => {
    const mean = byPartnerType[partnerType];
    return mean.hidden ? [] : [{ partnerType, mean: mean.mean }];
  });
  if (shown.length < 2) return null;
  const highest = shown.reduce((best, item) => (item.mean > best.mean ? item : best));
  const lowest = shown.reduce((worst, item) => (item.mean < worst.mean ? item : worst));
  return { highest, lowest, gap: highest.mean - lowest.mean };
}

export interface SeriesPool extends Omit<PeriodPoint, 'period'> {
  /** The latest pulse of the series (epoch ms). */
  lastAt: number;
}

/**
 * Every point of a dimension pooled into one group per partner type, one pool per series
 * (a headline for the whole range), the series with the latest pulse first.
 */
export function poolSeries(points: readonly PulsePoint[], dimension: Dimension): SeriesPool[] {
  const bySeries = groupBy(
    points,
    (p) => p.seriesId,
    (p) => p.dimension === dimension,
  );
  return [...bySeries.entries()]
    .map(([seriesId, members]) => ({
      ...poolGroup(members, dimension, seriesId),
      lastAt: greatest(members.map((p) => p.at)),
    }))
    .sort((a, b) => b.lastAt - a.lastAt);
}
