// The stand-in made as strict as CouchDB 3 where CouchDB 3 is stricter than express-pouchdb, so
// that a test passing against the stand-in relies on none of its laxness. Each rule cites the
// CouchDB 3 source (apache/couchdb, 3.x) it copies; tests/unit/sync/stand-in.test.ts checks each.
// Test harness only: nothing here ships.
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

const require = createRequire(import.meta.url);

/** `[couchdb] max_document_size` (default.ini, 3.x): a document's body over it is refused whole. */
export const MAX_DOCUMENT_SIZE = 8_000_000;
/** `[chttpd] changes_timeout` (default.ini): the longest a longpoll waits, whatever `timeout` asks. */
export const CHANGES_TIMEOUT_MS = 60_000;
/** A new database's `_security` in CouchDB 3 (docs: whatsnew/3.0, "admin-only by default"; couch_db_updater:default_security_object). */
export const DEFAULT_SECURITY = { members: { roles: ['_admin'] }, admins: { roles: ['_admin'] } };

interface UserCtx {
  name: string | null;
  roles: string[];
}

interface Req extends IncomingMessage {
  path: string;
  query: Record<string, unknown>;
  body?: unknown;
  _body?: boolean;
  couchSession?: { userCtx: UserCtx };
  PouchDB: { allDbs(): Promise<string[]> };
}

type Res = ServerResponse & { writableEnded: boolean };
type Next = (error?: unknown) => void;

