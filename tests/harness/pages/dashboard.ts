import type { Locator, Page } from 'playwright-core';
import type { ExtensionHarness } from '../extension';
import { openExtensionPage } from '../tabs';

/** The dashboard (dashboard.html): its chart cards, what each drew, and their data tables. */

export const openDashboard = (ext: ExtensionHarness, search = ''): Promise<Page> =>
  openExtensionPage(ext, `dashboard.html${search}`);

/** A chart's card, by its id (`data-chart`). */
export const chartCard = (page: Page, id: string): Locator => page.locator(`[data-chart="${id}"]`);

/** What the chart drew, as the canvas reports it: values plotted and gaps marked. */
export async function drawn(page: Page, id: string): Promise<{ points: number; gaps: number }> {
  const canvas = chartCard(page, id).locator('canvas');
  const [points, gaps] = await Promise.all([canvas.getAttribute('data-points'), canvas.getAttribute('data-gaps')]);
  return { points: Number(points), gaps: Number(gaps) };
}

export interface ChartTable {
  columns: string[];
  rows: string[][];
}

/** Opens the chart's data table (by its toggle) and reads it as text. */
export async function chartTable(page: Page, id: string): Promise<ChartTable> {
  const toggle = chartCard(page, id).getByRole('button', { name: /data table/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const table = chartCard(page, id).locator('table');
  await table.waitFor();
  return table.evaluate((element) => ({
    columns: [...element.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
    rows: [...element.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent ?? '')),
  }));
}

/** The chart's data table rows, as text, once the chart has drawn; sorted (partnership order may differ between profiles). */
export async function sortedRows(page: Page, id: string, timeout = 30_000): Promise<string[][]> {
  await chartCard(page, id).locator('canvas[data-points]').waitFor({ timeout });
  const { rows } = await chartTable(page, id);
  return rows.sort((a, b) => a.join('|').localeCompare(b.join('|')));
}
