import { createModel, effect, signal, type ReadonlySignal } from '@preact/signals';
import { liveTabItem, type LiveTab } from '../browser/live-tab';
import { subscribeSetting } from '../settings/live';

/** What the content script of the panel's tab currently sees: `new LiveTabModel(tabId)`, disposed with its page. */
export const LiveTabModel = createModel((tabId: number | null) => {
  const live = signal<LiveTab>({});
  let ready = Promise.resolve();
  if (tabId !== null) {
    const item = liveTabItem(tabId);
    ready = new Promise((resolve, reject) => {
      // Read now and on every change; a first read that finishes after a change is dropped (the
      // change is newer). An effect, so the model's disposal stops the watch.
      effect(() =>
        subscribeSetting(
          item,
          (value) => {
            live.value = value ?? {};
            resolve();
          },
          reject,
        ),
      );
    });
  }
  return {
    live: live as ReadonlySignal<LiveTab>,
    /** Resolves once the first value is read (or a change has come first). */
    ready: () => ready,
  };
});

export type LiveTabModel = InstanceType<typeof LiveTabModel>;
