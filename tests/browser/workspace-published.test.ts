// A pulse closed in a lead's profile reaches a coordinator's dashboard through the workspace:
// published (aggregates only) by the lead's dashboard, pushed by the background's sync, pulled
// and checked by the coordinator's dashboard, and charted like the lead's own. The pulses
// themselves travel too, without their keys, totals or answers: the other profile lists them,
// says plainly that their codes open only on the lead's computer, and offers no paste box.
import { describe, expect, it } from 'vitest';
import type { Partnership, PublishedResult, StoredPulse } from '../../utils/db/records';
import { UK_DESKTOP, waitForReady, type ExtensionHarness } from '../harness';
import { TEST_DB_PREFIX } from '../harness/couch';
import { readRecords } from '../harness/db';
import { loadSampleData, openDashboard } from '../harness/data-transfer';
import { sortedRows } from '../harness/pages/dashboard';
import { openPulses } from '../harness/pages/panel';
import { shareAndSync, signIn } from '../harness/pages/workspace';
import { useWorkspaceServer } from '../harness/vitest';
import { initWorkspace } from '../../scripts/workspace/init';

const server = useWorkspaceServer();

const launch = () => server.launch(UK_DESKTOP);

/** Connects on the management page and shares every partnership offered. */
async function connectAndShare(ext: ExtensionHarness, prefix: string, user: string, password: string) {
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('options.html'));
  await waitForReady(page);
  await signIn(page, { url: server.couch.url, prefix, name: user, password });
  await shareAndSync(page, { syncTimeout: 30_000 });
  return page;
}

async function serverResults(prefix: string, partnershipIds: readonly string[]) {
  const docs: Array<Record<string, unknown>> = [];
  for (const id of partnershipIds) {
    const all = await server.couch.admin_fetch(`/${prefix}p-${id}/_all_docs?include_docs=true`);
    const rows = (all.body as { rows?: Array<{ doc: Record<string, unknown> }> }).rows ?? [];
    docs.push(...rows.map((r) => r.doc).filter((d) => !String(d._id).startsWith('_design/')));
  }
  return docs;
}

describe('published results through a workspace', () => {
  it("shows the lead's closed pulses on a coordinator's dashboard, and no individual answer on the server", async () => {
    const prefix = `${TEST_DB_PREFIX}${crypto.randomUUID().slice(0, 8)}-`;
    const lead = await launch();
    await loadSampleData(lead);
    const leadDashboard = await openDashboard(lead);
    const partnerships = (await readRecords<Partnership>(leadDashboard, 'partnerships')).filter(
      (p) => p.deletedAt === undefined,
    );
    const ids = partnerships.map((p) => p.id);
    await initWorkspace({
      url: server.couch.url,
      admin: server.couch.admin,
      config: {
        prefix,
        partnerships: partnerships.map((p) => ({ id: p.id, name: p.name, leads: ['pp-test-ana'] })),
        users: [
          { name: 'pp-test-ana', role: 'lead', password: 'ana-password' },
          { name: 'pp-test-cora', role: 'coordinator', password: 'cora-password' },
        ],
      },
    });
    await connectAndShare(lead, prefix, 'pp-test-ana', 'ana-password');

    // The lead's open dashboard published the released pulses; the background pushes them.
    // Publishing runs once the dashboard has loaded: under load it may finish after the connection.
    let published: PublishedResult[] = [];
    await expect
      .poll(async () => (published = await readRecords<PublishedResult>(leadDashboard, 'publishedResults')).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    const leadTrust = await sortedRows(leadDashboard, 'dimension-trust', 60_000);
    let onServer: Array<Record<string, unknown>> = [];
    for (let tries = 0; tries < 60; tries += 1) {
      onServer = (await serverResults(prefix, ids)).filter((d) => d.type === 'publishedResults');
      if (onServer.length === published.length) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(onServer.map((d) => d.id).sort()).toEqual(published.map((r) => r.id).sort());
    const everything = JSON.stringify(await serverResults(prefix, ids));
    expect(everything).not.toMatch(/"answers"|"privateKey|"summary"|"refusedOverCap"|"token"|"type":"responses"/);
    // The pulses went too, each exactly as the lead's pulses store holds it (no key, no totals).
    const leadPulses = (await readRecords<StoredPulse>(leadDashboard, 'pulses')).filter((p) =>
      ids.includes(p.partnershipId),
    );
    const serverPulses = (await serverResults(prefix, ids)).filter((d) => d.type === 'pulses');
    expect(leadPulses.length).toBeGreaterThan(0);
    expect(serverPulses.map((d) => d.id).sort()).toEqual(leadPulses.map((p) => p.id).sort());

    // A coordinator's fresh profile: connect, then the dashboard pulls, checks and charts them.
    const coordinator = await launch();
    const management = await connectAndShare(coordinator, prefix, 'pp-test-cora', 'cora-password');
    const dashboard = await openDashboard(coordinator);
    const trust = await sortedRows(dashboard, 'dimension-trust', 60_000);
    expect(trust.length).toBeGreaterThan(0);
    // The same figures as the lead's own chart, and the same "shared link" mark: the sample
    // pulses have no seats, and a published result says so as a coordinator file's does.
    expect(trust).toEqual(leadTrust);
    expect(trust.every((row) => row[5] === 'shared link')).toBe(true);
    expect(await readRecords(dashboard, 'responses')).toEqual([]);
    expect((await readRecords<StoredPulse>(dashboard, 'pulses')).map((p) => p.id).sort()).toEqual(
      leadPulses.map((p) => p.id).sort(),
    );
    expect(await readRecords(dashboard, 'pulseSecrets')).toEqual([]);

    // The panel lists them, and says why it cannot open their codes: no paste box.
    const panel = await openPulses(coordinator);
    await panel.getByText(/Another lead started this pulse/).waitFor({ timeout: 30_000 });
    expect(await panel.getByRole('textbox', { name: /Paste/i }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Add responses' }).count()).toBe(0);
    await panel.close();

    // A result the server let through (written by an admin) with a threshold of 1: the sync
    // leaves published results to the dashboard, whose pull refuses it; the management page
    // lists it in the sync status with the sync's own refusals.
    const forgedId = crypto.randomUUID();
    const { _rev: _ignored, ...model } = onServer[0]!;
    const forged = { ...model, _id: `publishedResults:${forgedId}`, id: forgedId, pulseId: forgedId, threshold: 1 };
    const put = await server.couch.admin_fetch(
      `/${prefix}p-${String(model.partnershipId)}/publishedResults:${forgedId}`,
      {
        method: 'PUT',
        body: JSON.stringify(forged),
      },
    );
    expect(put.status).toBe(201);
    await dashboard.reload();
    await management
      .getByRole('listitem')
      .filter({ hasText: /^Not stored from the server/ })
      .filter({ hasText: forgedId })
      .waitFor({ timeout: 30_000 });
    expect((await readRecords<PublishedResult>(dashboard, 'publishedResults')).map((r) => r.id)).not.toContain(
      forgedId,
    );
    for (const ext of [lead, coordinator]) expect(ext.unexpectedRequests()).toEqual([]);
  }, 240_000);
});
