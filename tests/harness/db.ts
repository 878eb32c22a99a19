import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { DB_NAME, RECORD_STORES } from '../../utils/db/schema';

/**
 * The extension's database read from one of its pages with the raw IndexedDB API (not through
 * the extension's modules, so a test checks the code rather than repeating it).
 */

export { DB_NAME, RECORD_STORES };
export type RecordStore = (typeof RECORD_STORES)[number];
type AnyStore = RecordStore | 'publishedResults' | 'pulseSecrets' | 'drafts' | 'seats' | 'pendingResults';

export interface StoreDigest {
  count: number;
  /** SHA-256 (hex) of the store's records, sorted by id, in a canonical JSON. */
  sha256: string;
}

export type DatabaseDigest = Record<RecordStore, StoreDigest>;

export interface DigestOptions {
  /** Fields left out of the records of a store before hashing, e.g. { pulses: ['privateKey'] }. */
  omit?: Partial<Record<RecordStore, string[]>>;
}

/**
 * The records of one store (the one with `id`, when given), read in the page with the raw API.
 * `canonical`: keys sorted at every depth and a CryptoKey as a marker of its type and usages
 * (it cannot be read); otherwise CryptoKeys come back as empty objects (they do not serialise).
 */
function readInPage(page: Page, store: AnyStore, id?: string, canonical = false): Promise<unknown[]> {
  return page.evaluate(
    async ({ name, store, id, canonical }) => {
      // Opening a database that does not exist would create it empty, at version 1.
      if (!(await indexedDB.databases()).some((info) => info.name === name)) throw new Error(`No database ${name} yet`);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const canonicalise = (value: unknown): unknown => {
        if (typeof CryptoKey !== 'undefined' && value instanceof CryptoKey) {
          return { cryptoKey: value.type, usages: [...value.usages].sort() };
        }
        if (Array.isArray(value)) return value.map(canonicalise);
        if (value && typeof value === 'object') {
          const sorted: Record<string, unknown> = {};
          for (const key of Object.keys(value).sort()) {
            sorted[key] = canonicalise((value as Record<string, unknown>)[key]);
          }
          return sorted;
        }
        return value;
      };
      try {
        const records = await new Promise<unknown[]>((resolve, reject) => {
          const objectStore = db.transaction(store, 'readonly').objectStore(store);
          const request = id === undefined ? objectStore.getAll() : objectStore.get(id);
          request.onsuccess = () =>
            resolve(
              id === undefined ? (request.result as unknown[]) : request.result === undefined ? [] : [request.result],
            );
          request.onerror = () => reject(request.error);
        });
        return canonical ? records.map(canonicalise) : records;
      } finally {
        db.close();
      }
    },
    { name: DB_NAME, store, id, canonical },
  );
}

/**
 * Every record store's count and hash, from an extension page. Keys are sorted at every depth;
 * a CryptoKey counts as a marker of its type and usages (it cannot be read).
 */
export async function databaseDigest(page: Page, options: DigestOptions = {}): Promise<DatabaseDigest> {
  const result = {} as DatabaseDigest;
  for (const store of RECORD_STORES) {
    const records = (await readInPage(page, store, undefined, true)) as Array<Record<string, unknown>>;
    const leftOut = options.omit?.[store] ?? [];
    const text = JSON.stringify(
      records
        .map((record) => {
          const copy = { ...record };
          for (const field of leftOut) delete copy[field];
          return copy;
        })
        .sort((a, b) => String(a.id).localeCompare(String(b.id))),
    );
    result[store] = { count: records.length, sha256: createHash('sha256').update(text).digest('hex') };
  }
  return result;
}

/** Every record of one store (CryptoKeys come back as empty objects: they do not serialise). */
export async function readRecords<T = Record<string, unknown>>(page: Page, store: AnyStore): Promise<T[]> {
  return (await readInPage(page, store)) as T[];
}

/** One record by id, or undefined. */
export async function readRecord<T = Record<string, unknown>>(
  page: Page,
  store: RecordStore,
  id: string,
): Promise<T | undefined> {
  const [record] = await readInPage(page, store, id);
  return record as T | undefined;
}

/** Record counts of some stores, counted in the page with the raw API (reading the records out would test Playwright). */
export async function storeCounts(page: Page, stores: readonly RecordStore[]): Promise<Record<string, number>> {
  return page.evaluate(
    ({ name, stores }) =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(stores);
          const result: Record<string, number> = {};
          for (const store of stores) {
            const count = tx.objectStore(store).count();
            count.onsuccess = () => (result[store] = count.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(result);
          };
        };
      }),
    { name: DB_NAME, stores: [...stores] },
  );
}
