// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { initWorkspace, WorkspaceError } from '../../../scripts/workspace/init';
import { CouchClient, SyncError } from '../../../utils/sync/http';
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
