import { describe, expect, it } from 'vitest';
import type { Browser } from '#imports';
import { HOST_MATCHES } from '../../utils/platforms/hosts';
import { WORKSPACE_OPTIONAL_HOSTS, WORKSPACE_OPTIONAL_PERMISSIONS } from '../../utils/sync/permissions';
import { routeFixture, routeHtml, tabIdOf, waitForLiveState } from '../harness';
import { useExtension } from '../harness/vitest';

declare const chrome: typeof Browser;

const ext = useExtension();

describe('the built extension', () => {
  it('loads, with its background service worker running', async () => {
    expect(ext().extensionId).toMatch(/^[a-p]{32}$/);
    const name = await ext().serviceWorker.evaluate(() => chrome.runtime.getManifest().name);
    expect(name).toBe('Partnership Pulse');
  });

  it('asks for exactly the permissions it uses and the call and calendar hosts; a workspace only when connecting', async () => {
    const manifest = await ext().serviceWorker.evaluate(() => chrome.runtime.getManifest());
    expect([...(manifest.permissions ?? [])].sort()).toEqual(['sidePanel', 'storage']);
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual([...HOST_MATCHES].sort());
    expect(manifest.optional_permissions ?? []).toEqual([...WORKSPACE_OPTIONAL_PERMISSIONS]);
    expect([...(manifest.optional_host_permissions ?? [])].sort()).toEqual([...WORKSPACE_OPTIONAL_HOSTS].sort());
    // Granted at install: nothing beyond the required ones.
    const granted = await ext().serviceWorker.evaluate(() => chrome.permissions.getAll());
    expect([...(granted.permissions ?? [])].sort()).toEqual(['sidePanel', 'storage']);
    for (const script of manifest.content_scripts ?? []) {
      for (const match of script.matches ?? []) expect(HOST_MATCHES).toContain(match);
    }
  });
});

describe('the test harness', () => {
  it('aborts and records a request to a host that is not routed, from a page and from the worker', async () => {
    await routeHtml(ext().context, 'https://harness.example/**', '<title>Harness check</title>');
    const page = await ext().context.newPage();
    await page.goto('https://harness.example/page');
    expect(await page.title()).toBe('Harness check');

    const fromPage = await page.evaluate(() =>
      fetch('https://unrouted.example/from-page').then(
        () => 'answered',
        () => 'blocked',
      ),
    );
    const fromWorker = await ext().serviceWorker.evaluate(() =>
      fetch('https://unrouted.example/from-worker').then(
        () => 'answered',
        () => 'blocked',
      ),
    );
    expect([fromPage, fromWorker]).toEqual(['blocked', 'blocked']);
    expect(ext().takeUnexpectedRequests()).toEqual([
      'https://unrouted.example/from-page',
      'https://unrouted.example/from-worker',
    ]);
    expect(ext().unexpectedRequests()).toEqual([]);
    await page.close();
  });

  it('tells the tab id of each of several pages', async () => {
    // A host the extension may read, so the worker sees each tab's URL to check against.
    const pages = await Promise.all([1, 2, 3].map(() => ext().context.newPage()));
    for (const page of pages) await routeHtml(page, 'https://calendar.google.com/**', '<title>Tab</title>');
    await Promise.all(pages.map((page, i) => page.goto(`https://calendar.google.com/calendar/r/day/${i}`)));
    const ids: number[] = [];
    for (const page of pages) ids.push(await tabIdOf(page));
    expect(new Set(ids).size).toBe(3);
    const urls = await ext().serviceWorker.evaluate(
      (tabIds) => Promise.all(tabIds.map(async (id) => (await chrome.tabs.get(id)).url)),
      ids,
    );
    expect(urls).toEqual(pages.map((page) => page.url()));
    await Promise.all(pages.map((page) => page.close()));
  });
});

describe('reading a call', () => {
  it("keeps a routed Meet call's participants in session storage under live:<tabId>, as they come and go", async () => {
    const page = await ext().context.newPage();
    await routeFixture(page, 'https://meet.google.com/**', 'tests/fixtures/meet/small-call.html');
    await page.goto('https://meet.google.com/xkr-pqnd-tws');
    const tabId = await tabIdOf(page);

    const first = await waitForLiveState(ext(), tabId, (state) => (state.call?.participants.length ?? 0) > 0);
    expect(first.call).toMatchObject({
      tabId,
      platform: 'meet',
      callKey: 'meet:xkr-pqnd-tws',
      participantsReadable: true,
    });
    const names = first.call!.participants.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['Tom Fairbairn', 'Grace Mensah', "Dr Siobhan O'Neill", 'Kwame Asante']),
    );
    expect(names.filter((name) => name === 'Tom Fairbairn')).toHaveLength(1); // two devices, one person

    // Kwame leaves: the page drops his row, the background marks him absent and keeps when he was seen.
    await page.locator('[role="listitem"][aria-label="Kwame Asante"]').evaluate((row) => row.remove());
    const after = await waitForLiveState(
      ext(),
      tabId,
      (state) => state.call?.participants.find((p) => p.name === 'Kwame Asante')?.present === false,
    );
    const kwame = after.call!.participants.find((p) => p.name === 'Kwame Asante')!;
    expect(kwame.lastSeenAt).toBeGreaterThanOrEqual(kwame.firstSeenAt);
    expect(after.call!.participants.find((p) => p.name === 'Grace Mensah')?.present).toBe(true);
    await page.close();
  });
});
