// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Couch } from '../../harness/couch';
import { checkConfig, initWorkspace, WorkspaceError, type WorkspaceConfig } from '../../../scripts/workspace/init';
import {
  DESIGN_DOC_ID,
  WORKSPACE_DOC_ID,
  coordinatorsDb,
  directoryDb,
  partnershipDb,
  rollupDb,
  userDb,
} from '../../../utils/sync/layout';
import { asUser, meetingDoc, startWorkspace, testUser, waitFor } from './couch-helpers';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';

let couch: Couch;
let prefix: string;
let config: WorkspaceConfig;

beforeAll(async () => {
  ({ couch, prefix, config } = await startWorkspace(
    [
      { id: P1, name: 'Food bank', leads: ['pp-test-ana'] },
      { id: P2, name: 'Active city', leads: ['pp-test-ben'] },
    ],
    [testUser('ana'), testUser('ben'), testUser('cora', 'coordinator')],
  ));
  // Users, databases, security and lists: a few dozen calls, slow on a loaded machine.
}, 30_000);

afterAll(() => couch?.stop());

const ana = () => asUser(couch, 'pp-test-ana', 'ana-password');
const ben = () => asUser(couch, 'pp-test-ben', 'ben-password');
const cora = () => asUser(couch, 'pp-test-cora', 'cora-password');

