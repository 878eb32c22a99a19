import type { ChartConfiguration, ChartData, ChartDataset, ChartOptions, ChartType, TooltipItem } from 'chart.js';
import { formatDate, formatNumber } from '../../utils/i18n/format';
import { agendaStateLabel, cadenceKindLabel, partnerTypeLabel } from '../../utils/i18n/labels';
import { t } from '../../utils/i18n/messages';
import {
  AGENDA_ORDER,
  fewerThan,
  type AgendaView,
  type AttendanceView,
  type CadenceView,
  type DimensionView,
  type PartnershipGapView,
  type PartnerTypeView,
  type PurposeView,
  type ResponseRateView,
} from '../../utils/dashboard/views';
import { backgroundPlugin } from './chart-setup';
import { PARTNER_TYPE_POINTS, seriesColor, seriesDash, seriesPoint, type Theme } from './palette';
import { counted, plural } from '../../utils/i18n/plural';

/**
 * chart.js configurations for the dashboard's views. The first `dataDatasets` datasets are the
 * data (what the table lists); any after them are helpers (gap markers, target lines).
 */
export interface ChartSpec<K extends ChartType = ChartType, D = Datum[]> {
  config: ChartConfiguration<K, D>;
  dataDatasets: number;
  /** The index of the dataset marking gaps ("fewer than N responses"), if any. */
  gapDataset?: number;
  height: number;
}

/** A plotted value: a number on a category axis, or a point (null where a group is hidden). */
export type Datum = number | null | { x: number | string; y: number | null };
/** Lines with gap markers (and cadence's target lines) share one chart. */
type Mixed = 'line' | 'scatter';
type MixedDataset = ChartDataset<Mixed, Datum[]>;

/** The one place a spec is put together: every chart paints its background for the PNG download. */
function chartSpec<K extends ChartType>(
  theme: Theme,
  type: K,
  data: ChartData<K, Datum[]>,
  options: ChartOptions<K>,
  layout: { dataDatasets: number; gapDataset?: number | undefined; height: number },
): ChartSpec<K> {
  const { gapDataset, ...rest } = layout;
  return {
    config: { type, data, options, plugins: [backgroundPlugin<K>(theme.background)] },
    ...rest,
    ...(gapDataset !== undefined ? { gapDataset } : {}),
  };
}

/** Lines beyond which a chart shows no legend. */
export const MAX_LEGEND = 12;

const monthLabels = new Map<number, string>();
/** "Mar 26" for an axis tick; the same ticks come back on every redraw, so they are kept. */
function monthLabel(value: number | string): string {
  const at = Number(value);
  let label = monthLabels.get(at);
  if (label === undefined) {
    if (monthLabels.size > 1000) monthLabels.clear();
    monthLabels.set(at, (label = formatDate(at, { month: 'short', year: '2-digit' })));
  }
  return label;
}

const mean = (value: number) => formatNumber(value, { maximumFractionDigits: 2 });

/**
 * The one place a chart's options are merged: the shared base (responsive, no animation, the
 * theme's text colour, a themed legend with point styles, tooltips on) with the chart's own
 * options over it. A plugin the chart sets (its legend, its tooltip) replaces the base's whole.
 * The result keeps the literal types of both, so each chart's spec checks it against
 * chart.js's `ChartOptions` of its own type.
 */
export function chartOptions<S extends object, P extends object>(
  theme: Theme,
  own: { indexAxis?: 'x' | 'y'; scales: S; plugins: P },
) {
  const { plugins, ...rest } = own;
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    color: theme.text,
    interaction: { mode: 'nearest' as const, intersect: true },
    plugins: {
      legend: { labels: { color: theme.text, usePointStyle: true } },
      tooltip: { enabled: true },
      ...plugins,
    },
    ...rest,
  };
}

function axis(theme: Theme, title?: string) {
  return {
    ticks: { color: theme.muted },
    grid: { color: theme.grid },
    border: { color: theme.grid },
    ...(title ? { title: { display: true, text: title, color: theme.muted } } : {}),
  };
}

