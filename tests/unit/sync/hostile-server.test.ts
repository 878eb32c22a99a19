// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { initWorkspace, WorkspaceError } from '../../../scripts/workspace/init';
import { unwrap } from 'idb';
import { openPulseDb } from '../../../utils/db/open';
import { saveOrganisation } from '../../../utils/db/organisations';
import { MAX_PULL_PAGES, syncWorkspace } from '../../../utils/sync/engine';
import { CouchClient, SyncError } from '../../../utils/sync/http';
import { mapState } from '../../../utils/sync/state';
import { signIn } from '../../../utils/sync/session';

/**
 * Attacker's tests: a hostile or broken server (or a man in the middle of a plain-http address)
 * answering the client's own requests over real HTTP, through the browser's `fetch`.
 */

interface Heard {
  method: string;
  url: string;
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server on 127.0.0.1 answering with `handle`, and what it heard. */
async function serve(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ url: string; heard: Heard[] }> {
  const heard: Heard[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      heard.push({ method: request.method ?? '', url: request.url ?? '', body });
      handle(request, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, heard };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('a server that stops answering', () => {
  it('a request with no answer at all ends as offline after the time limit, saying where', async () => {
    const { url } = await serve(() => {}); // Accepts, reads the request, never answers.
    const started = Date.now();
    const error = await failure(new CouchClient(url, undefined, undefined, 300).request('GET', '/pp-directory'));
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).kind).toBe('offline');
    expect((error as SyncError).detail).toMatch(/^GET \/pp-directory: /);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('an answer that starts and then trickles for ever ends after the time limit too', async () => {
    const { url } = await serve((_, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"results":[');
      const drip = setInterval(() => response.write(' '), 50);
      response.on('close', () => clearInterval(drip));
    });
    const started = Date.now();
    const error = await failure(
      new CouchClient(url, undefined, undefined, 400).request('GET', '/pp-directory/_changes?since=0'),
    );
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).kind).toBe('offline');
    expect((error as SyncError).detail).toMatch(/^GET \/pp-directory\/_changes: /);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a caller’s own signal still ends a request (the live feed’s longpoll)', async () => {
    const { url } = await serve(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(
      new CouchClient(url).request('GET', '/pp-directory/_changes?feed=longpoll', { signal: controller.signal }),
    );
    expect((error as SyncError).kind).toBe('offline');
  });
});

describe('a server that redirects elsewhere', () => {
  it('the sign-in is never sent on to another host: the password reaches the connected server only', async () => {
    const other = await serve((_, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ ok: true, name: 'pp-test-ana', roles: ['pp-lead'] }));
    });
    const first = await serve((_, response) => {
      // 307 keeps the method and the body: a follow would POST the password to the other host.
      response.writeHead(307, { Location: `${other.url}/_session` });
      response.end();
    });
    const error = await failure(signIn(new CouchClient(first.url), 'pp-test-ana', 'ana-password'));
    expect(error).toBeInstanceOf(SyncError);
    expect(other.heard).toEqual([]);
    expect(first.heard).toHaveLength(1);
  });

  it('a redirect of a read is not followed either, and is said as a refusal, not as offline', async () => {
    const other = await serve((_, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ update_seq: '1' }));
    });
    const first = await serve((_, response) => {
      response.writeHead(302, { Location: `${other.url}/pp-directory`, 'Content-Type': 'application/json' });
      response.end('{}');
    });
    const error = await failure(new CouchClient(first.url).request('GET', '/pp-directory'));
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).kind).not.toBe('offline');
    expect(other.heard).toEqual([]);
  });
});

describe("the admin's init against a server that redirects", () => {
  it('sends neither the admin’s credentials nor the users’ passwords on to another host, and says where it was sent', async () => {
    const other = await serve((_, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ couchdb: 'Welcome', userCtx: { name: 'admin', roles: ['_admin'] }, ok: true }));
    });
    const first = await serve((request, response) => {
      response.writeHead(307, { Location: `${other.url}${request.url ?? '/'}` });
      response.end();
    });
    const error = await failure(
      initWorkspace({
        url: first.url,
        admin: { name: 'admin', password: 'admin-secret' },
        config: { partnerships: [], users: [{ name: 'ana', role: 'lead', password: 'ana-password-1' }] },
      }),
    );
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as Error).message).toBe(`GET / was redirected to ${other.url}/: give init the address it leads to`);
    expect(other.heard).toEqual([]);
  });
});

