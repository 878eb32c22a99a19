// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_DB_PREFIX, startCouch, type Couch } from '../../harness/couch';
import { CouchClient, type Fetch } from '../../../utils/sync/http';
import { LONGPOLL_TIMEOUT_MS, livePages, watchChanges } from '../../../utils/sync/live';
import { waitFor } from './couch-helpers';

describe('livePages: live only while an extension page is open', () => {
  function recorder() {
    const signals: AbortSignal[] = [];
    const pages = livePages(async (signal) => {
      signals.push(signal);
    });
    return { pages, signals };
  }

  it('watches from the first page to the last, and not before or after', () => {
    const { pages, signals } = recorder();
    pages.restart(); // The connection changed with no page open: nothing.
    expect(signals).toHaveLength(0);
    pages.opened();
    pages.opened();
    expect(signals).toHaveLength(1);
    pages.closed();
    expect(signals[0]!.aborted).toBe(false);
    pages.closed();
    expect(signals[0]!.aborted).toBe(true);
    pages.closed(); // A stray disconnect does not count below zero.
    pages.opened();
    expect(signals).toHaveLength(2);
    expect(signals[1]!.aborted).toBe(false);
  });

  it('watches anew when the connection changes while a page is open', () => {
    const { pages, signals } = recorder();
    pages.opened();
    pages.restart();
    expect(signals).toHaveLength(2);
    expect(signals[0]!.aborted).toBe(true);
    expect(signals[1]!.aborted).toBe(false);
  });
});

describe('watchChanges against the stand-in', () => {
  let couch: Couch;
  let db: string;
  let client: CouchClient;
  let requests: string[];
  let fetcher: Fetch;

  beforeAll(async () => {
    couch = await startCouch();
    db = `${TEST_DB_PREFIX}live-${crypto.randomUUID().slice(0, 8)}`;
    expect((await couch.admin_fetch(`/${db}`, { method: 'PUT' })).status).toBe(201);
    const authorization = `Basic ${Buffer.from(`${couch.admin.name}:${couch.admin.password}`).toString('base64')}`;
    requests = [];
    fetcher = (url, init) => {
      requests.push(url);
      return fetch(url, {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), Authorization: authorization },
      });
    };
    client = new CouchClient(couch.url, fetcher);
  });

  afterAll(async () => {
    await couch?.stop();
  });

  const write = (id: string) => couch.admin_fetch(`/${db}/${id}`, { method: 'PUT', body: JSON.stringify({ n: 1 }) });

  it('answers a change on the server within 2 s, and nothing once stopped', async () => {
    const controller = new AbortController();
    let changes = 0;
    const watching = watchChanges(
      { client, dbs: [db], sinceOf: async () => undefined },
      () => (changes += 1),
      controller.signal,
    );
    await waitFor(async () => requests.some((url) => url.includes('feed=longpoll')), 2_000);
    expect(changes).toBe(0);
    const started = Date.now();
    await write(`a-${crypto.randomUUID()}`);
    await waitFor(async () => changes === 1, 2_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    controller.abort();
    await watching; // Ends: the open longpoll is aborted.
    await write(`b-${crypto.randomUUID()}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(changes).toBe(1);
  });

  it('takes a longpoll that ends empty at its timeout (as CouchDB 3 answers) and watches on from its last_seq', async () => {
    // The product asks for LONGPOLL_TIMEOUT_MS; the server is told 300 ms so that several end empty here.
    const polls: string[] = [];
    const short: Fetch = (url, init) => {
      if (url.includes('feed=longpoll')) polls.push(url);
      return fetcher(url.replace(`timeout=${LONGPOLL_TIMEOUT_MS}`, 'timeout=300'), init);
    };
    const controller = new AbortController();
    let changes = 0;
    const watching = watchChanges(
      { client: new CouchClient(couch.url, short), dbs: [db], sinceOf: async () => undefined },
      () => (changes += 1),
      controller.signal,
    );
    await vi.waitFor(() => expect(polls.length).toBeGreaterThanOrEqual(3), { timeout: 20_000, interval: 10 });
    expect(changes).toBe(0);
    // Each next longpoll starts where the empty one ended, not from `now` again.
    expect(polls.slice(1).every((url) => !url.includes('since=now'))).toBe(true);
    await write(`c-${crypto.randomUUID()}`);
    await vi.waitFor(() => expect(changes).toBe(1), { timeout: 20_000, interval: 10 });
    controller.abort();
    await watching;
  });

  it('starts from the last pull: changes since then answer at once', async () => {
    const controller = new AbortController();
    let changes = 0;
    const watching = watchChanges(
      { client, dbs: [db], sinceOf: async () => 0 },
      () => (changes += 1),
      controller.signal,
    );
    await waitFor(async () => changes === 1, 2_000);
    controller.abort();
    await watching;
  });

  it('stops watching a database the session cannot read, without retrying', async () => {
    const denied: Fetch = async () =>
      new Response(JSON.stringify({ error: 'unauthorized', reason: 'You are not authorized' }), { status: 401 });
    let calls = 0;
    const counting: Fetch = (url, init) => ((calls += 1), denied(url, init));
    await watchChanges(
      { client: new CouchClient(couch.url, counting), dbs: [db], sinceOf: async () => undefined },
      () => {},
      new AbortController().signal,
    );
    expect(calls).toBe(1);
  });

  it('survives a server that is away or answers nonsense, until stopped', async () => {
    const controller = new AbortController();
    let calls = 0;
    const away: Fetch = async () => {
      calls += 1;
      if (calls === 1) return new Response('<html>proxy error</html>', { status: 200 });
      throw new TypeError('Failed to fetch');
    };
    let changes = 0;
    const watching = watchChanges(
      { client: new CouchClient(couch.url, away), dbs: [db], sinceOf: async () => undefined },
      () => (changes += 1),
      controller.signal,
    );
    await waitFor(async () => calls === 1, 1_000);
    // Waiting to try again (LIVE_RETRY_MS): stopping ends the wait at once.
    controller.abort();
    await watching;
    expect(changes).toBe(0);
    expect(calls).toBe(1);
  });
});
