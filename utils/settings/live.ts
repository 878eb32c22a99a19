import { effect, signal, type ReadonlySignal } from '@preact/signals';

/** What a setting offers to be read live: a storage item (`storage.defineItem`) or a fake of one. */
export interface SettingItem<T> {
  getValue(): Promise<T>;
  watch(callback: (value: T) => void): () => void;
}

/**
 * Read a setting now and again whenever it changes (here or in another extension page): the
 * settings' counterpart of the database's live queries. A first read that finishes after a
 * change is dropped (the change is newer), and nothing is delivered once stopped. Returns the
 * stop function.
 */
export function subscribeSetting<T>(
  item: SettingItem<T>,
  onValue: (value: T) => void,
  onError: (error: unknown) => void = console.error,
): () => void {
  let changed = false;
  let stopped = false;
  item.getValue().then(
    (value) => !stopped && !changed && onValue(value),
    (error: unknown) => !stopped && !changed && onError(error),
  );
  const unwatch = item.watch((value) => {
    changed = true;
    if (!stopped) onValue(value);
  });
  return () => {
    stopped = true;
    unwatch();
  };
}

/** A setting as a model's signal: undefined until read, then kept current. */
export interface LiveSetting<T> {
  value: ReadonlySignal<T | undefined>;
  /** Why the first read failed; null while it has not. */
  error: ReadonlySignal<unknown>;
}

/**
 * A setting kept live inside a model (call it in a `createModel` factory: the model's disposal
 * stops the watch).
 */
export function liveSetting<T>(item: SettingItem<T>): LiveSetting<T> {
  const value = signal<T | undefined>(undefined);
  const error = signal<unknown>(null);
  effect(() =>
    subscribeSetting(
      item,
      (next) => {
        value.value = next;
        error.value = null;
      },
      (problem) => {
        error.value = problem;
      },
    ),
  );
  return { value, error };
}
