// `npm run demo`: builds the extension and starts Chromium with it loaded, on a fresh profile,
// with the sample data loaded through the management page and a demo Meet call (a saved page
// served on its real meet.google.com address, so the content script reads it for real), and
// the side panel popped out beside it. Stays open until the browser is closed.
// `npm run demo -- --screenshots DIR`: the same, headless, saving the PNGs in ./demo/shots.mjs.
// `npm run demo -- --workspace`: the shared workspace, a lead's and a coordinator's browser
// connected to the CouchDB stand-in (./demo/workspace.mjs); headless without a display.
// No request leaves the machine: everything but the routed call page is aborted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { importTs, ROOT } from './lib/import-ts.mjs';
import { CALL_FIXTURE, demoCallPage } from './demo/call-page.mjs';
import { SHOTS } from './demo/shots.mjs';
import { runWorkspaceDemo } from './demo/workspace.mjs';

function parseArguments(argv) {
  const index = argv.findIndex((arg) => arg === '--screenshots' || arg.startsWith('--screenshots='));
  if (index === -1) return { screenshotsDir: null };
  const value = argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
  if (!value || value.startsWith('--')) fail('Usage: npm run demo -- --screenshots DIR');
  return { screenshotsDir: path.resolve(process.cwd(), value) };
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) fail(`\`${[path.basename(command), ...args].join(' ')}\` failed.`);
}

function warnAboutMissingFonts() {
  const fonts = spawnSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  if (fonts.status === 0 && !/Noto Sans (CJK|Arabic)/.test(fonts.stdout)) {
    console.warn(
      'Note: no Noto fonts found, so names in some scripts may show as boxes. On Debian / Ubuntu:\n' +
        '  sudo apt-get install fonts-noto-core fonts-noto-cjk',
    );
  }
}

const { screenshotsDir } = parseArguments(process.argv.slice(2));
const hasDisplay = !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
if (process.argv.includes('--workspace')) {
  console.log('Building the extension…');
  run(path.join(ROOT, 'node_modules', '.bin', 'wxt'), ['build']);
  if (!hasDisplay) console.log('No display found: running the workspace demo headless, once.');
  await runWorkspaceDemo({ headless: !hasDisplay });
  process.exit(0);
}
const headless = screenshotsDir !== null;
if (!headless && !hasDisplay) {
  fail('No display found: run `npm run demo -- --screenshots DIR` to save screenshots instead.');
}
if (!existsSync(path.join(ROOT, CALL_FIXTURE))) fail(`The demo call page ${CALL_FIXTURE} is missing.`);
warnAboutMissingFonts();

console.log('Building the extension…');
run(path.join(ROOT, 'node_modules', '.bin', 'wxt'), ['build']);

const harness = await importTs('tests/harness/index.ts');
const { DEMO_CALL_KEY } = await importTs('utils/demo/build.ts');
const callCode = DEMO_CALL_KEY.replace(/^meet:/, '');
const callUrl = `https://meet.google.com/${callCode}`;

console.log(headless ? 'Starting Chromium (headless)…' : 'Starting Chromium…');
const ext = await harness.launchExtension({
  headless,
  viewport: headless ? { width: 1280, height: 800 } : null,
  // Screenshots look the same on every machine: a UK partnership's dates and times.
  ...(headless ? { deviceScaleFactor: 2, locale: 'en-GB', timezoneId: 'Europe/London' } : {}),
});
let closing = false;
const shutdown = async (code) => {
  if (closing) return;
  closing = true;
  const leaked = ext.unexpectedRequests();
  if (leaked.length > 0) console.warn(`Warning: ${harness.describeUnexpectedRequests(leaked)}`);
  await ext.closeUnchecked();
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(130));
process.on('SIGTERM', () => void shutdown(143));

try {
  await harness.routeHtml(ext.context, 'https://meet.google.com/**', demoCallPage(ROOT, callCode));

  // The sample data, loaded the way a user would: from the management page.
  const options = ext.context.pages()[0] ?? (await ext.context.newPage());
  await options.goto(ext.extensionUrl('options.html'));
  await options.getByRole('button', { name: 'Load sample data', exact: true }).click();
  await options.getByText('Sample data loaded').waitFor({ timeout: 30_000 });
  console.log('Sample data loaded.');

  const callPage = await ext.context.newPage();
  await callPage.goto(callUrl);
  const callTabId = await harness.tabIdOf(callPage);
  await harness
    .waitForLiveState(ext, callTabId, (state) => (state.call?.participants.length ?? 0) > 0, { timeout: 20_000 })
    .catch(() => console.warn('Warning: the extension has not read the call’s participants yet.'));

  if (headless) {
    const panel = await harness.openPanel(ext, callTabId);
    await harness.waitForReady(panel, 30_000);
    mkdirSync(screenshotsDir, { recursive: true });
    const demo = { ext, harness, callPage, callTabId, panel, options };
    for (const shot of SHOTS) {
      const page = await shot.take(demo);
      const file = path.join(screenshotsDir, shot.file);
      if (shot.element) await shot.element(page).screenshot({ path: file });
      else await page.screenshot({ path: file, fullPage: shot.fullPage });
      console.log(`Saved ${path.join(screenshotsDir, shot.file)}: ${shot.what}`);
    }
    await shutdown(0);
  } else {
    // The side panel popped out in its own window, bound to the call's tab.
    await ext.serviceWorker.evaluate(
      // eslint-disable-next-line no-undef -- runs in the service worker, where `chrome` is global
      (url) => chrome.windows.create({ url, type: 'popup', width: 400, height: 860 }),
      ext.extensionUrl(`sidepanel.html?tab=${callTabId}`),
    );
    console.log(
      `Ready: the demo Meet call is at ${callUrl}, with the side panel beside it.\n` +
        'The toolbar button opens the side panel on the call; the management page is open too.\n' +
        'Close the browser to end the demo.',
    );
    await new Promise((resolve) => ext.context.on('close', resolve));
    await shutdown(0);
  }
} catch (error) {
  console.error(error);
  await shutdown(1);
}
