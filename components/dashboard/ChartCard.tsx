import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../utils/i18n/messages';
import { tableToCsv, type ChartTable } from '../../utils/dashboard/table';
import { Chart } from './chart-setup';
import type { ChartType } from 'chart.js';
import type { ChartSpec, Datum } from './chart-configs';
import { DataTable } from './DataTable';
import { saveCanvasPng, saveCsv } from '../shared/download';
import { fileSlug } from '../../utils/your-data/files';

/**
 * One chart with its data table behind a toggle, and PNG / CSV downloads of what it shows.
 * The canvas carries what it drew as `data-points` (values plotted) and `data-gaps` (groups
 * below the threshold, drawn as labelled gaps), counted from the chart itself.
 */
export function ChartCard(props: {
  id: string;
  title: string;
  /** Headline or call-outs above the chart. */
  children?: ComponentChildren;
  spec: ChartSpec | null;
  table: ChartTable;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: string | null;
  /** Part of the download file names, e.g. the date range. */
  fileSuffix: string;
  onDrawn?: () => void;
}) {
  const { id, title, spec, table, empty, fileSuffix, onDrawn } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<ChartType, Datum[]> | null>(null);
  const [open, setOpen] = useState(false);
  // The latest callback, without redrawing the chart when only it changed.
  const drawn = useRef(onDrawn);
  drawn.current = onDrawn;
  const showChart = !empty && spec !== null;
  // A table with a "Not verified" column (utils/dashboard/views.ts markUnverified) holds points of
  // shared-link pulses: the chart says so under it.
  const unverified = table.columns.includes(t('dashColNotVerified'));

  useEffect(() => {
    const element = canvas.current;
    if (!showChart || !element || !spec) {
      chart.current?.destroy();
      chart.current = null;
      return;
    }
    const current = chart.current;
    // Same kind of chart and theme: update in place; otherwise start again (plugins are fixed at creation).
    if (current && (current.config as { type?: string }).type === spec.config.type && sameBackground(current, spec)) {
      current.data = spec.config.data;
      current.options = spec.config.options ?? {};
      current.update('none');
    } else {
      current?.destroy();
      chart.current = new Chart(element, spec.config);
    }
    countDrawn(chart.current!, element, spec);
    drawn.current?.();
  }, [spec, showChart]);

  useEffect(() => () => chart.current?.destroy(), []);

  const base = `partnership-pulse-${fileSlug(title)}-${fileSuffix}`;
  const tableId = `${id}-table`;
  return (
    <section class="chart-card" aria-labelledby={`${id}-title`} data-chart={id}>
      <h3 id={`${id}-title`}>{title}</h3>
      {props.children}
      {showChart ? (
        <div class="chart-box" style={{ height: `${spec.height}px` }}>
          <canvas ref={canvas} role="img" aria-label={t('dashChartLabel', title)} />
        </div>
      ) : (
        <p class="chart-empty">{empty}</p>
      )}
      {unverified && (
        <p class="chart-note" data-unverified>
          {t('dashNotVerifiedNote')}
        </p>
      )}
      <div class="chart-actions">
        <button type="button" aria-expanded={open} aria-controls={tableId} onClick={() => setOpen(!open)}>
          {open ? t('dashHideTable') : t('dashShowTable')}
        </button>
        <button
          type="button"
          disabled={!showChart}
          onClick={() => canvas.current && void saveCanvasPng(canvas.current, `${base}.png`)}
        >
          {t('dashDownloadPng')}
        </button>
        <button type="button" onClick={() => saveCsv(tableToCsv(table), `${base}.csv`)}>
          {t('dashDownloadCsv')}
        </button>
      </div>
      {open && <DataTable id={tableId} caption={title} table={table} />}
    </section>
  );
}

function sameBackground(chart: Chart<ChartType, Datum[]>, spec: ChartSpec): boolean {
  const before = chart.config.plugins?.[0] as { background?: string } | undefined;
  const after = spec.config.plugins?.[0] as { background?: string } | undefined;
  return before?.background === after?.background;
}

/** Values the chart plotted (finite on its value axis) in the data datasets, and the gap markers. */
function countDrawn(chart: Chart<ChartType, Datum[]>, element: HTMLCanvasElement, spec: ChartSpec): void {
  let points = 0;
  for (let index = 0; index < spec.dataDatasets; index += 1) {
    if (!chart.isDatasetVisible(index)) continue;
    const meta = chart.getDatasetMeta(index);
    const axis = meta.vScale?.axis ?? 'y';
    for (let i = 0; i < meta.data.length; i += 1) {
      const parsed = (meta.controller as unknown as { getParsed(index: number): Record<string, unknown> }).getParsed(i);
      if (Number.isFinite(parsed[axis])) points += 1;
    }
  }
  const gaps = spec.gapDataset === undefined ? 0 : chart.getDatasetMeta(spec.gapDataset).data.length;
  element.dataset.points = String(points);
  element.dataset.gaps = String(gaps);
}
