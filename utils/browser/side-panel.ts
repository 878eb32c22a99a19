import { browser } from 'wxt/browser';
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

/** Off everywhere by default; each supported tab gets its own panel bound to it. */
export async function disablePanelByDefault(): Promise<void> {
  if (!browser.sidePanel) return;
  await browser.sidePanel.setOptions({ enabled: false });
}

export async function setPanelForTab(tabId: number, url: string | undefined): Promise<void> {
  if (!browser.sidePanel) return;
  const enabled = isSupportedUrl(url);
  await browser.sidePanel.setOptions(enabled ? { tabId, enabled, path: panelPath(tabId) } : { tabId, enabled });
}

/** Must run inside the toolbar click's user gesture: no await before it. */
export function openPanel(tabId: number): Promise<void> {
  if (browser.sidePanel) return browser.sidePanel.open({ tabId });
  return (browser as unknown as { sidebarAction: { open(): Promise<void> } }).sidebarAction.open();
}
