import { useEffect, useRef, useState } from 'preact/hooks';
import { subscribeLiveQuery } from '../../../utils/db/live-query';
import type { StoreName } from '../../../utils/db/schema';

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
