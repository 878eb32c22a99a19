// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { initWorkspace } from '../../../scripts/workspace/init';
import { holdsDemoRecords } from '../../../utils/db/bulk';
import { savePartnership } from '../../../utils/db/partnerships';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import { RECORD_STORES } from '../../../utils/db/schema';
import { buildDemoData } from '../../../utils/demo/build';
import { loadDemoData } from '../../../utils/demo/load';
import { loadSampleData, SampleDataRefused, sampleDataWouldTravel } from '../../../utils/demo/workspace';
import { workspaceConnection } from '../../../utils/sync/background';
import { readOffered } from '../../../utils/sync/connect';
import { directoryDb, docId, partnershipDb } from '../../../utils/sync/layout';
import { currentUser } from '../../../utils/sync/session';
import { serverDocsOf, syncProfile, testUser, useTestWorkspace, type SyncProfile } from './couch-helpers';

/**
 * The sample data and a shared workspace (issue 14, utils/demo/workspace.ts): the sample's
 * made-up organisations never reach a workspace that was not set up for it, and reach the one
 * `npm run demo -- --workspace` sets up, which lists a sample partnership.
 */

const P1 = 'e1111111-1111-4111-8111-111111111111';
const NOW = Date.now();
const sample = buildDemoData(NOW);
const SAMPLE_PARTNERSHIP = sample.partnerships[0]!;
const users = [testUser('ana'), testUser('ben')];
const workspace = useTestWorkspace([{ id: P1, name: 'Food bank', leads: ['pp-test-ana'] }], users);

afterEach(async () => {
  await workspaceConnection.setValue(null);
});

/** Connected as the management page leaves it: the connection saved, sharing `partnershipIds`. */
async function connected(profile: SyncProfile, prefix: string, partnershipIds: string[]) {
  await workspaceConnection.setValue({
    server: workspace.couch.url,
    prefix,
    user: profile.target.user,
    partnershipIds,
  });
}

async function offeredTo(profile: SyncProfile, prefix: string): Promise<string[]> {
  const user = await currentUser(profile.client);
  return (await readOffered(profile.client, prefix, user!)).map((p) => p.id);
}

const demoDocs = (docs: Array<Record<string, unknown>>) => docs.filter((doc) => doc.demo === true);

describe('a workspace not set up for the sample data', () => {
  it('a lead connected to it cannot load the sample data: nothing is stored, and nothing of it reaches the server', async () => {
    const ana = await syncProfile(workspace.couch, workspace.prefix, 'pp-test-ana', [P1], 'pp-sample');
    await savePartnership(ana.db, { id: P1, name: 'Food bank', startDate: '2026-01-05', cadence: DEFAULT_CADENCE });
    await connected(ana, workspace.prefix, [P1]);
    expect((await ana.sync()).error).toBeUndefined();

    await expect(loadSampleData(ana.db, NOW)).rejects.toBeInstanceOf(SampleDataRefused);
    expect(await holdsDemoRecords(ana.db, RECORD_STORES)).toBe(false);
    expect(await ana.db.count('organisations')).toBe(0);

    const report = await ana.sync();
    expect(report.error).toBeUndefined();
    expect(demoDocs(await serverDocsOf(workspace.couch, directoryDb(workspace.prefix)))).toEqual([]);
  });

  it('a browser holding the sample data is not let connect to it; one without it is', async () => {
    const ana = await syncProfile(workspace.couch, workspace.prefix, 'pp-test-ana', [P1], 'pp-sample');
    const offered = await offeredTo(ana, workspace.prefix);
    expect(offered).toEqual([P1]);
    expect(await sampleDataWouldTravel(ana.db, offered)).toBe(false);
    await loadDemoData(ana.db, NOW);
    expect(await sampleDataWouldTravel(ana.db, offered)).toBe(true);
  });
});

describe('a workspace set up for the sample data, as `npm run demo -- --workspace` does', () => {
  it('the sample data loads while connected to it, and its partnership and organisations reach the server', async () => {
    const prefix = `${workspace.prefix}demo-`;
    await initWorkspace({
      url: workspace.couch.url,
      admin: workspace.couch.admin,
      config: {
        prefix,
        partnerships: [{ id: SAMPLE_PARTNERSHIP.id, name: SAMPLE_PARTNERSHIP.name, leads: ['pp-test-ben'] }],
        users,
      },
    });
    const ben = await syncProfile(workspace.couch, prefix, 'pp-test-ben', [SAMPLE_PARTNERSHIP.id], 'pp-sample');
    await loadDemoData(ben.db, NOW);
    expect(await sampleDataWouldTravel(ben.db, await offeredTo(ben, prefix))).toBe(false);
    await connected(ben, prefix, [SAMPLE_PARTNERSHIP.id]);
    // Loading it again while connected replaces it, as without a workspace.
    await loadSampleData(ben.db, NOW);

    const report = await ben.sync();
    expect(report.error).toBeUndefined();
    const directory = demoDocs(await serverDocsOf(workspace.couch, directoryDb(prefix)));
    expect(directory.map((doc) => doc._id)).toEqual(
      expect.arrayContaining(sample.organisations.map((o) => docId('organisations', o.id))),
    );
    const partnership = await serverDocsOf(workspace.couch, partnershipDb(prefix, SAMPLE_PARTNERSHIP.id));
    expect(partnership.map((doc) => doc._id)).toContain(docId('partnerships', SAMPLE_PARTNERSHIP.id));
  });
});