/** The 1–5 scale of a dimension's means. */
function meanAxis(theme: Theme) {
  return { ...axis(theme, t('dashAxisMean')), min: 1, max: 5, ticks: { color: theme.muted, stepSize: 1 } };
}

/** The axis of a bar chart lying on its side: every name (organisation, purpose) shown. */
function labelAxis(theme: Theme) {
  return { ...axis(theme), type: 'category' as const, ticks: { color: theme.text, autoSkip: false } };
}

/** A tooltip's title on a chart over time: the point's date. */
function dateTitle(items: ReadonlyArray<TooltipItem<Mixed>>): string {
  return items[0] ? formatDate(Number(items[0].parsed.x)) : '';
}

/** The filter's range in epoch ms. */
interface TimeRange {
  fromMs: number;
  toMs: number;
}

/** The x axis of a chart over time: the filter's range, labelled by month. */
function timeAxis(theme: Theme, range: TimeRange, maxTicksLimit: number) {
  return {
    ...axis(theme),
    type: 'linear' as const,
    min: range.fromMs,
    max: range.toMs,
    ticks: { color: theme.muted, maxTicksLimit, callback: monthLabel },
  };
}

function gapMarkers(theme: Theme, points: Array<{ x: number | string; threshold: number }>, y: number): MixedDataset {
  return {
    type: 'scatter',
    label: fewerThan(points[0]?.threshold ?? 3),
    data: points.map((p) => ({ x: p.x, y })),
    pointStyle: 'crossRot',
    pointRadius: 7,
    pointBorderWidth: 2,
    borderColor: theme.muted,
    backgroundColor: theme.muted,
    showLine: false,
  };
}

/** A gap marker's tooltip: "fewer than N responses". */
function gapLabel(gaps: ReadonlyArray<{ threshold: number }>, index: number): string {
  const gap = gaps[index];
  return gap ? fewerThan(gap.threshold) : '';
}

/** A bar chart of one series (response rates, purposes): one colour, no legend. */
function singleBarSpec(
  theme: Theme,
  spec: {
    labels: string[];
    label: string;
    data: Array<number | null>;
    colour: number;
    options: ChartOptions<'bar'>;
    height: number;
  },
): ChartSpec<'bar'> {
  const colour = seriesColor(theme, spec.colour);
  const data = {
    labels: spec.labels,
    datasets: [{ label: spec.label, data: spec.data, backgroundColor: colour, borderColor: colour }],
  };
  return chartSpec(theme, 'bar', data, spec.options, { dataDatasets: 1, height: spec.height });
}

type PointStyle = ReturnType<typeof seriesPoint> | 'triangle';

/** A line's point styles: one for all of them, unless only some (not verified) are triangles. */
export function pointStyles(
  points: ReadonlyArray<{ unverified?: boolean }>,
  style: PointStyle,
): PointStyle | PointStyle[] {
  const marked = points.filter((p) => p.unverified).length;
  if (marked === 0) return style;
  if (marked === points.length) return 'triangle';
  return points.map((p) => (p.unverified ? 'triangle' : style));
}

