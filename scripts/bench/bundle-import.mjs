// (f) Importing a bundle: 20,000 meetings and 100,000 responses (with the 50 partnerships,
// 400 organisations, their memberships and 5,000 pulses they need) as one JSON file, through the
// bundle worker in an extension page: read, checked, planned and applied into an empty database.
// Against bare put()s of the same records in one transaction, in the same page and run.
//   bundle-import-ratio: the import's throughput over the bare puts' (bare ms / import ms), median of runs.
// The data is generated in the page (as lib/seed.mjs does) and the worker is the one the build made.
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

const RUNS = 2;

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
      return { bytes: globalThis.__ppText.length, ...Object.fromEntries(STORES.map((s) => [s, records[s].length])) };
    },
    /** The app's worker opens the database first, so its schema exists. */
    async schema(workerPath) {
      await ask(workerPath, { type: 'export', scope: 'all', app: 'bench' });
    },
    async clear() {
      const db = await openDb();
      const tx = db.transaction(STORES, 'readwrite');
      for (const store of STORES) tx.objectStore(store).clear();
      await finished(tx);
      db.close();
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
  const counts = await page.evaluate((size) => globalThis.__ppBundleBench.prepare(size), BUNDLE_DATASET);
  await page.evaluate((p) => globalThis.__ppBundleBench.schema(p), workerPath);
  return { page, workerPath, counts };
}

export const bundleImport = {
  name: 'bundle-import-ratio',
  unit: '×',
  budget: 0.5,
  async measure(bench) {
    const ext = await bench.launch();
    const { page, workerPath, counts } = await openBundleBenchPage(bench, ext);
    bench.log(`bundle of ${(counts.bytes / 1e6).toFixed(1)} MB: ${JSON.stringify(counts)}`);
    const bare = [];
    const imported = [];
    for (let run = 0; run < RUNS; run += 1) {
      await page.evaluate(() => globalThis.__ppBundleBench.clear());
      bare.push(await page.evaluate(() => globalThis.__ppBundleBench.bare()));
      await page.evaluate(() => globalThis.__ppBundleBench.clear());
      const result = await page.evaluate((p) => globalThis.__ppBundleBench.importBundle(p), workerPath);
      const expected = counts.partnerships + counts.organisations + counts.memberships + counts.meetings;
      if (result.written !== expected + counts.pulses + counts.responses) {
        throw new Error(`The import wrote ${result.written} records`);
      }
      imported.push(result.ms);
    }
    await page.close();
    const [bareMs, importMs] = [median(bare), median(imported)];
    bench.log(`bare puts ${round(bareMs, 1)} ms, import ${round(importMs, 1)} ms (medians of ${RUNS})`);
    return [atLeast(this.name, round(bareMs / importMs, 3), this.unit, this.budget)];
  },
};
