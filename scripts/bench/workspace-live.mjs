// (w) A live edit in the shared workspace: two profiles of the built extension connected to the
// stand-in through their management pages (as a lead does), both pages open. An organisation
// added to the shared partnership on one page is timed until it shows on the other's page:
// the background's change feed, its sync and push, the server, the other background's live
// `_changes`, its pull, and that page's reload.
//   workspace-live-edit-ms: median of EDITS edits, from the click to the text on the other page.
import { atMost, median, round } from './lib/figures.mjs';
import { releaseWorkspaceServer, workspaceBench } from './workspace-sync.mjs';

const EDITS = Number(process.env.PP_BENCH_RUNS ?? 5);
const PREFIX = 'bench-live-';
const LEADS = [
  { name: 'bench-ana', password: 'ana-password' },
  { name: 'bench-ben', password: 'ben-password' },
];
const PARTNERSHIP = 'Riverside Food Partnership';

async function addOrganisation(page, name, type) {
  await page.getByLabel('Organisation name').fill(name);
  await page.getByLabel('Partner type', { exact: true }).last().selectOption(type);
  await page.getByRole('button', { name: 'Add to partnership' }).click();
}

export const workspaceLive = {
  name: 'workspace-live-edit-ms',
  unit: 'ms',
  budget: 2000,
  async measure(bench) {
    const { connectWorkspace } = await bench.importTs('tests/harness/pages/workspace.ts');
    const connect = (page, url, user) => connectWorkspace(page, { url, prefix: PREFIX, ...user }, PARTNERSHIP);
    const ws = await workspaceBench(bench);
    try {
      const { couch } = ws;
      const open = async (label) => {
        const ext = await ws.profile(label);
        const page = await ext.context.newPage();
        await page.goto(ext.extensionUrl('options.html'));
        await bench.harness.waitForReady(page);
        return page;
      };
      const a = await open('A');
      await a.getByLabel('Name', { exact: true }).fill(PARTNERSHIP);
      await a.getByLabel('Start date').fill('2026-03-01');
      await a.getByRole('button', { name: 'Create partnership' }).click();
      await a.getByText(`Members of ${PARTNERSHIP}`).waitFor();
      await a.getByLabel('Joined').fill('2026-03-01');
      await addOrganisation(a, 'Riverside Food Bank', 'lead');
      await a.getByText('Riverside Food Bank').first().waitFor();
      const id = await a.getByLabel('Partnership', { exact: true }).inputValue();
      await ws.initWorkspace({
        url: couch.url,
        admin: couch.admin,
        config: {
          prefix: PREFIX,
          partnerships: [{ id, name: PARTNERSHIP, leads: LEADS.map((l) => l.name) }],
          users: LEADS.map((l) => ({ ...l, role: 'lead' })),
        },
      });
      await connect(a, couch.url, LEADS[0]);
      const b = await open('B');
      await connect(b, couch.url, LEADS[1]);
      await b.reload();
      await bench.harness.waitForReady(b);
      await b.getByText('Riverside Food Bank').first().waitFor({ timeout: 30_000 });

      const times = [];
      for (let edit = 1; edit <= EDITS; edit += 1) {
        const name = `Live edit ${edit} Tenants Group`;
        const started = Date.now();
        await addOrganisation(a, name, 'wider');
        await b.getByText(name).first().waitFor({ timeout: 30_000 });
        times.push(Date.now() - started);
        if (process.env.PP_BENCH_TRACE) {
          const trace = ws.requests
            .filter((r) => r.at >= started)
            .map((r) => `${r.at - started} +${r.ms} ${r.label} ${r.what.slice(0, 90)}`);
          bench.log(`edit ${edit}: ${times.at(-1)} ms\n    ${trace.join('\n    ')}`);
        }
        // Both sides settle (the other's own sync after the pull) before the next edit.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
      }
      bench.log(`live edits A → B: ${times.join(', ')} ms`);
      return [atMost(this.name, round(median(times), 0), this.unit, this.budget)];
    } finally {
      await ws.stop();
      await releaseWorkspaceServer(bench);
    }
  },
};