describe('a changes feed that never ends', () => {
  it('full pages with a new last_seq each time: one sync stops after its cap of pages, saying so, and the next reads on from there', async () => {
    let pages = 0;
    const { url, heard } = await serve((request, response) => {
      const at = new URL(request.url ?? '/', 'http://here');
      response.writeHead(200, { 'Content-Type': 'application/json' });
      if (at.pathname === '/_session') {
        response.end(JSON.stringify({ ok: true, userCtx: { name: 'ana', roles: ['pp-lead'] } }));
        return;
      }
      // Far past any cap, then an empty page (so the code before the cap ended too, and this test with it).
      pages += 1;
      const limit = Number(at.searchParams.get('limit'));
      const results =
        pages > 5 * MAX_PULL_PAGES
          ? []
          : Array.from({ length: limit }, (_, i) => ({ id: `gone-${pages}-${i}`, deleted: true }));
      response.end(JSON.stringify({ results, last_seq: `${pages}-endless` }));
    });
    const db = await openPulseDb(`pp-hostile-${crypto.randomUUID()}`);
    const mine = await saveOrganisation(db, { name: 'Age UK', emailDomains: [] });
    const client = new CouchClient(url);
    const state = mapState();
    await state.setCheckpoint(client.base, 'pp-directory', 'pull', '0-start');
    const target = { prefix: 'pp-', partnershipIds: [], user: 'ana' };
    const report = await syncWorkspace(unwrap(db), client, target, state);
    expect(report.error?.kind).toBe('server');
    expect(report.error?.detail).toBe(
      `GET pp-directory/_changes: more than ${MAX_PULL_PAGES} pages of changes in one sync; the next sync reads on from there`,
    );
    const feeds = heard.filter((h) => h.url.startsWith('/pp-directory/_changes'));
    // The pages read, and the next one asked for while the last was written.
    expect(feeds.length).toBeLessThanOrEqual(MAX_PULL_PAGES + 1);
    expect(await state.getCheckpoint(client.base, 'pp-directory', 'pull')).toBe(`${MAX_PULL_PAGES}-endless`);
    // Nothing was sent, and nothing here lost.
    expect(heard.filter((h) => h.method === 'POST')).toEqual([]);
    expect(await db.get('organisations', mine.id)).toEqual(mine);
    // The next sync reads on from the checkpoint.
    const before = heard.length;
    const next = await syncWorkspace(unwrap(db), client, target, state);
    expect(next.error?.kind).toBe('server');
    expect(heard.slice(before).find((h) => h.url.startsWith('/pp-directory/_changes'))?.url).toContain(
      `since=${MAX_PULL_PAGES}-endless`,
    );
    db.close();
  }, 60_000); // Two syncs of 100 pages of 1,000 rows each: seconds on a loaded machine.
});

