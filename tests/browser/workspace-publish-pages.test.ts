// Issue 14: a pulse that closes while only the side panel is open is still published, and its
// result reaches the workspace's server; pages opened together publish a result once, not once
// each; a pulse that closes with no extension page open is published by the background's alarm
// sync, from the pending result a page made before (utils/db/pending.ts).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from '#imports';
import type { Partnership, PublishedResult, PulseResponse, StoredPulse } from '../../utils/db/records';
import { LATE_GRACE_MS } from '../../utils/pulse/release';
import { UK_DESKTOP, waitForReady } from '../harness';
import { TEST_DB_PREFIX } from '../harness/couch';
import { DB_NAME, readRecords } from '../harness/db';
import { loadSampleData } from '../harness/data-transfer';
import { openSidePanel } from '../harness/pages/panel';
import { shareAndSync, signIn } from '../harness/pages/workspace';
import { useWorkspaceServer } from '../harness/vitest';
import { initWorkspace } from '../../scripts/workspace/init';

const server = useWorkspaceServer();

/** The worker's own API, as evaluated in the service worker. */
declare const chrome: typeof Browser;

/**
 * A copy of pulse `from` (with its answers and local-only part) as pulse `to`, closing at `expiresAt`, written with
 * the raw API: no page hears of it (as with a pulse whose close simply comes while nobody looks).
 */
function copyPulse(page: Page, from: string, to: string, expiresAt: number): Promise<void> {
  return page.evaluate(
    async ({ name, from, to, expiresAt }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const ask = <T>(request: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const tx = db.transaction(['pulses', 'responses', 'pulseSecrets'], 'readwrite');
      const pulse = (await ask(tx.objectStore('pulses').get(from))) as Record<string, unknown>;
      // Its local-only part too (key, totals), as the app writes a pulse: without it the pulse is another lead's.
      const secrets = (await ask(tx.objectStore('pulseSecrets').get(from))) as Record<string, unknown> | undefined;
      const answers = (await ask(tx.objectStore('responses').index('by-pulse').getAll(from))) as Array<
        Record<string, unknown>
      >;
      const made = expiresAt - 24 * 60 * 60 * 1000;
      const { releasedAt: _released, periodEnd: _period, ...rest } = pulse;
      tx.objectStore('pulses').put({ ...rest, id: to, createdAt: made, updatedAt: made, expiresAt });
      if (secrets) tx.objectStore('pulseSecrets').put({ ...secrets, id: to });
      for (const answer of answers) {
        tx.objectStore('responses').put({ ...answer, id: crypto.randomUUID(), pulseId: to, updatedAt: made });
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error);
      });
      db.close();
    },
    { name: DB_NAME, from, to, expiresAt },
  );
}

/** The server's copy of a pulse's published result, or null. */
async function serverResult(prefix: string, result: { partnershipId: string; pulseId: string }) {
  const got = await server.couch.admin_fetch(`/${prefix}p-${result.partnershipId}/publishedResults:${result.pulseId}`);
  return got.status === 200 ? (got.body as Record<string, unknown>) : null;
}

async function waitForServerResult(prefix: string, result: { partnershipId: string; pulseId: string }) {
  let doc: Record<string, unknown> | null = null;
  await expect
    .poll(async () => (doc = await serverResult(prefix, result)), { timeout: 60_000, interval: 500 })
    .not.toBeNull();
  return doc!;
}

/**
 * A lead with the sample data, connected to a fresh workspace listing its partnerships, synced:
 * the management page open, and the sample's first pulse with at least three answers.
 */
async function connectedLead() {
  const prefix = `${TEST_DB_PREFIX}${crypto.randomUUID().slice(0, 8)}-`;
  const lead = await server.launch(UK_DESKTOP);
  await loadSampleData(lead);
  const manage = await lead.context.newPage();
  await manage.goto(lead.extensionUrl('options.html'));
  await waitForReady(manage);
  const partnerships = (await readRecords<Partnership>(manage, 'partnerships')).filter(
    (p) => p.deletedAt === undefined,
  );
  await initWorkspace({
    url: server.couch.url,
    admin: server.couch.admin,
    config: {
      prefix,
      partnerships: partnerships.map((p) => ({ id: p.id, name: p.name, leads: ['pp-test-ana'] })),
      users: [{ name: 'pp-test-ana', role: 'lead', password: 'ana-password' }],
    },
  });
  await signIn(manage, { url: server.couch.url, prefix, name: 'pp-test-ana', password: 'ana-password' });
  await shareAndSync(manage, { syncTimeout: 60_000 });
  const responses = await readRecords<PulseResponse>(manage, 'responses');
  const live = (await readRecords<StoredPulse>(manage, 'pulses')).filter(
    (p) => p.deletedAt === undefined && partnerships.some((s) => s.id === p.partnershipId),
  );
  const model = live.find((p) => responses.filter((r) => r.pulseId === p.id).length >= 3)!;
  expect(model).toBeDefined();
  return { prefix, lead, manage, model };
}

