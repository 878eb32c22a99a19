// What a figure's measure(bench) gets: paths, the browser-test harness, browsers to launch, and
// the clock of the run: every set-up step timed (`phase`), so the run can say where its seconds went.
import path from 'node:path';
import { importTs, ROOT } from '../../lib/import-ts.mjs';

export async function createBenchContext() {
  const harness = await importTs('tests/harness/index.ts');
  /** Browsers launched for the current figure: closed after it. */
  const launched = new Set();
  /** Kept for the whole run (`shared`, `keep`): key → { value: Promise, close, pagesBefore }. */
  const kept = new Map();
  /** { figure, phase, ms } of every timed step. */
  const timings = [];
  let figure = '';
  const log = (message) => console.log(`  ${message}`);

  /** Steps running now: a step inside another (such as launches made side by side) is logged, not counted twice. */
  let running = 0;

  /** Steps of one label add up in the summary; `quiet` ones (repeated in a loop) are not logged one by one. */
  async function phase(label, fn, { quiet = false } = {}) {
    const started = Date.now();
    // The figure (or set-up) the step was started for, should another begin while it runs.
    const owner = figure;
    const nested = running > 0;
    running += 1;
    try {
      return await fn();
    } finally {
      running -= 1;
      const ms = Date.now() - started;
      if (!nested) timings.push({ figure: owner, phase: label, ms });
      if (!quiet) log(`[${nested ? '  ' : ''}${label}: ${(ms / 1000).toFixed(1)} s]`);
    }
  }

  function launchTimed(options) {
    return phase('browser launch', () => harness.launchExtension({ headless: true, ...options }));
  }

  /** Leaks of the browsers kept for the run since the last check, and their pages opened since closed. */
  async function settleKept() {
    const leaks = [];
    for (const entry of kept.values()) {
      if (!entry.ext) continue;
      const all = entry.ext.unexpectedRequests();
      leaks.push(...all.slice(entry.leaksSeen));
      entry.leaksSeen = all.length;
      if (entry.keepPages) continue;
      for (const page of entry.ext.context.pages()) if (!entry.pagesBefore.has(page)) await page.close();
    }
    return leaks;
  }

  return {
    root: ROOT,
    outDir: path.join(ROOT, '.output', 'chrome-mv3'),
    /** tests/harness: launchExtension, routeFixture, tabIdOf, openPanel, waitForReady… */
    harness,
    importTs,
    timings,
    /** Called by the runner before each figure, so that its steps are counted under its name. */
    startFigure(name) {
      figure = name;
    },
    /** Times one step of a figure's set-up or measurement, logs it and counts it in the run's summary. */
    phase,
    /** A fresh headless Chromium with the extension and the request guard; closed after the figure. */
    async launch(options = {}) {
      const ext = await launchTimed(options);
      launched.add(ext);
      return ext;
    },
    /**
     * One headless Chromium with the extension for the whole run, shared by the figures that ask
     * for the same `key` and only work in pages and databases of their own: launched once, the
     * pages a figure opened are closed after it, the browser at the end of the run.
     */
    shared(key = 'plain', options = {}, { keepPages = false } = {}) {
      return this.keep(`browser:${key}`, async (entry) => {
        const ext = await launchTimed(options);
        entry.ext = ext;
        entry.keepPages = keepPages;
        entry.pagesBefore = new Set(ext.context.pages());
        return ext;
      });
    },
    /**
     * A value made once in the run (a generated data set, a seeded page) and handed to every
     * figure that asks with the same key; `close` (optional) runs at the end of the run.
     */
    keep(key, make) {
      let entry = kept.get(key);
      if (!entry) {
        entry = { leaksSeen: 0, close: undefined, ext: undefined, pagesBefore: new Set() };
        entry.value = make(entry);
        kept.set(key, entry);
        entry.value.catch(() => kept.delete(key));
      }
      return entry.value;
    },
    /** Closes what was kept under `key` before the end of the run (its figures are done); throws on a request that left. */
    async release(key) {
      const entry = kept.get(key);
      if (!entry) return;
      kept.delete(key);
      await entry.value.catch(() => {});
      await entry.close?.().catch(() => {});
      if (!entry.ext) return;
      const leaks = entry.ext.unexpectedRequests().slice(entry.leaksSeen);
      await entry.ext.closeUnchecked();
      if (leaks.length > 0) throw new Error(harness.describeUnexpectedRequests(leaks));
    },
    /** Closes what the figure launched; throws if a request left for an unrouted host. */
    async closeAll() {
      const leaks = await settleKept();
      for (const ext of launched) {
        leaks.push(...ext.unexpectedRequests());
        await ext.closeUnchecked();
      }
      launched.clear();
      if (leaks.length > 0) throw new Error(harness.describeUnexpectedRequests(leaks));
    },
    /** At the end of the run: closes what was kept for it; throws on a request that left. */
    async closeKept() {
      const leaks = await settleKept().catch(() => []);
      for (const entry of kept.values()) {
        await entry.close?.().catch(() => {});
        await entry.ext?.closeUnchecked();
      }
      kept.clear();
      if (leaks.length > 0) throw new Error(harness.describeUnexpectedRequests(leaks));
    },
    log,
  };
}
