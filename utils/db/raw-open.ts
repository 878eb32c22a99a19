import { DB_NAME, DB_VERSION } from './schema';

/**
 * The database without idb's wrappers, for the background's workspace sync: the worker's
 * script then carries no idb (its proxies, shortcuts and iterators). It never upgrades: a
 * database that does not exist yet or needs an upgrade is left as it was (the versionchange is
 * aborted before anything is created) until an extension page opens it with openPulseDb, so the
 * background carries no upgrade code. Pages use openPulseDb.
 */

const connections = new Map<string, Promise<IDBDatabase | null>>();

/**
 * The worker's connection for `name`, opened once; forgotten when a newer version wants it.
 * Null while the database needs a page to create or upgrade it (asked again on the next call).
 */
export function openRawPulseDb(name: string = DB_NAME): Promise<IDBDatabase | null> {
  const existing = connections.get(name);
  if (existing) return existing;
  const forget = () => connections.delete(name);
  let outdated = false;
  const opening = new Promise<IDBDatabase | null>((resolve, reject) => {
    const req = indexedDB.open(name, DB_VERSION);
    req.onupgradeneeded = () => {
      outdated = true;
      req.transaction!.abort();
    };
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => {
        db.close();
        forget();
      };
      db.onclose = forget;
      resolve(db);
    };
    req.onerror = (event) => {
      forget();
      // The aborted upgrade's error is expected: it must not reach the worker's error handler.
      event.preventDefault();
      if (outdated) resolve(null);
      else reject(req.error);
    };
  });
  connections.set(name, opening);
  return opening;
}

/**
 * Runs `work` in one transaction over `stores` and resolves once it has committed. When `work`
 * throws, the transaction is aborted (nothing it wrote is kept) and the error rethrown.
 */
export async function inRawTransaction<T>(
  db: IDBDatabase,
  stores: string | readonly string[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T>,
): Promise<T> {
  const [result, committed] = await rawTransaction(db, stores, mode, work);
  await committed;
  return result;
}

/**
 * inRawTransaction without waiting for the commit: resolves once `work` is done (its requests
 * issued), with `committed`, which settles when the transaction does (rejected if it aborts).
 * The caller can prepare its next transaction meanwhile: one over the same stores starts only
 * once this one has committed, and sees what it wrote.
 */
export async function rawTransaction<T>(
  db: IDBDatabase,
  stores: string | readonly string[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T>,
): Promise<[T, Promise<void>]> {
  const tx = db.transaction(stores as string | string[], mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new DOMException('AbortError', 'AbortError'));
  });
  // Observed by whoever awaits it: an abort seen only later is no unhandled rejection.
  done.catch(() => {});
  try {
    return [await work(tx), done];
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failed request.
    }
    await done.catch(() => {});
    throw error;
  }
}
