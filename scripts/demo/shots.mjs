// The screenshots `npm run demo -- --screenshots DIR` saves. Add one by adding an entry:
// `take(demo)` gets what demo.mjs set up and resolves to the Playwright page to shoot; with
// `element(page)`, only that locator is shot (e.g. one section of a page).
// demo: { ext, harness, callPage, callTabId, panel (360×800), options (the management page) }
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importTs } from '../lib/import-ts.mjs';

export const SHOTS = [
  {
    file: 'panel-call.png',
    what: 'the side panel on a repeat call: the demo Meet call is the core meeting series of the sample partnership, so kind, purposes, agenda and chair come from its last meeting',
    take: async ({ panel }) => {
      // The demo call's link is the series' (DEMO_CALL_KEY): the panel says which meeting it carried.
      await panel.getByText(/from the meeting on/).waitFor({ timeout: 20_000 });
      // The chair is carried with the rest: a shot with "Not recorded" under that note would contradict it.
      if (!(await panel.getByLabel('Who chaired').inputValue())) {
        throw new Error('panel-call.png: the panel says the chair came from the last meeting, but no chair is chosen');
      }
      // The whole panel at its 360 px width, in a window as tall as the form, so the sticky
      // Save bar sits at the bottom as it does on screen (a full-page shot leaves it mid-form).
      const height = await panel.evaluate(() => document.documentElement.scrollHeight);
      await panel.setViewportSize({ width: 360, height });
      return panel;
    },
    fullPage: false,
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
    file: 'gap-charts.png',
    what: 'the dashboard\'s lead–wider gap charts, one per partnership with its direction ("Widening by 0.6 since …")',
    take: async ({ ext, harness }) => {
      const page = await ext.context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(ext.extensionUrl('dashboard.html'));
      await harness.waitForReady(page, 30_000);
      await page.locator('section[aria-labelledby="gap-heading"] .headline[data-trend]').first().waitFor();
      return page;
    },
    element: (page) => page.locator('section[aria-labelledby="gap-heading"]'),
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