function send(res: Res, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

// chttpd:error_info: {unauthorized, Msg} → 401, {forbidden, Msg} → 403.
const notServerAdmin = (res: Res) => send(res, 401, { error: 'unauthorized', reason: 'You are not a server admin.' });

/**
 * couch_db:throw_security_error: anonymous → 401 "You are not authorized to access this db.",
 * a signed-in user → 403 "You are not allowed to access this db." (express-pouchdb says 401 to both).
 */
function notMember(res: Res, user: UserCtx): void {
  if (user.name === null)
    send(res, 401, { error: 'unauthorized', reason: 'You are not authorized to access this db.' });
  else send(res, 403, { error: 'forbidden', reason: 'You are not allowed to access this db.' });
}

/** couch_doc:from_json_obj_validate: the body without its `_` fields, as JSON, in bytes. */
export function documentSize(doc: unknown): number {
  if (typeof doc !== 'object' || doc === null) return 0;
  const body = Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_')));
  return Buffer.byteLength(JSON.stringify(body));
}

/**
 * The strict layer: an express middleware that runs inside express-pouchdb after it has read
 * the session (so `req.couchSession` says who asks) and before its routes.
 */
export function strictCouch3(): (req: Req, res: Res, next: Next) => void {
  /** Databases whose `_security` an admin has written: the others are admin-only. */
  const secured = new Set<string>();
  const jsonParser = (require('body-parser') as { json(o: unknown): (req: Req, res: Res, next: Next) => void }).json({
    limit: '4gb', // `[chttpd] max_http_request_size` (default.ini, 3.x): 4 GB.
  });

  return (req, res, next) => {
    const user = req.couchSession?.userCtx ?? { name: null, roles: [] };
    const admin = user.roles.includes('_admin');
    const parts = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    const [db, second] = parts;
    sessionCookieAsCouch(res);
    const run = async () => {
      if (db === undefined) return next();
      // chttpd_auth_request:authorize_request_int: `_all_dbs` and `_dbs_info` need a server admin
      // (`[chttpd] admin_only_all_dbs = true`, the default since 3.0); so does `_db_updates`,
      // as every other `/_…` path not listed in server_authorization_check.
      if (!admin && ['_all_dbs', '_dbs_info', '_db_updates'].includes(db)) return notServerAdmin(res);
      // authorize_request_int: `_all_docs` and `_changes` of `_users` and `_replicator` need a server admin.
      if (!admin && (db === '_users' || db === '_replicator') && (second === '_all_docs' || second === '_changes'))
        return notServerAdmin(res);
      if (db === '_users') {
        // couch_users_db:after_doc_read: another user's document is not_found to a non-admin
        // (no public_fields by default); express-pouchdb answers 500.
        if (!admin && second?.startsWith('org.couchdb.user:') && second !== `org.couchdb.user:${user.name}`)
          return send(res, 404, { error: 'not_found', reason: 'missing' });
        return next();
      }
      if (db.startsWith('_')) return next();
      if (req.method === 'PUT' && second === '_security' && parts.length === 2) {
        res.on('finish', () => {
          if (res.statusCode === 200) secured.add(db);
        });
      }
      if (req.method === 'DELETE' && parts.length === 1) secured.delete(db);
      if (!admin && !secured.has(db) && (await req.PouchDB.allDbs()).includes(db)) return notMember(res, user);
      if (admin && req.method === 'GET' && second === '_security' && parts.length === 2 && !secured.has(db))
        return send(res, 200, DEFAULT_SECURITY);
      // The stand-in keeps a database's security object in `_local/_security` (pouchdb-security),
      // which any member could rewrite; in CouchDB that is an ordinary local document.
      if (!admin && second === '_local' && parts[2] === '_security')
        return send(res, 403, { error: 'forbidden', reason: 'The stand-in keeps its security object here.' });
      if (!admin) answerAsCouch(req, res, user);
      if (req.query.feed === 'longpoll' && second === '_changes') await endAtTimeout(req, res, db);
      if (await tooLarge(req, res, parts, jsonParser)) return;
      next();
    };
    run().catch(next);
  };
}

/** `[chttpd_auth] timeout` (default.ini): a session's life, in seconds. */
const SESSION_TIMEOUT_S = 600;

/**
 * couch_httpd_auth:cookie_auth_cookie, with `allow_persistent_cookies = true` (the default in
 * 3.x): `AuthSession=…; Version=1; Expires=…; Max-Age=600; Path=/; HttpOnly` (`Secure` only over
 * https, no SameSite unless configured). express-pouchdb sends a browser-session cookie, which a
 * browser keeps however long the session lasts on the server; CouchDB's is dropped after 600 s
 * without a renewal. (CouchDB renews it only once a tenth of its life has gone; the stand-in on
 * every request: not copied.)
 */
function sessionCookieAsCouch(res: Res): void {
  const cookie = (value: unknown): unknown => {
    if (typeof value !== 'string' || !value.startsWith('AuthSession=')) return value;
    const pair = value.split(';')[0]!;
    const age = pair === 'AuthSession=' ? 0 : SESSION_TIMEOUT_S;
    // mochiweb_cookies writes the date as `Thu, 01-Jan-1970 00:00:00 GMT`.
    const expires = new Date(age === 0 ? 0 : Date.now() + age * 1000)
      .toUTCString()
      .replace(/^(\w{3}, \d{2}) (\w{3}) (\d{4})/, '$1-$2-$3');
    return `${pair}; Version=1; Expires=${expires}; Max-Age=${age}; Path=/; HttpOnly`;
  };
  // One AuthSession cookie, the last set: a sign-out's clearing one, not the renewal before it
  // (couch_httpd_auth:cookie_auth_header sets none where a handler set one).
  const all = (value: unknown) => {
    if (!Array.isArray(value)) return cookie(value);
    const last = value.findLastIndex((v) => String(v).startsWith('AuthSession='));
    return value.filter((v, i) => i === last || !String(v).startsWith('AuthSession=')).map(cookie);
  };
  const setHeader = res.setHeader.bind(res);
  const already = res.getHeader('Set-Cookie');
  if (already !== undefined) setHeader('Set-Cookie', all(already) as string[]);
  res.setHeader = ((name: string, value: unknown) =>
    setHeader(name, (name.toLowerCase() === 'set-cookie' ? all(value) : value) as string)) as Res['setHeader'];
}

/**
 * A signed-in non-member is told 403, as CouchDB 3 does: express-pouchdb's own refusal
 * (pouchdb-security, 401 to everyone) is rewritten on its way out, in whole answers and in a
 * `_bulk_docs` answer's rows. A member writing a design document gets CouchDB's words too
 * (couch_db:validate_doc_update → check_is_admin).
 */
function answerAsCouch(req: Req, res: Res, user: UserCtx): void {
  if (user.name === null) return;
  const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => Res;
  const forbidden = (row: Record<string, unknown>) => {
    if (row.error !== 'unauthorized' || row.reason !== 'You are not authorized to access this db.') return row;
    const design = String(row.id ?? req.path.split('/')[2]).startsWith('_design');
    const designOrSecurity = design || (req.method === 'PUT' && req.path.endsWith('/_security'));
    return {
      ...row,
      error: 'forbidden',
      reason: designOrSecurity ? 'You are not a db or server admin.' : 'You are not allowed to access this db.',
    };
  };
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (res.headersSent || !Buffer.isBuffer(chunk) || (res.statusCode !== 401 && res.statusCode !== 201))
      return end(chunk, ...rest);
    let body: unknown;
    try {
      body = JSON.parse(chunk.toString('utf8'));
    } catch {
      return end(chunk, ...rest);
    }
    let changed: unknown = body;
    if (Array.isArray(body)) changed = body.map((row) => forbidden(row as Record<string, unknown>));
    else if (res.statusCode === 401) {
      const row = forbidden(body as Record<string, unknown>);
      if (row !== body) res.statusCode = 403;
      changed = row;
    }
    if (changed === body) return end(chunk, ...rest);
    const text = Buffer.from(JSON.stringify(changed));
    res.setHeader('Content-Length', text.byteLength);
    return end(text, ...rest);
  }) as Res['end'];
}

