// (d) One observer pass (read the page, fingerprint the snapshot, compare) over a large call,
// timed in the real page: utils/platforms/watch.ts's observerPass and the platform's reader,
// bundled into a script and injected into the routed fixture.
import { build } from 'esbuild';
import { atMost, median, round } from './lib/figures.mjs';

/** One entry per measured call page; add other platforms' large calls here. */
const CASES = [
  {
    name: 'observer-pass-300-ms',
    fixture: 'tests/fixtures/meet/large-call-300.html',
    url: 'https://meet.google.com/abc-defg-hij',
    routePattern: 'https://meet.google.com/**',
    readerModule: './utils/platforms/meet',
    readerExport: 'meetReader',
    minParticipants: 300,
  },
];

const PASSES = 200;
const BATCH = 5; // passes per timed sample: performance.now() is coarse outside isolated pages

async function bundleProbe(root, { readerModule, readerExport }) {
  const contents = `
    import { observerPass } from './utils/platforms/watch';
    import { ${readerExport} as reader } from '${readerModule}';
    globalThis.__ppObserverBench = (passes, batch) => {
      const url = location.href;
      let { fingerprint, snapshot } = observerPass(reader, document, url, null);
      const perPass = [];
      for (let done = 0; done < passes; done += batch) {
        const start = performance.now();
        for (let i = 0; i < batch; i += 1) fingerprint = observerPass(reader, document, url, fingerprint).fingerprint;
        perPass.push((performance.now() - start) / batch);
      }
      return { perPass, participants: snapshot.participants?.length ?? null };
    };`;
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'observer-bench.ts' },
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

export const observerPasses = {
  name: 'observer-pass',
  unit: 'ms',
  budget: 2,
  async measure(bench) {
    const ext = await bench.launch();
    const figures = [];
    for (const probe of CASES) {
      await bench.harness.routeFixture(ext.context, probe.routePattern, probe.fixture);
      const page = await ext.context.newPage();
      await page.goto(probe.url);
      await page.evaluate(await bundleProbe(bench.root, probe)); // evaluate, not a script tag: no CSP applies
      const { perPass, participants } = await page.evaluate(
        ([passes, batch]) => globalThis.__ppObserverBench(passes, batch),
        [PASSES, BATCH],
      );
      if ((participants ?? 0) < probe.minParticipants) {
        throw new Error(
          `${probe.fixture}: the reader saw ${participants} participants, expected ${probe.minParticipants}`,
        );
      }
      figures.push(atMost(probe.name, round(median(perPass), 4), 'ms', this.budget));
      await page.close();
    }
    return figures;
  },
};
