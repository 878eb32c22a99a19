import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { UK_DESKTOP } from '../harness';
import {
  chooseImportFile,
  openDashboard,
  previewCounts,
  problemsOf,
  type FileToImport,
} from '../harness/data-transfer';
import { databaseDigest, readRecords } from '../harness/db';
import { useExtension } from '../harness/vitest';
import type { PulseResponse, PulseSecrets } from '../../utils/db/records';

const ext = useExtension(UK_DESKTOP);

async function csvFile(name: string): Promise<FileToImport> {
  return { name, mimeType: 'text/csv', buffer: await readFile(join(process.cwd(), 'tests/fixtures/csv', name)) };
}

const flow = (page: Page) => page.locator('form.csv-import');

/** The option shown as chosen in a labelled select. */
const chosen = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text);

async function previewRows(page: Page): Promise<string[][]> {
  return flow(page)
    .locator('.csv-preview tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')));
}

describe('importing an earlier survey from CSV through the dashboard', () => {
  it('maps a Google Forms export, previews it, imports it once, and the dashboard shows its pulses', async () => {
    const page = await openDashboard(ext());
    await page.getByRole('heading', { name: 'Nothing to show yet' }).waitFor();
    const file = await csvFile('google-forms.csv');

    await chooseImportFile(page, file);
    await flow(page).getByRole('heading', { name: 'Import an earlier survey: google-forms.csv' }).waitFor();
    // The mapping guessed from the header names, each control labelled.
    expect(await chosen(page, 'Date of each answer')).toBe('Timestamp');
    expect(await chosen(page, 'Dates like 03/04/2024 are')).toBe('day first (3 April 2024)');
    expect(await chosen(page, 'Partnership')).toBe('From the column “Which partnership are you part of?”');
    expect(await chosen(page, 'Partner type')).toBe('What type of partner is your organisation?');
    expect(await chosen(page, 'Trust: column')).toBe('I trust the other partners to do what they say they will do.');
    expect(await chosen(page, 'Equity: scale')).toBe('1–5 (Strongly disagree … agree)');

    await flow(page).getByText('The first 5 of 5 rows as they will be imported').waitFor();
    const rows = await previewRows(page);
    expect(rows.map((row) => [row[0], row[2], row[3], row[4], ...row.slice(5)])).toEqual([
      [
        '2',
        'Northside Hardship Partnership (will be created)',
        'Lead',
        'Age UK Northside (will be created)',
        '5',
        '4',
        '4',
        '5',
      ],
      ['3', 'Northside Hardship Partnership (will be created)', 'Core', '', '4', '3', '2', '4'],
      [
        '4',
        'Northside Hardship Partnership (will be created)',
        'Wider',
        'Food Bank North (will be created)',
        '2',
        '1',
        'prefer not to say',
        '3',
      ],
      [
        '5',
        'Northside Hardship Partnership (will be created)',
        'Core',
        'Citizens Advice (will be created)',
        '4',
        '4',
        '4',
        '4',
      ],
      [
        '6',
        'Riverside Wellbeing Forum (will be created)',
        'Core',
        'Food Bank North (will be created)',
        '5',
        '4',
        '5',
        '4',
      ],
    ]);
    expect(await flow(page).getByRole('status').textContent()).toBe(
      '5 rows will be imported as 3 pulses (one per partnership per month, closed).',
    );

    // A changed mapping shows at once: trust left out, then mapped again.
    await page.getByLabel('Trust: column', { exact: true }).selectOption({ label: '— none —' });
    expect((await previewRows(page))[0]![5]).toBe('–');
    await page
      .getByLabel('Trust: column', { exact: true })
      .selectOption({ label: 'I trust the other partners to do what they say they will do.' });
    expect((await previewRows(page))[0]![5]).toBe('5');

    const before = await databaseDigest(page);
    await flow(page).getByRole('button', { name: 'Continue' }).click();
    const counts = await previewCounts(page);
    expect(counts.partnerships).toEqual([2, 0, 0, 0, 0]);
    expect(counts.organisations).toEqual([3, 0, 0, 0, 0]);
    expect(counts.pulses).toEqual([3, 0, 0, 0, 0]);
    expect(counts.responses).toEqual([5, 0, 0, 0, 0]);
    // Nothing is written until Import is pressed.
    expect(await databaseDigest(page)).toEqual(before);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('.import-summary').waitFor({ timeout: 60_000 });

    // The totals are local only (pulseSecrets), one entry per pulse.
    const secrets = await readRecords<PulseSecrets>(page, 'pulseSecrets');
    const responses = await readRecords<PulseResponse>(page, 'responses');
    expect(secrets.map((p) => p.summary?.responses).sort()).toEqual([1, 1, 3]);
    expect(responses.every((r) => r.source === 'import')).toBe(true);
    const imported = await databaseDigest(page);

    // The dashboard over 2024 shows them: March's Northside pulse (3 answers) as its mean, the others as gaps.
    await page.goto(`${page.url().replace(/\?.*$/, '')}?from=2024-01-01&to=2024-12-31`);
    const trust = page.locator('[data-chart="dimension-trust"]');
    await trust.locator('canvas[data-points]').waitFor({ timeout: 20_000 });
    expect(Number(await trust.locator('canvas').getAttribute('data-points'))).toBeGreaterThanOrEqual(1);
    await trust.getByRole('button', { name: /data table/ }).click();
    const trendRows = await trust
      .locator('table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent ?? '')));
    // Dates as an en-GB reader writes them (the chart's CSV keeps them in ISO 8601).
    expect(trendRows.map((row) => row.slice(0, 4))).toEqual([
      ['Northside Hardship Partnership', '31 Mar 2024', '3', '3.67'], // (5 + 4 + 2) / 3
      ['Northside Hardship Partnership', '30 Apr 2024', '1', 'fewer than 3 responses'],
      ['Riverside Wellbeing Forum', '30 Apr 2024', '1', 'fewer than 3 responses'],
    ]);

    // The same file again: nothing to add, and nothing changes.
    await chooseImportFile(page, file);
    await flow(page).getByRole('button', { name: 'Continue' }).click();
    const again = await previewCounts(page);
    expect(again.pulses).toEqual([0, 0, 3, 0, 0]);
    expect(again.responses).toEqual([0, 0, 5, 0, 0]);
    expect(again.partnerships).toEqual([0, 0, 0, 0, 0]);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('.import-summary').waitFor({ timeout: 60_000 });
    expect(await databaseDigest(page)).toEqual(imported);
    await page.close();
  });

  it('refuses a file with another delimiter or a workbook, says what is wrong, and changes nothing', async () => {
    const page = await openDashboard(ext());
    await page.locator('.your-data').waitFor();
    const before = await databaseDigest(page);
    const cases: Array<[FileToImport, RegExp]> = [
      [
        { name: 'pipes.csv', mimeType: 'text/csv', buffer: Buffer.from('Timestamp|Trust\n2024-03-15|4\n') },
        /^pipes\.csv \(line 1, column 1\): The columns could not be told apart/,
      ],
      [
        { name: 'book.csv', mimeType: 'text/csv', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]) },
        /^book\.csv: This is not a text file/,
      ],
    ];
    for (const [file, message] of cases) {
      await chooseImportFile(page, file);
      const alert = page.locator('.csv-import[role="alert"]');
      await alert.waitFor();
      expect(await alert.locator('li').allTextContents()).toEqual([expect.stringMatching(message)]);
      await alert.getByRole('button', { name: 'Cancel' }).click();
      expect(await databaseDigest(page), file.name).toEqual(before);
    }
    expect(await problemsOf(page).count()).toBe(0);
    await page.close();
  });

  it('reads a file that is not UTF-8 as Windows-1252 and says so; the mapping form passes axe in light and dark', async () => {
    const page = await openDashboard(ext());
    await page.locator('.your-data').waitFor();
    // Excel's plain "CSV" on Windows: é as the single byte 0xE9, on line 2.
    const text = 'Date;Partnership;Partner type;Organisation;Trust\r\n15/03/2024;Northside;core;Caf\u00e9 Bridge;4\r\n';
    await chooseImportFile(page, { name: 'excel.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'latin1') });
    await flow(page).getByRole('note').waitFor();
    expect(await flow(page).getByRole('note').textContent()).toBe(
      'This file is not UTF-8 (byte 80, line 2), so it was read as Windows-1252 (Western European). If letters look wrong below, save it as "CSV UTF-8" and choose that file again.',
    );
    expect((await previewRows(page))[0]![4]).toBe('Café Bridge (will be created)');

    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const { violations, passes } = await new AxeBuilder({ page }).include('form.csv-import').analyze();
      expect(passes.length).toBeGreaterThan(0);
      for (const v of violations) {
        if (v.impact === 'serious' || v.impact === 'critical') found.push(`[${colorScheme}] ${v.id}: ${v.help}`);
      }
    }
    expect(found).toEqual([]);
    await page.close();
  });
});
