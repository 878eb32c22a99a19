// (e) The dashboard on a large database: 50 partnerships, 20,000 meetings over eight years up to
// yesterday, 5,000 pulses (each with its stored private key) with 100,000 responses. In each run,
// one fresh load of dashboard.html with the default view (every partnership, the last 12 months),
// then in the same page two filter changes and a bare getAll() of the responses store; medians
// over the runs.
//   dashboard-first-chart-ratio: navigation start → first chart drawn (`pp-first-chart`), over the bare getAll;
//   dashboard-filter-ratio: a partner-type change → every chart redrawn (`pp-drawn`), over the bare getAll;
//   dashboard-heap-mb: the page's JS heap after load (after a garbage collection).
import { atMost, median, round } from './lib/figures.mjs';
import { seedDatabase } from './lib/seed.mjs';

const RUNS = 5;
const WARMUPS = 1;
export const DASHBOARD_DATASET = {
  partnerships: 50,
  organisations: 400,
  meetings: 20_000,
  pulses: 5_000,
  responses: 100_000,
};

/** Every pulse gets a stored private key, as real pulses have (a structured-cloned CryptoKey). */
async function addPulseKeys(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('partnership-pulse');
        request.onerror = () => reject(request.error);
        request.onsuccess = async () => {
          const db = request.result;
          const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
          const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
          const tx = db.transaction(['pulses', 'pulseSecrets'], 'readwrite');
          const secrets = tx.objectStore('pulseSecrets');
          let count = 0;
          tx.objectStore('pulses').openCursor().onsuccess = (event) => {
            const cursor = event.target.result;
            if (!cursor) return;
            cursor.update({ ...cursor.value, publicKeyJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } });
            // The private key is local only, beside the pulse's totals (utils/db/pulse-secrets.ts).
            const id = cursor.value.id;
            secrets.get(id).onsuccess = (read) =>
              secrets.put({ ...read.target.result, id, privateKey: pair.privateKey });
            count += 1;
            cursor.continue();
          };
          tx.oncomplete = () => {
            db.close();
            resolve(count);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

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
    const ext = await bench.launch({ viewport: { width: 1280, height: 900 } });
    const url = ext.extensionUrl('dashboard.html');
    const seeder = await ext.context.newPage();
    await seeder.goto(url);
    await harness.waitForReady(seeder, 30_000); // the app has made the database and its schema
    // The newest meeting is yesterday, so the default view (the last 12 months) holds a year of them.
    const counts = await seedDatabase(seeder, bench.root, { ...DASHBOARD_DATASET, now: Date.now() });
    const keyed = await addPulseKeys(seeder);
    bench.log(`seeded ${JSON.stringify(counts)}, ${keyed} pulse keys`);
    await seeder.close();

    const series = { firstChart: [], getAll: [], filter: [], kind: [], heap: [] };
    for (let run = 0; run < WARMUPS + RUNS; run += 1) {
      const page = await ext.context.newPage();
      await page.goto(url);
      await harness.waitForReady(page, 120_000);
      const firstChart = await page.evaluate(() => performance.getEntriesByName('pp-first-chart')[0]?.startTime ?? NaN);
      const heap = await heapMb(page);
      // Filters first: the garbage of reading 100,000 responses is the bare read's, not the dashboard's.
      const typeChange = await timeFilterChange(page, 'filter-type', 'core');
      const kindChange = await timeFilterChange(page, 'filter-kind', 'core');
      const bare = await bareGetAll(page);
      if (bare.count !== DASHBOARD_DATASET.responses) throw new Error(`getAll read ${bare.count} responses`);
      await page.close();
      if (run < WARMUPS) continue;
      series.firstChart.push(firstChart);
      series.getAll.push(bare.ms);
      series.filter.push(typeChange);
      series.kind.push(kindChange);
      series.heap.push(heap);
    }
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
