import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Partnership, Pulse, PulseResponse } from '../../utils/db/records';
import {
  chooseImportFile,
  loadSampleData,
  openDashboard,
  previewCounts,
  type FileToImport,
} from '../harness/data-transfer';
import { databaseDigest, readRecords } from '../harness/db';
import { UK_DESKTOP } from '../harness';
import { useExtension } from '../harness/vitest';

const ext = useExtension(UK_DESKTOP);

const csvFile = (name: string, content: string | Buffer): FileToImport => ({
  name,
  mimeType: 'text/csv',
  buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
});

const HEADER = 'Date,Partnership,Partner type,Trust,Equity,Flexibility,Communication';
const SURVEY = [
  HEADER,
  '2024-03-15,Westfield Carers Forum,lead,4,3,5,4',
  '2024-03-16,Westfield Carers Forum,core,5,4,4,3',
  '2024-03-18,Westfield Carers Forum,wider,2,3,3,4',
].join('\r\n');

const flow = (page: Page) => page.locator('.csv-import');

/** The mapping, chosen by the labelled controls (whatever was guessed). */
async function mapColumns(page: Page): Promise<void> {
  const form = flow(page);
  await form.getByLabel('Date of each answer').selectOption({ label: 'Date' });
  await form.getByLabel('Partnership', { exact: true }).selectOption({ label: 'From the column “Partnership”' });
  await form.getByLabel('Partner type', { exact: true }).selectOption({ label: 'Partner type' });
  for (const dimension of ['Trust', 'Equity', 'Flexibility', 'Communication']) {
    await form.getByLabel(`${dimension}: column`).selectOption({ label: dimension });
  }
}

