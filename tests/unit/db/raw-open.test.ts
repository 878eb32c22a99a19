import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { closePulseDb, openPulseDb } from '../../../utils/db/open';
import { inRawTransaction, openRawPulseDb } from '../../../utils/db/raw-open';
import { request } from '../../../utils/db/raw-store';
import { DB_VERSION, type PulseDB } from '../../../utils/db/schema';
import { upgrade } from '../../../utils/db/upgrade';
import { meeting } from '../../factories';
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

/** The database `name` as it stands, opened without asking for a version (so never upgraded). */
function peek(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Version 3, the last before the local-only `pulseSecrets` store: an older database that lacks a store. */
const OLD_VERSION = 3;

/** The database as an older version of the extension left it (the same upgrade, stopped there), with one meeting. */
async function previousVersion(name: string): Promise<string[]> {
  const old = await openDB<PulseDB>(name, OLD_VERSION, { upgrade });
  await old.put('meetings', meeting({ id: 'm1', partnershipId: 'p1', title: 'Before the upgrade' }));
  const stores = [...old.objectStoreNames].sort();
  old.close();
  return stores;
}

describe('openRawPulseDb (the background sync, without idb)', () => {
  it('never creates a database: none is left behind, and a page then makes it whole', async () => {
    const name = uniqueName('raw-new');
    expect(await openRawPulseDb(name)).toBeNull();
    // Nothing half-made: opened bare it is a brand-new, empty database.
    const bare = await peek(name);
    expect(bare.version).toBe(1);
    expect([...bare.objectStoreNames]).toEqual([]);
    bare.close();
    await indexedDB.deleteDatabase(name);
    const wrapped = await openPulseDb(name);
    expect(wrapped.version).toBe(DB_VERSION);
    expect(await wrapped.count('purposeTags')).toBeGreaterThan(0);
  });

  it('leaves an older database untouched (no store added, its records kept) until a page upgrades it', async () => {
    const name = uniqueName('raw-old');
    const storesBefore = await previousVersion(name);
    expect(storesBefore).not.toContain('pulseSecrets');
    expect(await openRawPulseDb(name)).toBeNull();
    // Asked again (the next alarm): still waiting, still untouched.
    expect(await openRawPulseDb(name)).toBeNull();
    const before = await peek(name);
    expect(before.version).toBe(OLD_VERSION);
    expect([...before.objectStoreNames].sort()).toEqual(storesBefore);
    expect(
      await inRawTransaction(before, 'meetings', 'readonly', (tx) => request(tx.objectStore('meetings').get('m1'))),
    ).toMatchObject({ id: 'm1', title: 'Before the upgrade' });
    before.close();

    // A page opens it: the upgrade runs there, and the background's next try opens it.
    const page = await openPulseDb(name);
    expect(page.version).toBe(DB_VERSION);
    const raw = await openRawPulseDb(name);
    expect(raw).not.toBeNull();
    expect(raw!.version).toBe(DB_VERSION);
    expect(schemaOf(raw!)).toEqual(schemaOf(page as unknown as IDBDatabase));
    raw!.close();
  });

  it('opens a database a page made, once per name, and steps aside when a newer version wants it', async () => {
    const name = uniqueName('shared');
    await openPulseDb(name);
    await closePulseDb(name);
    const opening = openRawPulseDb(name);
    expect(openRawPulseDb(name)).toBe(opening);
    const raw = (await opening)!;
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
    const name = uniqueName('tx');
    await openPulseDb(name);
    const db = (await openRawPulseDb(name))!;
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
