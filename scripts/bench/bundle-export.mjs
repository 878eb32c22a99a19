// (g) Exporting everything as a bundle: the database of bundle-import.mjs (20,000 meetings,
// 100,000 responses and what they need), exported by the bundle worker until its Blob is back on
// the page, against a bare getAll() of every store plus one JSON.stringify, in the same page and run.
//   bundle-export-ratio: the export's throughput over the bare read's (bare ms / export ms), median of runs.
import { BUNDLE_DATASET, bundleBench, fillBare } from './bundle-import.mjs';
import { atLeast, median, round } from './lib/figures.mjs';

// One turn of each series by default (PP_BENCH_RUNS for more), after one untimed bare read: the
// first read after the import's 120,000 puts took 35 s against 22 and 20 s for the next two
// (the exports 29-31 s each), so a first bare read would flatter the ratio (1.19x against 0.70x
// and 0.65x).
const RUNS = Number(process.env.PP_BENCH_RUNS ?? 1);

export const bundleExport = {
  name: 'bundle-export-ratio',
  unit: '×',
  budget: 0.5,
  async measure(bench) {
    // The import figure's page and database when it ran just before (its last run leaves every
    // record put bare); else generated and filled here.
    const bundle = await bundleBench(bench);
    const { page, workerPath, counts } = bundle;
    await fillBare(bench, bundle);
    const bareRead = async () => (await page.evaluate(() => globalThis.__ppBundleBench.bareExport())).ms;
    await bench.phase('warm-up read', bareRead);
    const bare = [];
    const exported = [];
    const quiet = { quiet: true };
    for (let run = 0; run < RUNS; run += 1) {
      bare.push(await bench.phase('bare reads', bareRead, quiet));
      const result = await bench.phase(
        'exports',
        () => page.evaluate((p) => globalThis.__ppBundleBench.exportBundle(p), workerPath),
        quiet,
      );
      // The export is the generated bundle again, give or take its header and line breaks (its
      // size in UTF-8 bytes, the generated text's in UTF-16 code units: names have accents).
      if (Math.abs(result.bytes - counts.bytes) > counts.bytes / 100) {
        throw new Error(`The export has ${result.bytes} bytes, the bundle ${counts.bytes} characters`);
      }
      exported.push(result.ms);
    }
    const [bareMs, exportMs] = [median(bare), median(exported)];
    const list = (values) => values.map((ms) => round(ms, 1)).join(', ');
    bench.log(
      `${JSON.stringify(BUNDLE_DATASET)}: bare getAll + JSON.stringify ${list(bare)} ms, export ${list(exported)} ms ` +
        `(medians ${round(bareMs, 1)} and ${round(exportMs, 1)})`,
    );
    return [atLeast(this.name, round(bareMs / exportMs, 3), this.unit, this.budget)];
  },
};
