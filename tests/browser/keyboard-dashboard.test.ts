import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '#imports';
import type { ErrorLogEntry } from '../../utils/your-data/bundle/format';
import type { Meeting, Membership, Organisation, Partnership, Pulse, PulseResponse } from '../../utils/db/records';
import { buildDemoData } from '../../utils/demo/build';
import { repoPath, UK_DESKTOP } from '../harness';
import {
  bundleOf,
  jsonFile,
  loadSampleData,
  make,
  openDashboard,
  previewCounts,
  previewOf,
  uuid,
  type FileToImport,
} from '../harness/data-transfer';
import { databaseDigest, readRecord, readRecords } from '../harness/db';
import { arrowTo, chooseFileByKey, dateOrder, isFocused, tabTo, typeDate } from '../harness/keyboard';
import { useExtension } from '../harness/vitest';

declare const chrome: typeof Browser;

// Every flow here is driven by page.keyboard alone: Tab / Shift+Tab to move, Enter / Space /
// arrows / typing to act. Locators only read; page.evaluate only sets up or reads stored state.

const ext = useExtension(UK_DESKTOP);

/** Opens "Import data" if it is closed, takes the file input by keyboard, and gives the file dialog `file`. */
async function chooseFileByKeyboard(page: Page, file: FileToImport): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Import data', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') {
    await tabTo(page, toggle);
    await page.keyboard.press('Enter');
  }
  const input = page.locator('#import-file');
  await tabTo(page, input);
  // The OS file dialog cannot be driven: Space opens it, the test answers it.
  await chooseFileByKey(page, 'Space', file);
}

async function saveByKeyboard(page: Page, button: Locator, key: 'Enter' | 'Space' = 'Enter') {
  await tabTo(page, button);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.keyboard.press(key)]);
  return { fileName: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

const DAY = 86_400_000;
const londonDate = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);
const card = (page: Page, id: string) => page.locator(`[data-chart="${id}"]`);
/** Values plotted plus labelled gaps: one per pulse (dimension charts) or per meeting interval (cadence). */
const drawnTotal = async (page: Page, id: string) => {
  const canvas = card(page, id).locator('canvas');
  return Number(await canvas.getAttribute('data-points')) + Number(await canvas.getAttribute('data-gaps'));
};
const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

