// Issue 15: a partner-type change redraws the dashboard in ≤ 0.25× a bare getAll(). The dimension
// views' partner-type-free work (grouping, sorting, dating) is a frame kept through the change,
// and a line whose points share one style gives chart.js one style, not one per point.
import { describe, expect, it } from 'vitest';
import { PARTNER_TYPES, type PartnerType } from '../../../utils/db/records';
import { buildDemoData } from '../../../utils/demo/build';
import {
  dimensionFrame,
  dimensionView,
  dimensionViewOf,
  gapView,
  pointsOf,
  type ViewContext,
} from '../../../utils/dashboard/views';
import { dimensionChart, partnershipGapChart, pointStyles } from '../../../components/dashboard/chart-configs';
import { seriesPoint, themeFor } from '../../../components/dashboard/palette';

const NOW = Date.UTC(2026, 5, 30, 12);
const data = buildDemoData(NOW);
const context: ViewContext = { timeZone: 'Europe/London', asOf: NOW };
const range = { fromMs: NOW - 400 * 24 * 60 * 60 * 1000, toMs: NOW };

describe('the dimension views on a partner-type change', () => {
  it('gives from one frame exactly the view worked out from scratch, for everyone and each partner type', () => {
    const seated = new Set([data.pulses[0]!.id]);
    const points = pointsOf(data.pulses, seated);
    const frame = dimensionFrame('equity', points, data.pulses, data.partnerships, context);
    expect(frame.points.length).toBeGreaterThan(0);
    const choices: Array<PartnerType | undefined> = [undefined, ...PARTNER_TYPES];
    const means = new Set<string>();
    for (const partnerType of choices) {
      const only = partnerType ? { partnerType } : {};
      const fromFrame = dimensionViewOf(frame, only);
      expect(fromFrame).toEqual(dimensionView('equity', points, data.pulses, data.partnerships, only, context));
      means.add(JSON.stringify(fromFrame.series.map((s) => s.points.map((p) => p.mean))));
    }
    // The type does change the means: the frame holds none of them.
    expect(means.size).toBeGreaterThan(1);
  });
});

describe('a line’s point styles', () => {
  const verified = { unverified: false };
  const marked = { unverified: true };

  it('is one style for a line whose points agree, and one per point only when they differ', () => {
    expect(pointStyles([verified, verified], seriesPoint(1))).toBe(seriesPoint(1));
    expect(pointStyles([marked, marked], seriesPoint(1))).toBe('triangle');
    expect(pointStyles([verified, marked], seriesPoint(1))).toEqual([seriesPoint(1), 'triangle']);
  });

  it('draws a dimension chart’s shared-link lines with one triangle style each', () => {
    const points = pointsOf(data.pulses, new Set());
    const view = dimensionView('trust', points, data.pulses, data.partnerships, {}, context);
    const spec = dimensionChart(view, themeFor(false), range);
    const lines = spec.config.data.datasets.slice(0, spec.dataDatasets);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect((line as { pointStyle?: unknown }).pointStyle).toBe('triangle');
  });
});

describe('a partnership’s gap chart', () => {
  it('draws shared-link pulses as triangles, as its note says', () => {
    const points = pointsOf(data.pulses, new Set());
    const [first] = gapView(points, data.partnerships, 'equity', context).partnerships;
    expect(first).toBeDefined();
    const spec = partnershipGapChart(first!, themeFor(false), range);
    expect((spec.config.data.datasets[0] as { pointStyle?: unknown }).pointStyle).toBe('triangle');
  });

  it('puts the "fewer than" marks on the bottom edge, apart from the gap scale, so they never read as a gap of 0', () => {
    const points = pointsOf(data.pulses, new Set(data.pulses.map((p) => p.id)));
    const withGaps = gapView(points, data.partnerships, 'equity', context).partnerships.find((g) =>
      g.points.some((p) => p.gap === null),
    );
    expect(withGaps).toBeDefined();
    const spec = partnershipGapChart(withGaps!, themeFor(false), range);
    const marks = spec.config.data.datasets[spec.gapDataset!] as { yAxisID?: string; data: Array<{ y: number }> };
    expect(marks.yAxisID).toBeDefined();
    expect(marks.yAxisID).not.toBe('y');
    const scale = (spec.config.options?.scales as Record<string, { display?: boolean; min?: number }>)[marks.yAxisID!];
    expect(scale).toMatchObject({ display: false });
    expect(marks.data.every((d) => d.y === scale!.min)).toBe(true);
  });
});