describe('importing an earlier survey from a CSV file', () => {
  let page: Page;
  beforeAll(async () => {
    await loadSampleData(ext());
    page = await openDashboard(ext());
  });

  it('maps the columns, shows the same preview as a bundle, imports, and imports nothing the second time', async () => {
    const before = await readRecords<PulseResponse>(page, 'responses');
    await chooseImportFile(page, csvFile('westfield.csv', SURVEY));
    await flow(page).getByRole('heading', { name: 'Import an earlier survey: westfield.csv' }).waitFor();
    await mapColumns(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    const counts = await previewCounts(page);
    expect(counts.responses).toEqual([3, 0, 0, 0, 0]);
    expect(counts.partnerships?.[0]).toBe(1);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('.import-summary').waitFor();
    const after = await readRecords<PulseResponse>(page, 'responses');
    const imported = after.filter((r) => r.source === 'import');
    expect(after.length - before.length).toBe(3);
    expect(imported.map((r) => r.partnerType).sort()).toEqual(['core', 'lead', 'wider']);

    const digest = await databaseDigest(page);
    await chooseImportFile(page, csvFile('westfield.csv', SURVEY));
    await mapColumns(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    const again = await previewCounts(page);
    for (const [store, row] of Object.entries(again)) expect([store, row[0], row[1]]).toEqual([store, 0, 0]);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await databaseDigest(page)).toEqual(digest);
  });

  const refused: Array<{ name: string; file: FileToImport; expected: RegExp }> = [
    {
      name: 'a delimiter it cannot tell (pipes)',
      file: csvFile('pipes.csv', SURVEY.replaceAll(',', '|')),
      expected: /^pipes\.csv \(line 1, column 1\): The columns could not be told apart/,
    },
    {
      name: 'UTF-16 without a byte-order mark',
      file: csvFile('utf16.csv', Buffer.from(SURVEY, 'utf16le')),
      expected: /^utf16\.csv.*: This looks like UTF-16 text without a byte-order mark/,
    },
  ];
  for (const { name, file, expected } of refused) {
    it(`refuses ${name}, saying what and where, and changes nothing`, async () => {
      const digest = await databaseDigest(page);
      await chooseImportFile(page, file);
      const alert = flow(page).and(page.getByRole('alert'));
      await alert.waitFor();
      const problems = await alert.locator('li').allTextContents();
      expect(
        problems.some((line) => expected.test(line)),
        JSON.stringify(problems),
      ).toBe(true);
      await alert.getByRole('button', { name: 'Cancel' }).click();
      expect(await databaseDigest(page)).toEqual(digest);
    });
  }

  it('lists ragged rows by row and leaves them out; cancelling changes nothing', async () => {
    const digest = await databaseDigest(page);
    const ragged = [
      HEADER,
      '2024-04-15,Westfield Carers Forum,lead,4,3,5,4,extra',
      '2024-04-16,Westfield Carers Forum,core,5',
    ];
    await chooseImportFile(
      page,
      csvFile('ragged.csv', [...ragged, '2024-04-17,Westfield Carers Forum,core,5,4,4,3'].join('\n')),
    );
    const problems = flow(page).locator('.csv-problems li');
    await problems.first().waitFor();
    expect(await problems.allTextContents()).toEqual([
      "ragged.csv › row 2: this row's cell count (8) differs from the header's (7); the row is left out.",
      "ragged.csv › row 3: this row's cell count (4) differs from the header's (7); the row is left out.",
    ]);
    await flow(page).getByRole('button', { name: 'Cancel' }).click();
    expect(await databaseDigest(page)).toEqual(digest);
  });

  it('lists dates that do not parse by row and column, leaves those rows out, and imports only the others', async () => {
    const digest = await databaseDigest(page);
    const before = await readRecords<PulseResponse>(page, 'responses');
    const rows = [
      HEADER,
      '2024-06-03,Eastgate Youth Network,lead,4,3,5,4',
      '31/02/2024,Eastgate Youth Network,core,5,4,4,3',
      'next Tuesday,Eastgate Youth Network,wider,2,3,3,4',
      '10/06/2024 14:30,Eastgate Youth Network,core,3,3,4,4',
      ',Eastgate Youth Network,wider,4,4,4,4',
    ];
    await chooseImportFile(page, csvFile('dates.csv', rows.join('\r\n')));
    await mapColumns(page);
    const problems = flow(page).locator('.csv-problems li');
    await problems.first().waitFor();
    const unreadable = (text: string) =>
      `“${text}” is not a date this import can read (for example 2024-03-15 or 15/03/2024 10:22).`;
    expect(await problems.allTextContents()).toEqual([
      `dates.csv › row 3 › Date: ${unreadable('31/02/2024')}`,
      `dates.csv › row 4 › Date: ${unreadable('next Tuesday')}`,
      'dates.csv › row 6 › Date: the date is empty.',
    ]);
    expect(await flow(page).locator('.csv-problems h4').textContent()).toBe(
      'Problems found (3): these rows are left out',
    );
    // Only rows 2 and 5 are previewed, and only they go on.
    const previewed = await flow(page).locator('.csv-preview tbody th').allTextContents();
    expect(previewed).toEqual(['2', '5']);
    expect(await flow(page).getByRole('status').textContent()).toBe(
      '2 rows will be imported as 1 pulse (one per partnership per month, closed).',
    );
    expect(await databaseDigest(page)).toEqual(digest);

    await page.getByRole('button', { name: 'Continue' }).click();
    const counts = await previewCounts(page);
    expect(counts.responses).toEqual([2, 0, 0, 0, 0]);
    expect(counts.pulses).toEqual([1, 0, 0, 0, 0]);
    expect(counts.partnerships).toEqual([1, 0, 0, 0, 0]);
    // Nothing is written until Import is pressed.
    expect(await databaseDigest(page)).toEqual(digest);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('.import-summary').waitFor({ timeout: 60_000 });

    const eastgate = (await readRecords<Partnership>(page, 'partnerships')).find(
      (p) => p.name === 'Eastgate Youth Network',
    );
    expect(eastgate).toBeDefined();
    const pulses = (await readRecords<Pulse>(page, 'pulses')).filter((p) => p.partnershipId === eastgate!.id);
    expect(pulses).toHaveLength(1);
    const ids = new Set(before.map((r) => r.id));
    const added = (await readRecords<PulseResponse>(page, 'responses')).filter((r) => !ids.has(r.id));
    expect(
      added
        .map((r) => [r.pulseId, r.partnerType, r.answers.trust, new Date(r.receivedAt).toISOString()])
        .sort((a, b) => String(a[3]).localeCompare(String(b[3]))),
    ).toEqual([
      // Europe/London is on summer time (UTC+1) in June.
      [pulses[0]!.id, 'lead', 4, '2024-06-02T23:00:00.000Z'],
      [pulses[0]!.id, 'core', 3, '2024-06-10T13:30:00.000Z'],
    ]);
  });

  it('reads a Windows-1252 file, says so with the byte and line, and shows its accents right', async () => {
    const digest = await databaseDigest(page);
    const text = `${HEADER}\r\n2024-05-15,Café Partenaires,lead,4,3,5,4\r\n`;
    await chooseImportFile(page, csvFile('latin1.csv', Buffer.from(text, 'latin1')));
    await flow(page).getByText('This file is not UTF-8 (byte', { exact: false }).waitFor();
    expect(await flow(page).getByRole('note').textContent()).toMatch(/byte \d+, line 2/);
    await mapColumns(page);
    await flow(page).getByText('Café Partenaires', { exact: false }).first().waitFor();
    await flow(page).getByRole('button', { name: 'Cancel' }).click();
    expect(await databaseDigest(page)).toEqual(digest);
  });
});
