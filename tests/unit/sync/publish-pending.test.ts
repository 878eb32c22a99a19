// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { openPulseDb } from '../../../utils/db/open';
import { deletePulse } from '../../../utils/db/pulse-delete';
import { listPublishedResults } from '../../../utils/db/published';
import { DEFAULT_CADENCE, type PublishedResult } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { publishReleased } from '../../../utils/pulse/publish-released';
import { LATE_GRACE_MS } from '../../../utils/pulse/release';
import { partnershipDb } from '../../../utils/sync/layout';
import { collectBundle } from '../../../utils/your-data/bundle/export';
import { collectCoordinatorFile } from '../../../utils/your-data/coordinator/export';
import { DAY, partnership, pulse, pulsePrivateKey, putAll, response } from '../../factories';
import { asUser, serverDocsOf, syncProfile, testUser, useTestWorkspace } from './couch-helpers';

/**
 * A pulse released while no extension page is open (issue 14): a page made its pending result
 * before (utils/db/pending.ts), and the background's sync publishes it, against the stand-in.
 */

const P1 = 'd1111111-1111-4111-8111-111111111111';
const HOUR = 60 * 60 * 1000;
const COMMENT = 'Core comment kept here until the release';

const workspace = useTestWorkspace(
  [{ id: P1, name: 'Food bank', leads: ['pp-test-ana', 'pp-test-ben'] }],
  [testUser('ana'), testUser('ben')],
);

const ana = () => syncProfile(workspace.couch, workspace.prefix, 'pp-test-ana', [P1], 'pp-pending');

/** P1 with one pulse closing at `expiresAt`: six responses, three core (with comments) and three wider. */
async function seed(db: PulseDatabase, pulseId: string, expiresAt: number) {
  const stamp = expiresAt - 3 * DAY;
  await putAll(db, {
    partnerships: [
      partnership({ id: P1, name: 'Food bank', startDate: '2026-01-05', cadence: DEFAULT_CADENCE, updatedAt: stamp }),
    ],
    pulses: [
      {
        ...pulse({ id: pulseId, partnershipId: P1, createdAt: stamp, expiresAt, updatedAt: stamp }),
        privateKey: await pulsePrivateKey(),
      },
    ],
    responses: [
      ...[5, 4, 4].map((trust, i) =>
        response({
          id: `${pulseId}-core-${i}`,
          pulseId,
          partnerType: 'core',
          answers: { trust, equity: 3, flexibility: 4, communication: 5 },
          comment: `${COMMENT} ${i}`,
          createdAt: stamp,
          updatedAt: stamp,
        }),
      ),
      ...[0, 1, 2].map((i) =>
        response({ id: `${pulseId}-wider-${i}`, pulseId, partnerType: 'wider', createdAt: stamp, updatedAt: stamp }),
      ),
    ],
  });
}

/** The record without its stamps: what publishReleased compares. */
function figures(result: PublishedResult | Record<string, unknown>) {
  const { createdAt: _c, updatedAt: _u, _id, _rev, type, ...rest } = result as Record<string, unknown>;
  void [_c, _u, _id, _rev, type];
  return rest;
}

async function serverResults() {
  const docs = await serverDocsOf(workspace.couch, partnershipDb(workspace.prefix, P1));
  return docs.filter((d) => d.type === 'publishedResults');
}

describe('a pulse released while no extension page is open', () => {
  const PULSE = 'e1111111-1111-4111-8111-111111111111';
  let lead: Awaited<ReturnType<typeof ana>>;

  it("the alarm's sync publishes the result a page made before, equal to what a page would publish now", async () => {
    lead = await ana();
    // Released a minute ago (its close plus the grace); a page was last open an hour before its close.
    const expiresAt = Date.now() - LATE_GRACE_MS - 60_000;
    await seed(lead.db, PULSE, expiresAt);
    expect(await publishReleased(lead.db, { now: expiresAt - HOUR })).toEqual([]);
    expect(await lead.db.count('pendingResults')).toBe(1);
    // Every page closed: the alarm's sync.
    const startedAt = Date.now();
    const report = await lead.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([]);
    const [stored, ...others] = await listPublishedResults(lead.db);
    expect(others).toEqual([]);
    expect(stored).toMatchObject({ id: PULSE, responses: 6 });
    expect(stored!.updatedAt).toBeGreaterThanOrEqual(startedAt);
    expect(await lead.db.count('pendingResults')).toBe(0);
    // What a page opening now would publish: a twin profile with the same records.
    const twin = await openPulseDb(`pp-pending-twin-${crypto.randomUUID()}`);
    await seed(twin, PULSE, expiresAt);
    const [expected] = await publishReleased(twin, { now: Date.now() });
    expect(figures(stored!)).toEqual(figures(expected!));
    const onServer = await serverResults();
    expect(onServer.map((d) => d.id)).toEqual([PULSE]);
    expect(figures(onServer[0]!)).toEqual(figures(expected!));
    // A page opening now finds it up to date: nothing written again.
    expect(await publishReleased(lead.db, { now: Date.now() })).toEqual([]);
  });

  it('a late batch added after the release is published again by the page, as before', async () => {
    const addedAt = Date.now();
    await putAll(lead.db, {
      responses: [0, 1, 2].map((i) =>
        response({
          id: `${PULSE}-late-${i}`,
          pulseId: PULSE,
          partnerType: 'lead',
          answers: { trust: 2 },
          createdAt: addedAt,
          updatedAt: addedAt,
        }),
      ),
    });
    const [again] = await publishReleased(lead.db, { now: Date.now() + 1000 });
    expect(again?.responses).toBe(9);
    expect((await lead.sync()).refused).toEqual([]);
    expect((await serverResults()).map((d) => d.responses)).toEqual([9]);
    // The background publishes nothing of its own over it.
    expect(await lead.db.count('pendingResults')).toBe(0);
  });
});

