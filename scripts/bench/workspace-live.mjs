// (w) A live edit in the shared workspace: two profiles of the built extension connected to the
// stand-in through their management pages (as a lead does), both pages open. An organisation
// added to the shared partnership on one page is timed until it shows on the other's page:
// the background's change feed, its sync and push, the server, the other background's live
// `_changes`, its pull, and that page's reload.
//   workspace-live-edit-ms: median of EDITS edits, from the click to the text on the other page.
import { atMost, median, round } from './lib/figures.mjs';
import { prepareProfiles, releaseWorkspaceServer, workspaceBench } from './workspace-sync.mjs';

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

/** How long both sides must stay idle to count as settled: longer than the scheduler's change delay. */
const QUIET_MS = 250;

/** A page's background: not syncing, nothing waiting (its status in extension storage, utils/sync/background.ts). */
function idle(page) {
  return page.evaluate(async () => {
    const { workspaceStatus: status } = await globalThis.chrome.storage.local.get('workspaceStatus');
    return status?.state !== 'syncing' && (status?.waiting ?? 0) === 0;
  });
}

/**
 * Resolves once both profiles are idle and no request to the server but the live feeds'
 * long polls has been open or answered for QUIET_MS.
 */
async function settled(ws, pages, { timeout = 30_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const busy = ws.inFlight() > 0 || Date.now() - ws.lastAnswerAt() < QUIET_MS;
    if (!busy && (await Promise.all(pages.map(idle))).every(Boolean)) return;
    if (Date.now() > deadline) throw new Error(`The profiles did not settle within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const workspaceLive = {
  name: 'workspace-live-edit-ms',
  unit: 'ms',
  budget: 2000,
  prepare: (bench) => prepareProfiles(bench, ['A', 'B']),
  async measure(bench) {
    const { connectWorkspace } = await bench.importTs('tests/harness/pages/workspace.ts');
    const connect = (page, url, user) => connectWorkspace(page, { url, prefix: PREFIX, ...user }, PARTNERSHIP);
    const ws = await workspaceBench(bench);
    try {
      const { couch } = ws;
      const open = async (label) => {
        const ext = await ws.profile(label, label);
        const page = await ext.context.newPage();
        await page.goto(ext.extensionUrl('options.html'));
        await bench.harness.waitForReady(page);
        return page;
      };
      // Both profiles launched at once, before anything is timed.
      const [a, b] = await bench.phase('profiles opened', () => Promise.all([open('A'), open('B')]));
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
      // Both leads connect at once; B's page shows A's first organisation after its reload.
      await bench.phase('connected', () =>
        Promise.all([connect(a, couch.url, LEADS[0]), connect(b, couch.url, LEADS[1])]),
      );
      await b.reload();
      await bench.harness.waitForReady(b);
      await b.getByText('Riverside Food Bank').first().waitFor({ timeout: 30_000 });

      const times = [];
      for (let edit = 1; edit <= EDITS; edit += 1) {
        // Both sides settled (the other's own sync after the last pull) before each edit: waited
        // for, not slept (it was a fixed 1.5 s after every edit, the last one included).
        await bench.phase('settling', () => settled(ws, [a, b]), { quiet: true });
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
      }
      bench.log(`live edits A → B: ${times.join(', ')} ms`);
      return [atMost(this.name, round(median(times), 0), this.unit, this.budget)];
    } finally {
      await ws.stop();
      await releaseWorkspaceServer(bench);
    }
  },
};
