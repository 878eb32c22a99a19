import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Browser } from '#imports';
import type { Meeting, Partnership } from '../../utils/db/records';
import { launchExtension, UK_DESKTOP, type ExtensionHarness } from '../harness';
import {
  exportThroughDashboard,
  IMPORT_FILE_LABEL,
  importThroughDashboard,
  jsonFile,
  loadSampleData,
  openDashboard,
  previewCounts,
  yourDataViolations,
} from '../harness/data-transfer';
import { databaseDigest, readRecords, RECORD_STORES } from '../harness/db';
import { chooseFileByKey } from '../harness/keyboard';
import { useExtension } from '../harness/vitest';

const ext = useExtension(UK_DESKTOP);

declare const chrome: typeof Browser;

// A pulse's private key is a non-extractable CryptoKey: by design it never leaves the browser.
const TRAVELS = { omit: { pulses: ['privateKey'] } };
// A backup coarsens each response's arrival time (and stamps) to its pulse's close: another
// profile gets every record and field but those.
const ARRIVES = { omit: { pulses: ['privateKey'], responses: ['receivedAt', 'createdAt', 'updatedAt'] } };

async function withFreshProfile(run: (fresh: ExtensionHarness) => Promise<void>): Promise<void> {
  const fresh = await launchExtension(UK_DESKTOP);
  try {
    await run(fresh);
  } catch (error) {
    await fresh.closeUnchecked();
    throw error;
  }
  await fresh.close();
}

interface Target {
  tag: string;
  text?: string;
  id?: string;
}

/** Presses Tab until the focused element is the target; fails after `limit` presses. */
async function tabTo(page: Page, target: Target, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate(({ tag, text, id }) => {
      const element = document.activeElement;
      if (!element || element.tagName !== tag) return false;
      if (id !== undefined && element.id !== id) return false;
      return text === undefined || element.textContent?.trim() === text;
    }, target);
    if (found) return;
  }
  throw new Error(`Tab never reached ${JSON.stringify(target)}`);
}

const button = (text: string): Target => ({ tag: 'BUTTON', text });

describe('export, then import into a fresh profile', () => {
  it('carries every record: the fresh profile ends up with the same data, and importing it again changes nothing', async () => {
    await loadSampleData(ext());
    const page = await openDashboard(ext());
    await page.getByText('You have not exported a backup yet.', { exact: false }).waitFor();
    const before = await databaseDigest(page, TRAVELS);
    const arrives = await databaseDigest(page, ARRIVES);
    for (const store of RECORD_STORES) expect(before[store].count, store).toBeGreaterThan(0);

    const saved = await exportThroughDashboard(page);
    expect(saved.fileName).toMatch(/^partnership-pulse-\d{4}-\d{2}-\d{2}\.json$/);
    const bundle = JSON.parse(saved.text) as Record<string, unknown>;
    expect(bundle.format).toBe('partnership-pulse');
    expect(bundle.version).toBe(1);
    for (const store of RECORD_STORES) expect((bundle[store] as unknown[]).length, store).toBe(before[store].count);
    expect(saved.text).not.toContain('privateKey');
    // Arrival times are coarsened to each pulse's close (or the export, for an open pulse).
    const exportedAt = Date.parse(bundle.exportedAt as string);
    const closes = new Map((bundle.pulses as Array<{ id: string; expiresAt: number }>).map((p) => [p.id, p.expiresAt]));
    const responses = bundle.responses as Array<{ pulseId: string; receivedAt: number; createdAt: number }>;
    expect(responses.length).toBeGreaterThan(0);
    for (const r of responses) {
      const close = Math.min(closes.get(r.pulseId)!, exportedAt);
      expect([r.receivedAt, r.createdAt]).toEqual([close, close]);
    }
    // A whole export is a backup: the reminder goes, the date is shown.
    await page.getByText('Last backup:', { exact: false }).waitFor();
    expect(await page.getByText('You have not exported a backup yet.', { exact: false }).count()).toBe(0);
    // Exporting read and wrote nothing.
    expect(await databaseDigest(page, TRAVELS)).toEqual(before);
    await page.close();

    await withFreshProfile(async (fresh) => {
      const other = await openDashboard(fresh);
      await other.getByRole('heading', { name: 'Nothing to show yet' }).waitFor();
      // A new database already holds the built-in purpose tags (the same ids everywhere).
      const already = await databaseDigest(other, TRAVELS);
      const count = (digest: typeof before) => RECORD_STORES.reduce((sum, store) => sum + digest[store].count, 0);
      expect(count(already)).toBe(already.purposeTags.count);

      const summary = await importThroughDashboard(other, jsonFile(saved.fileName, saved.text));
      expect(summary).toBe(
        `Imported ${saved.fileName}: added ${count(before) - count(already)}, updated 0, left ${count(already)} alone, 0 conflicts kept yours.`,
      );
      expect(await databaseDigest(other, ARRIVES)).toEqual(arrives);
      // The dashboard refreshed through the change feed: the charts of the imported data.
      await other.locator('[data-chart="agenda"] canvas[data-points]').waitFor({ timeout: 20_000 });

      // The same file again: the preview says nothing changes, and nothing does.
      await other.getByLabel(IMPORT_FILE_LABEL).setInputFiles(jsonFile(saved.fileName, saved.text));
      const counts = await previewCounts(other);
      for (const store of RECORD_STORES) expect(counts[store], store).toEqual([0, 0, before[store].count, 0, 0]);
      await other.getByRole('button', { name: 'Import', exact: true }).click();
      await other.locator('.import-summary').waitFor();
      expect(await other.locator('.import-summary').textContent()).toContain('added 0, updated 0');
      expect(await databaseDigest(other, ARRIVES)).toEqual(arrives);
    });
  }, 180_000);

  it('works by keyboard alone: export, then import into a fresh profile', async () => {
    await loadSampleData(ext());
    const page = await openDashboard(ext());
    const before = await databaseDigest(page, ARRIVES);

    await tabTo(page, button('Export data'));
    await page.keyboard.press('Enter');
    await tabTo(page, button('Save the export'), 5);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const text = await readFile(await download.path(), 'utf8');
    await page.close();

    await withFreshProfile(async (fresh) => {
      const other = await openDashboard(fresh);
      await tabTo(other, button('Import data'));
      await other.keyboard.press('Enter');
      await tabTo(other, { tag: 'INPUT', id: 'import-file' }, 3);
      await chooseFileByKey(other, 'Space', jsonFile(download.suggestedFilename(), text));
      await other.locator('.import-preview').waitFor({ timeout: 60_000 });
      await tabTo(other, button('Import'), 20);
      await other.keyboard.press('Enter');
      await other.locator('.import-summary').waitFor({ timeout: 60_000 });
      expect(await databaseDigest(other, ARRIVES)).toEqual(before);
    });
  }, 180_000);
});

