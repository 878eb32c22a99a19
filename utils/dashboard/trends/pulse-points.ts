import {
  DIMENSIONS,
  PARTNER_TYPES,
  type Dimension,
  type PartnerType,
  type PublishedGroup,
  type PublishedResult,
  type Pulse,
  type PulseSummary,
  type QuestionTotals,
} from '../../db/records';
import { questionTotals } from '../../db/summary';
import { suppressTree, type HiddenReason, type Tree } from '../../pulse/aggregate';
import { clampThreshold } from '../../settings/settings';

/**
 * Each pulse's mean per dimension, overall and per partner type, from the pulse's running
 * summary (never its responses) and through the same suppression as the pulse results
 * (utils/pulse/aggregate.ts): a group is shown only with at least the threshold of numeric
 * answers, and a shown group's hidden parts hold none or at least the threshold.
 */

export interface ShownMean {
  hidden: false;
  /** Numeric answers behind the mean. */
  n: number;
  mean: number;
}

export interface HiddenMean {
  hidden: true;
  reason: HiddenReason;
  threshold: number;
}

export type TrendMean = ShownMean | HiddenMean;

export interface PulsePoint {
  pulseId: string;
  partnershipId: string;
  /** When the pulse speaks for: the end of its period, else when it was started (epoch ms). */
  at: number;
  dimension: Dimension;
  /** Changing a question's wording starts a new series: points of different series are never joined. */
  seriesId: string;
  threshold: number;
  overall: TrendMean;
  byPartnerType: Record<PartnerType, TrendMean>;
  /**
   * The pulse's answers are not verified (issue 12): answered through the shared link (no
   * personal-link seats), or a published result with answers refused as unverified. Marked on
   * every chart, data table and CSV row.
   */
  unverified?: true;
}

type PulseLike = Pick<
  Pulse,
  'id' | 'partnershipId' | 'questions' | 'threshold' | 'summary' | 'createdAt' | 'periodEnd'
>;

export function pulseAt(pulse: Pick<Pulse, 'createdAt' | 'periodEnd'>): number {
  return pulse.periodEnd ?? pulse.createdAt;
}

/** The shown / hidden means of one question's totals: all answers, then each partner type. */
export function meansFromTotals(
  totals: Partial<Record<PartnerType, QuestionTotals | undefined>>,
  threshold: number,
): { overall: TrendMean; byPartnerType: Record<PartnerType, TrendMean> } {
  const limit = clampThreshold(threshold);
  const of = (type: PartnerType) => totals[type] ?? { rated: 0, sum: 0, preferNotToSay: 0 };
  const children: Tree<never>[] = PARTNER_TYPES.map((type) => ({
    key: type,
    size: of(type).rated,
    members: [],
    children: [],
  }));
  const root: Tree<never> = {
    key: 'all',
    size: children.reduce((sum, child) => sum + child.size, 0),
    members: [],
    children,
  };
  const hidden = suppressTree(root, limit);
  const mean = (key: string, rated: number, sum: number): TrendMean => {
    const reason = hidden.get(key);
    return reason ? { hidden: true, reason, threshold: limit } : { hidden: false, n: rated, mean: sum / rated };
  };
  const byPartnerType = {} as Record<PartnerType, TrendMean>;
  for (const type of PARTNER_TYPES) byPartnerType[type] = mean(type, of(type).rated, of(type).sum);
  const all = PARTNER_TYPES.reduce((sum, type) => sum + of(type).sum, 0);
  return { overall: mean('all', root.size, all), byPartnerType };
}

function totalsOf(
  summary: PulseSummary | undefined,
  questionId: string,
): Record<PartnerType, QuestionTotals | undefined> {
  const totals = {} as Record<PartnerType, QuestionTotals | undefined>;
  for (const type of PARTNER_TYPES) totals[type] = questionTotals(summary?.byPartnerType[type]?.questions, questionId);
  return totals;
}

/** One point per core question (dimension) of the pulse, in the order of DIMENSIONS. */
export function pulsePoints(pulse: PulseLike): PulsePoint[] {
  const threshold = clampThreshold(pulse.threshold);
  const points: PulsePoint[] = [];
  for (const dimension of DIMENSIONS) {
    const question = pulse.questions.find((q) => q.dimension === dimension && q.scale !== 'text');
    if (!question) continue;
    points.push({
      pulseId: pulse.id,
      partnershipId: pulse.partnershipId,
      at: pulseAt(pulse),
      dimension,
      seriesId: question.seriesId,
      threshold,
      ...meansFromTotals(totalsOf(pulse.summary, question.id), threshold),
    });
  }
  return points;
}

/** A pulse's points, marked not verified when it was answered through the shared link. */
export function sharedLinkPoints(pulse: PulseLike, sharedLink: boolean): PulsePoint[] {
  const points = pulsePoints(pulse);
  return sharedLink ? points.map((point) => ({ ...point, unverified: true as const })) : points;
}

/** The group a view shows: all answers, or one partner type's. */
export function pointMean(point: Pick<PulsePoint, 'overall' | 'byPartnerType'>, partnerType?: PartnerType): TrendMean {
  return partnerType ? point.byPartnerType[partnerType] : point.overall;
}

function trendMean(group: PublishedGroup, threshold: number): TrendMean {
  return group.hidden
    ? { hidden: true, reason: group.reason, threshold }
    : { hidden: false, n: group.n, mean: group.mean };
}

/**
 * Whether a published result's answers are marked not verified: the pulse was answered through
 * the shared link (`sharedLink`, even within its seat cap), or answers were refused as
 * unverified (a file written before `sharedLink` existed says only that).
 */
export const publishedUnverified = (result: Pick<PublishedResult, 'unverified' | 'sharedLink'>): boolean =>
  result.sharedLink === true || result.unverified > 0;

/**
 * The points of a result a lead published (a coordinator's imported results): the same
 * points as the lead's own pulse gives, read from the published groups, whose suppression
 * was applied before the file left the lead's browser (and checked again on import).
 */
export function publishedPoints(result: PublishedResult): PulsePoint[] {
  const threshold = clampThreshold(result.threshold);
  const points: PulsePoint[] = [];
  for (const dimension of DIMENSIONS) {
    const question = result.questions.find((q) => q.dimension === dimension);
    if (!question) continue;
    const byPartnerType = {} as Record<PartnerType, TrendMean>;
    for (const type of PARTNER_TYPES) byPartnerType[type] = trendMean(question.byPartnerType[type], threshold);
    points.push({
      pulseId: result.pulseId,
      partnershipId: result.partnershipId,
      at: result.at,
      dimension,
      seriesId: question.seriesId,
      threshold,
      overall: trendMean(question.overall, threshold),
      byPartnerType,
      ...(publishedUnverified(result) ? { unverified: true as const } : {}),
    });
  }
  return points;
}
