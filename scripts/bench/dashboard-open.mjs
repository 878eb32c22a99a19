// (e) The dashboard on a large database: 50 partnerships, 20,000 meetings over eight years up to
// four days ago, 5,000 pulses (each with its stored private key) with 100,000 responses. In each run,
// one fresh load of dashboard.html with the default view (every partnership, the last 12 months),
// then in the same page two filter changes and a bare getAll() of the responses store; medians
// over the runs. The database is the bundle figures' (bundle-import.mjs), which run before it in
// the same browser: the same records put bare, then each pulse's summary and key added.
//   dashboard-first-chart-ratio: navigation start → first chart drawn (`pp-first-chart`), over the bare getAll;
//   dashboard-filter-ratio: a partner-type change → every chart redrawn (`pp-drawn`), over the bare getAll;
//   dashboard-heap-mb: the page's JS heap after load (after a garbage collection).
import { BUNDLE_DATASET, bundleBench, fillBare, releaseBundlePage, releaseLargeBrowser } from './bundle-import.mjs';
import { atMost, median, round } from './lib/figures.mjs';

const RUNS = 5;
const WARMUPS = 1;
/** The bundle figures' data set: generated once in the run, in the browser the three share. */
export const DASHBOARD_DATASET = BUNDLE_DATASET;

/** A bare getAll() of the responses store, timed in the page. */
function bareGetAll(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('partnership-pulse');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const started = performance.now();
          const read = db.transaction('responses').objectStore('responses').getAll();
          read.onsuccess = () => {
            const ms = performance.now() - started;
            const count = read.result.length;
            db.close();
            resolve({ ms, count });
          };
          read.onerror = () => reject(read.error);
        };
      }),
  );
}

/** Changes a <select> of the dashboard and resolves to the ms until every chart has redrawn. */
function timeFilterChange(page, selectId, value) {
  return page.evaluate(
    ({ selectId, value }) =>
      new Promise((resolve, reject) => {
        const select = document.getElementById(selectId);
        if (!select) return reject(new Error(`No #${selectId}`));
        const started = performance.now();
        const observer = new PerformanceObserver((list) => {
          const mark = list.getEntries().find((entry) => entry.name === 'pp-drawn' && entry.startTime >= started);
          if (!mark) return;
          observer.disconnect();
          resolve(mark.startTime - started);
        });
        observer.observe({ type: 'mark' });
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        setTimeout(() => reject(new Error(`No redraw after #${selectId} = ${value}`)), 30_000);
      }),
    { selectId, value },
  );
}

async function heapMb(page) {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  await session.detach();
  return usedSize / (1024 * 1024);
}

export const dashboardOpen = {
  name: 'dashboard-first-chart-ratio',
  unit: '×',
  budget: 2,
  async measure(bench) {
    const { harness } = bench;
    // The bundle figures' browser and database when they ran just before (the import's last
    // run leaves every record put bare), else generated and filled here. Then each pulse gets
    // its summary and a private key, and the page holding the generated records is closed
    // (extension pages share one heap) before the dashboard is loaded.
    const bundle = await bundleBench(bench);
    const { ext, counts } = bundle;
    await fillBare(bench, bundle);
    const keyed = await bench.phase('pulse summaries and keys added', () =>
      bundle.page.evaluate(() => globalThis.__ppBundleBench.dashboardReady()),
    );
    await releaseBundlePage(bench);
    bench.log(`seeded ${JSON.stringify(counts)}, ${keyed} pulse summaries and keys`);
    const url = ext.extensionUrl('dashboard.html');

    const series = { firstChart: [], getAll: [], filter: [], kind: [], heap: [] };
    for (let run = 0; run < WARMUPS + RUNS; run += 1) {
      const quiet = { quiet: true };
      const page = await ext.context.newPage();
      await bench.phase('dashboard loads', () => page.goto(url).then(() => harness.waitForReady(page, 120_000)), quiet);
      const firstChart = await page.evaluate(() => performance.getEntriesByName('pp-first-chart')[0]?.startTime ?? NaN);
      const heap = await bench.phase('heap', () => heapMb(page), quiet);
      // Filters first: the garbage of reading 100,000 responses is the bare read's, not the dashboard's.
      const [typeChange, kindChange] = await bench.phase(
        'filter changes',
        async () => [
          await timeFilterChange(page, 'filter-type', 'core'),
          await timeFilterChange(page, 'filter-kind', 'core'),
        ],
        quiet,
      );
      const bare = await bench.phase('bare getAll', () => bareGetAll(page), quiet);
      if (bare.count !== DASHBOARD_DATASET.responses) throw new Error(`getAll read ${bare.count} responses`);
      await page.close();
      if (run < WARMUPS) continue;
      series.firstChart.push(firstChart);
      series.getAll.push(bare.ms);
      series.filter.push(typeChange);
      series.kind.push(kindChange);
      series.heap.push(heap);
    }
    await releaseLargeBrowser(bench);
    const list = (values) => values.map((ms) => round(ms, 0)).join('/');
    bench.log(
      `runs (ms): first chart ${list(series.firstChart)}, bare getAll ${list(series.getAll)}, partner-type change ${list(series.filter)}`,
    );
    const [first, getAll, filter, kind, heap] = [
      series.firstChart,
      series.getAll,
      series.filter,
      series.kind,
      series.heap,
    ].map(median);
    bench.log(
      `first chart ${round(first, 1)} ms, bare getAll of ${DASHBOARD_DATASET.responses} responses ${round(getAll, 1)} ms, ` +
        `partner-type change ${round(filter, 1)} ms, meeting-kind change ${round(kind, 1)} ms, heap ${round(heap, 1)} MB (medians of ${RUNS})`,
    );
    return [
      atMost(this.name, round(first / getAll, 3), this.unit, this.budget),
      atMost('dashboard-filter-ratio', round(filter / getAll, 3), '×', 0.25),
      atMost('dashboard-heap-mb', round(heap, 1), 'MB', 150),
    ];
  },
};
