// Two browser profiles connect to the CouchDB stand-in through the management page; what one
// lead creates reaches the other through the background sync.
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForReady, type ExtensionHarness } from '../harness';
import { TEST_DB_PREFIX } from '../harness/couch';
import { connectWorkspace } from '../harness/pages/workspace';
import { useWorkspaceServer } from '../harness/vitest';
import { initWorkspace } from '../../scripts/workspace/init';

const server = useWorkspaceServer();

async function profile(): Promise<{ ext: ExtensionHarness; page: Page }> {
  const ext = await server.launch({ locale: 'en-GB' });
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('options.html'));
  await waitForReady(page);
  return { ext, page };
}

/** Connects as `user` and shares `partnership`, waiting (15 s) for the first sync. */
const connect = (page: Page, prefix: string, user: string, password: string, partnership: string) =>
  connectWorkspace(page, { url: server.couch.url, prefix, name: user, password }, partnership, { syncTimeout: 15_000 });

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
      url: server.couch.url,
      admin: server.couch.admin,
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

    await connect(a.page, prefix, 'pp-test-ana', 'ana-password', 'Riverside Food Partnership');

    const b = await profile();
    expect(await b.page.getByText('No partnerships yet').count()).toBe(1);
    await connect(b.page, prefix, 'pp-test-ben', 'ben-password', 'Riverside Food Partnership');
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

    // A meeting logged in A's side panel reaches B's open dashboard by itself.
    const dashboard = await b.ext.context.newPage();
    await dashboard.goto(b.ext.extensionUrl('dashboard.html'));
    await waitForReady(dashboard);
    const noMeetings = dashboard.getByText('No meetings logged in these dates', { exact: false });
    await noMeetings.first().waitFor();
    const panel = await a.ext.context.newPage();
    await panel.goto(a.ext.extensionUrl('sidepanel.html'));
    await waitForReady(panel);
    await panel.getByRole('button', { name: 'New meeting' }).click();
    await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: 'Riverside Food Partnership' });
    await panel.getByLabel('Title').fill('Logged in A, charted in B');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await panel.getByLabel('Start').fill(`${yesterday}T10:00`);
    await panel.getByLabel('Add someone by name').fill('Sam Okafor');
    await panel.getByRole('button', { name: 'Add attendee' }).click();
    await panel.getByRole('button', { name: 'Save meeting' }).click();
    await noMeetings.first().waitFor({ state: 'detached', timeout: 20_000 });

    // Nothing left for any host but the workspace server.
    for (const ext of [a.ext, b.ext]) expect(ext.unexpectedRequests()).toEqual([]);
  }, 120_000);

  it('holds a live longpoll while an extension page is open, and none once the last one closes', async () => {
    const prefix = `${TEST_DB_PREFIX}${crypto.randomUUID().slice(0, 8)}-`;
    await initWorkspace({
      url: server.couch.url,
      admin: server.couch.admin,
      config: {
        prefix,
        partnerships: [{ id: crypto.randomUUID(), name: 'Harbour Health Partnership', leads: ['pp-test-cleo'] }],
        users: [{ name: 'pp-test-cleo', role: 'lead', password: 'cleo-password' }],
      },
    });
    const c = await profile();
    // Every longpoll on the server's `_changes` the background starts, and which are still open.
    const open = new Set<Request>();
    const started: Array<{ at: number; url: string }> = [];
    const isLongpoll = (request: Request) => /\/_changes\?.*feed=longpoll/.test(request.url());
    c.ext.context.on('request', (request) => {
      if (!isLongpoll(request)) return;
      open.add(request);
      started.push({ at: Date.now(), url: request.url() });
    });
    c.ext.context.on('requestfinished', (request) => void open.delete(request));
    c.ext.context.on('requestfailed', (request) => void open.delete(request));
    await connect(c.page, prefix, 'pp-test-cleo', 'cleo-password', 'Harbour Health Partnership');
    const dashboard = await c.ext.context.newPage();
    await dashboard.goto(c.ext.extensionUrl('dashboard.html'));
    await waitForReady(dashboard);
    await expect.poll(() => open.size, { timeout: 15_000 }).toBeGreaterThan(0);

    // One page closed, one still open: still live.
    await dashboard.close();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(open.size).toBeGreaterThan(0);

    // The last extension page (the browser's first blank tab goes too).
    for (const page of c.ext.context.pages()) await page.close();
    expect(c.ext.context.pages()).toEqual([]);
    const closedAt = Date.now();
    await expect.poll(() => open.size, { timeout: 5_000 }).toBe(0);
    // Long enough for a page's reconnect, a retry or a scheduled sync to start another.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(open.size).toBe(0);
    expect(started.filter((s) => s.at > closedAt)).toEqual([]);
  }, 90_000);
});
