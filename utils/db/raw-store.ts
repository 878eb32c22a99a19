/**
 * Bulk reads on a raw IDBObjectStore for import. Every request is issued at once and answered
 * through plain callbacks: awaiting one promise per record (as idb's wrappers do) costs more
 * than the reads themselves when a bundle holds 100,000 records.
 */

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Issues one request per item and resolves to their results, in order. */
function each<T>(items: readonly string[], issue: (item: string) => IDBRequest): Promise<T[]> {
  if (items.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const results = new Array<T>(items.length);
    let left = items.length;
    items.forEach((item, i) => {
      const req = issue(item);
      req.onsuccess = () => {
        results[i] = req.result as T;
        left -= 1;
        if (left === 0) resolve(results);
      };
      req.onerror = () => reject(req.error);
    });
  });
}

export function getMany<T>(store: IDBObjectStore, ids: readonly string[]): Promise<Array<T | undefined>> {
  return each<T | undefined>(ids, (id) => store.get(id));
}

export async function existingKeys(store: IDBObjectStore, ids: readonly string[]): Promise<Set<string>> {
  const keys = await each<IDBValidKey | undefined>(ids, (id) => store.getKey(id));
  return new Set(ids.filter((_, i) => keys[i] !== undefined));
}

/**
 * The stored updatedAt of these ids (absent: not stored). Nothing is read when no key is stored
 * between the least and the greatest of them (a workspace's first pull, page after page of ids
 * read in order). When the store is not much larger than the bundle, one key cursor over the
 * `by-updated` index reads every stamp without reading a single record; otherwise each record
 * is read by id.
 */
export async function storedStamps(store: IDBObjectStore, ids: readonly string[]): Promise<Map<string, number>> {
  const stamps = new Map<string, number>();
  if (ids.length === 0) return stamps;
  let [low, high] = [ids[0]!, ids[0]!];
  for (const id of ids) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  const [count, between] = await Promise.all([
    request(store.count()),
    request(store.getAllKeys(IDBKeyRange.bound(low, high), 1)),
  ]);
  if (count === 0 || between.length === 0) return stamps;
  if (count <= ids.length * 4 + 1_000) {
    await new Promise<void>((resolve, reject) => {
      const req = store.index('by-updated').openKeyCursor();
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor) return resolve();
        stamps.set(cursor.primaryKey as string, cursor.key as number);
        cursor.continue();
      };
      req.onerror = () => reject(req.error);
    });
    return stamps;
  }
  const records = await getMany<{ updatedAt: number }>(store, ids);
  records.forEach((record, i) => {
    if (record) stamps.set(ids[i]!, record.updatedAt);
  });
  return stamps;
}

/** Every record of these index keys (the memberships of some partnerships, say), in one list. */
export async function getAllByIndex<T>(index: IDBIndex, keys: readonly string[]): Promise<T[]> {
  const lists = await each<T[]>(keys, (key) => index.getAll(key));
  return lists.flat();
}
