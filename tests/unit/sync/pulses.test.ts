// @vitest-environment node
import { unwrap } from 'idb';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPulseDb } from '../../../utils/db/open';
import { deletePulse } from '../../../utils/db/pulse-delete';
import { createPulse, getPulse } from '../../../utils/db/pulses';
import { DEFAULT_CADENCE, type StoredPulse } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { generatePulseKeys } from '../../../utils/pulse/keys';
import { syncWorkspace } from '../../../utils/sync/engine';
import { CouchClient } from '../../../utils/sync/http';
import { partnershipDb } from '../../../utils/sync/layout';
import { signIn } from '../../../utils/sync/session';
import { mapState } from '../../../utils/sync/state';
import { DAY, meeting, partnership, pulse, putAll, response, seat } from '../../factories';
import { asUser, profileFetch, serverDocsOf, testUser, useTestWorkspace } from './couch-helpers';

/**
 * Pulses through the workspace (issue 14), against the stand-in: a pulse travels to its
 * partnership's database without its private key, totals, refused count, seats, responses or
 * drafts; the server refuses any of them; a pulled pulse is checked like an imported file's and
 * never replaces what a pulse whose private key is held here keeps.
 */

const P1 = 'd1111111-1111-4111-8111-111111111111';
const P2 = 'd2222222-2222-4222-8222-222222222222';
const MEETING = 'e1111111-1111-4111-8111-111111111111';

const workspace = useTestWorkspace(
  [
    { id: P1, name: 'Food bank', leads: ['pp-test-ana', 'pp-test-ben'] },
    { id: P2, name: 'Active city', leads: ['pp-test-carl'] },
  ],
  [testUser('ana'), testUser('ben'), testUser('carl')],
);

async function profile(user: string, partnershipIds: string[]) {
  const db = await openPulseDb(`pp-pulses-${user}-${crypto.randomUUID()}`);
  const jar = profileFetch();
  const client = new CouchClient(workspace.couch.url, jar.fetch);
  await signIn(client, user, `${user.replace('pp-test-', '')}-password`);
  const target = { prefix: workspace.prefix, partnershipIds, user };
  const state = mapState();
  return { db, jar, sync: () => syncWorkspace(unwrap(db), client, target, state) };
}
type Profile = Awaited<ReturnType<typeof profile>>;

/** P1's records on the server (its design document aside). */
const p1Docs = async () =>
  (await serverDocsOf(workspace.couch, partnershipDb(workspace.prefix, P1))).filter(
    (d) => !String(d._id).startsWith('_design/'),
  );

/** Ana's partnership, a meeting and a started pulse with everything local a pulse gathers. */
async function anaWithPulse(db: PulseDatabase) {
  const now = Date.now();
  await putAll(db, {
    partnerships: [partnership({ id: P1, name: 'Food bank', cadence: DEFAULT_CADENCE, updatedAt: now })],
    meetings: [meeting({ id: MEETING, partnershipId: P1, createdAt: now, updatedAt: now, startAt: now })],
  });
  const started = await createPulse(
    db,
    {
      partnershipId: P1,
      meetingId: MEETING,
      questions: [
        {
          id: 'trust',
          dimension: 'trust',
          wording: 'I trust the other partners.',
          scale: 'agree5',
          seriesId: 'trust-1',
        },
        { id: 'useful', wording: 'How useful was it?', scale: 'zeroTen', seriesId: 'useful-1' },
      ],
      invitedOrganisationIds: [],
      expiresAt: now + 7 * DAY,
      threshold: 3,
    },
    generatePulseKeys,
  );
  // Totals, a refused count, a seat with its token, an answer and a draft: all local only.
  const secrets = (await db.get('pulseSecrets', started.id))!;
  await db.put('pulseSecrets', {
    ...secrets,
    summary: { responses: 1, byPartnerType: {} as never },
    refusedOverCap: 2,
  });
  await db.put('seats', seat({ id: 'seat-1', pulseId: started.id, organisationId: 'org-1', partnerType: 'core' }));
  await putAll(db, {
    responses: [response({ id: 'resp-1', pulseId: started.id, partnerType: 'core', comment: 'Only here' })],
  });
  await db.put('drafts', { key: `paste:${started.id}`, value: 'PP1-code', updatedAt: now });
  return (await db.get('pulses', started.id))!;
}

