// The screenshots `npm run demo -- --screenshots DIR` saves. Add one by adding an entry:
// `take(demo)` gets what demo.mjs set up and resolves to the Playwright page to shoot.
// demo: { ext, harness, callPage, callTabId, panel (360×800), options (the management page) }

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
  // Later: the pulse widget (pulse.html).
];
