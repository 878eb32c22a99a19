import { browser } from '#imports';
import { parseOutlineReply, type OutlineRequest } from './messaging';

/** Asks the call page in `tabId` for its outline (utils/platforms/outline.ts); null when it does not answer. */
export async function requestPageOutline(tabId: number): Promise<string | null> {
  const request: OutlineRequest = { type: 'pp:outline' };
  try {
    return parseOutlineReply(await browser.tabs.sendMessage(tabId, request))?.outline ?? null;
  } catch {
    return null; // no content script in the tab (reloaded extension, switched off)
  }
}
