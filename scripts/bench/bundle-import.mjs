// (f) Importing a bundle: 20,000 meetings and 100,000 responses (with the 50 partnerships,
// 400 organisations, their memberships and 5,000 pulses they need) as one JSON file, through the
// bundle worker in an extension page: read, checked, planned and applied into an empty database.
// Against bare put()s of the same records in one transaction, in the same page and run.
//   bundle-import-ratio: the import's throughput over the bare puts' (bare ms / import ms), median of runs.
// The data is generated in the page (as lib/seed.mjs does) and the worker is the one the build made.
// Bare and import runs take turns, each into an emptied database; the page, its browser and the
// generated data set are made once and shared with the export and dashboard figures after it.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pageScript } from './lib/page-script.mjs';
import { atLeast, median, round } from './lib/figures.mjs';

export const BUNDLE_DATASET = {
  partnerships: 50,
  organisations: 400,
  meetings: 20_000,
  pulses: 5_000,
  responses: 100_000,
};

// One turn of each series by default (PP_BENCH_RUNS for more): see docs/benchmarks.md's bench-run-s for
// the spread measured between turns against the budget's margin.
const RUNS = Number(process.env.PP_BENCH_RUNS ?? 1);

const ENTRY = `
  import { datasetBundleText, datasetRecords, generateDataset } from './scripts/bench/dataset';
  const STORES = ['partnerships', 'organisations', 'memberships', 'people', 'purposeTags', 'meetings', 'pulses', 'responses'];
  const openDb = () => new Promise((resolve, reject) => {
    const request = indexedDB.open('partnership-pulse');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => resolve(request.result);
  });
  const finished = (tx) => new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
  /** Posts one request to a fresh bundle worker; resolves with its final reply and the ms it took. */
  const ask = (workerPath, message) => new Promise((resolve, reject) => {
    const worker = new Worker(workerPath, { type: 'module' });
    const started = performance.now();
    worker.onmessage = (event) => {
      if (event.data.type === 'progress') return;
      const ms = performance.now() - started;
      if (event.data.type === 'rejected' || event.data.type === 'failed') {
        worker.terminate();
        reject(new Error(JSON.stringify(event.data).slice(0, 500)));
      } else if (event.data.type === 'planned') {
        worker.postMessage({ type: 'apply', choices: { mergeOrganisations: {} } });
      } else {
        worker.terminate();
        resolve({ ms, reply: event.data });
      }
    };
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage(message);
  });
  globalThis.__ppBundleBench = {
    /** The records, and the bundle's text as an export writes it. */
    prepare(size) {
      const data = generateDataset(size);
      const records = datasetRecords(data);
      globalThis.__ppRecords = records;
      globalThis.__ppText = datasetBundleText(data);
      globalThis.__ppSummaries = new Map((data.pulses ?? []).map((pulse) => [pulse.id, pulse.summary]));
      return { bytes: globalThis.__ppText.length, ...Object.fromEntries(STORES.map((s) => [s, records[s].length])) };
    },
    /** The app's worker opens the database first, so its schema exists. */
    async schema(workerPath) {
      await ask(workerPath, { type: 'export', scope: 'all', app: 'bench' });
    },
    /**
     * An empty database: deleted and made again by the app's worker. (Clearing 120,000 records
     * took as long as putting them; deleting takes a fraction of a second.)
     */
    async reset(workerPath) {
      await new Promise((resolve, reject) => {
        const request = indexedDB.deleteDatabase('partnership-pulse');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      });
      await ask(workerPath, { type: 'export', scope: 'all', app: 'bench' });
    },
    /** Bare put()s of every record in one transaction, until it commits. */
    async bare() {
      const db = await openDb();
      const records = globalThis.__ppRecords;
      const started = performance.now();
      const tx = db.transaction(STORES, 'readwrite');
      for (const store of STORES) {
        const target = tx.objectStore(store);
        for (const record of records[store]) target.put(record);
      }
      await finished(tx);
      const ms = performance.now() - started;
      db.close();
      return ms;
    },
    /** The bundle file through the worker: preview, then apply; until the result comes back. */
    async importBundle(workerPath) {
      const file = new File([globalThis.__ppText], 'bench.json', { type: 'application/json' });
      const { ms, reply } = await ask(workerPath, { type: 'preview-file', file, fileName: file.name, app: 'bench' });
      return { ms, written: reply.result.written };
    },
    /**
     * The database as the dashboard figure wants it, from the records put bare: every pulse gets
     * the running summary the generator worked out (as the app keeps it) and a stored private key,
     * as real pulses have (a structured-cloned CryptoKey). Resolves to the pulses updated.
     */
    async dashboardReady() {
      const db = await openDb();
      const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
      const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
      const tx = db.transaction(['pulses', 'pulseSecrets'], 'readwrite');
      const pulses = tx.objectStore('pulses');
      const secrets = tx.objectStore('pulseSecrets');
      // One read of every pulse, then the writes queued at once: half the time of stepping a
      // cursor through them (8 s against 16 s for 5,000 pulses on the loaded machine).
      const stored = await new Promise((resolve, reject) => {
        const request = pulses.getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const publicKeyJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
      for (const pulse of stored) {
        pulses.put({ ...pulse, publicKeyJwk });
        // The key and the totals are local only (utils/db/pulse-secrets.ts).
        secrets.put({ id: pulse.id, summary: globalThis.__ppSummaries.get(pulse.id), privateKey: pair.privateKey });
      }
      await finished(tx);
      db.close();
      return stored.length;
    },
    /** Bare getAll() of every store and JSON.stringify of the lot. */
    async bareExport() {
      const db = await openDb();
      const started = performance.now();
      const tx = db.transaction(STORES);
      const lists = await Promise.all(STORES.map((store) => new Promise((resolve, reject) => {
        const request = tx.objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      })));
      const text = JSON.stringify(Object.fromEntries(STORES.map((store, i) => [store, lists[i]])));
      const ms = performance.now() - started;
      db.close();
      return { ms, bytes: text.length };
    },
    /** An export of everything through the worker, until its Blob is back on the page. */
    async exportBundle(workerPath) {
      const { ms, reply } = await ask(workerPath, { type: 'export', scope: 'all', app: 'bench' });
      return { ms, bytes: reply.blob.size };
    },
  };`;

