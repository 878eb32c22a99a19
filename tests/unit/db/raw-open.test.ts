import { describe, expect, it } from 'vitest';
import { closePulseDb, openPulseDb } from '../../../utils/db/open';
import { inRawTransaction, openRawPulseDb } from '../../../utils/db/raw-open';
import { request } from '../../../utils/db/raw-store';
import { DB_VERSION } from '../../../utils/db/schema';
import { uniqueName } from './helpers';

/** Each store with its key path and indexes, sorted: the schema as the browser holds it. */
function schemaOf(db: IDBDatabase) {
  const names = [...db.objectStoreNames].sort();
  const tx = db.transaction(names, 'readonly');
  return names.map((name) => {
    const store = tx.objectStore(name);
    const indexes = [...store.indexNames].sort().map((i) => {
      const index = store.index(i);
      return [i, index.keyPath, index.multiEntry, index.unique];
    });
    return [name, store.keyPath, indexes];
  });
}

describe('openRawPulseDb (the background sync, without idb)', () => {
  it('builds the same schema as openPulseDb, built-in purpose tags included, once per name', async () => {
    const rawName = uniqueName('raw');
    const opening = openRawPulseDb(rawName);
    expect(openRawPulseDb(rawName)).toBe(opening);
    const raw = await opening;
    const wrapped = await openPulseDb(uniqueName('wrapped'));
    expect(raw.version).toBe(DB_VERSION);
    expect(schemaOf(raw)).toEqual(schemaOf(wrapped as unknown as IDBDatabase));
    expect(schemaOf(raw).map(([name]) => name)).toContain('publishedResults');
    const tags = await inRawTransaction(raw, 'purposeTags', 'readonly', (tx) =>
      request<unknown[]>(tx.objectStore('purposeTags').getAll()),
    );
    expect(tags).toHaveLength((await wrapped.getAll('purposeTags')).length);
    expect(tags.length).toBeGreaterThan(0);
    raw.close();
  });

  it('opens a database a page made, and steps aside when a newer version wants it', async () => {
    const name = uniqueName('shared');
    await openPulseDb(name);
    await closePulseDb(name);
    const raw = await openRawPulseDb(name);
    expect(raw.version).toBe(DB_VERSION);
    const newer = indexedDB.open(name, DB_VERSION + 1);
    await new Promise<void>((resolve, reject) => {
      newer.onsuccess = () => resolve();
      newer.onerror = () => reject(newer.error);
      newer.onblocked = () => reject(new Error('blocked by the raw connection'));
    });
    newer.result.close();
    // Forgotten: the next call opens anew (and fails on the now newer database, as it must).
    await expect(openRawPulseDb(name)).rejects.toBeDefined();
  });
});

describe('inRawTransaction', () => {
  it('commits what the work wrote, and keeps nothing when the work throws', async () => {
    const db = await openRawPulseDb(uniqueName('tx'));
    const tag = (id: string) => ({ id, label: id, createdAt: 1, updatedAt: 1 });
    await inRawTransaction(db, 'purposeTags', 'readwrite', async (tx) => {
      tx.objectStore('purposeTags').put(tag('kept'));
    });
    await expect(
      inRawTransaction(db, 'purposeTags', 'readwrite', async (tx) => {
        await request(tx.objectStore('purposeTags').put(tag('dropped')));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const read = (id: string) =>
      inRawTransaction(db, 'purposeTags', 'readonly', (tx) => request(tx.objectStore('purposeTags').get(id)));
    expect(await read('kept')).toEqual(tag('kept'));
    expect(await read('dropped')).toBeUndefined();
    db.close();
  });
});
