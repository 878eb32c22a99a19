import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PulseResponse } from '../../utils/db/records';
import {
  chooseImportFile,
  loadSampleData,
  openDashboard,
  previewCounts,
  type FileToImport,
} from './support/data-transfer';
import { databaseDigest, readRecords } from './support/db';
import { useExtension } from './support/vitest';

const ext = useExtension({ locale: 'en-GB', timezoneId: 'Europe/London', viewport: { width: 1280, height: 900 } });

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
      'ragged.csv › row 2: this row has 8 cells but the header has 7; the row is left out.',
      'ragged.csv › row 3: this row has 4 cells but the header has 7; the row is left out.',
    ]);
    await flow(page).getByRole('button', { name: 'Cancel' }).click();
    expect(await databaseDigest(page)).toEqual(digest);
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