/** The bench helpers and the data set, as evaluated in the page. */
export function bundleBenchScript(root) {
  return pageScript(root, ENTRY, { sourcefile: 'bundle-bench-entry.ts' });
}

/** A quiet extension page (no view reacting to changes) with the bench helpers and the dataset. */
export async function openBundleBenchPage(bench, ext) {
  const script = await bundleBenchScript(bench.root);
  const assets = path.join(bench.harness.EXTENSION_DIR, 'assets');
  const worker = readdirSync(assets).find((name) => /^bundle\.worker-.*\.js$/.test(name));
  if (!worker) throw new Error(`No bundle worker in ${assets}`);
  const workerPath = `/assets/${worker}`;
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('pulse.html'));
  await page.evaluate(script);
  // The newest meeting is four days ago, so the dashboard's default view (the last 12 months)
  // holds a year of them and no record is stamped in the future (the import refuses those:
  // pulses and responses are stamped up to three days after their meeting).
  const size = { ...BUNDLE_DATASET, now: Date.now() - 3 * 86_400_000 };
  const counts = await page.evaluate((s) => globalThis.__ppBundleBench.prepare(s), size);
  await page.evaluate((p) => globalThis.__ppBundleBench.schema(p), workerPath);
  // `empty`: the database as a reset leaves it (just made by the worker, nothing written yet).
  return { ext, page, workerPath, counts, full: false, empty: true };
}

