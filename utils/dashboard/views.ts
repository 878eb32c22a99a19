import {
  PARTNER_TYPES,
  type AgendaAgreed,
  type Dimension,
  type Membership,
  type Meeting,
  type Organisation,
  type Partnership,
  type PartnerType,
  type Pulse,
  type PulseSummary,
  type PurposeTag,
} from '../db/records';
import { formatCalendarDay, formatDate, formatNumber } from '../i18n/format';
import { agendaStateLabel, cadenceKindLabel, partnerTypeLabel, purposeLabel } from '../i18n/labels';
import { t } from '../i18n/messages';
import { ofKinds, organisationAttendance, type OrganisationAttendance } from './trends/attendance';
import { dateIn, periodOf, type PeriodSize } from '../time/calendar';
import {
  cadenceGaps,
  cadenceStatus,
  lastOfKinds,
  type CadenceKind,
  type CadenceStatus,
  type MeetingGap,
} from './trends/cadence';
import { groupBy } from '../collections/group';
import { poolByPeriod, poolSeries, type SeriesPool, type TypeGap } from './trends/periods';
import {
  byConcern,
  leadWiderGap,
  leadWiderSpread,
  partnershipGaps,
  type GapDirection,
  type GapPoint,
} from './trends/gap';
import { pointMean, sharedLinkPoints, type PulsePoint, type TrendMean } from './trends/pulse-points';
import { agendaShares, purposeMix } from './trends/purposes';
import { responseRates } from './trends/response-rates';
import type { Cell, ChartTable } from './table';
import type { DashboardFilters } from './filters';
import { plural } from '../i18n/plural';

/**
 * What each dashboard chart shows, worked out from the loaded records and the filters: the
 * plotted values and the data table (which is also the CSV) come from the same rows, so the
 * table always says exactly what the chart draws. Hidden groups carry their label, never a value.
 */

export interface DashboardData {
  partnerships: Partnership[];
  organisations: Organisation[];
  memberships: Membership[];
  purposeTags: PurposeTag[];
  /** The chosen partnerships' pulses dated in the range. */
  pulses: Pulse[];
  /** The chosen partnerships' meetings starting in the range (held and planned). */
  meetings: Meeting[];
  /** Per partnership, the last meeting of each cadence kind before the range. */
  previous: Map<string, Partial<Record<CadenceKind, number>>>;
}

export interface ViewContext {
  timeZone: string;
  /** "Today" for the views: the end of the range, or now if sooner (epoch ms). */
  asOf: number;
}

/** Ids in a fixed order (no locale rules: ids are not words). */
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const round2 = (value: number) => Math.round(value * 100) / 100;
export const percent = (share: number) => Math.round(share * 100);

export function fewerThan(threshold: number): string {
  return plural('fewerThanN', threshold, formatNumber(threshold));
}

/** A calendar day: in the reader's locale on the page, ISO 8601 in the CSV. */
function dayCell(isoDate: string): Cell {
  return { shown: formatCalendarDay(isoDate), csv: isoDate };
}

