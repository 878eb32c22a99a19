// Issue 11: every chart's options are merged in one place (chartOptions); these pin what a chart gets.
import { describe, expect, it } from 'vitest';
import { chartOptions, partnershipGapChart, purposeChart } from '../../../components/dashboard/chart-configs';
import { fewerThan, type PartnershipGapView } from '../../../utils/dashboard/views';
import { themeFor } from '../../../components/dashboard/palette';
import { t } from '../../../utils/i18n/messages';

const light = themeFor(false);
const dark = themeFor(true);

describe('a chart’s merged options', () => {
  it('pins the purpose chart’s options: the base, its own axes, its legend hidden and the tooltip kept', () => {
    const view = {
      labels: ['Project delivery'],
      counts: [3],
      held: 3,
      withPurpose: 3,
      table: { columns: [], rows: [] },
    };
    const axis = { ticks: { color: dark.muted }, grid: { color: dark.grid }, border: { color: dark.grid } };
    expect(purposeChart(view, dark).config.options).toEqual({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      color: dark.text,
      interaction: { mode: 'nearest', intersect: true },
      indexAxis: 'y',
      scales: {
        x: {
          ...axis,
          title: { display: true, text: t('dashAxisMeetings'), color: dark.muted },
          min: 0,
          ticks: { color: dark.muted, precision: 0 },
        },
        y: { ...axis, type: 'category', ticks: { color: dark.text, autoSkip: false } },
      },
      plugins: { legend: { display: false }, tooltip: { enabled: true } },
    });
  });

  it('replaces a plugin the chart sets and keeps the base’s others, in the theme’s colours', () => {
    const tooltip = { callbacks: { label: () => 'x' } };
    const options = chartOptions(light, { scales: { y: { min: 0 } }, plugins: { tooltip } });
    expect(options.plugins).toEqual({ legend: { labels: { color: light.text, usePointStyle: true } }, tooltip });
    expect(options.scales).toEqual({ y: { min: 0 } });
    expect(options.color).toBe(light.text);
    expect('indexAxis' in options).toBe(false);
    expect(chartOptions(dark, { scales: {}, plugins: {} }).plugins.legend.labels.color).toBe(dark.text);
  });

  it('gives each chart options of its own: one chart’s change never reaches another’s', () => {
    const own = { scales: { y: { min: 0 } }, plugins: { legend: { display: false } } };
    const first = chartOptions(light, own);
    const second = chartOptions(light, { scales: {}, plugins: {} });
    first.plugins.tooltip.enabled = false;
    expect(second.plugins.tooltip.enabled).toBe(true);
    expect(own).toEqual({ scales: { y: { min: 0 } }, plugins: { legend: { display: false } } });
  });
});

describe('a gap marker’s tooltip', () => {
  it('names the threshold the hidden group fell short of, on every chart with gap markers', () => {
    const view: PartnershipGapView = {
      partnershipId: 'p',
      name: 'P',
      points: [
        { pulseId: 'a', at: 1, gap: 0.5, threshold: 3 },
        { pulseId: 'b', at: 2, gap: null, threshold: 4 },
      ],
      direction: null,
      headline: '',
      table: { columns: [], rows: [] },
    };
    const spec = partnershipGapChart(view, light, { fromMs: 0, toMs: 3 });
    expect(spec.gapDataset).toBe(1);
    const label = spec.config.options?.plugins?.tooltip?.callbacks?.label;
    const at = (datasetIndex: number, dataIndex: number) =>
      (label as (item: { datasetIndex: number; dataIndex: number }) => unknown)({ datasetIndex, dataIndex });
    expect(at(1, 0)).toBe(fewerThan(4));
    expect(at(1, 5)).toBe('');
  });
});
