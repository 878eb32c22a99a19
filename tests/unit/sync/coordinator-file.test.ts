// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { listPublishedResults } from '../../../utils/db/published';
import { closePulse } from '../../../utils/db/pulses';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { collectCoordinatorFile, coordinatorFileToBlob } from '../../../utils/your-data/coordinator/export';
import { importCoordinatorFile } from '../../../utils/your-data/coordinator/import';
import { docId, partnershipDb } from '../../../utils/sync/layout';
import { DAY, partnership, pulse, pulsePrivateKey, putAll, response } from '../../factories';
import { serverDocsOf, syncProfile, testUser, useTestWorkspace } from './couch-helpers';

/**
 * A coordinator's import of a lead's coordinator file (utils/your-data/coordinator/) while
 * connected to a workspace: its results stay on the coordinator's computer and are never pushed
 * (docs/workspace.md, "Published results"). The workspace holds a partnership's results only as
 * its own leads publish them: the server accepts them from those leads only, a file carries no
 * proof of who made it, and the lead's own extension publishes every released pulse once they
 * connect.
 */

const P1 = 'f1111111-1111-4111-8111-111111111111';
const PULSE1 = 'f2111111-1111-4111-8111-111111111111';
const PULSE2 = 'f2222222-2222-4222-8222-222222222222';

const workspace = useTestWorkspace(
  [{ id: P1, name: 'Food bank', leads: ['pp-test-ana'] }],
  [testUser('ana'), testUser('cora', 'coordinator')],
);

const profile = (user: string) => syncProfile(workspace.couch, workspace.prefix, user, [P1], 'pp-coordinator-file');

/** The lead's closed pulse in P1, with its key and three core answers. */
async function closedPulse(db: PulseDatabase, pulseId: string): Promise<void> {
  const now = Date.now();
  const privateKey = await pulsePrivateKey();
  await putAll(db, {
    partnerships: [
      partnership({ id: P1, name: 'Food bank', startDate: '2026-01-05', cadence: DEFAULT_CADENCE, updatedAt: now }),
    ],
    pulses: [
      {
        ...pulse({ id: pulseId, partnershipId: P1, createdAt: now - 2 * DAY, expiresAt: now + DAY, updatedAt: now }),
        privateKey,
      },
    ],
    responses: [5, 4, 4].map((trust, i) =>
      response({ id: `${pulseId}-${i}`, pulseId, partnerType: 'core', answers: { trust, equity: 3 } }),
    ),
  });
  await closePulse(db, pulseId);
}

/** The lead exports a coordinator file and the coordinator imports it. */
async function sendFile(from: PulseDatabase, to: PulseDatabase): Promise<number> {
  const text = await coordinatorFileToBlob(
    await collectCoordinatorFile(from, 'all', { app: '0.1.0', includeComments: false }),
  ).text();
  return (
    await importCoordinatorFile(to, { name: 'summary.json', size: text.length, text: () => Promise.resolve(text) })
  ).added;
}

const serverResults = async () =>
  (await serverDocsOf(workspace.couch, partnershipDb(workspace.prefix, P1))).filter(
    (doc) => doc.type === 'publishedResults',
  );

describe('a coordinator file imported by a connected coordinator', () => {
  it('from a lead who is not connected: charted here, never pushed, nothing refused', async () => {
    const cora = await profile('pp-test-cora');
    expect((await cora.sync()).error).toBeUndefined();
    const lead = await profile('pp-test-ana');
    await closedPulse(lead.db, PULSE1);

    expect(await sendFile(lead.db, cora.db)).toBe(1);
    const report = await cora.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([]);
    expect(report.pushed).toBe(0);
    expect(await serverResults()).toEqual([]);
    expect((await listPublishedResults(cora.db)).map((r) => r.id)).toEqual([PULSE1]);
  });

  it('of a pulse the coordinator holds from the workspace (its lead synced it, unpublished): never pushed either', async () => {
    const ana = await profile('pp-test-ana');
    await closedPulse(ana.db, PULSE2);
    expect((await ana.sync()).error).toBeUndefined();
    const cora = await profile('pp-test-cora');
    expect((await cora.sync()).error).toBeUndefined();
    expect((await cora.db.get('pulses', PULSE2))?.id).toBe(PULSE2);

    expect(await sendFile(ana.db, cora.db)).toBe(1);
    const report = await cora.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([]);
    expect(report.pushed).toBe(0);
    expect((await serverResults()).map((doc) => doc._id)).not.toContain(docId('publishedResults', PULSE2));
  });
});
