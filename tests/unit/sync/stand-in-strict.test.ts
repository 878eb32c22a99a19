// @vitest-environment node
// The stand-in refuses what CouchDB 3 refuses (tests/harness/couch-strict.ts): each test is one
// place where express-pouchdb alone was laxer, and each holds against a real CouchDB 3 too
// (COUCHDB_URL), so the product's tests can rely on none of the stand-in's own answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB_PREFIX, startCouch, type Couch } from '../../harness/couch';
import { asUser } from './couch-helpers';

describe('the stand-in, as strict as CouchDB 3', () => {
  let couch: Couch;
  const run = crypto.randomUUID().slice(0, 8);
  const bob = `${TEST_DB_PREFIX}bob-${run}`;
  const eve = `${TEST_DB_PREFIX}eve-${run}`;
  const as = (name: string) => asUser(couch, name, `${name}-password`);
  const anonymous = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${couch.url}${path}`, init);
    return { status: response.status, body: JSON.parse(await response.text()) as unknown };
  };
  let fresh = 0;
  /** A new database, made by the admin; `members` writes its `_security` naming them. */
  async function database(members?: string[]): Promise<string> {
    const name = `${TEST_DB_PREFIX}strict-${run}-${(fresh += 1)}`;
    expect((await couch.admin_fetch(`/${name}`, { method: 'PUT' })).status).toBe(201);
    if (members) {
      const security = { admins: { names: [], roles: [] }, members: { names: members, roles: [] } };
      expect(
        (await couch.admin_fetch(`/${name}/_security`, { method: 'PUT', body: JSON.stringify(security) })).status,
      ).toBe(200);
    }
    return name;
  }

  beforeAll(async () => {
    couch = await startCouch();
    await couch.admin_fetch('/_users', { method: 'PUT' });
    for (const name of [bob, eve]) {
      const doc = { _id: `org.couchdb.user:${name}`, name, type: 'user', roles: [], password: `${name}-password` };
      expect((await couch.admin_fetch(`/_users/${doc._id}`, { method: 'PUT', body: JSON.stringify(doc) })).status).toBe(
        201,
      );
    }
  }, 30_000);

  afterAll(async () => {
    await couch?.stop();
  });

  const notServerAdmin = { status: 401, body: { error: 'unauthorized', reason: 'You are not a server admin.' } };
  const notAllowed = { status: 403, body: { error: 'forbidden', reason: 'You are not allowed to access this db.' } };
  const notAuthorized = {
    status: 401,
    body: { error: 'unauthorized', reason: 'You are not authorized to access this db.' },
  };

  it('lists databases to a server admin only (_all_dbs, admin_only_all_dbs = true since 3.0)', async () => {
    expect((await couch.admin_fetch('/_all_dbs')).status).toBe(200);
    expect(await as(bob).get('/_all_dbs')).toEqual(notServerAdmin);
    expect(await anonymous('/_all_dbs')).toEqual(notServerAdmin);
  });

  it('has no _db_updates for anyone but a server admin', async () => {
    expect(await as(bob).get('/_db_updates')).toEqual(notServerAdmin);
    expect(await anonymous('/_db_updates')).toEqual(notServerAdmin);
  });

  it('makes a new database admin-only until its _security names members', async () => {
    const db = await database();
    expect(await as(bob).get(`/${db}`)).toEqual(notAllowed);
    expect(await as(bob).put(`/${db}/x`, { n: 1 })).toEqual(notAllowed);
    expect(await as(bob).get(`/${db}/_changes`)).toEqual(notAllowed);
    expect(await anonymous(`/${db}`)).toEqual(notAuthorized);
    expect((await couch.admin_fetch(`/${db}/_security`)).body).toEqual({
      members: { roles: ['_admin'] },
      admins: { roles: ['_admin'] },
    });
    const security = { admins: { names: [], roles: [] }, members: { names: [bob], roles: [] } };
    await couch.admin_fetch(`/${db}/_security`, { method: 'PUT', body: JSON.stringify(security) });
    expect((await as(bob).put(`/${db}/x`, { n: 1 })).status).toBe(201);
    expect(await as(eve).get(`/${db}/x`)).toEqual(notAllowed);
    expect(await as(eve).get(`/${db}/_security`)).toEqual(notAllowed);
    expect(await anonymous(`/${db}/x`)).toEqual(notAuthorized);
    // A database that does not exist is 404 to anyone, before any question of access.
    expect((await as(bob).get(`/${db}-none/x`)).status).toBe(404);
  });

  it('lets only an admin change _security or a design document; a member may read _security', async () => {
    const db = await database([bob]);
    const adminOnly = { status: 403, body: { error: 'forbidden', reason: 'You are not a db or server admin.' } };
    expect(await as(bob).put(`/${db}/_security`, { admins: { names: [bob], roles: [] }, members: {} })).toEqual(
      adminOnly,
    );
    expect(await as(bob).put(`/${db}/_design/mine`, { views: {} })).toEqual(adminOnly);
    expect((await as(bob).get(`/${db}/_security`)).body).toMatchObject({ members: { names: [bob] } });
    const bulk = await as(bob).post(`/${db}/_bulk_docs`, { docs: [{ _id: '_design/mine', views: {} }] });
    expect(bulk).toEqual({ status: 201, body: [{ id: '_design/mine', ...adminOnly.body }] });
    // The stand-in keeps its security object in `_local/_security`: a member cannot rewrite it there
    // (CouchDB takes the write as an ordinary local document); either way who may read is unchanged.
    await as(bob).put(`/${db}/_local/_security`, { security: {} });
    expect(await as(eve).get(`/${db}`)).toEqual(notAllowed);
  });

  it("refuses validate_doc_update's {forbidden} with 403 and {unauthorized} with 401, alone and in _bulk_docs", async () => {
    const db = await database([bob]);
    const validate =
      'function (doc) { if (doc.f) throw { forbidden: "no f" }; if (doc.u) throw { unauthorized: "no u" }; }';
    await couch.admin_fetch(`/${db}/_design/v`, {
      method: 'PUT',
      body: JSON.stringify({ validate_doc_update: validate }),
    });
    expect(await as(bob).put(`/${db}/f1`, { f: 1 })).toEqual({
      status: 403,
      body: { error: 'forbidden', reason: 'no f' },
    });
    expect(await as(bob).put(`/${db}/u1`, { u: 1 })).toEqual({
      status: 401,
      body: { error: 'unauthorized', reason: 'no u' },
    });
    const bulk = await as(bob).post(`/${db}/_bulk_docs`, {
      docs: [{ _id: 'f2', f: 1 }, { _id: 'u2', u: 1 }, { _id: 'ok' }],
    });
    expect(bulk.status).toBe(201);
    const rows = bulk.body as Array<Record<string, unknown>>;
    expect(rows.find((r) => r.id === 'f2')).toEqual({ id: 'f2', error: 'forbidden', reason: 'no f' });
    expect(rows.find((r) => r.id === 'u2')).toEqual({ id: 'u2', error: 'unauthorized', reason: 'no u' });
    expect(rows.find((r) => r.id === 'ok')).toMatchObject({ ok: true });
    // `_local/` documents are not validated (couch_db:validate_doc_update), and readable by members only.
    expect((await as(bob).put(`/${db}/_local/f`, { f: 1 })).status).toBe(201);
    expect(await as(eve).get(`/${db}/_local/f`)).toEqual(notAllowed);
  });

  it('lets a user read their own _users document only, and no listing of _users or _replicator', async () => {
    expect((await as(bob).get(`/_users/org.couchdb.user:${bob}`)).status).toBe(200);
    expect(await as(bob).get(`/_users/org.couchdb.user:${eve}`)).toEqual({
      status: 404,
      body: { error: 'not_found', reason: 'missing' },
    });
    expect(await as(bob).get('/_users/_all_docs')).toEqual(notServerAdmin);
    expect(await as(bob).get('/_users/_changes')).toEqual(notServerAdmin);
    expect(await as(bob).get('/_replicator/_all_docs')).toEqual(notServerAdmin);
  });

  it('refuses a document over max_document_size (8 MB) with 413, and a _bulk_docs holding one writes nothing', async () => {
    const db = await database([bob]);
    const big = { text: 'x'.repeat(8_000_001) };
    expect(await as(bob).put(`/${db}/big`, big)).toEqual({
      status: 413,
      body: { error: 'document_too_large', reason: 'big' },
    });
    const bulk = await as(bob).post(`/${db}/_bulk_docs`, { docs: [{ _id: 'small' }, { _id: 'big2', ...big }] });
    expect(bulk).toEqual({ status: 413, body: { error: 'document_too_large', reason: 'big2' } });
    expect((await as(bob).get(`/${db}/small`)).status).toBe(404);
    expect((await as(bob).put(`/${db}/under`, { text: 'x'.repeat(7_999_000) })).status).toBe(201);
  }, 30_000);

  it('ends a longpoll with nothing new at its timeout, and the next one from its last_seq sees a later change', async () => {
    const db = await database([bob]);
    await as(bob).put(`/${db}/before`, { n: 1 });
    const started = Date.now();
    const empty = await as(bob).get(`/${db}/_changes?feed=longpoll&since=now&timeout=500`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(empty.status).toBe(200);
    const { results, last_seq: lastSeq } = empty.body as { results: unknown[]; last_seq: unknown };
    expect(results).toEqual([]);
    // A write after the answer ended: the stand-in goes on answering, and it comes next.
    await as(bob).put(`/${db}/after`, { n: 2 });
    const next = await as(bob).get(
      `/${db}/_changes?feed=longpoll&since=${encodeURIComponent(String(lastSeq))}&timeout=5000`,
    );
    expect((next.body as { results: Array<{ id: string }> }).results.map((r) => r.id)).toEqual(['after']);
  });

  it('answers a longpoll on a database that does not exist with 404, and does not make it', async () => {
    const none = `${TEST_DB_PREFIX}strict-${run}-none`;
    expect((await as(bob).get(`/${none}/_changes?feed=longpoll&since=now&timeout=100`)).status).toBe(404);
    expect((await couch.admin_fetch(`/${none}`)).status).toBe(404);
  });

  it('names its session cookie AuthSession, HttpOnly, on /, for 600 s, and clears it on sign-out', async () => {
    const signIn = await fetch(`${couch.url}/_session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: bob, password: `${bob}-password` }),
    });
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^AuthSession=[^;]+; Version=1; Expires=[^;]+; Max-Age=600; Path=\/; HttpOnly$/);
    const out = await fetch(`${couch.url}/_session`, { method: 'DELETE', headers: { Cookie: cookie.split(';')[0]! } });
    expect(out.headers.get('set-cookie')).toMatch(
      /^AuthSession=; Version=1; Expires=[^;]+; Max-Age=0; Path=\/; HttpOnly$/,
    );
  });
});
