import { useEffect, useRef, useState } from 'preact/hooks';
import { onChange } from '../../../utils/db/changes';
import type { StoreName } from '../../../utils/db/schema';

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

/**
 * A component's live read: undefined until the first answer, then the newest one. The read
 * starts again (and the answer is cleared) when `key` changes; pass a string or a record id
 * that names everything the query depends on.
 */
export function useLiveQuery<T>(query: () => Promise<T>, stores: readonly StoreName[], key: unknown): T | undefined {
  const [answer, setAnswer] = useState<{ key: unknown; value: T } | undefined>(undefined);
  // The query of the latest render, so a reload reads with the current props.
  const latestQuery = useRef(query);
  latestQuery.current = query;
  const storeKey = stores.join(',');
  useEffect(
    () =>
      subscribeLiveQuery(
        () => latestQuery.current(),
        storeKey.split(',') as StoreName[],
        (value) => setAnswer({ key, value }),
      ),
    [key, storeKey],
  );
  // An answer for an earlier key is never shown for the new one.
  return answer && answer.key === key ? answer.value : undefined;
}