/** A month or a quarter ('2026-03', '2026-Q1') as the reader writes it ("Mar 2026", "Q1 2026"). */
export function periodLabel(key: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) {
    return t('dashQuarter', formatNumber(Number(quarter[2])), formatNumber(Number(quarter[1]), { useGrouping: false }));
  }
  return formatDate(Date.parse(`${key}-01T00:00:00Z`), { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** The calendar day of an instant in the view's zone, as the reader writes it. */
const shownDay = (epochMs: number, context: ViewContext) => formatCalendarDay(dateIn(epochMs, context.timeZone));

function meanCell(mean: TrendMean): Cell {
  return mean.hidden ? fewerThan(mean.threshold) : round2(mean.mean);
}

/**
 * The "not verified" mark (issue 12): a table with any row from a shared-link pulse gets a last
 * column saying which; a table without one is left as it was.
 */
export function markUnverified(table: ChartTable, unverified: readonly boolean[]): ChartTable {
  if (!unverified.some(Boolean)) return table;
  const mark = t('dashNotVerifiedMark');
  return {
    columns: [...table.columns, t('dashColNotVerified')],
    rows: table.rows.map((row, i) => [...row, unverified[i] ? mark : '']),
  };
}

function answersCell(mean: TrendMean): Cell {
  return mean.hidden ? '' : mean.n;
}

export function selectedPartnerships(
  data: Pick<DashboardData, 'partnerships'>,
  filters: Pick<DashboardFilters, 'partnershipIds'>,
): Partnership[] {
  if (filters.partnershipIds.length === 0) return data.partnerships;
  const chosen = new Set(filters.partnershipIds);
  return data.partnerships.filter((p) => chosen.has(p.id));
}

function nameOf(list: ReadonlyArray<{ id: string; name: string }>): (id: string) => string {
  const names = new Map(list.map((item) => [item.id, item.name]));
  return (id) => names.get(id) ?? t('dashUnknown');
}

// ---------------------------------------------------------------------------------------
// Pulse results over time: one chart per dimension, one line per partnership (and series).

export interface TimePoint {
  at: number;
  /** null: a gap (the group is below the threshold). */
  mean: number | null;
  n: number | null;
  responses: number;
  threshold: number;
  /** From a pulse whose answers are not verified (shared link). */
  unverified: boolean;
}

export interface DimensionSeries {
  partnershipId: string;
  seriesId: string;
  label: string;
  points: TimePoint[];
}

export interface DimensionView {
  dimension: Dimension;
  series: DimensionSeries[];
  /** Some point comes from a shared-link pulse: the chart says what its marks mean. */
  unverified: boolean;
  table: ChartTable;
}

/**
 * Every pulse's points. With `seated` (the ids of pulses that have personal-link seats,
 * utils/db/seats.ts pulseIdsWithSeats), every other pulse's points are marked not verified.
 */
export function pointsOf(pulses: readonly Pulse[], seated?: ReadonlySet<string>): PulsePoint[] {
  return pulses.flatMap((pulse) => sharedLinkPoints(pulse, seated !== undefined && !seated.has(pulse.id)));
}

/** What the dimension charts need of a pulse: its id and its response count (a published result gives both). */
export type CountedPulse = Pick<Pulse, 'id'> & { summary?: Pick<PulseSummary, 'responses'> };

export function dimensionView(
  dimension: Dimension,
  points: readonly PulsePoint[],
  pulses: readonly CountedPulse[],
  partnerships: readonly Partnership[],
  filters: Pick<DashboardFilters, 'partnerType'>,
  context: ViewContext,
): DimensionView {
  return dimensionViewOf(dimensionFrame(dimension, points, pulses, partnerships, context), filters);
}

/** One of a dimension's points, grouped, dated and counted: nothing here depends on the partner type. */
interface FramedPoint {
  point: PulsePoint;
  /** Its index in the frame's series. */
  series: number;
  partnershipName: string;
  day: Cell;
  responses: number;
}

/**
 * What a dimension's view needs that a change of partner type leaves alone: its points by
 * partnership and series, oldest first, each with its day cell and response count. The model
 * keeps it while only the partner type changes, so that change only picks the means.
 */
export interface DimensionFrame {
  dimension: Dimension;
  series: Array<Omit<DimensionSeries, 'points'>>;
  points: FramedPoint[];
}

export function dimensionFrame(
  dimension: Dimension,
  points: readonly PulsePoint[],
  pulses: readonly CountedPulse[],
  partnerships: readonly Partnership[],
  context: ViewContext,
): DimensionFrame {
  const responses = new Map(pulses.map((p) => [p.id, p.summary?.responses ?? 0]));
  const byPartnership = groupBy(
    points,
    (p) => p.partnershipId,
    (p) => p.dimension === dimension,
  );
  const series: DimensionFrame['series'] = [];
  const framed: FramedPoint[] = [];
  for (const partnership of partnerships) {
    const own = (byPartnership.get(partnership.id) ?? []).sort((a, b) => a.at - b.at || byId(a.pulseId, b.pulseId));
    const seriesIndex = new Map<string, number>();
    for (const point of own) {
      let index = seriesIndex.get(point.seriesId);
      if (index === undefined) {
        // The first series is the partnership's; a later wording's is dated from its first point.
        const label =
          seriesIndex.size === 0
            ? partnership.name
            : t('dashSeriesFrom', partnership.name, shownDay(point.at, context));
        index = series.length;
        seriesIndex.set(point.seriesId, index);
        series.push({ partnershipId: partnership.id, seriesId: point.seriesId, label });
      }
      framed.push({
        point,
        series: index,
        partnershipName: partnership.name,
        day: dayCell(dateIn(point.at, context.timeZone)),
        responses: responses.get(point.pulseId) ?? 0,
      });
    }
  }
  return { dimension, series, points: framed };
}

/** A dimension's view for a partner type (or everyone), from its frame. */
export function dimensionViewOf(frame: DimensionFrame, filters: Pick<DashboardFilters, 'partnerType'>): DimensionView {
  const seriesPoints = frame.series.map((): TimePoint[] => []);
  const rows: Cell[][] = [];
  const marks: boolean[] = [];
  for (const { point, series, partnershipName, day, responses } of frame.points) {
    const mean = pointMean(point, filters.partnerType);
    const timePoint: TimePoint = {
      at: point.at,
      mean: mean.hidden ? null : mean.mean,
      n: mean.hidden ? null : mean.n,
      responses,
      threshold: point.threshold,
      unverified: point.unverified === true,
    };
    seriesPoints[series]!.push(timePoint);
    rows.push([partnershipName, day, responses, meanCell(mean), answersCell(mean)]);
    marks.push(timePoint.unverified);
  }
  return {
    dimension: frame.dimension,
    series: frame.series.map((series, index) => ({ ...series, points: seriesPoints[index]! })),
    unverified: marks.some(Boolean),
    table: markUnverified(
      {
        columns: [
          t('dashColPartnership'),
          t('dashColDate'),
          t('dashColResponses'),
          t('dashColMean'),
          t('dashColAnswers'),
        ],
        rows,
      },
      marks,
    ),
  };
}

// ---------------------------------------------------------------------------------------
// By partner type: pooled per period over the chosen partnerships, with the gap.

export interface PartnerTypeView {
  dimension: Dimension;
  types: PartnerType[];
  /** The months or quarters, as the axis labels them. */
  periods: string[];
  values: Record<PartnerType, Array<{ mean: number | null; n: number | null; threshold: number }>>;
  /** The whole range, for the headline. */
  overallGap: TypeGap | null;
  pool: SeriesPool | null;
  /** Pulses of earlier wordings, left out so answers to different statements never mix. */
  otherSeriesPulses: number;
  /** Per period: some pulse pooled in it is not verified (shared link). */
  unverified: boolean[];
  table: ChartTable;
}

export function partnerTypeView(
  points: readonly PulsePoint[],
  filters: Pick<DashboardFilters, 'partnerType' | 'dimension' | 'period'>,
  context: ViewContext,
): PartnerTypeView {
  const { dimension } = filters;
  const types = filters.partnerType ? [filters.partnerType] : [...PARTNER_TYPES];
  const pools = poolSeries(points, dimension);
  const latest = pools[0] ?? null;
  const ofSeries = latest ? points.filter((p) => p.seriesId === latest.seriesId) : [];
  const periods = poolByPeriod(ofSeries, dimension, filters.period as PeriodSize, context.timeZone);
  const values = {} as PartnerTypeView['values'];
  for (const type of PARTNER_TYPES) values[type] = [];
  const rows: Cell[][] = [];
  for (const period of periods) {
    const row: Cell[] = [{ shown: periodLabel(period.period.key), csv: period.period.key }];
    for (const type of types) {
      const mean = period.byPartnerType[type];
      values[type].push({
        mean: mean.hidden ? null : mean.mean,
        n: mean.hidden ? null : mean.n,
        threshold: mean.hidden ? mean.threshold : 0,
      });
      row.push(meanCell(mean), answersCell(mean));
    }
    if (types.length > 1) {
      const gap = leadWiderGap(period.byPartnerType);
      row.push(gap === null ? '' : round2(gap));
    }
    rows.push(row);
  }
  const columns = [t('dashColPeriod')];
  for (const type of types) columns.push(partnerTypeLabel(type), t('dashColTypeAnswers', partnerTypeLabel(type)));
  if (types.length > 1) columns.push(t('dashColGap'));
  const size = filters.period as PeriodSize;
  const marked = new Set(
    ofSeries
      .filter((p) => p.unverified && p.dimension === dimension)
      .map((p) => periodOf(p.at, size, context.timeZone).key),
  );
  const unverified = periods.map((p) => marked.has(p.period.key));
  return {
    dimension,
    types,
    periods: periods.map((p) => periodLabel(p.period.key)),
    values,
    overallGap: latest && types.length > 1 ? leadWiderSpread(latest.byPartnerType) : null,
    pool: latest,
    otherSeriesPulses: pools.slice(1).reduce((sum, pool) => sum + pool.pulses, 0),
    unverified,
    table: markUnverified({ columns, rows }, unverified),
  };
}

// ---------------------------------------------------------------------------------------
// The lead–wider gap per partnership: one small chart each, the most widening first.

/** Small charts drawn at most; the partnerships after them are listed with their headline only. */
export const MAX_GAP_CHARTS = 12;

export interface PartnershipGapView {
  partnershipId: string;
  name: string;
  points: GapPoint[];
  direction: GapDirection | null;
  /** "Widening by 0.6 since Q2 2026". */
  headline: string;
  table: ChartTable;
}

export interface GapView {
  dimension: Dimension;
  /** Every chosen partnership with a pulse, the most widening first. */
  partnerships: PartnershipGapView[];
}

export function gapHeadline(direction: GapDirection | null): string {
  if (!direction) return t('dashGapNoTrend');
  const since = periodLabel(direction.since.key);
  const by = formatNumber(Math.abs(direction.change));
  if (direction.trend === 'widening') return t('dashGapWidening', by, since);
  if (direction.trend === 'narrowing') return t('dashGapNarrowing', by, since);
  return t('dashGapSteady', since);
}

export function gapView(
  points: readonly PulsePoint[],
  partnerships: readonly Partnership[],
  dimension: Dimension,
  context: ViewContext,
): GapView {
  const name = nameOf(partnerships);
  const gaps = partnershipGaps(
    points,
    dimension,
    partnerships.map((p) => p.id),
    context.timeZone,
  )
    .filter((g) => g.points.length > 0)
    .sort(byConcern);
  const columns = [t('dashColDate'), t('dashColLeadWiderGap')];
  return {
    dimension,
    partnerships: gaps.map((g) => ({
      partnershipId: g.partnershipId,
      name: name(g.partnershipId),
      points: g.points,
      direction: g.direction,
      headline: gapHeadline(g.direction),
      table: markUnverified(
        {
          columns,
          rows: g.points.map((p) => [
            dayCell(dateIn(p.at, context.timeZone)),
            p.gap === null ? fewerThan(p.threshold) : round2(p.gap),
          ]),
        },
        g.points.map((p) => p.unverified === true),
      ),
    })),
  };
}

// ---------------------------------------------------------------------------------------
// Response rates per pulse.

export interface ResponseRateView {
  labels: string[];
  rates: Array<number | null>;
  details: Array<{ responses: number; invited: number }>;
  /** Per bar: the pulse's answers are not verified (shared link). */
  unverified: boolean[];
  table: ChartTable;
}

export function responseRateView(
  pulses: readonly Pulse[],
  partnerships: readonly Partnership[],
  memberships: readonly Membership[],
  filters: Pick<DashboardFilters, 'partnerType'>,
  context: ViewContext,
  seated?: ReadonlySet<string>,
): ResponseRateView {
  const name = nameOf(partnerships);
  const order = new Map(partnerships.map((p, i) => [p.id, i]));
  const rates = responseRates(pulses, {
    timeZone: context.timeZone,
    memberships,
    ...(filters.partnerType ? { partnerType: filters.partnerType } : {}),
  }).sort((a, b) => (order.get(a.partnershipId) ?? 0) - (order.get(b.partnershipId) ?? 0) || a.at - b.at);
  const several = partnerships.length > 1;
  const unverified = rates.map((r) => seated !== undefined && !seated.has(r.pulseId));
  const rows: Cell[][] = rates.map((r) => [
    name(r.partnershipId),
    dayCell(dateIn(r.at, context.timeZone)),
    r.responses,
    r.invited,
    r.rate === null ? '' : percent(r.rate),
  ]);
  return {
    labels: rates.map((r) =>
      several ? `${name(r.partnershipId)} · ${shownDay(r.at, context)}` : shownDay(r.at, context),
    ),
    rates: rates.map((r) => (r.rate === null ? null : percent(r.rate))),
    details: rates.map((r) => ({ responses: r.responses, invited: r.invited })),
    unverified,
    table: markUnverified(
      {
        columns: [
          t('dashColPartnership'),
          t('dashColDate'),
          t('dashColResponses'),
          t('dashColInvited'),
          t('dashColRate'),
        ],
        rows,
      },
      unverified,
    ),
  };
}

// ---------------------------------------------------------------------------------------
// Attendance per organisation.

export interface AttendanceView {
  /** The partnership the chart lists. */
  partnershipId: string | null;
  rows: OrganisationAttendance[];
  labels: string[];
  rates: Array<number | null>;
  /** Drifting organisations of every chosen partnership, not only the one charted. */
  drifting: Array<{ organisation: string; partnership: string; missed: number }>;
  table: ChartTable;
}

const STATUS_ORDER = { drifting: 0, member: 1, left: 2 } as const;

/** The chosen attendance partnership if it is among the chosen ones, else the first chosen. */
export function attendancePartnership(partnerships: readonly Partnership[], attendanceId?: string): Partnership | null {
  return partnerships.find((p) => p.id === attendanceId) ?? partnerships[0] ?? null;
}

/**
 * One partnership's organisations (a chart of every organisation of many partnerships would
 * be unreadable), with the drifting ones of all chosen partnerships called out.
 */
/**
 * Every chosen partnership's attendance per organisation, of every partner type: the costly part
 * of the attendance chart, worked out once for all partner types (the dashboard keeps it while
 * only the partner type changes).
 */
export function attendanceOf(
  data: Pick<DashboardData, 'meetings' | 'memberships'>,
  partnerships: readonly Partnership[],
  filters: Pick<DashboardFilters, 'kind' | 'driftAfter'>,
  context: ViewContext,
): OrganisationAttendance[] {
  const chosen = new Set(partnerships.map((p) => p.id));
  const meetings = ofKinds(
    data.meetings.filter((m) => chosen.has(m.partnershipId)),
    filters.kind ? [filters.kind] : [],
  );
  return organisationAttendance(
    meetings,
    data.memberships.filter((m) => chosen.has(m.partnershipId)),
    { timeZone: context.timeZone, asOf: context.asOf, driftAfter: filters.driftAfter },
  );
}

export function attendanceView(
  data: Pick<DashboardData, 'meetings' | 'memberships' | 'organisations'>,
  partnerships: readonly Partnership[],
  filters: Pick<DashboardFilters, 'partnerType' | 'kind' | 'driftAfter' | 'attendanceId'>,
  context: ViewContext,
  everyType: OrganisationAttendance[] = attendanceOf(data, partnerships, filters, context),
): AttendanceView {
  const focus = attendancePartnership(partnerships, filters.attendanceId);
  const organisation = nameOf(data.organisations);
  const partnership = nameOf(partnerships);
  const all = everyType.filter((row) => !filters.partnerType || row.partnerType === filters.partnerType);
  const byName = (a: OrganisationAttendance, b: OrganisationAttendance) =>
    organisation(a.organisationId).localeCompare(organisation(b.organisationId));
  const rows = all
    .filter((row) => row.partnershipId === focus?.id)
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.rate ?? 2) - (b.rate ?? 2) || byName(a, b));
  const order = new Map(partnerships.map((p, i) => [p.id, i]));
  const statusText = (row: OrganisationAttendance): Cell =>
    row.status === 'drifting'
      ? t('dashStatusDrifting')
      : row.status === 'left'
        ? {
            shown: t('dashStatusLeft', row.leftOn ? formatCalendarDay(row.leftOn) : ''),
            csv: t('dashStatusLeft', row.leftOn ?? ''),
          }
        : t('dashStatusMember');
  return {
    partnershipId: focus?.id ?? null,
    rows,
    labels: rows.map((row) => {
      const name = organisation(row.organisationId);
      return row.status === 'drifting' ? `⚠ ${name}` : row.status === 'left' ? t('dashLabelLeft', name) : name;
    }),
    rates: rows.map((row) => (row.rate === null ? null : percent(row.rate))),
    drifting: all
      .filter((row) => row.status === 'drifting')
      .sort((a, b) => (order.get(a.partnershipId) ?? 0) - (order.get(b.partnershipId) ?? 0) || byName(a, b))
      .map((row) => ({
        organisation: organisation(row.organisationId),
        partnership: partnership(row.partnershipId),
        missed: row.missedInARow,
      })),
    table: {
      columns: [
        t('dashColPartnership'),
        t('dashColOrganisation'),
        t('dashColPartnerType'),
        t('dashColAttended'),
        t('dashColExpected'),
        t('dashColRate'),
        t('dashColMissedInARow'),
        t('dashColStatus'),
      ],
      rows: rows.map((row) => [
        partnership(row.partnershipId),
        organisation(row.organisationId),
        partnerTypeLabel(row.partnerType),
        row.attended,
        row.expected,
        row.rate === null ? '' : percent(row.rate),
        row.missedInARow,
        statusText(row),
      ]),
    },
  };
}

