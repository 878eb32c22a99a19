import { rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetBundleText, generateDataset } from '../../scripts/bench/dataset';
import { chooseImportFile, loadSampleData, openDashboard, previewCounts, previewOf } from '../harness/data-transfer';
import { storeCounts } from '../harness/db';
import { useExtension } from '../harness/vitest';

const ext = useExtension({ viewport: { width: 1280, height: 900 } });

const MB = 1024 * 1024;
const SIZE = { partnerships: 20, organisations: 200, meetings: 17_000, pulses: 4_250, responses: 85_000 };
const file = path.join(tmpdir(), `partnership-pulse-large-${process.pid}.json`);

afterAll(() => rmSync(file, { force: true }));

const STORES = ['partnerships', 'organisations', 'meetings', 'pulses', 'responses'] as const;

describe('a 50 MB bundle', () => {
  it('is previewed and imported through the dashboard with a progress bar, the page answering throughout', async () => {
    writeFileSync(file, datasetBundleText(generateDataset(SIZE)));
    expect(statSync(file).size).toBeGreaterThanOrEqual(50 * MB);

    // Over the sample data, so the dashboard has filters to use while the file is read.
    await loadSampleData(ext());
    const page = await openDashboard(ext());
    const before = await storeCounts(page, STORES);
    await chooseImportFile(page, file);
    const progress = page.getByRole('progressbar');
    await progress.waitFor();
    // While the worker reads it, the page still takes input: a filter changes the address.
    await page.locator('#filter-type').selectOption('wider');
    await expect.poll(() => new URL(page.url()).searchParams.get('type')).toBe('wider');
    expect(await progress.count()).toBe(1);

    const counts = await previewCounts(page);
    // [add, update, unchanged, keepLocal, conflict] per store.
    expect(counts.meetings?.[0]).toBe(SIZE.meetings);
    expect(counts.pulses?.[0]).toBe(SIZE.pulses);
    expect(counts.responses?.[0]).toBe(SIZE.responses);

    await previewOf(page).getByRole('button', { name: 'Import', exact: true }).click();
    await progress.waitFor();
    await page.locator('.import-summary').waitFor({ timeout: 240_000 });
    const after = await storeCounts(page, STORES);
    for (const store of STORES) {
      expect(after[store], store).toBe(before[store]! + SIZE[store]);
    }
    await expect
      .poll(() => page.locator('canvas[data-chart], [data-chart] canvas').count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await page.close();
  }, 420_000);
});