/**
 * couch_changes:get_changes_timeout: a longpoll with nothing new answers `{"results":[],
 * "last_seq":…}` after min(timeout, changes_timeout); express-pouchdb holds it open until a
 * change comes. Its own feed is stopped first (the socket's `close` listeners it added for this
 * request cancel it), then the answer it began is finished.
 */
async function endAtTimeout(req: Req, res: Res, db: string): Promise<void> {
  const asked = Number(req.query.timeout);
  const wait = Number.isFinite(asked) && asked >= 0 ? Math.min(asked, CHANGES_TIMEOUT_MS) : CHANGES_TIMEOUT_MS;
  const socket = req.socket as Socket;
  const before = new Set(socket.listeners('close'));
  // The feed counts from `since` (0 when absent); `now` is pinned to the seq as it is now, so
  // the answer's last_seq is where a change made after it would start.
  // Only an existing database (express-pouchdb answers 404 for the others): opening one creates it.
  if (req.query.since === 'now' && (await req.PouchDB.allDbs()).includes(db)) {
    const { getOrCreateDB } = require('express-pouchdb/lib/create-or-delete-dbs') as {
      getOrCreateDB(P: unknown, name: string): Promise<{ info(): Promise<{ update_seq: unknown }> }>;
    };
    req.query.since = (await (await getOrCreateDB(req.PouchDB, db)).info()).update_seq;
  }
  const lastSeq = req.query.since ?? 0;
  const timer = setTimeout(() => {
    if (res.writableEnded) return;
    for (const listener of socket.listeners('close')) {
      if (before.has(listener)) continue;
      socket.removeListener('close', listener as () => void);
      (listener as () => void)();
    }
    if (res.headersSent) res.end(`],\n"last_seq":${JSON.stringify(lastSeq)}}\n`);
    else send(res, 200, { results: [], last_seq: lastSeq });
  }, wait);
  res.on('finish', () => clearTimeout(timer));
  res.on('close', () => clearTimeout(timer));
  // The feed's own late writes (a heartbeat, a change after the answer ended) go nowhere.
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  res.write = ((...args: unknown[]) => (res.writableEnded ? true : write(...args))) as Res['write'];
}

/**
 * couch_doc:from_json_obj_validate: a document whose body is over max_document_size is refused
 * with 413 `document_too_large` and its id; in `_bulk_docs` the whole request is (chttpd_db
 * checks every document before writing any).
 */
async function tooLarge(
  req: Req,
  res: Res,
  parts: string[],
  jsonParser: (req: Req, res: Res, next: Next) => void,
): Promise<boolean> {
  const [, second, third] = parts;
  const writes =
    (req.method === 'POST' && (parts.length === 1 || (parts.length === 2 && second === '_bulk_docs'))) ||
    (req.method === 'PUT' && parts.length === 2 && !second!.startsWith('_')) ||
    (req.method === 'PUT' &&
      parts.length === 3 &&
      (second === '_design' || second === '_local') &&
      third !== undefined);
  if (!writes || !String(req.headers['content-type'] ?? '').includes('application/json')) return false;
  // No document is larger than the request: most are not read here at all (express-pouchdb reads them).
  const length = Number(req.headers['content-length']);
  if (length > 0 && length <= MAX_DOCUMENT_SIZE) return false;
  const error = await new Promise<unknown>((resolve) => jsonParser(req, res, resolve));
  // As express-pouchdb's own parser answers (utils.js buildJSONParser).
  if ((error as { status?: number } | undefined)?.status === 400) {
    send(res, 400, { error: 'bad_request', reason: 'invalid_json' });
    return true;
  }
  if (error) {
    send(res, 413, { error: 'too_large', reason: 'the request entity is too large' });
    return true;
  }
  const body = req.body as { docs?: unknown } | undefined;
  const docs = parts[1] === '_bulk_docs' ? (Array.isArray(body?.docs) ? body.docs : []) : [body];
  for (const doc of docs) {
    if (documentSize(doc) > MAX_DOCUMENT_SIZE) {
      const id = (doc as { _id?: unknown })._id ?? parts.slice(1).join('/');
      send(res, 413, { error: 'document_too_large', reason: id });
      return true;
    }
  }
  return false;
}
