import { onChange } from './changes';
import type { StoreName } from './schema';

/**
 * Run a read now and again whenever one of the stores it reads changes (here or in another
 * extension page). Only the newest read's answer is delivered: an older one that finishes
 * later is dropped, and nothing is delivered once stopped. Returns the stop function.
 */
export function subscribeLiveQuery<T>(
  query: () => Promise<T>,
  stores: readonly StoreName[],
  onResult: (value: T) => void,
  onError: (error: unknown) => void = console.error,
): () => void {
  let latest = 0;
  let stopped = false;
  const load = () => {
    const mine = ++latest;
    const current = () => !stopped && mine === latest;
    query().then(
      (value) => current() && onResult(value),
      (error: unknown) => current() && onError(error),
    );
  };
  load();
  const stop = onChange((change) => {
    if (stores.includes(change.store)) load();
  });
  return () => {
    stopped = true;
    stop();
  };
}