/** The large database's browser, kept until the dashboard figure is done. */
function largeBrowser(bench) {
  // The dashboard's window size; the bundle figures draw nothing.
  return bench.shared('large', { viewport: { width: 1280, height: 900 } }, { keepPages: true });
}

/**
 * The large database's browser and page, made once in the run (one browser, the 65 MB bundle
 * and its records generated once) and shared by the bundle import, bundle export and dashboard
 * figures, which run in that order. `full` says whether the database holds every record of the
 * data set, written by bare puts (as the import figure's last run leaves it).
 */
export function bundleBench(bench) {
  return bench.keep('bundle-bench', async (entry) => {
    const ext = await largeBrowser(bench);
    const bundle = await bench.phase('data set generated', () => openBundleBenchPage(bench, ext));
    entry.close = () => bundle.page.close();
    return bundle;
  });
}

/** The database full of the data set, put bare: as the import figure left it, or filled now. */
export async function fillBare(bench, bundle) {
  if (bundle.full) return;
  await bench.phase('database filled', async () => {
    await bundle.page.evaluate((p) => globalThis.__ppBundleBench.reset(p), bundle.workerPath);
    await bundle.page.evaluate(() => globalThis.__ppBundleBench.bare());
  });
  bundle.full = true;
  bundle.empty = false;
}

/** Closes the bundle bench page (its records and text, hundreds of MB of heap, go with it); the browser and its database stay. */
export function releaseBundlePage(bench) {
  return bench.release('bundle-bench');
}

/** Closes the large database's browser: its figures are done. */
export function releaseLargeBrowser(bench) {
  return bench.release('browser:large');
}

export const bundleImport = {
  name: 'bundle-import-ratio',
  unit: '×',
  budget: 0.5,
  /**
   * The browser, launched before the stage of the three figures that share it. The data set is
   * generated in the figure: its page holds hundreds of MB of heap.
   */
  prepare: (bench) => largeBrowser(bench),
  async measure(bench) {
    const bundle = await bundleBench(bench);
    const { page, workerPath, counts } = bundle;
    bench.log(`bundle of ${(counts.bytes / 1e6).toFixed(1)} MB: ${JSON.stringify(counts)}`);
    const expected =
      counts.partnerships +
      counts.organisations +
      counts.memberships +
      counts.meetings +
      counts.pulses +
      counts.responses;
    const series = {
      bare: () => page.evaluate(() => globalThis.__ppBundleBench.bare()),
      import: async () => {
        const result = await page.evaluate((p) => globalThis.__ppBundleBench.importBundle(p), workerPath);
        if (result.written !== expected) throw new Error(`The import wrote ${result.written} records`);
        return result.ms;
      },
    };
    const times = { bare: [], import: [] };
    // In turns, each into an empty database (deleted and made again), the first in each run alternating so neither
    // series always follows the other. The last run ends with the bare puts: the database is
    // then full as the export figure wants it.
    for (let run = 0; run < RUNS; run += 1) {
      const order = (RUNS - run) % 2 === 1 ? ['import', 'bare'] : ['bare', 'import'];
      for (const name of order) {
        bundle.full = false;
        // The first series finds the database as a reset would leave it: not deleted and made again.
        if (!bundle.empty) {
          await bench.phase('resets', () => page.evaluate((p) => globalThis.__ppBundleBench.reset(p), workerPath), {
            quiet: true,
          });
        }
        bundle.empty = false;
        times[name].push(await bench.phase(name === 'bare' ? 'bare puts' : 'imports', series[name], { quiet: true }));
      }
      bundle.full = order.at(-1) === 'bare';
    }
    const [bareMs, importMs] = [median(times.bare), median(times.import)];
    bench.log(
      `bare puts ${times.bare.map((ms) => round(ms, 1)).join(', ')} ms, import ${times.import.map((ms) => round(ms, 1)).join(', ')} ms (medians ${round(bareMs, 1)} and ${round(importMs, 1)})`,
    );
    return [atLeast(this.name, round(bareMs / importMs, 3), this.unit, this.budget)];
  },
};