// ---------------------------------------------------------------------------------------
// Cadence: gaps between meetings of a kind against the targets, and where each stands today.

export interface CadenceView {
  status: Array<CadenceStatus & { partnership: string }>;
  gaps: Array<MeetingGap & { partnership: string }>;
  /** Distinct target lines to draw. */
  targets: Array<{ kind: CadenceKind; days: number }>;
  table: ChartTable;
}

/** The chart plots core and wider meetings; the yearly review is in the status table (a year dwarfs weeks). */
export const CHARTED_CADENCE: readonly CadenceKind[] = ['core', 'wider'];

export function cadenceView(
  data: Pick<DashboardData, 'meetings' | 'previous'>,
  partnerships: readonly Partnership[],
  filters: Pick<DashboardFilters, 'kind'>,
  context: ViewContext,
): CadenceView {
  const kinds = CHARTED_CADENCE.filter((kind) => !filters.kind || filters.kind === kind);
  const status: CadenceView['status'] = [];
  const gaps: CadenceView['gaps'] = [];
  const targets = new Map<string, { kind: CadenceKind; days: number }>();
  for (const partnership of partnerships) {
    const own = data.meetings.filter((m) => m.partnershipId === partnership.id);
    const previous = data.previous.get(partnership.id) ?? {};
    const last = { ...previous, ...lastOfKinds(own, context.asOf) };
    for (const s of cadenceStatus(partnership, last, context)) status.push({ ...s, partnership: partnership.name });
    for (const gap of cadenceGaps(partnership, own, { ...context, previous })) {
      if (!kinds.includes(gap.kind)) continue;
      gaps.push({ ...gap, partnership: partnership.name });
      targets.set(`${gap.kind}:${gap.targetDays}`, { kind: gap.kind, days: gap.targetDays });
    }
  }
  return {
    status,
    gaps,
    targets: [...targets.values()],
    table: {
      columns: [
        t('dashColPartnership'),
        t('dashColDate'),
        t('dashColKind'),
        t('dashColDaysSince'),
        t('dashColTarget'),
        t('dashColLate'),
      ],
      rows: gaps.map((gap) => [
        gap.partnership,
        dayCell(dateIn(gap.startAt, context.timeZone)),
        cadenceKindLabel(gap.kind),
        gap.daysSincePrevious ?? '',
        gap.targetDays,
        gap.daysSincePrevious === null ? '' : gap.late ? t('dashYes') : t('dashNo'),
      ]),
    },
  };
}