describe('npm run workspace -- init', () => {
  it('creates the directory, the roll-up, one database per partnership and the lists of who leads what', async () => {
    const lists = [coordinatorsDb(prefix), userDb(prefix, 'pp-test-ana'), userDb(prefix, 'pp-test-ben')];
    for (const db of [
      directoryDb(prefix),
      rollupDb(prefix),
      partnershipDb(prefix, P1),
      partnershipDb(prefix, P2),
    ].concat(lists)) {
      expect((await couch.admin_fetch(`/${db}`)).status).toBe(200);
      const design = await couch.admin_fetch(`/${db}/${DESIGN_DOC_ID}`);
      expect((design.body as { validate_doc_update: string }).validate_doc_update).toMatch(/^function/);
    }
    // No lead's own database for the coordinator; the directory holds no list (directory-share.test.ts).
    expect((await couch.admin_fetch(`/${userDb(prefix, 'pp-test-cora')}`)).status).toBe(404);
    const doc = encodeURIComponent(WORKSPACE_DOC_ID);
    expect((await ana().get(`/${directoryDb(prefix)}/${doc}`)).status).toBe(404);
    const full = await cora().get(`/${coordinatorsDb(prefix)}/${doc}`);
    expect((full.body as { partnerships: unknown[] }).partnerships).toHaveLength(2);
    const own = await ana().get(`/${userDb(prefix, 'pp-test-ana')}/${doc}`);
    expect((own.body as { partnerships: unknown[] }).partnerships).toEqual([
      { id: P1, name: 'Food bank', attendance: 'people' },
    ]);
  });

  it('lets a lead write to their partnership and refuses everyone else, reads included', async () => {
    const db = partnershipDb(prefix, P1);
    expect((await ana().put(`/${db}/meetings:m1`, meetingDoc('m1', P1))).status).toBe(201);
    // Ben leads another partnership: no read, no write.
    expect((await ben().get(`/${db}/meetings:m1`)).status).toBe(403);
    expect((await ben().put(`/${db}/meetings:m2`, meetingDoc('m2', P1))).status).toBe(403);
    // The coordinator reads, but may not write.
    expect((await cora().get(`/${db}/meetings:m1`)).status).toBe(200);
    const refused = await cora().put(`/${db}/meetings:m3`, meetingDoc('m3', P1));
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('Only the leads of this partnership');
    // Anonymous: nothing.
    expect((await fetch(`${couch.url}/${db}/meetings:m1`)).status).toBe(401);
  });

  it('refuses anything that looks like an individual response or a private key, from anyone', async () => {
    const db = partnershipDb(prefix, P1);
    const cases = [
      { _id: 'responses:r1', type: 'responses', id: 'r1', pulseId: 'p', answers: { q: 3 } },
      { ...meetingDoc('m4', P1), answers: { q: 3 } },
      { _id: 'pulseSecrets:p1', type: 'pulseSecrets', id: 'p1', partnershipId: P1 },
      { _id: 'seats:s1', type: 'seats', id: 's1', pulseId: 'p1', token: 'AAAA' },
      { _id: 'pulses:p2', type: 'pulses', id: 'p2', partnershipId: P1, privateKey: {} },
      { _id: 'pulses:p3', type: 'pulses', id: 'p3', partnershipId: P1, publicKeyJwk: { kty: 'EC', d: 'secret' } },
      { ...meetingDoc('m5', P1), privateKey: {} },
      { ...meetingDoc('m6', P1), summary: { responses: 4 } },
      { ...meetingDoc('m7', P1), publicKeyJwk: { kty: 'EC', d: 'secret' } },
    ];
    for (const doc of cases) {
      const answer = await ana().put(`/${db}/${doc._id}`, doc);
      expect(answer.status, doc._id).toBe(403);
      // Not even the admin can put one there.
      expect((await couch.admin_fetch(`/${db}/${doc._id}`, { method: 'PUT', body: JSON.stringify(doc) })).status).toBe(
        403,
      );
    }
  });

  it('refuses the same in the directory and the roll-up, from their writers and the admin (the roll-up’s replicator)', async () => {
    const organisation = (id: string) => ({ _id: `organisations:${id}`, type: 'organisations', id, name: 'Age UK' });
    const cases = [
      { _id: 'responses:r1', type: 'responses', id: 'r1', pulseId: 'p' },
      { _id: 'pulseSecrets:p1', type: 'pulseSecrets', id: 'p1', partnershipId: P1 },
      { _id: 'drafts:d1', type: 'drafts', id: 'd1' },
      { ...organisation('o-answers'), answers: { q: 3 } },
      { ...organisation('o-key'), privateKey: {} },
      { ...organisation('o-token'), token: 'AAAA' },
      { ...organisation('o-jwk'), logo: { kty: 'EC', d: 'secret' } },
    ];
    for (const [db, writer] of [
      [directoryDb(prefix), ana],
      [rollupDb(prefix), cora],
    ] as const) {
      for (const doc of cases) {
        const path = `/${db}/${doc._id}`;
        expect((await writer().put(path, doc)).status, `${db} ${doc._id}`).toBe(403);
        const admin = await couch.admin_fetch(path, { method: 'PUT', body: JSON.stringify(doc) });
        expect(admin.status, `admin: ${db} ${doc._id}`).toBe(403);
      }
    }
    // The roll-up takes nothing from a coordinator, not even a record the directory would take.
    const refused = await cora().put(`/${rollupDb(prefix)}/organisations:o3`, organisation('o3'));
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('written by the replicator only');
  });

  it('refuses a record of another partnership, in the wrong database, or under the wrong id', async () => {
    const db = partnershipDb(prefix, P1);
    expect((await ana().put(`/${db}/meetings:x1`, meetingDoc('x1', P2))).status).toBe(403);
    const organisation = { _id: 'organisations:o1', type: 'organisations', id: 'o1', name: 'Age UK' };
    expect((await ana().put(`/${db}/organisations:o1`, organisation)).status).toBe(403);
    expect((await ana().put(`/${db}/meetings:x2`, { ...meetingDoc('x3', P1), _id: 'meetings:x2' })).status).toBe(403);
    // The directory takes organisations from leads, not the coordinator's, nor the workspace document.
    const directory = directoryDb(prefix);
    expect((await ana().put(`/${directory}/organisations:o1`, organisation)).status).toBe(201);
    expect(
      (await cora().put(`/${directory}/organisations:o2`, { ...organisation, _id: 'organisations:o2', id: 'o2' }))
        .status,
    ).toBe(403);
    // A meeting in the directory would be read by every lead of every partnership.
    const misplaced = await ana().put(`/${directory}/meetings:x4`, meetingDoc('x4', P1));
    expect(misplaced.status).toBe(403);
    expect(JSON.stringify(misplaced.body)).toContain('does not belong in this database');
    const forged = { _id: WORKSPACE_DOC_ID, type: 'workspace', partnerships: [] };
    expect((await ana().put(`/${directory}/${encodeURIComponent(WORKSPACE_DOC_ID)}`, forged)).status).toBe(403);
  });

  it('files one continuous roll-up job per partnership, records only, into a roll-up only coordinators read', async () => {
    const jobs = await couch.admin_fetch('/_replicator/_all_docs?include_docs=true');
    const docs = (jobs.body as { rows: Array<{ doc: Record<string, unknown> }> }).rows
      .map((row) => row.doc)
      .filter((doc) => String(doc._id).startsWith(`${prefix}rollup-`));
    expect(docs.map((doc) => doc._id).sort()).toEqual([`${prefix}rollup-${P1}`, `${prefix}rollup-${P2}`]);
    for (const doc of docs) {
      expect(doc.continuous).toBe(true);
      expect((doc.target as { url: string }).url).toBe(`${couch.url}/${rollupDb(prefix)}`);
      expect(doc.selector).toEqual({ type: { $in: ['partnerships', 'memberships', 'people', 'meetings', 'pulses'] } });
    }
    const rollup = rollupDb(prefix);
    expect((await ana().get(`/${rollup}/_all_docs`)).status).toBe(403);
    expect((await cora().get(`/${rollup}/_all_docs`)).status).toBe(200);
    expect((await cora().put(`/${rollup}/meetings:c1`, meetingDoc('c1', P2))).status).toBe(403);
    // The stand-in's _replicator cannot follow CouchDB 3's { url, headers } endpoints (it fails
    // with "Missing/invalid DB name"), and CouchDB 3 takes nothing else: the copying itself is
    // checked against a real CouchDB only.
    if (couch.standIn) return;
    await ben().put(`/${partnershipDb(prefix, P2)}/meetings:b1`, meetingDoc('b1', P2));
    await waitFor(async () => (await cora().get(`/${rollup}/meetings:b1`)).status === 200, 20_000);
    await waitFor(async () => (await cora().get(`/${rollup}/meetings:m1`)).status === 200, 20_000);
    const design = await couch.admin_fetch(`/${rollup}/${DESIGN_DOC_ID}`);
    expect((design.body as { validate_doc_update: string }).validate_doc_update).toContain('"kind":"rollup"');
  }, 30_000);

  it('runs again without losing records or passwords, and adds a new partnership', async () => {
    const P3 = '33333333-3333-4333-8333-333333333333';
    const again: WorkspaceConfig = {
      ...config,
      partnerships: [...config.partnerships, { id: P3, name: 'New', leads: ['pp-test-ana'] }],
      users: config.users.map(({ name, role }) => ({ name, role })),
    };
    const result = await initWorkspace({ url: couch.url, admin: couch.admin, config: again });
    expect(result.newUsers).toEqual([]);
    expect((await ana().get(`/${partnershipDb(prefix, P1)}/meetings:m1`)).status).toBe(200);
    expect((await ana().put(`/${partnershipDb(prefix, P3)}/meetings:n1`, meetingDoc('n1', P3))).status).toBe(201);
  });

  it('refuses a bad workspace file before sending anything, saying what and where', async () => {
    const bad = {
      prefix: 'Bad Prefix',
      partnerships: [{ id: 'not-a-uuid', name: '', leads: ['nobody'] }],
      users: [{ name: 'x', role: 'boss', password: 'short' }],
    };
    expect(() => checkConfig(bad)).toThrow(WorkspaceError);
    try {
      checkConfig(bad);
    } catch (error) {
      const message = (error as Error).message;
      for (const where of [
        'prefix',
        'users[0].role',
        'users[0].password',
        'partnerships[0].id',
        'partnerships[0].name',
      ]) {
        expect(message).toContain(where);
      }
      expect(message).toContain('nobody is not a lead');
    }
    const before = await couch.admin_fetch('/_all_dbs');
    await expect(initWorkspace({ url: couch.url, admin: couch.admin, config: bad as never })).rejects.toThrow(
      WorkspaceError,
    );
    expect((await couch.admin_fetch('/_all_dbs')).body).toEqual(before.body);
  });

  it("refuses a lead whose own list's database name would be longer than CouchDB takes, before sending anything", () => {
    // 100 capitals: each written as its code in brackets (layout.ts userDb), 400 characters and the prefix.
    const long = 'A'.repeat(100);
    const config = {
      prefix: 'pp-',
      partnerships: [],
      users: [
        { name: long, role: 'lead' },
        { name: 'Ana.B', role: 'lead' },
      ],
    };
    expect(() => checkConfig(config)).toThrow(/users\[0\]\.name: .*405 characters.*238/);
    expect(() => checkConfig({ ...config, users: [config.users[1]] })).not.toThrow();
    // A coordinator has no list of their own.
    expect(() => checkConfig({ ...config, users: [{ name: long, role: 'coordinator' }] })).not.toThrow();
  });

  it('refuses a user who is not an admin', async () => {
    const config2 = { ...config, prefix: `${prefix}x-` };
    await expect(
      initWorkspace({ url: couch.url, admin: { name: 'pp-test-ana', password: 'ana-password' }, config: config2 }),
    ).rejects.toThrow(/not an admin/);
  });
});
