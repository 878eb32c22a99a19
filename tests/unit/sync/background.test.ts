import { afterEach, describe, expect, it, vi } from 'vitest';
import { onChange, type Change } from '../../../utils/db/changes';
import { closePulseDb, openPulseDb } from '../../../utils/db/open';
import { DB_NAME, DB_VERSION } from '../../../utils/db/schema';
import {
  leaveWorkspace,
  runSync,
  startsPush,
  storageState,
  syncStatus,
  workspaceConnection,
} from '../../../utils/sync/background';

const CONNECTION = {
  server: 'https://couch.example.org',
  prefix: 'pp-',
  user: 'ana',
  partnershipIds: ['a1111111-1111-4111-8111-111111111111'],
};

/** A server that is never reached: each request counted, each one failing as a network error. */
function unreachable() {
  const requests: string[] = [];
  const fetcher = async (input: string) => {
    requests.push(input);
    throw new TypeError('Failed to fetch');
  };
  return { requests, fetcher };
}

afterEach(async () => {
  await closePulseDb();
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = req.onerror = () => resolve();
  });
});

describe('the background sync before a page has upgraded the database', () => {
  it('waits, says why, asks the server nothing, and creates no database', async () => {
    await workspaceConnection.setValue(CONNECTION);
    const server = unreachable();
    expect(await runSync(server.fetcher)).toBe('waiting');
    expect(server.requests).toEqual([]);
    const status = await syncStatus.getValue();
    expect(status.state).toBe('waiting');
    expect(status.lastSyncedAt).toBeUndefined();
    const names = (await indexedDB.databases()).map((db) => db.name);
    expect(names).not.toContain(DB_NAME);
  });

  it('goes on once a page has opened (and so upgraded) the database', async () => {
    await workspaceConnection.setValue(CONNECTION);
    const server = unreachable();
    expect(await runSync(server.fetcher)).toBe('waiting');
    await openPulseDb();
    // The next alarm or opened page: this time it reaches for the server (away, here).
    expect(await runSync(server.fetcher)).toBe('offline');
    expect(server.requests.length).toBeGreaterThan(0);
    expect((await syncStatus.getValue()).state).toBe('offline');
  });
});

describe('a sync that fails in this browser, not on the server', () => {
  it('ends in a status that says so, never left at "syncing"', async () => {
    // A database newer than this code (a later version of the extension ran here): opening it fails.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION + 1);
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    await workspaceConnection.setValue(CONNECTION);
    const server = unreachable();
    expect(await runSync(server.fetcher)).toBe('server');
    expect(server.requests).toEqual([]);
    const status = await syncStatus.getValue();
    expect(status.state).toBe('server');
    expect(status.detail).toMatch(/VersionError/);
  });
});

describe('which local changes start a push', () => {
  it('records of a travelling store do; their local-only part, and stores that never travel, do not', () => {
    expect(startsPush({ store: 'meetings', ids: ['m1'] })).toBe(true);
    expect(startsPush({ store: 'organisations', ids: ['o1'] })).toBe(true);
    // A pulse's totals moving (pulseSecrets) is announced on the pulse for the pages only.
    expect(startsPush({ store: 'pulses', ids: ['p1'], localOnly: true })).toBe(false);
    // The pulse itself (its questions, dates, public key) travels.
    expect(startsPush({ store: 'pulses', ids: ['p1'] })).toBe(true);
    expect(startsPush({ store: 'responses', ids: ['r1'] })).toBe(false);
    expect(startsPush({ store: 'drafts', ids: ['d1'] })).toBe(false);
  });

  it('a "local only" mark forged by another page on a travelling store is dropped: the push still starts', async () => {
    // Any extension page may post on the change channel; only pulses have a local-only part.
    const heard: Change[] = [];
    const stop = onChange((change) => heard.push(change));
    const page = new BroadcastChannel('partnership-pulse');
    for (const store of ['meetings', 'people', 'organisations', 'publishedResults'] as const) {
      page.postMessage({ store, ids: ['x1'], localOnly: true });
    }
    await vi.waitFor(() => expect(heard).toHaveLength(4));
    page.close();
    stop();
    for (const change of heard) expect(startsPush(change), change.store).toBe(true);
  });
});

describe('leaving the workspace while a sync runs', () => {
  it('asks the server nothing more, and leaves no status or checkpoint of that sync behind', async () => {
    await openPulseDb();
    await workspaceConnection.setValue(CONNECTION);
    const requests: string[] = [];
    let leftAfter = -1;
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    const fetcher = async (input: string) => {
      requests.push(input);
      if (leftAfter === -1) {
        // The lead presses "Leave workspace" while the first answer is on its way.
        await leaveWorkspace();
        leftAfter = requests.length;
      }
      const path = new URL(input).pathname;
      if (path.endsWith('/_all_docs')) return json({ rows: [] });
      if (path.includes('workspace')) return json({ partnerships: [] });
      return json({ update_seq: '1-x' });
    };
    await runSync(fetcher);
    expect(leftAfter).toBe(1);
    expect(requests.slice(leftAfter)).toEqual([]);
    expect(await workspaceConnection.getValue()).toBeNull();
    expect((await syncStatus.getValue()).state).toBe('off');
    expect(await storageState.getCheckpoint(CONNECTION.server, 'pp-directory', 'pull')).toBeUndefined();
  });
});
