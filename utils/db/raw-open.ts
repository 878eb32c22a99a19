import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { DB_NAME, DB_VERSION, type PulseDB, type StoreName } from './schema';
import { upgrade } from './upgrade';

/**
 * The database without idb's wrappers, for the background's workspace sync: the worker's
 * script then carries no idb (its proxies, shortcuts and iterators). Opened and upgraded with
 * the same `upgrade` as openPulseDb. Pages use openPulseDb.
 */

const connections = new Map<string, Promise<IDBDatabase>>();

/** The worker's connection for `name`, opened (and upgraded) once; forgotten when a newer version wants it. */
export function openRawPulseDb(name: string = DB_NAME): Promise<IDBDatabase> {
  const existing = connections.get(name);
  if (existing) return existing;
  const opening = new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, DB_VERSION);
    req.onupgradeneeded = (event) =>
      // upgrade calls only what raw objects have too (createObjectStore, createIndex, objectStore, put).
      upgrade(
        req.result as unknown as IDBPDatabase<PulseDB>,
        event.oldVersion,
        event.newVersion,
        req.transaction as unknown as IDBPTransaction<PulseDB, StoreName[], 'versionchange'>,
        event,
      );
    req.onsuccess = () => {
      const db = req.result;
      const forget = () => connections.delete(name);
      db.onversionchange = () => {
        db.close();
        forget();
      };
      db.onclose = forget;
      resolve(db);
    };
    req.onerror = () => {
      connections.delete(name);
      reject(req.error);
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
  const tx = db.transaction(typeof stores === 'string' ? stores : [...stores], mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new DOMException('AbortError', 'AbortError'));
  });
  let result: T;
  try {
    result = await work(tx);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failed request.
    }
    await done.catch(() => {});
    throw error;
  }
  await done;
  return result;
}
