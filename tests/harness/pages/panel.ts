import type { Page } from 'playwright-core';
import type { ExtensionHarness } from '../extension';
import { routeHtml } from '../fixtures';
import { waitForLiveState, type LiveState } from '../live-state';
import { openPanel, tabIdOf, waitForReady } from '../tabs';

/** The side panel and the call page it is bound to: what the tests open and read there. */

export interface CallTab {
  call: Page;
  tabId: number;
  /** The participants the content script read, once `until` held. */
  names: string[];
  /** The tab's live state once `until` held. */
  state: LiveState;
}

const readOrRefused = (s: LiveState) =>
  (s.call?.participants.length ?? 0) > 0 || s.call?.participantsReadable === false;

/**
 * Serves a call page's markup on its real address, opens it, and waits until its content script
 * has read it (by default: someone read, or the page said it cannot be read).
 */
export async function openCall(
  ext: ExtensionHarness,
  options: { html: string; url: string; pattern: string; until?: (state: LiveState) => boolean },
): Promise<CallTab> {
  const call = await ext.context.newPage();
  await routeHtml(call, options.pattern, options.html);
  await call.goto(options.url);
  const tabId = await tabIdOf(call);
  const state = await waitForLiveState(ext, tabId, options.until ?? readOrRefused);
  return { call, tabId, names: state.call?.participants.map((p) => p.name) ?? [], state };
}

/** The side panel bound to a tab, at side-panel size, once it is ready. */
export async function openReadyPanel(ext: ExtensionHarness, tabId: number): Promise<Page> {
  const panel = await openPanel(ext, tabId);
  await waitForReady(panel);
  return panel;
}

/** The names in the panel's attendee list, in order. */
export const attendeeNames = (panel: Page): Promise<string[]> => panel.locator('.attendee-name').allTextContents();

/** The chosen option's text of a select, by its exact label. */
export const selectedText = (panel: Page, label: string) =>
  panel.getByLabel(label, { exact: true }).locator('option:checked').textContent();

/** The side panel on its own (no call), 360 × 900 px unless given, once it is ready. */
export async function openSidePanel(
  ext: ExtensionHarness,
  size: { width: number; height: number } = { width: 360, height: 900 },
): Promise<Page> {
  const panel = await ext.context.newPage();
  await panel.setViewportSize(size);
  await panel.goto(ext.extensionUrl('sidepanel.html'));
  await waitForReady(panel);
  return panel;
}

/** The side panel on its own (no call), 360 px wide, open on its Pulses view. */
export async function openPulses(ext: ExtensionHarness): Promise<Page> {
  const panel = await openSidePanel(ext);
  await panel.getByRole('button', { name: 'Pulses' }).click();
  return panel;
}