export function dimensionChart(view: DimensionView, theme: Theme, range: TimeRange): ChartSpec<Mixed> {
  const datasets: MixedDataset[] = view.series.map((series, index) => ({
    type: 'line',
    label: series.label,
    data: series.points.map((p) => ({ x: p.at, y: p.mean })),
    borderColor: seriesColor(theme, index),
    backgroundColor: seriesColor(theme, index),
    // A shared-link pulse's point (answers not verified) is a triangle: the card's note says so.
    // One style for the whole line when its points agree: chart.js then resolves the points'
    // options once per line instead of once per point (a filter redraw's largest cost).
    pointStyle: pointStyles(series.points, seriesPoint(index)),
    pointRadius: 5,
    pointHoverRadius: 7,
    borderDash: seriesDash(index),
    borderWidth: 2,
    spanGaps: false,
  }));
  const gaps = view.series.flatMap((series) =>
    series.points.filter((p) => p.mean === null).map((p) => ({ x: p.at, threshold: p.threshold })),
  );
  const gapIndex = gaps.length > 0 ? datasets.length : undefined;
  if (gaps.length > 0) datasets.push(gapMarkers(theme, gaps, 1));
  const options = chartOptions(theme, {
    scales: {
      x: timeAxis(theme, range, 7),
      y: meanAxis(theme),
    },
    plugins: {
      // With many partnerships a legend would fill the chart: the tooltip and the table name each line.
      legend: { display: view.series.length <= MAX_LEGEND, labels: { color: theme.text, usePointStyle: true } },
      tooltip: {
        callbacks: {
          title: dateTitle,
          label: (item: TooltipItem<'line'>) => {
            if (item.datasetIndex === gapIndex) return gapLabel(gaps, item.dataIndex);
            const series = view.series[item.datasetIndex];
            const point = series?.points[item.dataIndex];
            if (!series || !point || point.mean === null) return '';
            return t(
              'dashTooltipMean',
              series.label,
              mean(point.mean),
              counted('countAnswers', point.n ?? 0),
              counted('countResponses', point.responses),
            );
          },
        },
      },
    },
  });
  return chartSpec<Mixed>(theme, 'line', { datasets }, options, {
    dataDatasets: view.series.length,
    gapDataset: gapIndex,
    height: 260,
  });
}

export function partnerTypeChart(view: PartnerTypeView, theme: Theme): ChartSpec<Mixed> {
  const datasets: MixedDataset[] = view.types.map((type) => ({
    type: 'line',
    label: partnerTypeLabel(type),
    data: view.values[type].map((v) => v.mean),
    borderColor: theme.partnerType[type],
    backgroundColor: theme.partnerType[type],
    pointStyle: PARTNER_TYPE_POINTS[type],
    pointRadius: 6,
    pointHoverRadius: 8,
    borderWidth: 3,
    spanGaps: false,
  }));
  // The gap between the lead and the wider partners, shaded: the equity signal at a glance.
  const lead = view.types.indexOf('lead');
  const wider = view.types.indexOf('wider');
  if (lead >= 0 && wider >= 0) {
    Object.assign(datasets[wider]!, { fill: { target: lead }, backgroundColor: `${theme.partnerType.wider}33` });
  }
  const gaps: Array<{ x: string; threshold: number }> = [];
  for (const type of view.types) {
    view.values[type].forEach((v, i) => {
      if (v.mean === null) gaps.push({ x: view.periods[i]!, threshold: v.threshold });
    });
  }
  const gapIndex = gaps.length > 0 ? datasets.length : undefined;
  if (gaps.length > 0) datasets.push(gapMarkers(theme, gaps, 1));
  const options = chartOptions(theme, {
    scales: {
      x: { ...axis(theme), type: 'category' as const },
      y: meanAxis(theme),
    },
    plugins: {
      tooltip: {
        callbacks: {
          label: (item: TooltipItem<'line'>) => {
            if (item.datasetIndex === gapIndex) return gapLabel(gaps, item.dataIndex);
            const type = view.types[item.datasetIndex];
            const value = type ? view.values[type][item.dataIndex] : undefined;
            if (!type || !value || value.mean === null) return '';
            return plural(
              'dashTooltipTypeMean',
              value.n ?? 0,
              partnerTypeLabel(type),
              mean(value.mean),
              formatNumber(value.n ?? 0),
            );
          },
        },
      },
    },
  });
  return chartSpec<Mixed>(theme, 'line', { labels: view.periods, datasets }, options, {
    dataDatasets: view.types.length,
    gapDataset: gapIndex,
    height: 280,
  });
}

