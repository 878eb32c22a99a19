// What a figure's measure(bench) gets: paths, the browser-test harness, browsers to launch.
import path from 'node:path';
import { importTs, ROOT } from '../../lib/import-ts.mjs';

export async function createBenchContext() {
  const harness = await importTs('tests/harness/index.ts');
  const launched = new Set();
  return {
    root: ROOT,
    outDir: path.join(ROOT, '.output', 'chrome-mv3'),
    /** tests/harness: launchExtension, routeFixture, tabIdOf, openPanel, waitForReady… */
    harness,
    importTs,
    /** A fresh headless Chromium with the extension and the request guard; closed after the figure. */
    async launch(options = {}) {
      const ext = await harness.launchExtension({ headless: true, ...options });
      launched.add(ext);
      return ext;
    },
    /** Closes what the figure launched; throws if a request left for an unrouted host. */
    async closeAll() {
      const leaks = [];
      for (const ext of launched) {
        leaks.push(...ext.unexpectedRequests());
        await ext.closeUnchecked();
      }
      launched.clear();
      if (leaks.length > 0) throw new Error(harness.describeUnexpectedRequests(leaks));
    },
    log: (message) => console.log(`  ${message}`),
  };
}
