// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Couch } from '../../harness/couch';
import { initWorkspace, type WorkspaceConfig } from '../../../scripts/workspace/init';
import { readOffered } from '../../../utils/sync/connect';
import { CouchClient } from '../../../utils/sync/http';
import {
  DESIGN_DOC_ID,
  WORKSPACE_DOC_ID,
  coordinatorsDb,
  directoryDb,
  partnershipDb,
  userDb,
} from '../../../utils/sync/layout';
import { signIn } from '../../../utils/sync/session';
import { asUser, profileFetch, startWorkspace, testUser } from './couch-helpers';

/**
 * Who learns which partnerships exist (issue 14: "a lead's CouchDB user is a member of their
 * partnerships' databases; coordinators have a role that reads all"). A lead reads only the
 * list of their own partnerships; the full list, with every partnership's leads, is the
 * coordinators'; the directory every lead reads names no partnership and no lead.
 */

const P1 = 'd1111111-1111-4111-8111-111111111111';
const P2 = 'd2222222-2222-4222-8222-222222222222';
const P3 = 'd3333333-3333-4333-8333-333333333333';
const DOC = encodeURIComponent(WORKSPACE_DOC_ID);

let couch: Couch;
let prefix: string;
let config: WorkspaceConfig;

const ana = () => asUser(couch, 'pp-test-ana', 'ana-password');
const ben = () => asUser(couch, 'pp-test-ben', 'ben-password');
const cora = () => asUser(couch, 'pp-test-cora', 'cora-password');
/** What only another partnership's people may know: its name, its id, its lead. */
const BENS_SECRETS = ['Active city', P2, 'pp-test-ben', 'Quiet lane', P3];

beforeAll(async () => {
  ({ couch, prefix, config } = await startWorkspace(
    [
      { id: P1, name: 'Food bank', leads: ['pp-test-ana'] },
      { id: P2, name: 'Active city', leads: ['pp-test-ben'] },
      { id: P3, name: 'Quiet lane', leads: ['pp-test-ben'] },
    ],
    [testUser('ana'), testUser('ben'), testUser('cora', 'coordinator')],
  ));
  // Users, databases, security and lists: a few dozen calls, slow on a loaded machine.
}, 30_000);

afterAll(() => couch?.stop());

async function offeredTo(name: string, password: string) {
  const client = new CouchClient(couch.url, profileFetch().fetch);
  const user = await signIn(client, name, password);
  return readOffered(client, prefix, user);
}

