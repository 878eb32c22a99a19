import { createModel, effect, signal, type ReadonlySignal } from '@preact/signals';
import { liveTabItem, type LiveTab } from '../browser/live-tab';

/** What the content script of the panel's tab currently sees: `new LiveTabModel(tabId)`, disposed with its page. */
export const LiveTabModel = createModel((tabId: number | null) => {
  const live = signal<LiveTab>({});
  let ready = Promise.resolve();
  if (tabId !== null) {
    const item = liveTabItem(tabId);
    ready = item.getValue().then((value) => {
      live.value = value;
    });
    // An effect, so the model's disposal stops the watch.
    effect(() =>
      item.watch((value) => {
        live.value = value ?? {};
      }),
    );
  }
  return {
    live: live as ReadonlySignal<LiveTab>,
    /** Resolves once the first value is read. */
    ready: () => ready,
  };
});

export type LiveTabModel = InstanceType<typeof LiveTabModel>;
