// @vitest-environment node
import { unwrap } from 'idb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePulseDb, openPulseDb } from '../../../utils/db/open';
import { listPublishedResults } from '../../../utils/db/published';
import { closePulse } from '../../../utils/db/pulses';
import { DEFAULT_CADENCE, type PublishedResult } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { publishReleased } from '../../../utils/pulse/publish-released';
import { syncWorkspace } from '../../../utils/sync/engine';
import { CouchClient } from '../../../utils/sync/http';
import { partnershipDb } from '../../../utils/sync/layout';
import { signIn } from '../../../utils/sync/session';
import { pullPublished } from '../../../utils/sync/published-pull';
import {
  DAY,
  partnership,
  publishedResult,
  pulse,
  pulsePrivateKey,
  putAll,
  response,
  shownGroup,
} from '../../factories';
import type { Couch } from '../../harness/couch';
import { asUser, profileFetch, signInProfile, startWorkspace, testUser } from './couch-helpers';

/**
 * Published results through the workspace, against the stand-in: a lead closes a pulse and
 * syncs; a coordinator sees every partnership's results and no individual response; the
 * server and the coordinator's pull refuse what is not an aggregate of this partnership.
 */

const P1 = 'b1111111-1111-4111-8111-111111111111';
const P2 = 'b2222222-2222-4222-8222-222222222222';
const PULSE1 = 'c1111111-1111-4111-8111-111111111111';
const PULSE2 = 'c2222222-2222-4222-8222-222222222222';

let couch: Couch;
let prefix: string;

beforeAll(async () => {
  ({ couch, prefix } = await startWorkspace(
    [
      { id: P1, name: 'Food bank', leads: ['pp-test-ana'] },
      { id: P2, name: 'Active city', leads: ['pp-test-carl'] },
    ],
    [testUser('ana'), testUser('carl'), testUser('cora', 'coordinator')],
  ));
  // Users, databases, security and lists: a few dozen calls, slow on a loaded machine.
}, 30_000);

afterAll(async () => {
  await closePulseDb();
  await couch?.stop();
});

async function profile(user: string, partnershipIds: string[]) {
  const db = await openPulseDb(`pp-published-${user}-${crypto.randomUUID()}`);
  const client = new CouchClient(couch.url, profileFetch().fetch);
  const { state, target } = await signInProfile(client, prefix, user, partnershipIds);
  return {
    db,
    client,
    target,
    sync: () => syncWorkspace(unwrap(db), client, target, state),
    pull: (now?: number) => pullPublished(db, client, target, now),
  };
}

/** A lead's partnership with one pulse (a private key, four responses: three core, one wider). */
async function leadWithPulse(db: PulseDatabase, partnershipId: string, pulseId: string, name: string) {
  const now = Date.now();
  const privateKey = await pulsePrivateKey();
  await putAll(db, {
    partnerships: [
      partnership({ id: partnershipId, name, startDate: '2026-01-05', cadence: DEFAULT_CADENCE, updatedAt: now }),
    ],
    pulses: [
      {
        ...pulse({ id: pulseId, partnershipId, createdAt: now - 2 * DAY, expiresAt: now + DAY, updatedAt: now }),
        privateKey,
      },
    ],
    responses: [
      ...[5, 4, 4].map((trust, i) =>
        response({
          id: `${pulseId}-core-${i}`,
          pulseId,
          partnerType: 'core',
          answers: { trust, equity: 3, flexibility: 4, communication: 5 },
          comment: `Core comment ${i}`,
        }),
      ),
      response({
        id: `${pulseId}-wider`,
        pulseId,
        partnerType: 'wider',
        organisationId: 'org-wider',
        comment: 'The one wider partner',
      }),
    ],
  });
}

async function serverDocs(db: string) {
  const all = await couch.admin_fetch(`/${db}/_all_docs?include_docs=true`);
  return (all.body as { rows: Array<{ doc: Record<string, unknown> }> }).rows.map((r) => r.doc);
}

