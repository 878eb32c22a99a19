// A CouchDB for tests: COUCHDB_URL when set (a real CouchDB 3, with an admin in the URL), else
// the stand-in (express-pouchdb over an in-memory PouchDB) on 127.0.0.1 and a free port.
// No vitest imports: scripts/workspace tests, demo and bench use it too. PouchDB stays here
// (devDependencies): it never ships in the extension.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { devNull, tmpdir } from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { BrowserContext } from 'playwright-core';
import { strictCouch3 } from './couch-strict';

export interface Couch {
  /** The server's address, no credentials, no trailing slash: `http://127.0.0.1:5984`. */
  url: string;
  admin: { name: string; password: string };
  /** True for the stand-in, false for a real CouchDB from COUCHDB_URL. */
  standIn: boolean;
  /** A request as the admin (basic auth): the parsed JSON answer and status. */
  admin_fetch(path: string, init?: RequestInit): Promise<{ status: number; body: unknown }>;
  /** Stops the stand-in; for a real CouchDB, deletes the databases this run created. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** Every database a test creates starts with this, so a shared real CouchDB can be cleaned. */
export const TEST_DB_PREFIX = 'pp-test-';

export async function startCouch(): Promise<Couch> {
  const fromEnv = process.env.COUCHDB_URL;
  if (fromEnv) return realCouch(fromEnv);
  return standIn();
}

function basic(name: string, password: string): string {
  return `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
}

/** Requests as one CouchDB user (basic auth), the answer's body parsed as JSON where it is JSON. */
export function basicAuthFetch(url: string, name: string, password: string): Couch['admin_fetch'] {
  return async (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', basic(name, password));
    if (init.body !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    const response = await fetch(`${url}${path}`, { ...init, headers });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: handed back as text.
    }
    return { status: response.status, body };
  };
}

async function realCouch(address: string): Promise<Couch> {
  const parsed = new URL(address);
  const admin = { name: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
  parsed.username = '';
  parsed.password = '';
  const url = parsed.toString().replace(/\/$/, '');
  const admin_fetch = basicAuthFetch(url, admin.name, admin.password);
  const root = await admin_fetch('/');
  if (root.status !== 200) throw new Error(`COUCHDB_URL ${url} answered ${root.status}`);
  return {
    url,
    admin,
    standIn: false,
    admin_fetch,
    async stop() {
      const dbs = await admin_fetch('/_all_dbs');
      for (const name of Array.isArray(dbs.body) ? (dbs.body as string[]) : []) {
        if (name.startsWith(TEST_DB_PREFIX)) await admin_fetch(`/${encodeURIComponent(name)}`, { method: 'DELETE' });
      }
      for (const db of ['_users', '_replicator']) {
        const start = db === '_users' ? `org.couchdb.user:${TEST_DB_PREFIX}` : TEST_DB_PREFIX;
        const range = `startkey=${JSON.stringify(start)}&endkey=${JSON.stringify(`${start}\ufff0`)}`;
        const docs = await admin_fetch(`/${db}/_all_docs?${encodeURI(range)}`);
        const rows = (docs.body as { rows?: Array<{ id: string; value: { rev: string } }> }).rows ?? [];
        for (const row of rows) {
          await admin_fetch(`/${db}/${encodeURIComponent(row.id)}?rev=${row.value.rev}`, { method: 'DELETE' });
        }
      }
    },
  };
}

interface Express {
  use(...args: unknown[]): void;
  listen(port: number, host: string, ready: () => void): Server;
}

/** Marks pouchdb-core (one module per process, shared by every bundle of this file) once its plugins are in. */
const PLUGINS_ADDED = Symbol.for('partnership-pulse/stand-in-plugins');

async function standIn(): Promise<Couch> {
  const express = require('express') as () => Express;
  const expressPouchDB = require('express-pouchdb') as (pouch: unknown, options: unknown) => unknown;
  const PouchDB = require('pouchdb-core') as {
    plugin(plugin: unknown): typeof PouchDB;
    defaults(options: unknown): unknown;
  };
  // Once per process: PouchDB refuses a plugin twice, and a bench run starts more than one stand-in.
  const registry = PouchDB as unknown as Record<symbol, boolean>;
  if (!registry[PLUGINS_ADDED]) {
    PouchDB.plugin(require('pouchdb-adapter-memory'))
      .plugin(require('pouchdb-adapter-http'))
      .plugin(require('pouchdb-replication'))
      .plugin(require('pouchdb-mapreduce'));
    registry[PLUGINS_ADDED] = true;
  }

  const admin = { name: 'admin', password: crypto.randomUUID() };
  const app = express();
  const pouchApp = expressPouchDB(PouchDB.defaults({ adapter: 'memory' }), {
    inMemoryConfig: true,
    mode: 'fullCouchDB',
    // Its log goes nowhere (it would write ./log.txt).
    logPath: devNull,
    overrideMode: { exclude: ['routes/fauxton'] },
  });
  insertAfterSession(pouchApp, strictCouch3());
  app.use('/', pouchApp);
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    listening.on('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  // Admin party until the first admin exists.
  const made = await fetch(`${url}/_config/admins/${admin.name}`, {
    method: 'PUT',
    body: JSON.stringify(admin.password),
    headers: { 'Content-Type': 'application/json' },
  });
  if (!made.ok) throw new Error(`The stand-in refused its admin: ${made.status} ${await made.text()}`);

  return {
    url,
    admin,
    standIn: true,
    admin_fetch: basicAuthFetch(url, admin.name, admin.password),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface Layer {
  handle: { toString(): string };
}

/**
 * Puts the strict layer (couch-strict.ts) into express-pouchdb's own stack, right after the
 * middleware that reads the session (cookie or basic auth) into `req.couchSession` and before
 * every route: it needs to know who asks. express-pouchdb is pinned (4.2.0); a change that
 * moves that middleware fails here, loudly, rather than leaving the stand-in lax.
 */
function insertAfterSession(pouchApp: unknown, layer: (...args: never[]) => void): void {
  const app = pouchApp as { use(handler: unknown): void; _router: { stack: Layer[] } };
  const stack = app._router.stack;
  const session = stack.findIndex((l) => l.handle.toString().includes('req.couchSession = result'));
  if (session < 0) throw new Error('express-pouchdb changed: no session middleware to put the strict layer after');
  app.use(layer);
  stack.splice(session + 1, 0, stack.pop()!);
}

/**
 * A copy of the built extension with the server's host (127.0.0.1) and the alarm granted up
 * front: a browser driven by a script cannot answer the permission prompt, and a request for
 * what is already granted resolves without one. Everything else is the build as it ships.
 * The caller removes the directory.
 */
export function grantedExtensionCopy(extensionDir: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pp-workspace-ext-'));
  cpSync(extensionDir, dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { host_permissions: string[]; permissions: string[] };
  manifest.host_permissions.push('http://127.0.0.1/*');
  manifest.permissions.push('alarms');
  writeFileSync(file, JSON.stringify(manifest));
  return dir;
}

/**
 * Hands the browser's requests to the server over from Node: Chromium resolves no host here
 * (tests/harness/extension.ts), so each request is made from Node and its answer handed back,
 * cookies included. A live `_changes` longpoll still open when the browser closes ends with it.
 */
export async function routeToCouch(context: BrowserContext, couch: Pick<Couch, 'url'>): Promise<void> {
  await context.route(`${couch.url}/**`, async (route) => {
    const response = await route.fetch().catch(() => null);
    if (response) await route.fulfill({ response }).catch(() => {});
  });
}
