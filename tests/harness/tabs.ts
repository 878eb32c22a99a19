import type { Page, Worker } from 'playwright-core';
import type { Browser } from '#imports';
import type { ExtensionHarness } from './extension';

// The worker's global, for the functions evaluated in it (module-scoped: app code uses `browser`).
declare const chrome: typeof Browser;

export const PANEL_VIEWPORT = { width: 360, height: 800 };

interface TabInfo {
  id?: number;
  url?: string;
}

/**
 * The Chrome tab id of a page. Brings the page to the front and asks the background for
 * the active tab; the URL check guards against another window having focus, and the
 * fallback finds the tab by its URL (visible to the worker on the extension's hosts).
 */
export async function tabIdOf(page: Page): Promise<number> {
  await page.bringToFront();
  const worker = workerOf(page);
  const url = page.url();
  const [active, all] = await worker.evaluate(async () => {
    const pick = (tabs: Browser.tabs.Tab[]): TabInfo[] => tabs.map((tab) => ({ id: tab.id, url: tab.url }));
    return [
      pick(await chrome.tabs.query({ active: true, lastFocusedWindow: true })),
      pick(await chrome.tabs.query({})),
    ];
  });
  const front = active[0];
  if (active.length === 1 && front?.id !== undefined && (front.url === undefined || front.url === url)) return front.id;
  const byUrl = all.filter((tab) => tab.url === url);
  if (byUrl.length === 1 && byUrl[0]?.id !== undefined) return byUrl[0].id;
  throw new Error(`Cannot tell the tab of ${url}: active ${JSON.stringify(active)}, all ${JSON.stringify(all)}`);
}

/** Opens the side panel bound to a tab, as the pop-out and the tests do, at side-panel size. */
export async function openPanel(ext: ExtensionHarness, tabId: number): Promise<Page> {
  const panel = await ext.context.newPage();
  await panel.setViewportSize(PANEL_VIEWPORT);
  await panel.goto(ext.extensionUrl(`sidepanel.html?tab=${tabId}`));
  return panel;
}

/** Resolves once the page has set the `pp-ready` performance mark (first render with data). */
export async function waitForReady(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('pp-ready').length > 0, undefined, { timeout });
}

function workerOf(page: Page): Worker {
  const worker = page
    .context()
    .serviceWorkers()
    .find((w) => w.url().startsWith('chrome-extension://'));
  if (!worker) throw new Error('The extension has no running service worker');
  return worker;
}

/** Opens an extension page (e.g. 'options.html', 'dashboard.html?from=…') and waits until it is ready. */
export async function openExtensionPage(
  ext: ExtensionHarness,
  pathAndQuery: string,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const page = await ext.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(ext.extensionUrl(pathAndQuery));
  await waitForReady(page);
  return page;
}
