// The screenshots `npm run demo -- --screenshots DIR` saves. Add one by adding an entry:
// `take(demo)` gets what demo.mjs set up and resolves to the Playwright page to shoot.
// demo: { ext, harness, callPage, callTabId, panel (360×800), options (the management page) }
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importTs } from '../lib/import-ts.mjs';

export const SHOTS = [
  {
    file: 'panel-call.png',
    what: 'the side panel on the demo Meet call',
    take: async ({ panel }) => panel,
    fullPage: true,
  },
  {
    file: 'manage.png',
    what: 'the management page (partnerships, organisations, settings) with the sample data',
    take: async ({ options }) => {
      await options.reload();
      await options.waitForFunction(() => performance.getEntriesByName('pp-ready').length > 0);
      return options;
    },
    fullPage: true,
  },
  {
    file: 'dashboard.png',
    what: 'the dashboard (dashboard.html) with the sample data: pulses, partner types, attendance, cadence, purposes',
    take: async ({ ext, harness }) => {
      const page = await ext.context.newPage();
      await page.goto(ext.extensionUrl('dashboard.html'));
      await harness.waitForReady(page, 30_000);
      return page;
    },
    fullPage: true,
  },
  {
    file: 'widget.png',
    what: 'the partner widget (pulse.html) on a 390×844 phone screen, opened from a pulse link for the sample partnership',
    take: async ({ ext, harness }) => {
      const page = await ext.context.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      // Opened from disk, as a partner opens a saved copy (extension pages refuse its inline script).
      const file = pathToFileURL(path.join(harness.OUTPUT_DIR, 'widget', 'pulse.html')).href;
      await page.goto(`${file}#${await sampleInvite()}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      return page;
    },
    fullPage: false,
  },
];

/** A pulse link like the panel gives, for the sample data's first partnership and its last pulse's questions. */
async function sampleInvite() {
  const { buildDemoData } = await importTs('utils/demo/build.ts');
  const { encodeInvite } = await importTs('utils/pulse/invite.ts');
  const { generatePulseKeys } = await importTs('utils/pulse/keys.ts');
  const now = Date.now();
  const data = buildDemoData(now);
  const partnership = data.partnerships[0];
  const pulse = data.pulses.filter((p) => p.partnershipId === partnership.id).at(-1);
  const { publicKeyJwk } = await generatePulseKeys();
  return encodeInvite({
    v: 2,
    pulseId: crypto.randomUUID(),
    partnershipName: partnership.name,
    questions: pulse.questions.map(({ id, wording, scale, dimension }) => ({ id, wording, scale, dimension })),
    expiresAt: now + 7 * 24 * 60 * 60 * 1000,
    publicKey: publicKeyJwk,
  });
}