/** A valid result of P1's pulse as a doc, changed by `change`. */
function resultDoc(change: (doc: Record<string, unknown>) => void, id = PULSE1, partnershipId = P1) {
  const now = Date.now();
  const doc: Record<string, unknown> = {
    ...publishedResult({ id, partnershipId, closedAt: now - DAY, createdAt: now - DAY, updatedAt: now - 1000 }),
    _id: `publishedResults:${id}`,
    type: 'publishedResults',
  };
  change(doc);
  return doc;
}

describe('published results through the workspace', () => {
  let ana: Awaited<ReturnType<typeof profile>>;
  let carl: Awaited<ReturnType<typeof profile>>;
  let cora: Awaited<ReturnType<typeof profile>>;

  beforeAll(async () => {
    ana = await profile('pp-test-ana', [P1]);
    carl = await profile('pp-test-carl', [P2]);
    cora = await profile('pp-test-cora', [P1, P2]);
  });

  it('publishes nothing while a pulse is open, and one result once it is closed by hand', async () => {
    // Seeded here: the factories' default wording needs the messages, mocked before each test.
    await leadWithPulse(ana.db, P1, PULSE1, 'Food bank');
    await leadWithPulse(carl.db, P2, PULSE2, 'Active city');
    expect(await publishReleased(ana.db, { now: Date.now() })).toEqual([]);
    await closePulse(ana.db, PULSE1);
    await closePulse(carl.db, PULSE2);
    const result = (await publishReleased(ana.db, { now: Date.now() }))[0]!;
    expect(result).toMatchObject({ id: PULSE1, partnershipId: P1, responses: 4, threshold: 3 });
    // Comments only when the lead chose; the one wider partner is a group under the threshold.
    expect(result.comments).toBeUndefined();
    const trust = result.questions.find((q) => q.id === 'trust')!;
    expect(trust.byPartnerType.wider).toEqual({ hidden: true, reason: 'below-threshold' });
    // The same figures again: nothing is written, so opening a page does not republish.
    expect(await publishReleased(ana.db, { now: Date.now() + 60_000 })).toEqual([]);
  });

  it('pushes the result to its partnership, and the pulse without its key: never a response or a private key', async () => {
    await publishReleased(carl.db, { now: Date.now() });
    for (const lead of [ana, carl]) {
      const report = await lead.sync();
      expect(report.error).toBeUndefined();
      expect(report.refused).toEqual([]);
    }
    const docs = [...(await serverDocs(partnershipDb(prefix, P1))), ...(await serverDocs(partnershipDb(prefix, P2)))];
    const results = docs.filter((d) => d.type === 'publishedResults');
    expect(results.map((d) => d.id).sort()).toEqual([PULSE1, PULSE2].sort());
    const text = JSON.stringify(docs.filter((d) => !String(d._id).startsWith('_design/')));
    expect(docs.some((d) => d.type === 'responses')).toBe(false);
    expect(docs.filter((d) => d.type === 'pulses').map((d) => d.id)).toEqual([PULSE1, PULSE2]);
    expect(text).not.toMatch(/"answers"|"privateKey|"summary"|org-wider|Core comment|The one wider partner/);
  });

  it("shows a coordinator every partnership's published result, checked like a coordinator file", async () => {
    const report = await cora.sync();
    expect(report.error).toBeUndefined();
    const pulled = await cora.pull();
    expect(pulled.refused).toEqual([]);
    expect(pulled.stored).toBe(2);
    const stored = await listPublishedResults(cora.db);
    expect(stored.map((r) => r.partnershipName).sort()).toEqual(['Active city', 'Food bank']);
    // Nothing individual reached the coordinator's browser.
    expect(await cora.db.count('responses')).toBe(0);
    // The pulses came, without their keys or totals.
    expect(await cora.db.count('pulses')).toBe(2);
    expect(await cora.db.count('pulseSecrets')).toBe(0);
    // Pulled again: nothing new.
    expect((await cora.pull()).stored).toBe(0);
  });

  it('republishes after a late batch, and the newer result replaces the older one everywhere', async () => {
    const before = (await listPublishedResults(cora.db)).find((r) => r.id === PULSE1)!;
    // Added now, as a late batch is (utils/db/responses.ts stamps what it adds with the time).
    const addedAt = Date.now();
    await putAll(ana.db, {
      responses: [0, 1, 2].map((i) =>
        response({
          id: `${PULSE1}-late-${i}`,
          pulseId: PULSE1,
          partnerType: 'lead',
          answers: { trust: 2 },
          createdAt: addedAt,
          updatedAt: addedAt,
        }),
      ),
    });
    const again = (await publishReleased(ana.db, { now: Date.now() + 1000 }))[0]!;
    expect(again.responses).toBe(7);
    expect(again.updatedAt).toBeGreaterThan(before.updatedAt);
    expect((await ana.sync()).refused).toEqual([]);
    expect((await cora.pull(Date.now() + 1000)).stored).toBe(1);
    expect((await listPublishedResults(cora.db)).find((r) => r.id === PULSE1)?.responses).toBe(7);
  });

  it('refuses a lead of another partnership writing into this one, in plain words (403)', async () => {
    const carlAsUser = asUser(couch, 'pp-test-carl', 'carl-password');
    const answer = await carlAsUser.put(
      `/${partnershipDb(prefix, P1)}/publishedResults:${PULSE2}`,
      resultDoc(() => {}, PULSE2, P1),
    );
    // Not a member: refused at the database's door (CouchDB 3's words for a signed-in user), before the validation.
    expect(answer.status).toBe(403);
    expect(JSON.stringify(answer.body)).toMatch(/not allowed to access this db/);
    expect(await couch.admin_fetch(`/${partnershipDb(prefix, P1)}/publishedResults:${PULSE2}`)).toMatchObject({
      status: 404,
    });
  });

  it.each([
    ['a smuggled answers field', (d: Record<string, unknown>) => (d.answers = { trust: 5 }), /answers never goes/],
    [
      'individual responses in place of the count',
      (d: Record<string, unknown>) => (d.responses = [{ trust: 5 }]),
      /counts only/,
    ],
    ['an organisation', (d: Record<string, unknown>) => (d.organisationId = 'org-1'), /organisationId is not one/],
    [
      'individual rows inside a question',
      (d: Record<string, unknown>) => ((d.questions as Array<Record<string, unknown>>)[0]!.rows = [{ trust: 5 }]),
      /rows is not one/,
    ],
    [
      'a group under the threshold',
      (d: Record<string, unknown>) => {
        const question = (d.questions as Array<{ byPartnerType: Record<string, unknown> }>)[0]!;
        question.byPartnerType.lead = shownGroup([0, 0, 0, 1, 1]);
      },
      /under the threshold/,
    ],
    [
      'more "prefer not to say" than the pulse had responses',
      (d: Record<string, unknown>) => {
        const question = (d.questions as Array<{ overall: unknown; byPartnerType: Record<string, unknown> }>)[0]!;
        question.overall = question.byPartnerType.core = shownGroup([0, 0, 1, 1, 1], 40);
      },
      /more answers than the pulse had/,
    ],
    ['a threshold of 1', (d: Record<string, unknown>) => (d.threshold = 1), /threshold of at least 2/],
    [
      'a shared-link mark that is not true',
      (d: Record<string, unknown>) => (d.sharedLink = 'no'),
      /sharedLink: true, or nothing/,
    ],
    [
      "another partnership's pulse",
      (d: Record<string, unknown>) => (d.partnershipId = P2),
      /belongs to another partnership/,
    ],
    [
      'a forged stamp from the future',
      (d: Record<string, unknown>) => (d.updatedAt = Date.now() + 30 * DAY),
      /updatedAt of the result is missing or in the future/,
    ],
  ])("the server refuses a lead's published result with %s", async (_label, change, reason) => {
    const anaAsUser = asUser(couch, 'pp-test-ana', 'ana-password');
    const doc = resultDoc(change, crypto.randomUUID());
    const answer = await anaAsUser.put(`/${partnershipDb(prefix, P1)}/${String(doc._id)}`, doc);
    expect(answer.status).toBe(403);
    expect(JSON.stringify(answer.body)).toMatch(reason);
  });

  it('accepts a well-formed result from the lead (the attacker tests above fail for their reason)', async () => {
    const anaAsUser = asUser(couch, 'pp-test-ana', 'ana-password');
    const id = crypto.randomUUID();
    const answer = await anaAsUser.put(
      `/${partnershipDb(prefix, P1)}/publishedResults:${id}`,
      resultDoc(() => {}, id),
    );
    expect(answer.status).toBe(201);
  });

  it('a partnership the server will not open is unreadable (the sync reports it), not a refused result', async () => {
    const pulled = await pullPublished(ana.db, ana.client, { prefix, partnershipIds: [P1, P2] });
    expect(pulled.refused).toEqual([]);
    expect(pulled.unreadable).toEqual([
      expect.objectContaining({
        db: partnershipDb(prefix, P2),
        direction: 'pull',
        reason: expect.stringMatching(/\S/),
      }),
    ]);
  });

  it("the coordinator's pull refuses what an admin let through, and stores none of it", async () => {
    // Written as an admin, so the server's validation let it by: the pull checks it again.
    const forged: Array<[string, Record<string, unknown>]> = [
      [
        'under threshold',
        resultDoc((d) => {
          const question = (d.questions as Array<{ byPartnerType: Record<string, unknown> }>)[0]!;
          question.byPartnerType.lead = shownGroup([0, 0, 0, 1, 1]);
        }, crypto.randomUUID()),
      ],
      ['future', resultDoc((d) => (d.updatedAt = Date.now() + 30 * DAY), crypto.randomUUID())],
      ['smuggled rows', resultDoc((d) => (d.rows = [{ trust: 5 }]), crypto.randomUUID())],
      ['other partnership', resultDoc(() => {}, crypto.randomUUID(), P2)],
    ];
    for (const [, doc] of forged) {
      const put = await couch.admin_fetch(`/${partnershipDb(prefix, P1)}/${String(doc._id)}`, {
        method: 'PUT',
        body: JSON.stringify(doc),
        headers: { 'Content-Type': 'application/json' },
      });
      expect(put.status).toBe(201);
    }
    const before = (await listPublishedResults(cora.db)).length;
    const pulled = await cora.pull();
    const refusedIds = pulled.refused.map((r) => `${r.id ?? ''} ${r.reason}`).join('\n');
    for (const [, doc] of forged) expect(refusedIds).toContain(String(doc.id));
    expect(pulled.unreadable).toEqual([]);
    const stored: PublishedResult[] = await listPublishedResults(cora.db);
    // Only the one well-formed result the lead wrote above is new.
    expect(stored.length).toBe(before + 1);
    for (const [, doc] of forged) expect(stored.some((r) => r.id === doc.id)).toBe(false);
  });

  it('a forged _all_docs answer naming one result twice, the newer first: the newer is kept, counted once', async () => {
    const jar = profileFetch();
    const client = new CouchClient(couch.url, jar.fetch);
    await signIn(client, 'pp-test-cora', 'cora-password');
    const id = crypto.randomUUID();
    const now = Date.now();
    const newer = resultDoc((d) => Object.assign(d, { partnershipName: 'Newer copy', updatedAt: now - 1000 }), id);
    const older = resultDoc((d) => Object.assign(d, { partnershipName: 'Older copy', updatedAt: now - 5000 }), id);
    const db = partnershipDb(prefix, P1);
    jar.hook = (url) =>
      new URL(url).pathname === `/${db}/_all_docs`
        ? Response.json({ rows: [newer, older].map((doc) => ({ id: doc._id, key: doc._id, doc })) })
        : undefined;
    const pulled = await pullPublished(cora.db, client, { prefix, partnershipIds: [P1] }, now);
    expect(pulled.stored).toBe(1);
    expect((await listPublishedResults(cora.db)).find((r) => r.id === id)?.partnershipName).toBe('Newer copy');
  });
});
