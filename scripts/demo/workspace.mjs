// `npm run demo -- --workspace`: the shared workspace on this machine. Starts the CouchDB
// stand-in (tests/harness/couch.ts, on 127.0.0.1), sets a workspace up on it with one sample
// partnership, a lead and a coordinator, and opens two browser profiles connected to it: the
// lead's (sample data, the side panel) and the coordinator's (an empty profile, the dashboard).
// A meeting the lead logs appears on the coordinator's side. Headless without a display: it
// logs one meeting, waits for it on the coordinator's side, prints how long it took, and exits.
import { rmSync } from 'node:fs';
import { importTs } from '../lib/import-ts.mjs';

const PREFIX = 'pp-demo-';
const LEAD = { name: 'lead', password: 'lead-password' };
const COORDINATOR = { name: 'coordinator', password: 'coordinator-password' };

/** Connects on the management page and shares the partnership (tests/harness/pages/workspace.ts). */
async function connect(page, couch, user, partnershipName) {
  const { connectWorkspace } = await importTs('tests/harness/pages/workspace.ts');
  await connectWorkspace(page, { url: couch.url, prefix: PREFIX, ...user }, partnershipName, { syncTimeout: 120_000 });
}

export async function runWorkspaceDemo({ headless }) {
  const harness = await importTs('tests/harness/index.ts');
  const { startCouch, grantedExtensionCopy } = await importTs('tests/harness/couch.ts');
  const { initWorkspace } = await importTs('scripts/workspace/init.ts');

  console.log('Starting the CouchDB stand-in…');
  const couch = await startCouch();
  // The stand-in's host and the alarm granted up front: a scripted browser cannot answer the prompt.
  const extensionDir = grantedExtensionCopy(harness.EXTENSION_DIR);
  const browsers = [];
  let closing = false;
  const shutdown = async (code) => {
    if (closing) return;
    closing = true;
    for (const ext of browsers) await ext.closeUnchecked();
    rmSync(extensionDir, { recursive: true, force: true });
    await couch.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(130));
  process.on('SIGTERM', () => void shutdown(143));

  const profile = async (label) => {
    const ext = await harness.launchExtension({
      extensionDir,
      headless,
      viewport: headless ? { width: 1280, height: 800 } : null,
      locale: 'en-GB',
    });
    browsers.push(ext);
    // The stand-in answers from Node (the harness lets no request out by itself); a longpoll
    // still open when the browser closes ends with it.
    await ext.context.route(`${couch.url}/**`, async (route) => {
      const response = await route.fetch().catch(() => null);
      if (response) await route.fulfill({ response }).catch(() => {});
    });
    const options = ext.context.pages()[0] ?? (await ext.context.newPage());
    await options.goto(ext.extensionUrl('options.html'));
    await harness.waitForReady(options);
    console.log(`${label}'s browser is open.`);
    return { ext, options };
  };

  try {
    const lead = await profile('The lead');
    await lead.options.getByRole('button', { name: 'Load sample data', exact: true }).click();
    await lead.options.getByText('Sample data loaded').waitFor({ timeout: 60_000 });
    const select = lead.options.getByLabel('Partnership', { exact: true });
    const partnershipId = await select.inputValue();
    const partnershipName = (await select.evaluate((el) => el.selectedOptions[0]?.textContent ?? '')).trim();

    console.log(`Setting up the workspace on ${couch.url} with "${partnershipName}"…`);
    await initWorkspace({
      url: couch.url,
      admin: couch.admin,
      config: {
        prefix: PREFIX,
        partnerships: [{ id: partnershipId, name: partnershipName, leads: [LEAD.name] }],
        users: [
          { name: LEAD.name, role: 'lead', password: LEAD.password },
          { name: COORDINATOR.name, role: 'coordinator', password: COORDINATOR.password },
        ],
      },
    });
    await connect(lead.options, couch, LEAD, partnershipName);
    console.log('The lead is connected and has shared the partnership.');

    const coordinator = await profile('The coordinator');
    await connect(coordinator.options, couch, COORDINATOR, partnershipName);
    const dashboard = await coordinator.ext.context.newPage();
    await dashboard.goto(coordinator.ext.extensionUrl('dashboard.html'));
    const coordinatorPanel = await coordinator.ext.context.newPage();
    await coordinatorPanel.goto(coordinator.ext.extensionUrl('sidepanel.html'));
    await harness.waitForReady(coordinatorPanel);
    console.log('The coordinator is connected: the partnership is on their dashboard.');

    // The lead logs a meeting in the side panel; it reaches the coordinator's open pages live.
    const panel = await lead.ext.context.newPage();
    await panel.goto(lead.ext.extensionUrl('sidepanel.html'));
    await harness.waitForReady(panel);
    const title = `Logged in the workspace demo at ${new Date().toLocaleTimeString('en-GB')}`;
    await panel.getByRole('button', { name: 'New meeting' }).click();
    await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: partnershipName });
    await panel.getByLabel('Title').fill(title);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await panel.getByLabel('Start').fill(`${yesterday}T10:00`);
    await panel.getByLabel('Add someone by name').fill('Sam Okafor');
    await panel.getByRole('button', { name: 'Add attendee' }).click();
    await panel.getByRole('button', { name: 'Save meeting' }).click();
    const saved = Date.now();
    await coordinatorPanel
      .locator('.meeting-list li', { hasText: title })
      .waitFor({ timeout: 60_000 })
      .catch(() => undefined);
    const arrived = await coordinatorPanel.locator('.meeting-list li', { hasText: title }).count();
    console.log(
      arrived > 0
        ? `"${title}", logged by the lead, reached the coordinator in ${Date.now() - saved} ms.`
        : `"${title}" has not reached the coordinator's side panel yet (see its management page's sync status).`,
    );

    if (headless) {
      await shutdown(arrived > 0 ? 0 : 1);
      return;
    }
    console.log(
      'Ready: log more meetings in the lead’s side panel and watch them reach the coordinator’s dashboard\n' +
        'and side panel. Each management page shows its sync status. Close both browsers to end the demo.',
    );
    await Promise.all(browsers.map((ext) => new Promise((resolve) => ext.context.on('close', resolve))));
    await shutdown(0);
  } catch (error) {
    console.error(error);
    await shutdown(1);
  }
}
