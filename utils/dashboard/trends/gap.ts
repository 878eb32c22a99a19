import type { Dimension, PartnerType } from '../../db/records';
import { periodOf, type Period } from '../../time/calendar';
import type { TypeGap } from './periods';
import type { PulsePoint, TrendMean } from './pulse-points';

/**
 * The coordinator's question: which partnerships have a widening gap between the lead and
 * the wider partners? One line per partnership, one point per pulse (never pooled across
 * partnerships, where opposite trends cancel out, nor by month, where empty months break it).
 */

/** Changes smaller than this (on a 1–5 scale) read as steady. */
export const STEADY_WITHIN = 0.1;

/** lead − wider; null when either group is hidden (never another pair in their place). */
export function leadWiderGap(byPartnerType: Record<PartnerType, TrendMean>): number | null {
  const lead = byPartnerType.lead;
  const wider = byPartnerType.wider;
  return lead.hidden || wider.hidden ? null : lead.mean - wider.mean;
}

/** The headline's spread, between the lead and the wider partners only; null when either is hidden. */
export function leadWiderSpread(byPartnerType: Record<PartnerType, TrendMean>): TypeGap | null {
  const gap = leadWiderGap(byPartnerType);
  if (gap === null || byPartnerType.lead.hidden || byPartnerType.wider.hidden) return null;
  const lead = { partnerType: 'lead' as const, mean: byPartnerType.lead.mean };
  const wider = { partnerType: 'wider' as const, mean: byPartnerType.wider.mean };
  return gap >= 0 ? { highest: lead, lowest: wider, gap } : { highest: wider, lowest: lead, gap: -gap };
}

export interface GapPoint {
  pulseId: string;
  at: number;
  /** lead − wider, or null (a gap in the line: one of the two groups is below the threshold). */
  gap: number | null;
  threshold: number;
  /** From a pulse whose answers are not verified (shared link). */
  unverified?: true;
}

export interface GapDirection {
  trend: 'widening' | 'narrowing' | 'steady';
  /** |latest gap| − |first gap|, rounded to two places: positive when widening. */
  change: number;
  /** The quarter of the first shown gap: "since Q2 2026". */
  since: Period;
}

export interface PartnershipGap {
  partnershipId: string;
  points: GapPoint[];
  /** null with fewer than two shown gaps. */
  direction: GapDirection | null;
}

/** Direction from the first shown gap to the latest: by size, so a gap that flips sign and grows widens. */
export function gapDirection(points: readonly GapPoint[], timeZone: string): GapDirection | null {
  const shown = points.filter((p): p is GapPoint & { gap: number } => p.gap !== null);
  if (shown.length < 2) return null;
  const first = shown[0]!;
  const last = shown[shown.length - 1]!;
  const change = Math.round((Math.abs(last.gap) - Math.abs(first.gap)) * 100) / 100;
  const trend = Math.abs(change) < STEADY_WITHIN ? 'steady' : change > 0 ? 'widening' : 'narrowing';
  return { trend, change, since: periodOf(first.at, 'quarter', timeZone) };
}

/**
 * Per partnership (in the order given), the lead–wider gap of one dimension at each pulse,
 * oldest first, in the partnership's latest series only: answers to an earlier wording of the
 * statement are not compared with the current one.
 */
export function partnershipGaps(
  points: readonly PulsePoint[],
  dimension: Dimension,
  partnershipIds: readonly string[],
  timeZone: string,
): PartnershipGap[] {
  return partnershipIds.map((partnershipId) => {
    const own = points.filter((p) => p.partnershipId === partnershipId && p.dimension === dimension);
    const latest = own.reduce<PulsePoint | undefined>((best, p) => (!best || p.at > best.at ? p : best), undefined);
    const series = own
      .filter((p) => p.seriesId === latest?.seriesId)
      .sort((a, b) => a.at - b.at || (a.pulseId < b.pulseId ? -1 : 1))
      .map((p) => ({
        pulseId: p.pulseId,
        at: p.at,
        gap: leadWiderGap(p.byPartnerType),
        threshold: p.threshold,
        ...(p.unverified ? { unverified: true as const } : {}),
      }));
    return { partnershipId, points: series, direction: gapDirection(series, timeZone) };
  });
}

/** Widening first (the largest change first), then steady, then narrowing; no direction last. */
export function byConcern(a: PartnershipGap, b: PartnershipGap): number {
  const score = (g: PartnershipGap) => (g.direction ? g.direction.change : -Infinity);
  return score(b) - score(a);
}