describe('the rest of the export form, and how storage stands', () => {
  it('includes the error log in a bundle only when asked', async () => {
    await loadSampleData(ext());
    const entry = { at: Date.UTC(2026, 10, 1), page: 'dashboard', message: 'Test failure', version: '1.0.0' };
    const page = await openDashboard(ext());
    await page.evaluate((entries) => chrome.storage.local.set({ errorLog: entries }), [entry]);

    const without = JSON.parse((await exportThroughDashboard(page)).text) as { errorLog?: unknown };
    expect(without.errorLog).toBeUndefined();
    await page.getByLabel('Include the error log (to send with a problem report)').check();
    expect(await yourDataViolations(page)).toEqual([]);
    const withLog = JSON.parse((await exportThroughDashboard(page)).text) as { errorLog?: unknown };
    expect(withLog.errorLog).toEqual([entry]);
    await page.close();
  });

  it('exports one partnership as a bundle, and the meetings as a CSV with a byte-order mark', async () => {
    await loadSampleData(ext());
    const page = await openDashboard(ext());
    const partnerships = await readRecords<Partnership>(page, 'partnerships');
    const meetings = (await readRecords<Meeting>(page, 'meetings')).filter((m) => m.deletedAt === undefined);
    const one = partnerships.find((p) => p.deletedAt === undefined)!;

    const bundle = await exportThroughDashboard(page, { what: `Only ${one.name}` });
    expect(bundle.fileName).toMatch(/^partnership-pulse-\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.json$/);
    const parsed = JSON.parse(bundle.text) as { scope: unknown; partnerships: Partnership[]; meetings: Meeting[] };
    expect(parsed.scope).toEqual({ partnershipId: one.id });
    expect(parsed.partnerships.map((p) => p.id)).toEqual([one.id]);
    expect(parsed.meetings.length).toBe(meetings.filter((m) => m.partnershipId === one.id).length);

    const csv = await exportThroughDashboard(page, { format: 'Meetings (CSV)' });
    expect(csv.fileName).toMatch(/^partnership-pulse-meetings-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(csv.text.slice(1), { skipEmptyLines: true }).data;
    // A header and one row per live meeting.
    expect(rows.length).toBe(1 + meetings.length);
    await page.close();
  });

  it('says whether storage is persistent and how much space is used, and reminds once the backup is over a month old', async () => {
    await loadSampleData(ext());
    const page = await openDashboard(ext());
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    await page.getByText(persisted ? 'Storage is persistent' : 'Storage is not persistent', { exact: false }).waitFor();
    const { usage } = await page.evaluate(() => navigator.storage.estimate());
    const shown = page.locator('.space-used');
    await shown.waitFor();
    expect(Number(await shown.getAttribute('data-usage'))).toBeGreaterThan(0);
    expect(Math.abs(Number(await shown.getAttribute('data-usage')) - usage!)).toBeLessThan(5_000_000);
    expect(await shown.textContent()).toMatch(
      /^Space used: [\d.,]+ (bytes|kB|MB|GB) of [\d.,]+ (kB|MB|GB|TB) available/,
    );

    const DAY = 24 * 60 * 60 * 1000;
    await page.evaluate((at) => chrome.storage.local.set({ lastBackupAt: at }), Date.now() - 31 * DAY);
    await page.reload();
    await page.getByText('Your last backup was 31 days ago.', { exact: false }).waitFor();
    await page.evaluate((at) => chrome.storage.local.set({ lastBackupAt: at }), Date.now() - 29 * DAY);
    await page.reload();
    await page.getByText('Last backup:', { exact: false }).waitFor();
    expect(await page.locator('.backup-reminder').count()).toBe(0);
    await page.close();
  });
});
