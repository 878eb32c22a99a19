import { signal } from '@preact/signals';
import { liveTabItem, type LiveTab } from '../browser/live-tab';

/** What the content script of the panel's tab currently sees. */
export function createLiveTabModel(tabId: number | null) {
  const live = signal<LiveTab>({});
  if (tabId === null) return { live, ready: Promise.resolve(), stop: () => {} };
  const item = liveTabItem(tabId);
  const ready = item.getValue().then((value) => {
    live.value = value;
  });
  const stop = item.watch((value) => {
    live.value = value ?? {};
  });
  return { live, ready, stop };
}

export type LiveTabModel = ReturnType<typeof createLiveTabModel>;