describe('a first pull that never ends', () => {
  /** An `_all_docs` row of organisation number `n`: ids of one width, so they sort as their numbers. */
  const organisationRow = (n: number) => {
    const id = `o${String(n).padStart(7, '0')}`;
    const at = 1_700_000_000_000;
    const doc = { _id: `organisations:${id}`, _rev: '1-a', type: 'organisations', id, name: `Organisation ${n}` };
    return {
      id: doc._id,
      key: doc._id,
      value: { rev: doc._rev },
      doc: { ...doc, emailDomains: [], createdAt: at, updatedAt: at },
    };
  };

  it('full pages of fresh ids from _all_docs: one sync stops after its cap of pages keeping what it read, the next reads on from there, and a server that ends the list finishes the pull', async () => {
    // Endless as far as one sync can tell (five times its cap of pages), until the test ends the list.
    let listed = 5 * MAX_PULL_PAGES * 4;
    const { url, heard } = await serve((request, response) => {
      const at = new URL(request.url ?? '/', 'http://here');
      response.writeHead(200, { 'Content-Type': 'application/json' });
      const answer = (body: unknown) => response.end(JSON.stringify(body));
      if (at.pathname === '/_session') return answer({ ok: true, userCtx: { name: 'ana', roles: ['pp-lead'] } });
      if (at.pathname === '/pp-directory') return answer({ update_seq: '7-start' });
      if (at.pathname === '/pp-directory/_changes') return answer({ results: [], last_seq: '7-start' });
      if (at.pathname === '/pp-directory/_bulk_docs') {
        const { docs } = JSON.parse(heard.at(-1)!.body) as { docs: Array<{ _id: string }> };
        return answer(docs.map((doc) => ({ ok: true, id: doc._id, rev: '1-b' })));
      }
      if (request.method === 'POST') {
        const { keys } = JSON.parse(heard.at(-1)!.body) as { keys: string[] };
        return answer({ rows: keys.map((key) => ({ key, error: 'not_found' })) });
      }
      const start = JSON.parse(at.searchParams.get('startkey') ?? '""') as string;
      const from = start === 'organisations:' ? 0 : Number(start.slice('organisations:o'.length));
      const rows = start.startsWith('organisations:')
        ? Array.from({ length: Number(at.searchParams.get('limit')) }, (_, i) => from + i)
            .filter((n) => n < listed)
            .map(organisationRow)
        : [];
      return answer({ total_rows: listed, offset: 0, rows });
    });
    const db = await openPulseDb(`pp-hostile-${crypto.randomUUID()}`);
    const mine = await saveOrganisation(db, { name: 'Age UK', emailDomains: [] });
    const client = new CouchClient(url);
    const state = mapState();
    const target = { prefix: 'pp-', partnershipIds: [], user: 'ana' };
    // Pages of 1, 2, then 4 organisations: a hundred pages are a few hundred records.
    const sync = () => syncWorkspace(unwrap(db), client, target, state, { pullBatchSize: 4 });
    const lists = (from = 0) => heard.slice(from).filter((h) => h.url.startsWith('/pp-directory/_all_docs'));
    const pulled = async () => (await db.getAllKeys('organisations')).filter((id) => id !== mine.id).sort();

    const report = await sync();
    expect(report.error?.kind).toBe('server');
    expect(report.error?.detail).toBe(
      `GET pp-directory/_all_docs: more than ${MAX_PULL_PAGES} pages of changes in one sync; the next sync reads on from there`,
    );
    // The pages read, the purpose tags' page, and at most two asked for ahead.
    expect(lists().length).toBeLessThanOrEqual(MAX_PULL_PAGES + 3);
    // Every page read is kept, and the pull is not done: no checkpoint, nothing sent.
    const first = await pulled();
    expect(first).toEqual(
      Array.from({ length: 1 + 2 + 4 * (MAX_PULL_PAGES - 2) }, (_, n) => organisationRow(n).doc.id),
    );
    expect(await state.getCheckpoint(client.base, 'pp-directory', 'pull')).toBeUndefined();
    expect(heard.filter((h) => h.method === 'POST')).toEqual([]);

    // The next sync reads on from the last organisation kept, from the same update_seq (not asked again).
    const before = heard.length;
    expect((await sync()).error?.kind).toBe('server');
    expect(lists(before)[0]?.url).toContain(
      `startkey=${encodeURIComponent(JSON.stringify(`organisations:${first.at(-1)}`))}`,
    );
    expect(heard.slice(before).filter((h) => h.url === '/pp-directory')).toEqual([]);
    expect((await pulled()).length).toBeGreaterThan(first.length + 4 * (MAX_PULL_PAGES - 2));

    // A server that ends the list: the pull finishes, and reads the changes from the first update_seq on.
    listed = (await pulled()).length + 10;
    const after = heard.length;
    const last = await sync();
    expect(last.error).toBeUndefined();
    expect(await pulled()).toEqual(Array.from({ length: listed }, (_, n) => organisationRow(n).doc.id));
    expect(await state.getCheckpoint(client.base, 'pp-directory', 'pull')).toBe('7-start');
    expect(heard.slice(after).find((h) => h.url.startsWith('/pp-directory/_changes'))?.url).toContain('since=7-start');
    // Nothing here was lost: this browser's own organisation is kept, and pushed once the pull is done.
    expect(await db.get('organisations', mine.id)).toEqual(mine);
    expect(
      heard.slice(after).some((h) => h.url.startsWith('/pp-directory/_bulk_docs') && h.body.includes(mine.id)),
    ).toBe(true);
    db.close();
  }, 120_000);
});