describe('the dashboard with the sample data, by keyboard', () => {
  const demo = buildDemoData(Date.now());
  let page: Page;

  beforeAll(async () => {
    await loadSampleData(ext());
    page = await openDashboard(ext());
    await card(page, 'dimension-trust').locator('canvas[data-points]').waitFor();
  });
  afterAll(() => page?.close());

  it('narrows the dates and the kind of meeting: the URL and the charts follow', async () => {
    expect(await drawnTotal(page, 'dimension-trust')).toBe(demo.pulses.length);
    const cadenceBefore = await drawnTotal(page, 'cadence');

    const order = await dateOrder(ext().context);
    // From: the first of the month about four months ago, typed part by part.
    const from = `${londonDate(Date.now() - 120 * DAY).slice(0, 7)}-01`;
    const fromField = page.getByLabel('From', { exact: true });
    await tabTo(page, fromField);
    await typeDate(page, order, from);
    await expect.poll(() => param(page, 'from')).toBe(from);
    expect(await fromField.inputValue()).toBe(from);

    // To: a month ago.
    const to = londonDate(Date.now() - 30 * DAY);
    const toField = page.getByLabel('To', { exact: true });
    await tabTo(page, toField);
    await typeDate(page, order, to);
    await expect.poll(() => param(page, 'to')).toBe(to);
    expect(await toField.inputValue()).toBe(to);

    const inRange = (at: number) => londonDate(at) >= from && londonDate(at) <= to;
    const expected = demo.pulses.filter((p) => inRange(p.createdAt)).length;
    expect(expected).toBeLessThan(demo.pulses.length);
    await expect.poll(() => drawnTotal(page, 'dimension-trust')).toBe(expected);

    // Meeting kind: the arrow moves the closed select to "Core meeting".
    const kind = page.getByLabel('Meeting kind', { exact: true });
    await tabTo(page, kind);
    const cadenceInRange = await drawnTotal(page, 'cadence');
    expect(cadenceInRange).toBeLessThan(cadenceBefore);
    await arrowTo(page, kind, 'Core meeting');
    await expect.poll(() => param(page, 'kind')).toBe('core');
    await expect.poll(() => drawnTotal(page, 'cadence')).toBeLessThan(cadenceInRange);

    // Back to all kinds, and Reset puts the dates back as well.
    await arrowTo(page, kind, 'All kinds of meeting');
    await expect.poll(() => param(page, 'kind')).toBeNull();
    await tabTo(page, page.getByRole('button', { name: 'Reset filters' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => [param(page, 'from'), param(page, 'to')]).toEqual([null, null]);
    await expect.poll(() => drawnTotal(page, 'dimension-trust')).toBe(demo.pulses.length);
  }, 180_000);

  it("saves a chart's CSV and PNG", async () => {
    const trust = card(page, 'dimension-trust');
    const csv = await saveByKeyboard(page, trust.getByRole('button', { name: 'Download CSV' }));
    expect(csv.fileName).toMatch(/^partnership-pulse-trust-.*\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFPartnership,Date,Responses,Mean,Answers,Not verified'); // the sample pulses: shared link

    // Back one to the PNG button, and Space this time.
    const png = trust.getByRole('button', { name: 'Download PNG' });
    await tabTo(page, png, { backwards: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Space')]);
    expect(download.suggestedFilename()).toMatch(/^partnership-pulse-trust-.*\.png$/);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  }, 120_000);

  it('exports one partnership as meetings CSV and as a bundle with the error log', async () => {
    const entry: ErrorLogEntry = {
      at: Date.UTC(2026, 10, 1),
      page: 'dashboard',
      message: 'TypeError: Keyboard test',
      version: '1.0.0',
    };
    await page.evaluate((entries) => chrome.storage.local.set({ errorLog: entries }), [entry]);
    const one = demo.partnerships.find((p) => p.name.startsWith('Active Northmoor'))!;
    const meetings = (await readRecords<Meeting>(page, 'meetings')).filter(
      (m) => m.deletedAt === undefined && m.partnershipId === one.id,
    );
    expect(meetings.length).toBeGreaterThan(0);

    await tabTo(page, page.getByRole('button', { name: 'Export data', exact: true }));
    await page.keyboard.press('Enter');
    const what = page.getByLabel('What to export');
    await tabTo(page, what);
    await arrowTo(page, what, `Only ${one.name}`);
    const format = page.getByLabel('Format', { exact: true });
    await tabTo(page, format);
    await arrowTo(page, format, 'Meetings (CSV)');
    // Only a bundle carries the error log: the choice is not offered for a CSV.
    expect(await page.getByLabel('Include the error log', { exact: false }).count()).toBe(0);
    const save = page.getByRole('button', { name: 'Save the export' });
    const csv = await saveByKeyboard(page, save);
    expect(csv.fileName).toMatch(/^partnership-pulse-meetings-\d{4}-\d{2}-\d{2}-active-northmoor.*\.csv$/);
    const [header, ...rows] = Papa.parse<string[]>(csv.bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
    const column = header!.indexOf('Partnership');
    expect(column).toBeGreaterThanOrEqual(0);
    expect(rows.length).toBe(meetings.length);
    expect(new Set(rows.map((row) => row[column]))).toEqual(new Set([one.name]));
    await page.getByText(`Saved ${csv.fileName}.`).waitFor();

    // Back up to the format, a bundle this time, with the error log ticked by Space.
    await tabTo(page, format, { backwards: true });
    await arrowTo(page, format, 'Personal backup');
    const includeLog = page.getByLabel('Include the error log (to send with a problem report)');
    await tabTo(page, includeLog);
    await page.keyboard.press('Space');
    expect(await includeLog.isChecked()).toBe(true);
    const bundle = await saveByKeyboard(page, save);
    expect(bundle.fileName).toMatch(/^partnership-pulse-\d{4}-\d{2}-\d{2}-active-northmoor.*\.json$/);
    const parsed = JSON.parse(bundle.bytes.toString('utf8')) as {
      scope: unknown;
      partnerships: Partnership[];
      meetings: Meeting[];
      errorLog?: unknown;
    };
    expect(parsed.scope).toEqual({ partnershipId: one.id });
    expect(parsed.partnerships.map((p) => p.id)).toEqual([one.id]);
    expect(parsed.meetings.map((m) => m.id).sort()).toEqual(meetings.map((m) => m.id).sort());
    expect(parsed.errorLog).toEqual([entry]);
  }, 180_000);
});

describe('importing a bundle that offers organisation merges, by keyboard', () => {
  const T0 = Date.UTC(2026, 0, 5, 10);
  const T1 = T0 + 10 * DAY;
  const P = uuid(1);
  const COUNCIL = uuid(2);
  const BANK_A = uuid(3);
  const BANK_B = uuid(4);
  const PANTRY_B = uuid(5);
  const MEMBERSHIP_B = uuid(30);
  const PANTRY_MEMBERSHIP = uuid(31);
  const first = bundleOf({
    partnerships: [make.partnership(P, T0, 'Kestrel Food Network')],
    organisations: [
      make.organisation(COUNCIL, T0, 'Kestrel Council', ['kestrel.gov.example']),
      make.organisation(BANK_A, T0, 'Kestrel Food Bank', ['kestrelfood.example']),
    ],
    memberships: [make.membership(uuid(32), T0, P, COUNCIL, 'lead'), make.membership(uuid(33), T0, P, BANK_A, 'core')],
  });
  const second = bundleOf({
    partnerships: [make.partnership(P, T0, 'Kestrel Food Network')],
    organisations: [
      // The same food bank, entered by another lead: another id, the same name.
      make.organisation(BANK_B, T1, 'kestrel  food bank', ['kfb.example']),
      // Shares the food bank's email domain: offered, declined here.
      make.organisation(PANTRY_B, T1, 'Kestrel Community Pantry', ['kestrelfood.example']),
    ],
    memberships: [
      make.membership(MEMBERSHIP_B, T1, P, BANK_B, 'core'),
      make.membership(PANTRY_MEMBERSHIP, T1, P, PANTRY_B, 'wider'),
    ],
  });
  const MERGE_BANK = 'Merge kestrel  food bank (from the file) into Kestrel Food Bank (yours)';
  const MERGE_PANTRY = 'Merge Kestrel Community Pantry (from the file) into Kestrel Food Bank (yours)';

  it('accepts one offered merge and declines the other, then imports', async () => {
    const page = await openDashboard(ext());
    const importButton = page.getByRole('button', { name: 'Import', exact: true });
    await chooseFileByKeyboard(page, jsonFile('first.json', first));
    await previewOf(page).waitFor({ timeout: 60_000 });
    await tabTo(page, importButton);
    await page.keyboard.press('Enter');
    await page.locator('.import-summary').waitFor({ timeout: 60_000 });
    expect((await readRecord<Organisation>(page, 'organisations', BANK_A))?.name).toBe('Kestrel Food Bank');

    await chooseFileByKeyboard(page, jsonFile('second.json', second));
    const counts = await previewCounts(page);
    expect(counts.organisations?.[0]).toBe(2);
    const bank = previewOf(page).getByRole('checkbox', { name: MERGE_BANK, exact: true });
    const pantry = previewOf(page).getByRole('checkbox', { name: MERGE_PANTRY, exact: true });
    expect(await previewOf(page).getByRole('checkbox').count()).toBe(2);
    const before = await databaseDigest(page);

    // Accept the bank's merge; tick the pantry's, then change one's mind and untick it.
    await tabTo(page, bank);
    await page.keyboard.press('Space');
    expect(await bank.isChecked()).toBe(true);
    await tabTo(page, pantry);
    await page.keyboard.press('Space');
    expect(await pantry.isChecked()).toBe(true);
    await page.keyboard.press('Space');
    expect(await pantry.isChecked()).toBe(false);
    // Nothing is written before Import.
    expect(await databaseDigest(page)).toEqual(before);

    await tabTo(page, importButton);
    await page.keyboard.press('Enter');
    await page.locator('.import-summary').waitFor({ timeout: 60_000 });

    const merged = await readRecord<Organisation>(page, 'organisations', BANK_B);
    expect(merged?.mergedInto).toBe(BANK_A);
    expect(merged?.deletedAt).toEqual(expect.any(Number));
    // The food bank was already a member here: lead B's membership of it is folded into that one.
    expect(await readRecord<Membership>(page, 'memberships', MEMBERSHIP_B)).toBeUndefined();
    const bankMemberships = (await readRecords<Membership>(page, 'memberships')).filter(
      (m) => m.organisationId === BANK_A && m.deletedAt === undefined,
    );
    expect(bankMemberships.map((m) => m.id)).toEqual([uuid(33)]);
    const pantryRecord = await readRecord<Organisation>(page, 'organisations', PANTRY_B);
    expect(pantryRecord?.mergedInto).toBeUndefined();
    expect(pantryRecord?.deletedAt).toBeUndefined();
    expect((await readRecord<Membership>(page, 'memberships', PANTRY_MEMBERSHIP))?.organisationId).toBe(PANTRY_B);
    await page.close();
  }, 180_000);
});

describe('importing an earlier survey from CSV, by keyboard', () => {
  it('chooses the file, changes a column in the mapping, continues to the preview and imports', async () => {
    const page = await openDashboard(ext());
    const file: FileToImport = {
      name: 'google-forms.csv',
      mimeType: 'text/csv',
      buffer: await readFile(repoPath('tests/fixtures/csv/google-forms.csv')),
    };
    await chooseFileByKeyboard(page, file);
    const form = page.locator('form.csv-import');
    await form.getByRole('heading', { name: 'Import an earlier survey: google-forms.csv' }).waitFor();
    const firstRow = () => form.locator('.csv-preview tbody tr').first().locator('td').allTextContents();
    // Columns: date, partnership, partner type, organisation, trust, equity, flexibility, communication.
    expect((await firstRow())[4]).toBe('5');

    // Leave the trust column out: the preview shows it at once.
    const trust = form.getByLabel('Trust: column', { exact: true });
    await tabTo(page, trust);
    await arrowTo(page, trust, '— none —');
    await expect.poll(async () => (await firstRow())[4]).toBe('–');

    const before = await databaseDigest(page);
    await tabTo(page, form.getByRole('button', { name: 'Continue' }));
    await page.keyboard.press('Enter');
    const counts = await previewCounts(page);
    expect(counts.pulses).toEqual([3, 0, 0, 0, 0]);
    expect(counts.responses).toEqual([5, 0, 0, 0, 0]);
    expect(await databaseDigest(page)).toEqual(before);
    // The preview took the focus (its heading), so Tab goes on from it.
    expect(await isFocused(page.locator('#import-preview-heading'))).toBe(true);
    await tabTo(page, page.getByRole('button', { name: 'Import', exact: true }), { max: 20 });
    await page.keyboard.press('Enter');
    await page.locator('.import-summary').waitFor({ timeout: 60_000 });

    const responses = (await readRecords<PulseResponse>(page, 'responses')).filter((r) => r.source === 'import');
    expect(responses).toHaveLength(5);
    const pulses = await readRecords<Pulse>(page, 'pulses');
    const imported = pulses.filter((p) => responses.some((r) => r.pulseId === p.id));
    expect(imported).toHaveLength(3);
    // No trust answers: the mapping changed by keyboard is what was imported.
    for (const response of responses) expect(Object.keys(response.answers)).not.toContain('trust');
    expect(responses.filter((r) => 'equity' in r.answers)).toHaveLength(5);
    await page.close();
  }, 180_000);
});