/** One partnership's lead − wider gap at each pulse: small, one line, no legend. */
export function partnershipGapChart(view: PartnershipGapView, theme: Theme, range: TimeRange): ChartSpec<Mixed> {
  const colour = theme.partnerType.wider;
  const datasets: MixedDataset[] = [
    {
      type: 'line',
      label: t('dashAxisGap'),
      data: view.points.map((p) => ({ x: p.at, y: p.gap })),
      borderColor: colour,
      backgroundColor: colour,
      pointStyle: pointStyles(view.points, 'circle'),
      pointRadius: 4,
      borderWidth: 2,
      spanGaps: false,
    },
  ];
  const gaps = view.points.filter((p) => p.gap === null).map((p) => ({ x: p.at, threshold: p.threshold }));
  const gapIndex = gaps.length > 0 ? datasets.length : undefined;
  // On the gap's own scale a mark would read as a gap of that value: the marks get a hidden
  // scale of their own and sit on the bottom edge.
  if (gaps.length > 0) datasets.push({ ...gapMarkers(theme, gaps, 0), yAxisID: 'marks', clip: false });
  const options = chartOptions(theme, {
    scales: {
      x: timeAxis(theme, range, 4),
      // A gap of a whole point either way fits without rescaling: small charts stay comparable.
      y: { ...axis(theme, t('dashAxisGap')), suggestedMin: -1, suggestedMax: 1 },
      marks: { display: false, min: 0, max: 1 },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          title: dateTitle,
          label: (item: TooltipItem<'line'>) => {
            if (item.datasetIndex === gapIndex) return gapLabel(gaps, item.dataIndex);
            const gap = view.points[item.dataIndex]?.gap;
            return gap === null || gap === undefined ? '' : t('dashTooltipLeadWider', mean(gap));
          },
        },
      },
    },
  });
  return chartSpec<Mixed>(theme, 'line', { datasets }, options, { dataDatasets: 1, gapDataset: gapIndex, height: 160 });
}

export function responseRateChart(view: ResponseRateView, theme: Theme): ChartSpec<'bar'> {
  const options = chartOptions(theme, {
    scales: {
      x: { ...axis(theme), type: 'category' as const, ticks: { color: theme.muted, autoSkip: true, maxRotation: 60 } },
      y: { ...axis(theme, t('dashAxisRate')), min: 0, suggestedMax: 100 },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          label: (item: TooltipItem<'bar'>) => {
            const detail = view.details[item.dataIndex];
            const rate = view.rates[item.dataIndex];
            return detail && rate !== null && rate !== undefined
              ? t(
                  'dashTooltipRate',
                  formatNumber(rate),
                  counted('countResponses', detail.responses),
                  counted('countInvitedOrganisations', detail.invited),
                )
              : '';
          },
        },
      },
    },
  });
  return singleBarSpec(theme, {
    labels: view.labels,
    label: t('dashAxisRate'),
    data: view.rates,
    colour: 0,
    options,
    height: 240,
  });
}

export function attendanceChart(view: AttendanceView, theme: Theme): ChartSpec<'bar'> {
  const colours = view.rows.map((row) =>
    row.status === 'drifting' ? theme.warning : row.status === 'left' ? theme.neutral : seriesColor(theme, 0),
  );
  const options = chartOptions(theme, {
    indexAxis: 'y' as const,
    scales: {
      x: { ...axis(theme, t('dashAxisAttendance')), min: 0, max: 100 },
      y: labelAxis(theme),
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          label: (item: TooltipItem<'bar'>) => {
            const row = view.rows[item.dataIndex];
            if (!row) return '';
            const text = plural(
              'dashTooltipAttendance',
              row.expected,
              formatNumber(view.rates[item.dataIndex] ?? 0),
              formatNumber(row.attended),
              formatNumber(row.expected),
            );
            return row.status === 'drifting' ? [text, t('dashTooltipDrifting', formatNumber(row.missedInARow))] : text;
          },
        },
      },
    },
  });
  const data = {
    labels: view.labels,
    datasets: [
      {
        label: t('dashAxisAttendance'),
        data: view.rates,
        backgroundColor: colours,
        borderColor: colours,
        borderWidth: view.rows.map((row) => (row.status === 'drifting' ? 3 : 0)),
      },
    ],
  };
  return chartSpec(theme, 'bar', data, options, {
    dataDatasets: 1,
    height: Math.max(140, view.rows.length * 24 + 60),
  });
}

