import type { Browser } from '#imports';
import type { LiveTab } from '../../utils/browser/live-tab';
import type { ExtensionHarness } from './extension';
import { waitFor, type WaitOptions } from './wait';

declare const chrome: typeof Browser;

/** What the background keeps per tab in session storage under `live:<tabId>`. */
export type LiveState = LiveTab;

export async function readLiveState(ext: ExtensionHarness, tabId: number): Promise<LiveState | undefined> {
  return ext.serviceWorker.evaluate(async (key) => {
    const stored = await chrome.storage.session.get(key);
    return stored[key] as LiveState | undefined;
  }, `live:${tabId}`);
}

/** Polls the tab's live state until `accept` holds for it; returns that state. */
export async function waitForLiveState(
  ext: ExtensionHarness,
  tabId: number,
  accept: (state: LiveState) => boolean,
  options: WaitOptions = {},
): Promise<LiveState> {
  let last: LiveState | undefined;
  await waitFor(
    async () => {
      last = await readLiveState(ext, tabId);
      return last !== undefined && accept(last);
    },
    { message: () => `live:${tabId} never matched; last seen: ${JSON.stringify(last)}`, ...options },
  );
  return last!;
}
