// Two browser profiles connect to the CouchDB stand-in through the management page; what one
// lead creates reaches the other through the background sync.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR, launchExtension, waitForReady, type ExtensionHarness } from '../harness';
import { TEST_DB_PREFIX, startCouch, type Couch } from '../harness/couch';
import { initWorkspace } from '../../scripts/workspace/init';

let couch: Couch;
let extensionDir: string;
const browsers: ExtensionHarness[] = [];

/**
 * The built extension with the stand-in's host and the alarm granted up front: a headless
 * Chromium cannot answer the permission prompt, and a request for what is already granted
 * resolves without one. Everything else is the build as it ships.
 */
function grantedCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pp-workspace-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { host_permissions: string[]; permissions: string[] };
  manifest.host_permissions.push('http://127.0.0.1/*');
  manifest.permissions.push('alarms');
  writeFileSync(file, JSON.stringify(manifest));
  return dir;
}

async function profile(): Promise<{ ext: ExtensionHarness; page: Page }> {
  const ext = await launchExtension({ extensionDir, locale: 'en-GB' });
  browsers.push(ext);
  // Chromium resolves no host here (tests/harness/extension.ts): the request is made from Node
  // and its answer handed back, cookies included.
  // A live `_changes` longpoll still open when the browser closes ends with it.
  await ext.context.route(`${couch.url}/**`, async (route) => {
    const response = await route.fetch().catch(() => null);
    if (response) await route.fulfill({ response }).catch(() => {});
  });
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('options.html'));
  await waitForReady(page);
  return { ext, page };
}

async function connect(page: Page, prefix: string, user: string, password: string) {
  await page.getByLabel('Server address').fill(couch.url);
  await page.getByLabel('Database name prefix').fill(prefix);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page
    .getByText(`as ${user}.`)
    .waitFor({ timeout: 15_000 })
    .catch(async (error: unknown) => {
      console.log(await page.locator('section[aria-labelledby="workspace-heading"]').innerText());
      throw error;
    });
}

beforeAll(async () => {
  couch = await startCouch();
  extensionDir = grantedCopy();
});

afterAll(async () => {
  for (const ext of browsers) await ext.closeUnchecked();
  rmSync(extensionDir, { recursive: true, force: true });
  await couch?.stop();
});

describe('a shared workspace', () => {
  it("brings a partnership and its member organisation created in one lead's browser to another's", async () => {
    const prefix = `${TEST_DB_PREFIX}${crypto.randomUUID().slice(0, 8)}-`;
    const a = await profile();
    await a.page.getByLabel('Name', { exact: true }).fill('Riverside Food Partnership');
    await a.page.getByLabel('Start date').fill('2026-03-01');
    await a.page.getByRole('button', { name: 'Create partnership' }).click();
    await a.page.getByText('Members of Riverside Food Partnership').waitFor();
    await a.page.getByLabel('Organisation name').fill('Riverside Food Bank');
    await a.page.getByLabel('Partner type').selectOption('lead');
    await a.page.getByLabel('Joined').fill('2026-03-01');
    await a.page.getByRole('button', { name: 'Add to partnership' }).click();
    await a.page.getByText('Riverside Food Bank').first().waitFor();
    const partnershipId = await a.page.getByLabel('Partnership', { exact: true }).inputValue();

    // The admin sets the workspace up with that partnership and its two leads.
    await initWorkspace({
      url: couch.url,
      admin: couch.admin,
      config: {
        prefix,
        partnerships: [
          { id: partnershipId, name: 'Riverside Food Partnership', leads: ['pp-test-ana', 'pp-test-ben'] },
        ],
        users: [
          { name: 'pp-test-ana', role: 'lead', password: 'ana-password' },
          { name: 'pp-test-ben', role: 'lead', password: 'ben-password' },
        ],
      },
    });

    await connect(a.page, prefix, 'pp-test-ana', 'ana-password');
    await a.page.getByRole('checkbox', { name: 'Riverside Food Partnership' }).check();
    await a.page.getByRole('button', { name: 'Save what is shared' }).click();
    await a.page.getByText(/Last synced/).waitFor({ timeout: 15_000 });

    const b = await profile();
    expect(await b.page.getByText('No partnerships yet').count()).toBe(1);
    await connect(b.page, prefix, 'pp-test-ben', 'ben-password');
    await b.page.getByRole('checkbox', { name: 'Riverside Food Partnership' }).check();
    await b.page.getByRole('button', { name: 'Save what is shared' }).click();
    await b.page.getByText(/Last synced/).waitFor({ timeout: 15_000 });
    await b.page.reload();
    await waitForReady(b.page);
    expect(await b.page.getByLabel('Partnership', { exact: true }).inputValue()).toBe(partnershipId);
    await b.page.getByText('Riverside Food Bank').first().waitFor({ timeout: 10_000 });

    // Both pages open: an organisation A adds now shows on B's open page by itself.
    const started = Date.now();
    await a.page.getByLabel('Organisation name').fill('Eastside Tenants Group');
    await a.page.getByLabel('Partner type', { exact: true }).last().selectOption('wider');
    await a.page.getByRole('button', { name: 'Add to partnership' }).click();
    await b.page.getByText('Eastside Tenants Group').first().waitFor({ timeout: 20_000 });
    console.log(`live edit A → B: ${Date.now() - started} ms`);

    // Nothing left for any host but the workspace server.
    for (const ext of [a.ext, b.ext]) expect(ext.unexpectedRequests()).toEqual([]);
  }, 120_000);
});