// ---------------------------------------------------------------------------------------
// Purposes and agreed agendas.

export interface PurposeView {
  labels: string[];
  counts: number[];
  held: number;
  withPurpose: number;
  table: ChartTable;
}

export function purposeView(
  data: Pick<DashboardData, 'meetings' | 'purposeTags'>,
  partnerships: readonly Partnership[],
  filters: Pick<DashboardFilters, 'kind'>,
): PurposeView {
  const chosen = new Set(partnerships.map((p) => p.id));
  const tags = new Map(data.purposeTags.map((tag) => [tag.id, tag]));
  const meetings = ofKinds(
    data.meetings.filter((m) => chosen.has(m.partnershipId)),
    filters.kind ? [filters.kind] : [],
  );
  const mix = purposeMix(meetings);
  const label = (id: string) => {
    const tag = tags.get(id);
    return tag ? purposeLabel(tag) : t('dashUnknown');
  };
  return {
    labels: mix.purposes.map((p) => label(p.purposeTagId)),
    counts: mix.purposes.map((p) => p.meetings),
    held: mix.held,
    withPurpose: mix.withPurpose,
    table: {
      columns: [t('dashColPurpose'), t('dashColMeetings'), t('dashColShareOfMeetings')],
      rows: mix.purposes.map((p) => [label(p.purposeTagId), p.meetings, percent(p.share)]),
    },
  };
}