export function cadenceChart(
  view: CadenceView,
  theme: Theme,
  kinds: readonly ('core' | 'wider')[],
  range: TimeRange,
): ChartSpec<Mixed> {
  const datasets: MixedDataset[] = kinds.map((kind, index): MixedDataset => {
    const gaps = view.gaps.filter((gap) => gap.kind === kind && gap.daysSincePrevious !== null);
    return {
      type: 'scatter',
      label: cadenceKindLabel(kind),
      data: gaps.map((gap) => ({ x: gap.startAt, y: gap.daysSincePrevious })),
      backgroundColor: seriesColor(theme, index),
      borderColor: seriesColor(theme, index),
      pointStyle: gaps.map((gap) => (gap.late ? 'triangle' : seriesPoint(index === 0 ? 0 : 2))),
      pointRadius: gaps.map((gap) => (gap.late ? 8 : 5)),
    };
  });
  const charted = kinds.map((kind) => view.gaps.filter((gap) => gap.kind === kind && gap.daysSincePrevious !== null));
  for (const target of view.targets) {
    const index = kinds.indexOf(target.kind as 'core' | 'wider');
    if (index < 0) continue;
    datasets.push({
      type: 'line',
      label: plural('dashTargetLine', target.days, cadenceKindLabel(target.kind), formatNumber(target.days)),
      data: [
        { x: range.fromMs, y: target.days },
        { x: range.toMs, y: target.days },
      ],
      borderColor: seriesColor(theme, index),
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
      pointHitRadius: 0,
    });
  }
  const options = chartOptions(theme, {
    scales: {
      x: timeAxis(theme, range, 7),
      y: { ...axis(theme, t('dashAxisDaysSince')), min: 0 },
    },
    plugins: {
      tooltip: {
        callbacks: {
          title: dateTitle,
          label: (item: TooltipItem<'scatter'>) => {
            const gap = charted[item.datasetIndex]?.[item.dataIndex];
            if (!gap) return '';
            return plural(
              gap.late ? 'dashTooltipGapLate' : 'dashTooltipGap',
              gap.daysSincePrevious ?? 0,
              gap.partnership,
              formatNumber(gap.daysSincePrevious ?? 0),
              formatNumber(gap.targetDays),
            );
          },
        },
      },
    },
  });
  return chartSpec<Mixed>(theme, 'scatter', { datasets }, options, { dataDatasets: kinds.length, height: 260 });
}

export function purposeChart(view: PurposeView, theme: Theme): ChartSpec<'bar'> {
  const options = chartOptions(theme, {
    indexAxis: 'y' as const,
    scales: {
      x: { ...axis(theme, t('dashAxisMeetings')), min: 0, ticks: { color: theme.muted, precision: 0 } },
      y: labelAxis(theme),
    },
    plugins: { legend: { display: false } },
  });
  return singleBarSpec(theme, {
    labels: view.labels,
    label: t('dashAxisMeetings'),
    data: view.counts,
    colour: 2,
    options,
    height: Math.max(140, view.labels.length * 26 + 60),
  });
}

export function agendaChart(view: AgendaView, theme: Theme): ChartSpec<'bar'> {
  const colours = { yes: theme.partnerType.core, 'not-yet': theme.series[4]!, no: theme.warning };
  const options = chartOptions(theme, {
    indexAxis: 'y' as const,
    scales: {
      x: { ...axis(theme, t('dashAxisMeetings')), stacked: true, min: 0, ticks: { color: theme.muted, precision: 0 } },
      y: { ...labelAxis(theme), stacked: true },
    },
    plugins: {
      tooltip: {
        callbacks: {
          footer: (items: TooltipItem<'bar'>[]) => {
            const share = items[0] ? view.shares[items[0].dataIndex] : null;
            return share === null || share === undefined ? '' : t('dashTooltipAgreedShare', formatNumber(share));
          },
        },
      },
    },
  });
  const data = {
    labels: view.labels,
    datasets: AGENDA_ORDER.map((state) => ({
      label: agendaStateLabel(state),
      data: view.counts[state],
      backgroundColor: colours[state],
      borderColor: theme.background,
      borderWidth: 1,
    })),
  };
  return chartSpec(theme, 'bar', data, options, {
    dataDatasets: AGENDA_ORDER.length,
    height: Math.max(120, view.labels.length * 40 + 80),
  });
}
