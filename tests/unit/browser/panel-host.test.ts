import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '#imports';
import {
  disablePanelByDefault,
  onToolbarButtonClicked,
  openPanel,
  panelTabId,
  setPanelForTab,
  type FirefoxSidebarAction,
  type TabInfo,
  type ToolbarButton,
} from '../../../utils/browser/side-panel';

const CALL = 'https://meet.google.com/abc-defg-hij';
const ELSEWHERE = 'https://news.example/today';

// The background calls these three with whatever `browser` is; fakeBrowser stands in for it.
const original = { sidePanel: fakeBrowser.sidePanel, action: fakeBrowser.action };
const asFirefox = () => {
  const sidebarAction = {
    setPanel: vi.fn<FirefoxSidebarAction['setPanel']>(() => Promise.resolve()),
    open: vi.fn<FirefoxSidebarAction['open']>(() => Promise.resolve()),
  };
  Object.assign(fakeBrowser, { sidePanel: undefined, sidebarAction });
  return sidebarAction;
};

afterEach(() => {
  Object.assign(fakeBrowser, {
    sidePanel: original.sidePanel,
    sidebarAction: undefined,
    action: original.action,
    browserAction: undefined,
  });
  vi.restoreAllMocks();
});

describe('the panel in Chrome (sidePanel)', () => {
  const spy = () => ({
    setOptions: vi.spyOn(fakeBrowser.sidePanel, 'setOptions').mockResolvedValue(undefined),
    open: vi.spyOn(fakeBrowser.sidePanel, 'open').mockResolvedValue(undefined),
  });

  it('is off everywhere by default', async () => {
    const { setOptions } = spy();
    await disablePanelByDefault();
    expect(setOptions).toHaveBeenCalledExactlyOnceWith({ enabled: false });
  });

  it('is bound to a call or calendar tab and switched off on any other', async () => {
    const { setOptions } = spy();
    await setPanelForTab(7, CALL);
    await setPanelForTab(8, ELSEWHERE);
    await setPanelForTab(9, undefined);
    expect(setOptions.mock.calls).toEqual([
      [{ tabId: 7, enabled: true, path: 'sidepanel.html?tab=7' }],
      [{ tabId: 8, enabled: false }],
      [{ tabId: 9, enabled: false }],
    ]);
  });

  it('opens on the clicked tab', async () => {
    const { open } = spy();
    await openPanel(7);
    expect(open).toHaveBeenCalledExactlyOnceWith({ tabId: 7 });
  });
});

describe('the panel in Firefox (sidebarAction)', () => {
  it('has nothing to switch off: the sidebar cannot be disabled', async () => {
    const sidebar = asFirefox();
    await expect(disablePanelByDefault()).resolves.toBeUndefined();
    expect(sidebar.setPanel).not.toHaveBeenCalled();
  });

  it('shows a call or calendar tab its own panel and gives any other tab the default one', async () => {
    const sidebar = asFirefox();
    await setPanelForTab(7, CALL);
    await setPanelForTab(8, ELSEWHERE);
    expect(sidebar.setPanel.mock.calls).toEqual([
      [{ tabId: 7, panel: fakeBrowser.runtime.getURL('/sidepanel.html?tab=7' as '/sidepanel.html') }],
      [{ tabId: 8, panel: null }],
    ]);
    expect(sidebar.setPanel.mock.calls[0]![0].panel).toMatch(/\/sidepanel\.html\?tab=7$/);
  });

  it('opens the sidebar (whose panel is the active tab’s)', async () => {
    const sidebar = asFirefox();
    await openPanel(7);
    expect(sidebar.open).toHaveBeenCalledExactlyOnceWith();
  });
});

describe('in a browser with neither', () => {
  it('does nothing and does not throw', async () => {
    Object.assign(fakeBrowser, { sidePanel: undefined });
    await expect(setPanelForTab(7, CALL)).resolves.toBeUndefined();
    await expect(openPanel(7)).resolves.toBeUndefined();
    await expect(disablePanelByDefault()).resolves.toBeUndefined();
  });
});

/** A toolbar button whose click the test makes. */
function fakeButton() {
  const listeners: Array<(tab: TabInfo) => void> = [];
  const button: ToolbarButton = { onClicked: { addListener: (listener) => void listeners.push(listener) } };
  return { button, click: (tab: TabInfo) => listeners.forEach((listener) => listener(tab)) };
}

describe('the toolbar button', () => {
  it('is Chrome’s action', () => {
    const chrome = fakeButton();
    Object.assign(fakeBrowser, { action: chrome.button, browserAction: undefined });
    const clicked = vi.fn();
    onToolbarButtonClicked(clicked);
    chrome.click({ id: 7, url: CALL });
    expect(clicked).toHaveBeenCalledExactlyOnceWith({ id: 7, url: CALL });
  });

  it('is Firefox’s browserAction in its Manifest V2 build, which has no action', () => {
    const firefox = fakeButton();
    Object.assign(fakeBrowser, { action: undefined, browserAction: firefox.button });
    const clicked = vi.fn();
    onToolbarButtonClicked(clicked);
    firefox.click({ id: 8, url: ELSEWHERE });
    expect(clicked).toHaveBeenCalledExactlyOnceWith({ id: 8, url: ELSEWHERE });
  });
});

describe('the tab a panel page serves', () => {
  it('is the one in ?tab= in Chrome (a panel per tab), without asking for the active tab', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query');
    await expect(panelTabId('?tab=7')).resolves.toBe(7);
    expect(query).not.toHaveBeenCalled();
  });

  it('is the active tab of this window in Firefox’s sidebar (opened without ?tab=)', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 9 }] as never);
    await expect(panelTabId('')).resolves.toBe(9);
    expect(query).toHaveBeenCalledExactlyOnceWith({ active: true, currentWindow: true });
  });

  it('takes no tab from a ?tab= that is not a tab id, and is none when no tab is active', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([] as never);
    await expect(panelTabId('?tab=abc')).resolves.toBeNull();
    await expect(panelTabId('?tab=-1')).resolves.toBeNull();
  });
});