describe('a pulse through the workspace', () => {
  let ana: Profile;
  let ben: Profile;
  let stored: StoredPulse;

  beforeAll(async () => {
    ana = await profile('pp-test-ana', [P1]);
    ben = await profile('pp-test-ben', [P1]);
    stored = await anaWithPulse(ana.db);
  });

  it('goes to its partnership without its key, totals, refused count, seats, answers or drafts', async () => {
    const report = await ana.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([]);
    const docs = await p1Docs();
    const doc = docs.find((d) => d._id === `pulses:${stored.id}`);
    const { _id, _rev, type, ...record } = doc ?? {};
    expect([_id, typeof _rev, type]).toEqual([`pulses:${stored.id}`, 'string', 'pulses']);
    // Exactly the shared record: questions, dates, public key, threshold.
    expect(record).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(record.publicKeyJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    const everything = JSON.stringify(docs);
    for (const secret of ['privateKey', 'summary', 'refusedOverCap', 'token', 'Only here', 'PP1-code', '"d":']) {
      expect(everything).not.toContain(secret);
    }
    expect(docs.filter((d) => ['responses', 'seats', 'drafts', 'pulseSecrets'].includes(String(d.type)))).toEqual([]);
  });

  it("reaches the partnership's other lead, who holds no key, totals or answers for it", async () => {
    const report = await ben.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([]);
    expect(await ben.db.get('pulses', stored.id)).toEqual(stored);
    expect(await ben.db.get('pulseSecrets', stored.id)).toBeUndefined();
    expect((await getPulse(ben.db, stored.id))?.privateKey).toBeUndefined();
    expect(await ben.db.getAll('responses')).toEqual([]);
  });

  it('an edit from the other lead (closing it) reaches the lead who holds the key, whose key and totals stay', async () => {
    const closed = { ...stored, releasedAt: Date.now(), updatedAt: Date.now() + 1 };
    await ben.db.put('pulses', closed);
    await ben.sync();
    const report = await ana.sync();
    expect(report.refused).toEqual([]);
    expect(await ana.db.get('pulses', stored.id)).toEqual(closed);
    const secrets = await ana.db.get('pulseSecrets', stored.id);
    expect(secrets?.privateKey).toBeInstanceOf(CryptoKey);
    expect(secrets?.refusedOverCap).toBe(2);
    stored = closed;
  });

  it.each([
    ['publicKeyJwk', (p: StoredPulse) => ({ publicKeyJwk: { ...p.publicKeyJwk, x: 'swapped-x' } })],
    ['threshold', () => ({ threshold: 2 })],
    ['expiresAt', (p: StoredPulse) => ({ expiresAt: p.expiresAt + 30 * DAY })],
    ['questions', (p: StoredPulse) => ({ questions: p.questions.slice(1) })],
  ])(
    'a newer server copy with another %s is refused where the key is held, in the status, and nothing is stored',
    async (field, change) => {
      const here = (await ana.db.get('pulses', stored.id))!;
      for (const updatedAt of [here.updatedAt + 1_000, here.updatedAt]) {
        // Written by the admin, whose writes the validation lets by: the pull checks it again.
        const current = (await p1Docs()).find((d) => d._id === `pulses:${stored.id}`)!;
        const forged = { ...current, ...change(here), updatedAt };
        const put = await workspace.couch.admin_fetch(`/${partnershipDb(workspace.prefix, P1)}/pulses:${stored.id}`, {
          method: 'PUT',
          body: JSON.stringify(forged),
        });
        expect(put.status).toBe(201);
        const report = await ana.sync();
        expect(report.error).toBeUndefined();
        const reasons = report.refused.map((r) => r.reason).join('\n');
        expect(reasons).toMatch(new RegExp(`${field}.*cannot be replaced from the workspace`));
        expect(await ana.db.get('pulses', stored.id)).toEqual(here);
        expect((await ana.db.get('pulseSecrets', stored.id))?.privateKey).toBeInstanceOf(CryptoKey);
      }
      // Put back as it was, newer, so the next case starts from a clean copy.
      const current = (await p1Docs()).find((d) => d._id === `pulses:${stored.id}`)!;
      const restored = { ...here, updatedAt: here.updatedAt + 2_000 };
      await workspace.couch.admin_fetch(`/${partnershipDb(workspace.prefix, P1)}/pulses:${stored.id}`, {
        method: 'PUT',
        body: JSON.stringify({ ...current, ...JSON.parse(JSON.stringify(restored)) }),
      });
      expect((await ana.sync()).refused).toEqual([]);
      stored = (await ana.db.get('pulses', stored.id))!;
      expect(stored).toEqual(restored);
    },
  );

  /** Pulses written straight into P1's database on the server, then Ben's sync: its refusals, one a line. */
  async function pulledFromServer(pulses: ReadonlyArray<{ id: string }>): Promise<string> {
    for (const p of pulses) {
      const put = await workspace.couch.admin_fetch(`/${partnershipDb(workspace.prefix, P1)}/pulses:${p.id}`, {
        method: 'PUT',
        body: JSON.stringify({ ...p, _id: `pulses:${p.id}`, type: 'pulses' }),
      });
      expect(put.status).toBe(201);
    }
    const report = await ben.sync();
    return report.refused.map((r) => `${r.id ?? ''} ${r.reason}`).join('\n');
  }

  it('a pulse of another partnership, or stamped in the future, is refused and not stored', async () => {
    const other = { ...pulse({ id: crypto.randomUUID(), partnershipId: P2 }) };
    const future = {
      ...pulse({ id: crypto.randomUUID(), partnershipId: P1, updatedAt: Date.now() + 30 * DAY }),
      meetingId: MEETING,
    };
    const reasons = await pulledFromServer([other, future]);
    expect(reasons).toMatch(new RegExp(`pulses:${other.id} .*another partnership`));
    expect(reasons).toMatch(new RegExp(`pulses:${future.id} .*in the future`));
    expect(await ben.db.get('pulses', other.id)).toBeUndefined();
    expect(await ben.db.get('pulses', future.id)).toBeUndefined();
  });

  it('a pulse created or closed by hand in 2099 (createdAt, releasedAt) is refused by the same validator, naming the field, and not stored; one closing next month is stored', async () => {
    const now = Date.now();
    const base = () => ({
      ...pulse({ id: crypto.randomUUID(), partnershipId: P1, updatedAt: now }),
      meetingId: MEETING,
    });
    const created = { ...base(), createdAt: Date.UTC(2099, 0, 1) };
    const released = { ...base(), releasedAt: Date.UTC(2099, 0, 1) };
    const open = { ...base(), createdAt: now, expiresAt: now + 30 * DAY };
    const reasons = await pulledFromServer([created, released, open]);
    expect(reasons).toContain(`(id ${created.id}) › createdAt: Dated 2099-01-01T00:00:00.000Z`);
    expect(reasons).toContain(`(id ${released.id}) › releasedAt: Dated 2099-01-01T00:00:00.000Z`);
    expect(reasons).not.toMatch(open.id);
    expect(await ben.db.get('pulses', created.id)).toBeUndefined();
    expect(await ben.db.get('pulses', released.id)).toBeUndefined();
    expect((await ben.db.get('pulses', open.id))?.expiresAt).toBe(open.expiresAt);
  });

  it('a pulse the server sends with a private key, totals or a seat token is refused, and nothing is stored', async () => {
    const base = { ...stored, updatedAt: Date.now() };
    const forgeries: Array<[string, Record<string, unknown>, RegExp]> = [
      ['k1', { privateKey: { kty: 'EC', d: 'secret' } }, /privateKey, which never syncs/],
      ['k2', { publicKeyJwk: { ...stored.publicKeyJwk, d: 'secret' } }, /publicKeyJwk\.d/],
      ['k3', { summary: { responses: 4 } }, /summary, which never syncs/],
      ['k4', { refusedOverCap: 3 }, /refusedOverCap, which never syncs/],
      ['k5', { token: 'AAAA' }, /token, which never syncs/],
      ['k6', { seats: [{ name: 'Dee' }] }, /seats/],
    ];
    const results = forgeries.map(([id, extra]) => ({
      id: `pulses:${id}`,
      doc: { ...base, ...extra, id, _id: `pulses:${id}`, type: 'pulses' },
    }));
    // The server itself would refuse them (below): a forged answer stands in for a broken one.
    let served = false;
    ben.jar.hook = (url) => {
      if (served || !url.includes(`${partnershipDb(workspace.prefix, P1)}/_changes`)) return undefined;
      served = true;
      return Response.json({ results, last_seq: 'forged-1' });
    };
    const report = await ben.sync();
    ben.jar.hook = undefined;
    expect(served).toBe(true);
    for (const [id, , reason] of forgeries) {
      expect(report.refused.filter((r) => r.id === `pulses:${id}` || r.reason.includes(`(id ${id})`))).toEqual([
        expect.objectContaining({ direction: 'pull', reason: expect.stringMatching(reason) }),
      ]);
      expect(await ben.db.get('pulses', id)).toBeUndefined();
      expect(await ben.db.get('pulseSecrets', id)).toBeUndefined();
    }
  });

  it('a deletion syncs as a tombstone without a key, and the other lead no longer lists the pulse', async () => {
    const tombstone = await deletePulse(ana.db, stored.id);
    // (Ana's pull also refuses the forged pulses of the test before: none is this one.)
    const pushed = await ana.sync();
    expect(pushed.error).toBeUndefined();
    expect(pushed.refused.filter((r) => r.id === `pulses:${stored.id}` || r.reason.includes(stored.id))).toEqual([]);
    const doc = (await p1Docs()).find((d) => d._id === `pulses:${stored.id}`);
    expect(doc?.deletedAt).toBe(tombstone.deletedAt);
    expect(JSON.stringify(doc)).not.toMatch(/privateKey|summary/);
    const report = await ben.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([]);
    expect((await ben.db.get('pulses', stored.id))?.deletedAt).toBe(tombstone.deletedAt);
    expect(await getPulse(ben.db, stored.id)).toBeUndefined();
  });
});

describe("the server's validation of pulses", () => {
  const anaAsUser = () => asUser(workspace.couch, 'pp-test-ana', 'ana-password');

  function pulseDoc(change: (doc: Record<string, unknown>) => void, partnershipId = P1) {
    const id = crypto.randomUUID();
    const now = Date.now();
    const doc: Record<string, unknown> = {
      ...pulse({ id, partnershipId, createdAt: now - DAY, updatedAt: now - 1000 }),
      publicKeyJwk: { kty: 'EC', crv: 'P-256', x: 'x-part', y: 'y-part', ext: true, key_ops: [] },
      _id: `pulses:${id}`,
      type: 'pulses',
    };
    change(doc);
    return doc;
  }
  const questions = (d: Record<string, unknown>) => d.questions as Array<Record<string, unknown>>;

  it.each([
    ['a private key', (d: Record<string, unknown>) => (d.privateKey = {}), /privateKey never goes/],
    ['a private JWK', (d: Record<string, unknown>) => (d.privateKeyJwk = { kty: 'EC' }), /privateKeyJwk never goes/],
    [
      'a public key with its private part',
      (d: Record<string, unknown>) => ((d.publicKeyJwk as Record<string, unknown>).d = 'secret'),
      /private key never goes/,
    ],
    [
      'a private JWK hidden in a question',
      (d: Record<string, unknown>) => (questions(d)[0]!.key = { kty: 'EC', d: 'secret' }),
      /private key never goes/,
    ],
    ['running totals', (d: Record<string, unknown>) => (d.summary = { responses: 3 }), /summary never goes/],
    ['a refused count', (d: Record<string, unknown>) => (d.refusedOverCap = 2), /refusedOverCap never goes/],
    ['a seat token', (d: Record<string, unknown>) => (d.token = 'AAAA'), /token never goes/],
    ['its seats', (d: Record<string, unknown>) => (d.seats = [{ name: 'Dee' }]), /seats is not one of its fields/],
    ['answers', (d: Record<string, unknown>) => (d.answers = { trust: 5 }), /answers never goes/],
    [
      'individual responses',
      (d: Record<string, unknown>) => (d.responses = [{ trust: 5 }]),
      /responses is not one of its fields/,
    ],
    [
      'answers inside a question',
      (d: Record<string, unknown>) => (questions(d)[0]!.answers = [5, 4]),
      /questions\[0\]\.answers is not one of its fields/,
    ],
    ['a threshold of 1', (d: Record<string, unknown>) => (d.threshold = 1), /threshold of at least 2/],
    [
      'a stamp from the future',
      (d: Record<string, unknown>) => (d.updatedAt = Date.now() + 30 * DAY),
      /updatedAt of the pulse is missing or in the future/,
    ],
    ["another partnership's pulse", (d: Record<string, unknown>) => (d.partnershipId = P2), /another partnership/],
  ])("refuses a lead's pulse carrying %s", async (_label, change, reason) => {
    const doc = pulseDoc(change);
    const answer = await anaAsUser().put(`/${partnershipDb(workspace.prefix, P1)}/${String(doc._id)}`, doc);
    expect(answer.status).toBe(403);
    expect(JSON.stringify(answer.body)).toMatch(reason);
    expect(
      (await workspace.couch.admin_fetch(`/${partnershipDb(workspace.prefix, P1)}/${String(doc._id)}`)).status,
    ).toBe(404);
  });

  it.each(['pulseSecrets', 'seats', 'responses'])('refuses a %s document from anyone', async (type) => {
    const doc = pulseDoc((d) => {
      d.type = type;
      d._id = `${type}:${String(d.id)}`;
    });
    const answer = await anaAsUser().put(`/${partnershipDb(workspace.prefix, P1)}/${String(doc._id)}`, doc);
    expect(answer.status).toBe(403);
    expect(JSON.stringify(answer.body)).toMatch(/never go to the workspace/);
  });

  it('accepts a pulse of the partnership from its lead (the cases above fail for their reason)', async () => {
    const doc = pulseDoc(() => {});
    const answer = await anaAsUser().put(`/${partnershipDb(workspace.prefix, P1)}/${String(doc._id)}`, doc);
    expect(answer.status).toBe(201);
  });

  it('refuses a pulse from a lead of another partnership', async () => {
    const doc = pulseDoc(() => {});
    const answer = await asUser(workspace.couch, 'pp-test-carl', 'carl-password').put(
      `/${partnershipDb(workspace.prefix, P1)}/${String(doc._id)}`,
      doc,
    );
    expect(answer.status).toBe(403);
  });
});
