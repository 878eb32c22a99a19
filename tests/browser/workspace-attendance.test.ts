// The connect screen says how each partnership of the workspace shares attendance: as names and
// e-mails, or as organisations and counts only (utils/sync/attendance.ts), as the admin set it.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '#imports';
import { EXTENSION_DIR, launchExtension, waitForReady, type ExtensionHarness } from '../harness';
import { TEST_DB_PREFIX, grantedExtensionCopy, startCouch, type Couch } from '../harness/couch';
import { initWorkspace } from '../../scripts/workspace/init';

declare const chrome: typeof Browser;

let couch: Couch;
let extensionDir: string;
let ext: ExtensionHarness | undefined;

beforeAll(async () => {
  couch = await startCouch();
  extensionDir = grantedExtensionCopy(EXTENSION_DIR);
});

afterAll(async () => {
  await ext?.closeUnchecked();
  rmSync(extensionDir, { recursive: true, force: true });
  await couch?.stop();
});

describe('the connect screen', () => {
  it('says which partnerships share attendance as names and e-mails and which as organisations and counts only', async () => {
    const prefix = `${TEST_DB_PREFIX}${crypto.randomUUID().slice(0, 8)}-`;
    await initWorkspace({
      url: couch.url,
      admin: couch.admin,
      config: {
        prefix,
        partnerships: [
          { id: crypto.randomUUID(), name: 'Riverside Food Partnership', leads: ['pp-test-ana'] },
          {
            id: crypto.randomUUID(),
            name: 'Harbour Health Partnership',
            leads: ['pp-test-ana'],
            attendance: 'organisations',
          },
        ],
        users: [{ name: 'pp-test-ana', role: 'lead', password: 'ana-password' }],
      },
    });
    ext = await launchExtension({ extensionDir, locale: 'en-GB' });
    await ext.context.route(`${couch.url}/**`, async (route) => {
      const response = await route.fetch().catch(() => null);
      if (response) await route.fulfill({ response }).catch(() => {});
    });
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('options.html'));
    await waitForReady(page);
    // Nothing said before signing in: the server says it.
    expect(await page.getByText(/Attendance shared as/).count()).toBe(0);

    await page.getByLabel('Server address').fill(couch.url);
    await page.getByLabel('Database name prefix').fill(prefix);
    await page.getByLabel('User name').fill('pp-test-ana');
    await page.getByLabel('Password', { exact: true }).fill('ana-password');
    await page.getByRole('button', { name: 'Connect' }).click();
    const list = page.getByRole('list', { name: /How each partnership shares attendance/ });
    await list.waitFor({ timeout: 15_000 });
    expect(await list.getByRole('listitem').allInnerTexts()).toEqual([
      'Riverside Food Partnership: Attendance shared as names and e-mails',
      "Harbour Health Partnership: Attendance shared as organisations and counts only (names and e-mails stay on the leads' computers)",
    ]);

    // Back on the page later (a session ended, say): the connection's server, prefix and user are
    // shown, and signing in again, with the password alone typed, goes to that workspace.
    await page.reload();
    await waitForReady(page);
    await expect.poll(() => page.getByLabel('Database name prefix').inputValue()).toBe(prefix);
    expect(await page.getByLabel('Server address').inputValue()).toBe(couch.url);
    expect(await page.getByLabel('User name').inputValue()).toBe('pp-test-ana');
    await page.getByLabel('Password', { exact: true }).fill('ana-password');
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await list.waitFor({ timeout: 15_000 });
    expect(await page.locator('.error').count()).toBe(0);

    // What is shared, changed in another page (another management page saving, say), shows here
    // at once, without a reload: the connection's partnerships and the comments setting are live.
    const riverside = await page.getByRole('checkbox', { name: 'Riverside Food Partnership' }).getAttribute('value');
    const other = await ext.context.newPage();
    await other.goto(ext.extensionUrl('options.html'));
    await waitForReady(other);
    await other.evaluate(async (id) => {
      const workspace = (await chrome.storage.local.get('workspace')).workspace as object;
      await chrome.storage.local.set({ workspace: { ...workspace, partnershipIds: [id] }, shareCommentsWith: [id] });
    }, riverside);
    const shared = page.getByRole('group', { name: 'Partnerships to share' });
    await expect
      .poll(() => shared.getByRole('checkbox', { name: 'Riverside Food Partnership' }).isChecked(), { timeout: 15_000 })
      .toBe(true);
    expect(await shared.getByRole('checkbox', { name: 'Harbour Health Partnership' }).isChecked()).toBe(false);
    const comments = page.getByRole('group', { name: /Share pulse comments with coordinators/ });
    await expect
      .poll(() => comments.getByRole('checkbox', { name: 'Riverside Food Partnership' }).isChecked(), {
        timeout: 15_000,
      })
      .toBe(true);
    await other.close();
    expect(ext.unexpectedRequests()).toEqual([]);
  }, 120_000);
});
