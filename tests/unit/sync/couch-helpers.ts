import { afterAll, beforeAll } from 'vitest';
import { initWorkspace, type WorkspaceConfig } from '../../../scripts/workspace/init';
import { unwrap } from 'idb';
import { closePulseDb, openPulseDb } from '../../../utils/db/open';
import type { PulseDatabase } from '../../../utils/db/schema';
import { meeting } from '../../factories';
import { TEST_DB_PREFIX, basicAuthFetch, startCouch, type Couch } from '../../harness/couch';
import { syncWorkspace, type WorkspaceTarget } from '../../../utils/sync/engine';
import { CouchClient, type Fetch } from '../../../utils/sync/http';
import { signIn } from '../../../utils/sync/session';
import { mapState, type SyncState } from '../../../utils/sync/state';

/** A user of a test workspace: `pp-test-<first>`, with the password `<first>-password`. */
export const testUser = (first: string, role: 'lead' | 'coordinator' = 'lead') => ({
  name: `pp-test-${first}`,
  role,
  password: `${first}-password`,
});

/**
 * The tail of a profile's set-up: signs `client` in as the test user `user` (see `testUser`),
 * then gives a fresh sync state and the target of its partnerships, under a client id of its own.
 */
export async function signInProfile(
  client: CouchClient,
  prefix: string,
  user: string,
  partnershipIds: string[],
): Promise<{ state: SyncState; target: WorkspaceTarget }> {
  await signIn(client, user, `${user.replace('pp-test-', '')}-password`);
  return { state: mapState(), target: { prefix, partnershipIds, user } };
}

/** A browser profile of a sync test: its own database, cookie jar and checkpoints. */
export interface SyncProfile {
  db: PulseDatabase;
  client: CouchClient;
  jar: Jar;
  state: SyncState;
  target: WorkspaceTarget;
  sync(): ReturnType<typeof syncWorkspace>;
}

/** Opens a profile (its database, open for the whole file, named from `label`) signed in as `user`. */
export async function syncProfile(
  couch: Couch,
  prefix: string,
  user: string,
  partnershipIds: string[],
  label = 'pp-sync',
): Promise<SyncProfile> {
  const db = await openPulseDb(`${label}-${user}-${crypto.randomUUID()}`);
  const jar = profileFetch();
  const client = new CouchClient(couch.url, jar.fetch);
  const { state, target } = await signInProfile(client, prefix, user, partnershipIds);
  return { db, client, jar, state, target, sync: () => syncWorkspace(unwrap(db), client, target, state) };
}

/** Starts the CouchDB for tests and sets a workspace up on it under a fresh prefix. */
export async function startWorkspace(
  partnerships: WorkspaceConfig['partnerships'],
  users: WorkspaceConfig['users'],
): Promise<{ couch: Couch; prefix: string; config: WorkspaceConfig }> {
  const couch = await startCouch();
  const prefix = `${TEST_DB_PREFIX}${crypto.randomUUID().slice(0, 8)}-`;
  const config: WorkspaceConfig = { prefix, partnerships, users };
  try {
    await initWorkspace({ url: couch.url, admin: couch.admin, config });
  } catch (error) {
    await couch.stop();
    throw error;
  }
  return { couch, prefix, config };
}

/**
 * A test file's workspace: started before its tests (users, databases, security and lists: a few
 * dozen calls, slow on a loaded machine), stopped after them with the file's databases closed.
 * Read `couch` and `prefix` inside tests and hooks.
 */
export function useTestWorkspace(
  partnerships: WorkspaceConfig['partnerships'],
  users: WorkspaceConfig['users'],
): { couch: Couch; prefix: string } {
  const workspace = {} as { couch: Couch; prefix: string };
  beforeAll(async () => {
    Object.assign(workspace, await startWorkspace(partnerships, users));
  }, 30_000);
  afterAll(async () => {
    await closePulseDb();
    await workspace.couch?.stop();
  });
  return workspace;
}

/** Requests as one CouchDB user (basic auth), for checking what the server lets them do. */
export function asUser(couch: Couch, name: string, password: string) {
  const call = basicAuthFetch(couch.url, name, password);
  const send = (method: string) => (path: string, body?: unknown) =>
    call(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { get: send('GET'), put: send('PUT'), post: send('POST'), delete: send('DELETE') };
}

/** A meeting as it travels (see utils/sync/layout.ts). */
export function meetingDoc(id: string, partnershipId: string, updatedAt = 1_700_000_000_000) {
  const record = meeting({
    id,
    partnershipId,
    title: `Meeting ${id}`,
    createdAt: updatedAt,
    updatedAt,
    startAt: updatedAt,
  });
  return { ...record, _id: `meetings:${id}`, type: 'meetings' };
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Hook = (url: string, init?: RequestInit) => Promise<Response | void> | Response | void;

/** A browser profile's way to the server: its own session cookie, which `expire` forgets. */
export interface Jar {
  /** Runs before each request; an answer it gives is the server's. */
  hook: Hook | undefined;
  expire(): void;
  fetch: Fetch;
}

/** A fetch with its own cookie jar, as a browser profile has; `hook` runs before each request. */
export function profileFetch(): Jar {
  let cookie: string | undefined;
  const jar: Jar = {
    hook: undefined,
    expire() {
      cookie = undefined;
    },
    async fetch(url, init) {
      const early: Response | void = await jar.hook?.(url, init);
      if (early) return early;
      const headers = new Headers(init?.headers);
      if (cookie) headers.set('Cookie', cookie);
      const response = await fetch(url, { ...init, headers });
      const set = response.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0];
      return response;
    },
  };
  return jar;
}

/** Every document of a database, as the admin reads it. */
export async function serverDocsOf(couch: Couch, db: string): Promise<Array<Record<string, unknown>>> {
  const all = await couch.admin_fetch(`/${db}/_all_docs?include_docs=true`);
  return (all.body as { rows: Array<{ doc: Record<string, unknown> }> }).rows.map((r) => r.doc);
}
