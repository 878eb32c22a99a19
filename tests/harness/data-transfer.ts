import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import type {
  Meeting,
  Membership,
  Organisation,
  PartnerType,
  Partnership,
  Person,
  Pulse,
  PulseResponse,
  PurposeTag,
} from '../../utils/db/records';
import * as factory from '../factories';

/** Driving the dashboard's "Your data" area as a user would. */

// Where the data tests start: the dashboard, and the sample data loaded through the management page.
export { openDashboard } from './pages/dashboard';
export { loadSampleData } from './pages/manage';

export const IMPORT_FILE_LABEL = 'File to import (.json bundle or .csv)';

export interface FileToImport {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export function jsonFile(name: string, content: unknown): FileToImport {
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  return { name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') };
}

async function expand(page: Page, name: 'Export data' | 'Import data'): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}

export interface SavedFile {
  fileName: string;
  text: string;
}

/** Exports through the form: `what` is the option's label ("Everything" by default). */
export async function exportThroughDashboard(
  page: Page,
  options: { what?: string; format?: string } = {},
): Promise<SavedFile> {
  await expand(page, 'Export data');
  await page.getByLabel('What to export').selectOption({ label: options.what ?? 'Everything' });
  await page.getByLabel('Format').selectOption({ label: options.format ?? 'Personal backup' });
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: 'Save the export' }).click(),
  ]);
  return { fileName: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

/** Chooses a file (or the file at a path) in the Import data control. */
export async function chooseImportFile(page: Page, file: FileToImport | string): Promise<void> {
  await expand(page, 'Import data');
  await page.getByLabel(IMPORT_FILE_LABEL).setInputFiles(file);
}

export const previewOf = (page: Page): Locator => page.locator('.import-preview');
export const problemsOf = (page: Page): Locator => page.locator('.import-problems');

/** The preview's table: per store, [add, update, unchanged, keepLocal, conflict]. */
export async function previewCounts(page: Page): Promise<Record<string, number[]>> {
  await previewOf(page).waitFor({ timeout: 60_000 });
  return previewOf(page)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      Object.fromEntries(
        rows.map((row) => [
          (row as HTMLElement).dataset.store ?? '',
          [...row.querySelectorAll('td')].map((cell) => Number((cell.textContent ?? '').replace(/[^\d]/g, ''))),
        ]),
      ),
    );
}

/** Chooses the file, waits for its preview, presses Import and waits for the summary; returns its text. */
export async function importThroughDashboard(
  page: Page,
  file: FileToImport | string,
  merge: string[] = [],
): Promise<string> {
  await chooseImportFile(page, file);
  await previewOf(page).waitFor({ timeout: 60_000 });
  for (const name of merge) await page.getByRole('checkbox', { name }).check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const summary = page.locator('.import-summary');
  await summary.waitFor({ timeout: 120_000 });
  return (await summary.textContent()) ?? '';
}

/** The problems listed for a rejected file. */
export async function rejectionOf(page: Page, file: FileToImport): Promise<string[]> {
  await chooseImportFile(page, file);
  const problems = problemsOf(page);
  await problems.waitFor({ timeout: 60_000 });
  if ((await problems.getAttribute('role')) !== 'alert') throw new Error('The problems are not announced as an alert');
  const items = await problems.locator('li').allTextContents();
  await problems.getByRole('button', { name: 'Cancel' }).click();
  return items;
}

/** Small bundles built in a test, record by record (records.ts types; the JSON as a file carries it). */

export type Stores = {
  partnerships: Partnership[];
  organisations: Organisation[];
  memberships: Membership[];
  people: Person[];
  purposeTags: PurposeTag[];
  meetings: Meeting[];
  pulses: Array<Omit<Pulse, 'privateKey' | 'summary'>>;
  responses: PulseResponse[];
};

/** A fixed UUID (version 4 layout) from a number, so tests can name records. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function bundleOf(records: Partial<Stores>, exportedAt = '2026-03-01T12:00:00.000Z'): Record<string, unknown> {
  return {
    format: 'partnership-pulse',
    version: 1,
    exportedAt,
    app: '1.0.0',
    scope: 'all',
    partnerships: [],
    organisations: [],
    memberships: [],
    people: [],
    purposeTags: [],
    meetings: [],
    pulses: [],
    responses: [],
    ...records,
  };
}

const stamp = (id: string, createdAt: number, updatedAt = createdAt) => ({ id, createdAt, updatedAt });

/** Positional shorthands over the one record factory module (tests/factories.ts). */
export const make = {
  partnership: (id: string, at: number, name: string, updatedAt = at): Partnership =>
    factory.partnership({ ...stamp(id, at, updatedAt), name, startDate: '2025-09-01' }),
  organisation: (id: string, at: number, name: string, emailDomains: string[] = [], updatedAt = at): Organisation =>
    factory.organisation({ ...stamp(id, at, updatedAt), name, emailDomains }),
  membership: (
    id: string,
    at: number,
    partnershipId: string,
    organisationId: string,
    partnerType: PartnerType,
  ): Membership =>
    factory.membership({ ...stamp(id, at), partnershipId, organisationId, partnerType, joinedOn: '2025-09-01' }),
  person: (id: string, at: number, name: string, organisationId?: string): Person =>
    factory.person({
      ...stamp(id, at),
      displayNames: [name],
      aliases: [name.toLowerCase()],
      ...(organisationId ? { organisationId } : {}),
    }),
  meeting: (
    id: string,
    at: number,
    partnershipId: string,
    fields: Partial<Meeting> & { updatedAt?: number } = {},
  ): Meeting =>
    factory.meeting({
      ...stamp(id, at, fields.updatedAt ?? at),
      partnershipId,
      platform: 'in-person',
      startAt: at,
      ...fields,
    }),
  pulse: (id: string, at: number, partnershipId: string, invitedOrganisationIds: string[]): Stores['pulses'][number] =>
    factory.pulse({
      ...stamp(id, at),
      partnershipId,
      questions: (['trust', 'equity', 'flexibility', 'communication'] as const).map((dimension, i) => ({
        id: `q-${dimension}`,
        dimension,
        wording: `How is ${dimension}?`,
        scale: 'agree5' as const,
        seriesId: uuid(900 + i),
      })),
      invitedOrganisationIds,
      expiresAt: at + 14 * 24 * 60 * 60 * 1000,
    }),
  response: (
    id: string,
    at: number,
    pulseId: string,
    organisationId: string,
    partnerType: PartnerType,
  ): PulseResponse =>
    factory.response({
      ...stamp(id, at),
      pulseId,
      partnerType,
      organisationId,
      answers: { 'q-trust': 4, 'q-equity': 3, 'q-flexibility': 5, 'q-communication': null },
      source: 'lead',
      receivedAt: at,
    }),
};

/** axe's serious and critical violations inside the "Your data" area, light and dark, one line each. */
export async function yourDataViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).include('.your-data').analyze();
    for (const v of violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      for (const node of v.nodes) found.push(`[${colorScheme}] ${v.id} at ${node.target.join(' ')}: ${v.help}`);
    }
  }
  await page.emulateMedia({ colorScheme: null });
  return found;
}
