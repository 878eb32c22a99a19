import { STORE_NAMES, type StoreName } from './schema';

/** Records that were written (or deleted) in one committed transaction. */
export interface Change {
  store: StoreName;
  ids: string[];
  /**
   * Only their local-only part changed (a pulse's totals in pulseSecrets): pages refresh, the
   * records themselves and their `updatedAt` did not move, so nothing is for the workspace.
   */
  localOnly?: true;
}

export type ChangeListener = (change: Change) => void;

const CHANNEL_NAME = 'partnership-pulse';

const listeners = new Set<ChangeListener>();
let channel: BroadcastChannel | undefined;

function openChannel(): BroadcastChannel | undefined {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(CHANNEL_NAME);
  channel.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isChange(event.data)) notify(event.data);
  });
  return channel;
}

function notify(change: Change): void {
  for (const listener of [...listeners]) {
    try {
      listener(change);
    } catch (error) {
      // One broken view must not stop the others from refreshing.
      console.error(error);
    }
  }
}

function isChange(data: unknown): data is Change {
  if (typeof data !== 'object' || data === null) return false;
  const { store, ids, localOnly } = data as Partial<Change>;
  return (
    STORE_NAMES.includes(store as StoreName) &&
    Array.isArray(ids) &&
    ids.every((id) => typeof id === 'string') &&
    (localOnly === undefined || localOnly === true)
  );
}

/**
 * Tell this page and every other extension page that records changed. Call it after the
 * transaction has committed. A BroadcastChannel never delivers to its sender, so this page's
 * listeners are called directly.
 */
export function announceChange(change: Change): void {
  if (change.ids.length === 0) return;
  const copy: Change = { store: change.store, ids: [...change.ids], ...(change.localOnly ? { localOnly: true } : {}) };
  notify(copy);
  openChannel()?.postMessage(copy);
}

/** Listen for changes made by this page or any other. Returns the unsubscribe function. */
export function onChange(listener: ChangeListener): () => void {
  listeners.add(listener);
  openChannel();
  return () => {
    listeners.delete(listener);
  };
}

/** Announce what a transaction changed, store by store, once it has committed. */
export function announceAll(idsByStore: ReadonlyMap<StoreName, readonly string[]>): number {
  let total = 0;
  for (const [store, ids] of idsByStore) {
    total += ids.length;
    announceChange({ store, ids: [...ids] });
  }
  return total;
}
