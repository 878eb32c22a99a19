import { browser, defineBackground } from '#imports';
import { parseContentMessage } from '../utils/browser/messaging';
import { liveTabItem } from '../utils/browser/live-tab';
import { trackSnapshot } from '../utils/meeting/attendance/track';
import type { Snapshot } from '../utils/platforms/snapshot';
import { mergeChatCodes } from '../utils/platforms/chat-codes';
import { platformForUrl } from '../utils/platforms';
import {
  disablePanelByDefault,
  isSupportedUrl,
  onToolbarButtonClicked,
  openPanel,
  setPanelForTab,
} from '../utils/browser/side-panel';
import { logPageErrors } from '../utils/errors/page-log';
import { startWorkspaceSync } from '../utils/sync/background';

export default defineBackground(() => {
  logPageErrors('background');
  void disablePanelByDefault();
  startWorkspaceSync();

  // Tabs already open when the extension is installed or updated.
  browser.runtime.onInstalled.addListener(async () => {
    for (const tab of await browser.tabs.query({})) {
      if (tab.id !== undefined) await setPanelForTab(tab.id, tab.url);
    }
  });

  // Tab URLs are visible only on the sites we have host permission for, so
  // every other page reads as unsupported and gets no panel.
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url !== undefined || change.status === 'loading') void setPanelForTab(tabId, tab.url);
  });

  onToolbarButtonClicked((tab) => {
    if (tab.id !== undefined && isSupportedUrl(tab.url)) void openPanel(tab.id);
    else void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') });
  });

  browser.tabs.onRemoved.addListener((tabId) => void liveTabItem(tabId).removeValue());

  browser.runtime.onMessage.addListener((message, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return;
    // Input from a page: only a supported page's own platform, and only well-formed messages.
    const parsed = parseContentMessage(message, platformForUrl(sender.url ?? sender.tab?.url ?? ''));
    if (parsed?.type === 'pp:snapshot') void recordSnapshot(tabId, parsed.snapshot);
    else if (parsed?.type === 'pp:chat-codes')
      void recordChatCodes(tabId, parsed.codes, parsed.damaged ?? 0, parsed.chatOpen);
  });
});

// What one tab reports is merged in order: each write waits for the previous one.
const queues = new Map<number, Promise<void>>();

function inTurn(tabId: number, write: () => Promise<void>): Promise<void> {
  const next = (queues.get(tabId) ?? Promise.resolve()).then(write);
  queues.set(
    tabId,
    next.catch(() => undefined),
  );
  return next;
}

function recordSnapshot(tabId: number, snapshot: Snapshot): Promise<void> {
  return inTurn(tabId, async () => {
    const item = liveTabItem(tabId);
    const live = await item.getValue();
    if (snapshot.kind === 'call') {
      const call = trackSnapshot(live.call, snapshot, tabId, Date.now());
      const { chatCodes, chatCodesDamaged, chatOpen } = live;
      await item.setValue({
        call,
        ...(chatCodes ? { chatCodes } : {}),
        ...(chatCodesDamaged ? { chatCodesDamaged } : {}),
        ...(chatOpen !== undefined ? { chatOpen } : {}),
      });
    } else {
      await item.setValue({ calendar: snapshot });
    }
  });
}

function recordChatCodes(tabId: number, codes: string[], damaged: number, chatOpen?: boolean): Promise<void> {
  return inTurn(tabId, async () => {
    const item = liveTabItem(tabId);
    const live = await item.getValue();
    const chatCodesDamaged = Math.max(live.chatCodesDamaged ?? 0, damaged);
    await item.setValue({
      ...live,
      chatCodes: mergeChatCodes(live.chatCodes, codes),
      ...(chatCodesDamaged > 0 ? { chatCodesDamaged } : {}),
      ...(chatOpen !== undefined ? { chatOpen } : {}),
    });
  });
}