describe('publishing from every page', () => {
  it('publishes a pulse released while only the side panel is open, once, and once with pages opened together', async () => {
    const { prefix, lead, manage, model } = await connectedLead();
    // The sync status says when results are published.
    await manage.getByText(/published when it closes, by the next sync/).waitFor({ timeout: 20_000 });

    // A pulse of the sample with answers, copied to close so that it is released in 40 s.
    const soon = crypto.randomUUID();
    const releaseAt = Date.now() + 40_000;
    await copyPulse(manage, model.id, soon, releaseAt - LATE_GRACE_MS);
    await manage.close();

    // Only the side panel is open when it is released.
    const panel = await openSidePanel(lead);
    expect(Date.now(), 'the panel opened after the release: the test proves nothing').toBeLessThan(releaseAt);
    expect((await readRecords<PublishedResult>(panel, 'publishedResults')).map((r) => r.id)).not.toContain(soon);
    const pushed = await waitForServerResult(prefix, { partnershipId: model.partnershipId, pulseId: soon });
    expect(pushed.closedAt).toBe(releaseAt - LATE_GRACE_MS);
    expect(String(pushed._rev)).toMatch(/^1-/);
    const [stored] = (await readRecords<PublishedResult>(panel, 'publishedResults')).filter((r) => r.id === soon);
    expect(stored!.updatedAt).toBeGreaterThan(releaseAt);
    expect(pushed.updatedAt).toBe(stored!.updatedAt);

    // Another pulse, released already and not published yet; three pages open at once.
    const other = crypto.randomUUID();
    await copyPulse(panel, model.id, other, Date.now() - LATE_GRACE_MS - 60_000);
    await panel.evaluate(() => {
      const heard: unknown[] = [];
      (window as unknown as { heard: unknown[] }).heard = heard;
      new BroadcastChannel('partnership-pulse').addEventListener('message', (event) => heard.push(event.data));
    });
    const pages = await Promise.all([0, 1, 2].map(() => lead.context.newPage()));
    await Promise.all(
      pages.map((page, i) => page.goto(lead.extensionUrl(i === 0 ? 'options.html' : 'sidepanel.html'))),
    );
    const second = await waitForServerResult(prefix, { partnershipId: model.partnershipId, pulseId: other });
    // Time for a late second writer to show itself.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const heard = (await panel.evaluate(() => (window as unknown as { heard: unknown[] }).heard)) as Array<{
      store: string;
      ids: string[];
    }>;
    expect(heard.filter((c) => c.store === 'publishedResults' && c.ids.includes(other))).toHaveLength(1);
    expect(String((await serverResult(prefix, { partnershipId: model.partnershipId, pulseId: other }))?._rev)).toBe(
      String(second._rev),
    );
    expect(String(second._rev)).toMatch(/^1-/);
    expect(lead.unexpectedRequests()).toEqual([]);
  }, 240_000);

  it('publishes a pulse released with no extension page open, at the alarm’s sync, from the result a page made before', async () => {
    const { prefix, lead, manage, model } = await connectedLead();
    // A copy of a sample pulse with answers, released in 30 s; written with the raw API, so a page opened now makes its pending result.
    const pulseId = crypto.randomUUID();
    const releaseAt = Date.now() + 30_000;
    await copyPulse(manage, model.id, pulseId, releaseAt - LATE_GRACE_MS);
    await manage.reload();
    await waitForReady(manage);
    await expect
      .poll(async () => (await readRecords<{ id: string }>(manage, 'pendingResults')).map((p) => p.id), {
        timeout: 20_000,
        interval: 200,
      })
      .toContain(pulseId);
    // Every extension page closed before the release.
    await manage.close();
    const origin = lead.extensionUrl('');
    expect(lead.context.pages().filter((page) => page.url().startsWith(origin))).toEqual([]);
    expect(Date.now(), 'the pages closed after the release: the test proves nothing').toBeLessThan(releaseAt);
    expect(await serverResult(prefix, { partnershipId: model.partnershipId, pulseId })).toBeNull();
    // Released; then the alarm fires (as its periodic one would), and the worker syncs alone.
    await expect.poll(() => Date.now(), { timeout: 60_000, interval: 500 }).toBeGreaterThan(releaseAt + 1_000);
    await lead.serviceWorker.evaluate(() => chrome.alarms.create('pp-workspace-sync', { when: Date.now() }));
    const pushed = await waitForServerResult(prefix, { partnershipId: model.partnershipId, pulseId });
    expect(pushed.closedAt).toBe(releaseAt - LATE_GRACE_MS);
    expect(pushed.updatedAt as number).toBeGreaterThan(releaseAt);
    expect(pushed.responses as number).toBeGreaterThanOrEqual(3);
    expect(lead.context.pages().filter((page) => page.url().startsWith(origin))).toEqual([]);
    // A page opening now finds it published, with the figures it would have written itself.
    const page = await lead.context.newPage();
    await page.goto(lead.extensionUrl('dashboard.html'));
    await waitForReady(page);
    const [stored] = (await readRecords<PublishedResult>(page, 'publishedResults')).filter((r) => r.id === pulseId);
    expect(stored!.updatedAt).toBe(pushed.updatedAt);
    expect(await readRecords(page, 'pendingResults')).toEqual([]);
    expect(lead.unexpectedRequests()).toEqual([]);
  }, 240_000);
});