export const AGENDA_ORDER: readonly AgendaAgreed[] = ['yes', 'not-yet', 'no'];

export interface AgendaView {
  labels: string[];
  counts: Record<AgendaAgreed, number[]>;
  shares: Array<number | null>;
  table: ChartTable;
}

export function agendaView(
  data: Pick<DashboardData, 'meetings'>,
  partnerships: readonly Partnership[],
  filters: Pick<DashboardFilters, 'kind'>,
): AgendaView {
  const meetings = ofKinds(data.meetings, filters.kind ? [filters.kind] : []);
  const shares = agendaShares(
    meetings,
    partnerships.map((p) => p.id),
  ).filter((share) => share.held > 0);
  const name = nameOf(partnerships);
  const counts = {} as Record<AgendaAgreed, number[]>;
  for (const state of AGENDA_ORDER) counts[state] = shares.map((share) => share.counts[state]);
  return {
    labels: shares.map((share) => name(share.partnershipId)),
    counts,
    shares: shares.map((share) => (share.agreedShare === null ? null : percent(share.agreedShare))),
    table: {
      columns: [
        t('dashColPartnership'),
        ...AGENDA_ORDER.map((state) => agendaStateLabel(state)),
        t('dashColAgreedShare'),
      ],
      rows: shares.map((share) => [
        name(share.partnershipId),
        ...AGENDA_ORDER.map((state) => share.counts[state]),
        share.agreedShare === null ? '' : percent(share.agreedShare),
      ]),
    },
  };
}
