import type { Page } from 'playwright-core';

/**
 * The extension's database read from one of its pages with the raw IndexedDB API (not through
 * the extension's modules, so a test checks the code rather than repeating it).
 */

export const DB_NAME = 'partnership-pulse';
export const RECORD_STORES = [
  'partnerships',
  'organisations',
  'memberships',
  'people',
  'purposeTags',
  'meetings',
  'pulses',
  'responses',
] as const;
export type RecordStore = (typeof RECORD_STORES)[number];

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
 * Every record store's count and hash, from an extension page. Keys are sorted at every depth;
 * a CryptoKey counts as a marker of its type and usages (it cannot be read).
 */
export async function databaseDigest(page: Page, options: DigestOptions = {}): Promise<DatabaseDigest> {
  return page.evaluate(
    async ({ name, stores, omit }) => {
      // Opening a database that does not exist would create it empty, at version 1.
      if (!(await indexedDB.databases()).some((info) => info.name === name)) throw new Error(`No database ${name} yet`);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const canonical = (value: unknown): unknown => {
        if (typeof CryptoKey !== 'undefined' && value instanceof CryptoKey) {
          return { cryptoKey: value.type, usages: [...value.usages].sort() };
        }
        if (Array.isArray(value)) return value.map(canonical);
        if (value && typeof value === 'object') {
          const sorted: Record<string, unknown> = {};
          for (const key of Object.keys(value).sort()) sorted[key] = canonical((value as Record<string, unknown>)[key]);
          return sorted;
        }
        return value;
      };
      const result: Record<string, { count: number; sha256: string }> = {};
      try {
        for (const store of stores) {
          const records = await new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
            const request = db.transaction(store, 'readonly').objectStore(store).getAll();
            request.onsuccess = () => resolve(request.result as Array<Record<string, unknown>>);
            request.onerror = () => reject(request.error);
          });
          const leftOut = omit[store] ?? [];
          const text = JSON.stringify(
            records
              .map((record) => {
                const copy = { ...record };
                for (const field of leftOut) delete copy[field];
                return canonical(copy);
              })
              .sort((a, b) => String((a as { id: string }).id).localeCompare(String((b as { id: string }).id))),
          );
          const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
          result[store] = {
            count: records.length,
            sha256: [...new Uint8Array(hash)].map((byte) => byte.toString(16).padStart(2, '0')).join(''),
          };
        }
      } finally {
        db.close();
      }
      return result;
    },
    { name: DB_NAME, stores: [...RECORD_STORES], omit: options.omit ?? {} },
  ) as Promise<DatabaseDigest>;
}

/** Every record of one store (CryptoKeys come back as empty objects: they do not serialise). */
export async function readRecords<T = Record<string, unknown>>(
  page: Page,
  store: RecordStore | 'publishedResults' | 'pulseSecrets' | 'drafts' | 'seats',
): Promise<T[]> {
  return page.evaluate(
    async ({ name, store }) => {
      // Opening a database that does not exist would create it empty, at version 1.
      if (!(await indexedDB.databases()).some((info) => info.name === name)) throw new Error(`No database ${name} yet`);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        return await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error);
        });
      } finally {
        db.close();
      }
    },
    { name: DB_NAME, store },
  ) as Promise<T[]>;
}

/** One record by id, or undefined. */
export async function readRecord<T = Record<string, unknown>>(
  page: Page,
  store: RecordStore,
  id: string,
): Promise<T | undefined> {
  return page.evaluate(
    async ({ name, store, id }) => {
      // Opening a database that does not exist would create it empty, at version 1.
      if (!(await indexedDB.databases()).some((info) => info.name === name)) throw new Error(`No database ${name} yet`);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        return await new Promise<unknown>((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store).get(id);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      } finally {
        db.close();
      }
    },
    { name: DB_NAME, store, id },
  ) as Promise<T | undefined>;
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
