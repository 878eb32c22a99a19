// The management page names the record of a resolved conflict or a refusal as the lead knows it,
// reading the name from the extension's own database (the background's status keeps only ids).
import { describe, expect, it } from 'vitest';
import type { Browser } from '#imports';
import { waitForReady } from '../harness';
import { TEST_DB_PREFIX } from '../harness/couch';
import { connectWorkspace } from '../harness/pages/workspace';
import { useWorkspaceServer } from '../harness/vitest';
import { initWorkspace } from '../../scripts/workspace/init';

declare const chrome: typeof Browser;

const server = useWorkspaceServer();

describe('the sync status in real Chromium', () => {
  it('names a resolved partnership by its name, a meeting not here by its kind, and a refused database by its partnership', async () => {
    const prefix = `${TEST_DB_PREFIX}${crypto.randomUUID().slice(0, 8)}-`;
    const ext = await server.launch({ locale: 'en-GB' });
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('options.html'));
    await waitForReady(page);
    await page.getByLabel('Name', { exact: true }).fill('Riverside Food Partnership');
    await page.getByLabel('Start date').fill('2026-03-01');
    await page.getByRole('button', { name: 'Create partnership' }).click();
    await page.getByText('Members of Riverside Food Partnership').waitFor();
    const partnershipId = await page.getByLabel('Partnership', { exact: true }).inputValue();
    await initWorkspace({
      url: server.couch.url,
      admin: server.couch.admin,
      config: {
        prefix,
        partnerships: [{ id: partnershipId, name: 'Riverside Food Partnership', leads: ['pp-test-ana'] }],
        users: [{ name: 'pp-test-ana', role: 'lead', password: 'ana-password' }],
      },
    });
    await connectWorkspace(
      page,
      { url: server.couch.url, prefix, name: 'pp-test-ana', password: 'ana-password' },
      'Riverside Food Partnership',
      { syncTimeout: 15_000 },
    );

    // Two conflicts as the background's sync reports them: by store and id only.
    await page.evaluate(
      async ({ id, db }) => {
        const { workspaceStatus } = await chrome.storage.local.get('workspaceStatus');
        const at = Date.now();
        await chrome.storage.local.set({
          workspaceStatus: {
            ...(workspaceStatus as object),
            resolved: [
              { db: 'db', store: 'partnerships', id, kept: 'server', at },
              { db: 'db', store: 'meetings', id: 'not-here', kept: 'here', at },
            ],
            refused: [{ db, direction: 'pull', reason: '<img src=x onerror=alert(1)>', at }],
          },
        });
      },
      // The connected workspace's database of that partnership.
      { id: partnershipId, db: `${prefix}p-${partnershipId}` },
    );
    const section = page.locator('section[aria-labelledby="workspace-heading"]');
    await section
      .getByText(
        'Edited in two places: a newer edit to the partnership “Riverside Food Partnership” from the workspace was kept',
      )
      .waitFor({ timeout: 20_000 });
    await section
      .getByText('Edited in two places: your edit to a meeting this browser does not have was newer and kept')
      .waitFor();
    // A refusal of the whole partnership's database, by the partnership's name; its reason as text.
    await section
      .getByText(
        'Not stored from the server (the partnership “Riverside Food Partnership”): <img src=x onerror=alert(1)>',
      )
      .waitFor();
    expect(await section.locator('img').count()).toBe(0);
    expect(await section.innerText()).not.toContain(partnershipId);
    expect(ext.unexpectedRequests()).toEqual([]);
  }, 120_000);
});