describe('what a lead learns of the workspace', () => {
  it('a lead reads the list of their own partnerships only, without anyone’s name', async () => {
    const own = await ana().get(`/${userDb(prefix, 'pp-test-ana')}/${DOC}`);
    expect(own.status).toBe(200);
    expect((own.body as { partnerships: unknown }).partnerships).toEqual([
      { id: P1, name: 'Food bank', attendance: 'people' },
    ]);
    const text = JSON.stringify(own.body);
    for (const secret of [...BENS_SECRETS, 'pp-test-ana']) expect(text).not.toContain(secret);
  });

  it('a lead cannot read another lead’s list, nor the coordinators’ list, nor list their documents', async () => {
    for (const path of [
      `/${userDb(prefix, 'pp-test-ben')}/${DOC}`,
      `/${userDb(prefix, 'pp-test-ben')}/_all_docs?include_docs=true`,
      `/${userDb(prefix, 'pp-test-ben')}/_changes?include_docs=true`,
      `/${coordinatorsDb(prefix)}/${DOC}`,
      `/${coordinatorsDb(prefix)}/_all_docs?include_docs=true`,
      `/${coordinatorsDb(prefix)}/_changes?include_docs=true`,
    ]) {
      const answer = await ana().get(path);
      expect(answer.status, path).toBe(403);
      for (const secret of BENS_SECRETS) expect(JSON.stringify(answer.body), path).not.toContain(secret);
    }
    // Both ways: Ben cannot read Ana's list either.
    expect((await ben().get(`/${userDb(prefix, 'pp-test-ana')}/${DOC}`)).status).toBe(403);
    // Nor can a coordinator read a lead's own list (they read the full one).
    expect((await cora().get(`/${userDb(prefix, 'pp-test-ana')}/${DOC}`)).status).toBe(403);
    // Nobody signed in: nothing.
    expect((await fetch(`${couch.url}/${userDb(prefix, 'pp-test-ana')}/${DOC}`)).status).toBe(401);
    expect((await fetch(`${couch.url}/${coordinatorsDb(prefix)}/${DOC}`)).status).toBe(401);
  });

  it('a lead cannot write their own list: not to add a partnership, not to delete it, not its security', async () => {
    const db = userDb(prefix, 'pp-test-ana');
    const before = await ana().get(`/${db}/${DOC}`);
    const { _rev: rev } = before.body as { _rev: string };
    const forged = {
      _id: WORKSPACE_DOC_ID,
      _rev: rev,
      type: 'workspace',
      partnerships: [
        { id: P1, name: 'Food bank', attendance: 'people' },
        { id: P2, name: 'Active city', attendance: 'people' },
      ],
    };
    const put = await ana().put(`/${db}/${DOC}`, forged);
    expect(put.status).toBe(403);
    expect(JSON.stringify(put.body)).toContain("workspace's admin only");
    const bulk = await ana().post(`/${db}/_bulk_docs`, { docs: [{ ...forged, _id: 'workspace:other' }] });
    expect(JSON.stringify(bulk.body)).toMatch(/forbidden/);
    expect((await ana().delete(`/${db}/${DOC}?rev=${rev}`)).status).toBe(403);
    const security = { admins: { names: ['pp-test-ana'], roles: [] }, members: { names: ['pp-test-ben'], roles: [] } };
    expect((await ana().put(`/${db}/_security`, security)).status).toBe(403);
    const design = { validate_doc_update: 'function () {}' };
    expect((await ana().put(`/${db}/${DESIGN_DOC_ID}`, design)).status).toBe(403);
    // Another lead's list or the coordinators': not even the door.
    expect((await ana().put(`/${userDb(prefix, 'pp-test-ben')}/${DOC}`, forged)).status).toBe(403);
    expect((await ana().put(`/${coordinatorsDb(prefix)}/workspace:x`, forged)).status).toBe(403);
    // The coordinator may read the full list but not write it.
    expect((await cora().put(`/${coordinatorsDb(prefix)}/workspace:x`, { ...forged, _id: 'workspace:x' })).status).toBe(
      403,
    );
    // Nothing changed.
    const after = await ana().get(`/${db}/${DOC}`);
    expect(after.body).toEqual(before.body);
    expect((await ana().get(`/${db}/_all_docs`)).body).toMatchObject({ total_rows: 2 });
  });

  it('the directory every lead reads names no partnership and no lead', async () => {
    const directory = directoryDb(prefix);
    expect((await ana().get(`/${directory}/${DOC}`)).status).toBe(404);
    for (const path of ['_all_docs?include_docs=true', '_changes?include_docs=true&style=all_docs']) {
      const answer = await ana().get(`/${directory}/${path}`);
      expect(answer.status).toBe(200);
      const text = JSON.stringify(answer.body);
      for (const secret of [...BENS_SECRETS, 'Food bank', P1, 'pp-test-ana', 'pp-test-cora']) {
        expect(text, path).not.toContain(secret);
      }
    }
  });

  it('the coordinators read every partnership with its leads', async () => {
    const full = await cora().get(`/${coordinatorsDb(prefix)}/${DOC}`);
    expect(full.status).toBe(200);
    expect((full.body as { partnerships: unknown }).partnerships).toEqual(
      config.partnerships.map((p) => ({ ...p, attendance: 'people' })),
    );
  });

  it('the connect screen offers a lead their partnerships and a coordinator every one', async () => {
    expect(await offeredTo('pp-test-ana', 'ana-password')).toEqual([
      { id: P1, name: 'Food bank', attendance: 'people' },
    ]);
    expect(await offeredTo('pp-test-ben', 'ben-password')).toEqual([
      { id: P2, name: 'Active city', attendance: 'people' },
      { id: P3, name: 'Quiet lane', attendance: 'people' },
    ]);
    expect((await offeredTo('pp-test-cora', 'cora-password')).map((p) => p.id)).toEqual([P1, P2, P3]);
  });
});