describe('a pending result that is no longer up to date when the release comes', () => {
  it("a co-lead's edit of the pulse (its period's end) pulled by that sync: nothing published; the next page publishes the edited pulse", async () => {
    const PULSE = 'e2222222-2222-4222-8222-222222222222';
    const lead = await ana();
    const expiresAt = Date.now() - LATE_GRACE_MS - 60_000;
    await seed(lead.db, PULSE, expiresAt);
    // The pulse reaches the server (no pending result yet: nothing published).
    expect((await lead.sync()).refused).toEqual([]);
    // A page made the pending result while the pulse was open.
    await publishReleased(lead.db, { now: expiresAt - HOUR });
    expect(await lead.db.count('pendingResults')).toBe(1);
    // Ben, a co-lead, dates the pulse by the end of its period meanwhile (its questions are this lead's alone).
    const ben = asUser(workspace.couch, 'pp-test-ben', 'ben-password');
    const path = `/${partnershipDb(workspace.prefix, P1)}/pulses:${PULSE}`;
    const doc = (await ben.get(path)).body as Record<string, unknown>;
    const periodEnd = expiresAt - DAY;
    expect((await ben.put(path, { ...doc, periodEnd, updatedAt: Date.now() })).status).toBe(201);
    // The alarm's sync pulls Ben's edit: the pending result is stale, and stays.
    const report = await lead.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([]);
    expect((await lead.db.get('pulses', PULSE))?.periodEnd).toBe(periodEnd);
    expect((await listPublishedResults(lead.db)).filter((r) => r.id === PULSE)).toEqual([]);
    expect((await serverResults()).filter((d) => d.id === PULSE)).toEqual([]);
    expect(await lead.db.count('pendingResults')).toBe(1);
    // The next page open publishes from the edited pulse, and clears the stale one.
    const [result] = await publishReleased(lead.db, { now: Date.now() });
    expect(result?.at).toBe(periodEnd);
    expect(await lead.db.count('pendingResults')).toBe(0);
    expect((await lead.sync()).refused).toEqual([]);
    const onServer = (await serverResults()).filter((d) => d.id === PULSE);
    expect(onServer[0]?.at).toBe(periodEnd);
  });

  it('the comments choice changed since it was made (comments no longer shared): nothing published', async () => {
    const PULSE = 'e3333333-3333-4333-8333-333333333333';
    const lead = await ana();
    const expiresAt = Date.now() - LATE_GRACE_MS - 60_000;
    await seed(lead.db, PULSE, expiresAt);
    await publishReleased(lead.db, { now: expiresAt - HOUR, shareCommentsWith: [P1] });
    expect((await lead.db.get('pendingResults', PULSE))?.result.comments).toBeDefined();
    // The sync with the choice as it is now: no partnership shares comments.
    expect((await lead.sync()).error).toBeUndefined();
    expect((await listPublishedResults(lead.db)).filter((r) => r.id === PULSE)).toEqual([]);
    expect(JSON.stringify(await serverDocsOf(workspace.couch, partnershipDb(workspace.prefix, P1)))).not.toContain(
      COMMENT,
    );
  });

  it('a deleted pulse takes its pending result with it', async () => {
    const PULSE = 'e4444444-4444-4444-8444-444444444444';
    const lead = await ana();
    await seed(lead.db, PULSE, Date.now() + DAY);
    await publishReleased(lead.db, { now: Date.now(), shareCommentsWith: [P1] });
    expect(await lead.db.count('pendingResults')).toBe(1);
    await deletePulse(lead.db, PULSE);
    expect(await lead.db.count('pendingResults')).toBe(0);
  });
});

describe('a pending result before its release', () => {
  it('is never pushed, nor in a personal backup or a coordinator file', async () => {
    const PULSE = 'e5555555-5555-4555-8555-555555555555';
    const lead = await ana();
    await seed(lead.db, PULSE, Date.now() + DAY);
    await publishReleased(lead.db, { now: Date.now(), shareCommentsWith: [P1] });
    const pending = await lead.db.get('pendingResults', PULSE);
    expect(pending?.result.comments?.[0]?.texts).toContain(`${COMMENT} 0`);
    const report = await lead.sync();
    expect(report.error).toBeUndefined();
    expect((await listPublishedResults(lead.db)).filter((r) => r.id === PULSE)).toEqual([]);
    const server = JSON.stringify(await serverDocsOf(workspace.couch, partnershipDb(workspace.prefix, P1)));
    expect(server).toContain(PULSE); // the pulse travelled
    expect(server).not.toContain(`publishedResults:${PULSE}`);
    expect(server).not.toContain(COMMENT);
    const backup = JSON.stringify(await collectBundle(lead.db, 'all'));
    expect(backup).toContain(PULSE);
    expect(backup).not.toContain('pendingResults');
    // No published figures: those groups are a result's alone.
    expect(backup).not.toContain('"byPartnerType"');
    const coordinator = await collectCoordinatorFile(lead.db, 'all', { includeComments: true });
    expect(coordinator.publishedResults.map((r) => r.id)).not.toContain(PULSE);
    expect(await lead.db.count('pendingResults')).toBe(1);
  });
});
