import { browser } from '#imports';
import { HOST_MATCHES } from '../platforms/hosts';

/**
 * Chrome's sidePanel and Firefox's sidebar_action differ; the rest of the code
 * only talks to this module.
 */

const hostPatterns = HOST_MATCHES.map(toRegExp);

function toRegExp(pattern: string): RegExp {
  const [, scheme, host, path] = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern) ?? [];
  const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const hostRe = host!.startsWith('*.') ? `([^/]+\\.)?${escape(host!.slice(2))}` : escape(host!);
  const pathRe = escape(path!).replace(/\*/g, '.*');
  return new RegExp(`^${scheme === '*' ? 'https?' : scheme}://${hostRe}${pathRe}$`);
}

/** Whether the panel belongs on this page: exactly the sites the extension may read. */
export function isSupportedUrl(url: string | undefined): boolean {
  return !!url && hostPatterns.some((re) => re.test(url));
}

export function panelPath(tabId: number): string {
  return `sidepanel.html?tab=${tabId}`;
}

/** The parts of Chrome's `sidePanel` this module uses. */
export interface ChromeSidePanel {
  setOptions(options: { tabId?: number; enabled?: boolean; path?: string }): Promise<void>;
  open(options: { tabId: number }): Promise<void>;
}

/** The parts of Firefox's `sidebarAction` this module uses. */
export interface FirefoxSidebarAction {
  /** `panel: null` puts the tab back on the manifest's default_panel. */
  setPanel(details: { tabId?: number; panel: string | null }): Promise<void>;
  open(): Promise<void>;
}

export interface PanelApis {
  sidePanel?: ChromeSidePanel;
  sidebarAction?: FirefoxSidebarAction;
  runtime: { getURL(path: string): string };
}

export interface PanelHost {
  /** Off everywhere by default (Chrome); Firefox's sidebar cannot be switched off. */
  disableByDefault(): Promise<void>;
  /** A call or calendar tab gets its own panel bound to it; any other tab gets none (Chrome) or the default. */
  setForTab(tabId: number, url: string | undefined): Promise<void>;
  /** Must run inside the toolbar click's user gesture: no await before it. */
  open(tabId: number): Promise<void>;
}

/** The panel of whichever browser this is: Chrome's side panel, Firefox's sidebar, or none. */
export function panelHost(apis: PanelApis): PanelHost {
  const { sidePanel, sidebarAction } = apis;
  if (sidePanel) {
    return {
      disableByDefault: () => sidePanel.setOptions({ enabled: false }),
      setForTab: (tabId, url) => {
        const enabled = isSupportedUrl(url);
        return sidePanel.setOptions(enabled ? { tabId, enabled, path: panelPath(tabId) } : { tabId, enabled });
      },
      open: (tabId) => sidePanel.open({ tabId }),
    };
  }
  if (sidebarAction) {
    return {
      disableByDefault: () => Promise.resolve(),
      setForTab: (tabId, url) =>
        sidebarAction.setPanel({
          tabId,
          panel: isSupportedUrl(url) ? apis.runtime.getURL(`/${panelPath(tabId)}`) : null,
        }),
      open: () => sidebarAction.open(),
    };
  }
  const none = () => Promise.resolve();
  return { disableByDefault: none, setForTab: none, open: none };
}

/** The tab a click or a query names, as far as this module needs it. */
export interface TabInfo {
  id?: number;
  url?: string;
}

/** The parts of the toolbar button (Chrome's `action`, Firefox MV2's `browserAction`) this module uses. */
export interface ToolbarButton {
  onClicked: { addListener(listener: (tab: TabInfo) => void): void };
}

export interface RuntimeApis {
  action?: ToolbarButton;
  browserAction?: ToolbarButton;
  tabs: { query(query: { active: true; currentWindow: true }): Promise<TabInfo[]> };
}

/** The toolbar button: `action` in Chrome's Manifest V3, `browserAction` in Firefox's Manifest V2 build. */
export function toolbarButton(apis: Pick<RuntimeApis, 'action' | 'browserAction'>): ToolbarButton | undefined {
  return apis.action ?? apis.browserAction;
}

/**
 * The tab a panel page serves. Chrome opens one panel per tab with `?tab=<id>`; Firefox's
 * sidebar is one page for every tab, opened without it, so it serves the active tab.
 */
export async function boundTabId(search: string, apis: Pick<RuntimeApis, 'tabs'>): Promise<number | null> {
  const param = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(param) && param > 0) return param;
  const [tab] = await apis.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

// Chosen at each call rather than once, so tests can swap the browser's APIs.
const host = () => panelHost(browser as unknown as PanelApis);

export const disablePanelByDefault = (): Promise<void> => host().disableByDefault();
export const setPanelForTab = (tabId: number, url: string | undefined): Promise<void> => host().setForTab(tabId, url);
export const openPanel = (tabId: number): Promise<void> => host().open(tabId);
const runtime = () => browser as unknown as RuntimeApis;
/** Listens to clicks on the extension's toolbar button, whichever API this browser names it by. */
export const onToolbarButtonClicked = (listener: (tab: TabInfo) => void): void =>
  toolbarButton(runtime())?.onClicked.addListener(listener);
/** The tab this panel page serves: see boundTabId(). */
export const panelTabId = (search: string): Promise<number | null> => boundTabId(search, runtime());