describe('a workspace set up before the lists moved', () => {
  it('init run again removes the shared list from the directory, earlier revisions included', async () => {
    const directory = directoryDb(prefix);
    // The directory as an earlier init left it: every partnership, with its leads, for every lead.
    const old = { _id: WORKSPACE_DOC_ID, type: 'workspace', partnerships: config.partnerships };
    const planted = await couch.admin_fetch(`/${directory}/${DOC}`, { method: 'PUT', body: JSON.stringify(old) });
    expect(planted.status).toBe(201);
    const oldRev = (planted.body as { rev: string }).rev;
    expect(JSON.stringify((await ana().get(`/${directory}/${DOC}`)).body)).toContain('Active city');

    const lines: string[] = [];
    await initWorkspace({
      url: couch.url,
      admin: couch.admin,
      config: { ...config, users: config.users.map(({ name, role }) => ({ name, role })) },
      log: (line) => lines.push(line),
    });
    expect(lines).toContain(`removed the list of partnerships and leads from ${directory}`);

    expect((await ana().get(`/${directory}/${DOC}`)).status).toBe(404);
    // The revision a lead saw, asked for by its id, and every leaf: gone or a bare deletion.
    for (const path of [`${DOC}?rev=${oldRev}`, `${DOC}?open_revs=all`, `${DOC}?revs=true&open_revs=all`]) {
      const answer = await ana().get(`/${directory}/${path}`);
      for (const secret of BENS_SECRETS) expect(JSON.stringify(answer.body), path).not.toContain(secret);
    }
    const changes = await ana().get(`/${directory}/_changes?include_docs=true&style=all_docs`);
    for (const secret of BENS_SECRETS) expect(JSON.stringify(changes.body)).not.toContain(secret);
    // Each lead still finds their own.
    expect(await offeredTo('pp-test-ana', 'ana-password')).toEqual([
      { id: P1, name: 'Food bank', attendance: 'people' },
    ]);
    // And the partnerships' databases were kept.
    expect((await ana().get(`/${partnershipDb(prefix, P1)}`)).status).toBe(200);
  }, 30_000);

  it('init removes every branch of the shared list: a conflict (two sites replicating) does not become the list', async () => {
    const directory = directoryDb(prefix);
    const old = { _id: WORKSPACE_DOC_ID, type: 'workspace', partnerships: config.partnerships };
    // Two leaves, as two sites that each ran an earlier init leave after replicating.
    const revs = [`1-${'a'.repeat(32)}`, `1-${'b'.repeat(32)}`];
    const planted = await couch.admin_fetch(`/${directory}/_bulk_docs`, {
      method: 'POST',
      body: JSON.stringify({ new_edits: false, docs: revs.map((_rev) => ({ ...old, _rev })) }),
    });
    expect(planted.status).toBe(201);
    expect(JSON.stringify((await ana().get(`/${directory}/${DOC}`)).body)).toContain('Active city');

    await initWorkspace({
      url: couch.url,
      admin: couch.admin,
      config: { ...config, users: config.users.map(({ name, role }) => ({ name, role })) },
    });
    expect((await ana().get(`/${directory}/${DOC}`)).status).toBe(404);
    for (const path of [DOC, `${DOC}?open_revs=all`, ...revs.map((rev) => `${DOC}?rev=${rev}`)]) {
      const answer = await ana().get(`/${directory}/${path}`);
      for (const secret of BENS_SECRETS) expect(JSON.stringify(answer.body), path).not.toContain(secret);
    }
  }, 30_000);

  it('init waits while CouchDB 3 still compacts, or an old revision still answers with the list, and says so only once it is gone', async () => {
    // The stand-in compacts before it answers `_compact`; CouchDB 3 compacts in the background
    // (a cluster's shards may start later). Its answers meanwhile are played here: the database
    // says `compact_running` three times, then the old revision still holds the list twice.
    const directory = directoryDb(prefix);
    const old = { _id: WORKSPACE_DOC_ID, type: 'workspace', partnerships: config.partnerships };
    const planted = await couch.admin_fetch(`/${directory}/${DOC}`, { method: 'PUT', body: JSON.stringify(old) });
    const oldRev = (planted.body as { rev: string }).rev;
    const realFetch = globalThis.fetch;
    const seen: string[] = [];
    let compacting = false;
    let running = 3;
    let stillThere = 2;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = init?.method ?? 'GET';
      if (url.pathname === `/${directory}/_compact`) compacting = true;
      if (compacting && method === 'GET' && url.pathname === `/${directory}` && running > 0) {
        running -= 1;
        seen.push('compact_running');
        const info = (await (await realFetch(input, init)).json()) as Record<string, unknown>;
        return Response.json({ ...info, compact_running: true });
      }
      if (compacting && running === 0 && method === 'GET' && url.searchParams.get('rev') === oldRev && stillThere > 0) {
        stillThere -= 1;
        seen.push('old revision');
        return Response.json({ ...old, _rev: oldRev });
      }
      return realFetch(input, init);
    });
    const lines: string[] = [];
    try {
      await initWorkspace({
        url: couch.url,
        admin: couch.admin,
        config: { ...config, users: config.users.map(({ name, role }) => ({ name, role })) },
        log: (line) => {
          lines.push(line);
          if (line.includes(directory)) seen.push(line);
        },
      });
    } finally {
      spy.mockRestore();
    }
    const removed = `removed the list of partnerships and leads from ${directory}`;
    expect(seen.filter((s) => !s.startsWith('kept'))).toEqual([
      'compact_running',
      'compact_running',
      'compact_running',
      'old revision',
      'old revision',
      removed,
    ]);
    expect(lines.some((line) => line.includes('still compacting'))).toBe(false);
    expect((await ana().get(`/${directory}/${DOC}?rev=${oldRev}`)).body).not.toHaveProperty('partnerships');
  }, 30_000);

  it('a lead moved off a partnership no longer finds it in their list; one made coordinator has an empty one', async () => {
    const moved: WorkspaceConfig = {
      ...config,
      partnerships: config.partnerships.map((p) => (p.id === P3 ? { ...p, leads: ['pp-test-ana'] } : p)),
      users: config.users.map(({ name, role }) => ({ name, role })),
    };
    await initWorkspace({ url: couch.url, admin: couch.admin, config: moved });
    expect(await offeredTo('pp-test-ben', 'ben-password')).toEqual([
      { id: P2, name: 'Active city', attendance: 'people' },
    ]);
    expect((await offeredTo('pp-test-ana', 'ana-password')).map((p) => p.id)).toEqual([P1, P3]);

    const promoted: WorkspaceConfig = {
      ...moved,
      partnerships: moved.partnerships.map((p) => ({ ...p, leads: p.leads.filter((l) => l !== 'pp-test-ben') })),
      users: moved.users.map((u) => (u.name === 'pp-test-ben' ? { ...u, role: 'coordinator' } : u)),
    };
    await initWorkspace({ url: couch.url, admin: couch.admin, config: promoted });
    const left = await couch.admin_fetch(`/${userDb(prefix, 'pp-test-ben')}/${DOC}`);
    expect((left.body as { partnerships: unknown }).partnerships).toEqual([]);
    expect((await offeredTo('pp-test-ben', 'ben-password')).map((p) => p.id)).toEqual([P1, P2, P3]);
  }, 30_000);
});

describe('a lead’s own database name', () => {
  it('keeps what a database name allows and writes anything else as its code, so names never meet', () => {
    expect(userDb('pp-', 'ana')).toBe('pp-u-ana');
    expect(userDb('pp-', 'Ana.B@x')).toBe('pp-u-(41)na(2e)(42)(40)x');
    expect(userDb('pp-', 'ana.b')).not.toBe(userDb('pp-', 'ana-b'));
    expect(userDb('pp-', 'ANA')).not.toBe(userDb('pp-', 'ana'));
    expect(userDb('pp-', 'Ana.B@x')).toMatch(/^[a-z][a-z0-9_$()+/-]*$/);
  });
});
