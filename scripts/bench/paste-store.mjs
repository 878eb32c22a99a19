// Is the paste figure's floor really the floor? The ways to store the 2,000 responses of a paste
// in IndexedDB in Chromium, each timed against the bare cryptography of opening their codes (the
// same yardstick as paste-codes.mjs), in the same extension page, in turns, each from an empty
// store:
// - idb-add: what the floor of paste-codes.mjs adds: idb's wrapper, one transaction, an add per
//   record, all requests at once, awaited together (the product's addResponses writes this way);
// - raw-add: the same requests without idb's promises (IDBObjectStore.add, one oncomplete);
// - raw-put: put instead of add (no "already stored?" constraint check);
// - relaxed: raw-add in a transaction opened with durability 'relaxed';
// - strict: raw-add with durability 'strict' (what Chromium's default is, told by comparison);
// - no-indexes: raw-add into a store with the same key and no index (the responses store keeps
//   two: by-pulse and by-updated);
// - one-record: all 2,000 records as one value under one key: the least any write of them costs.
// The last two change the schema, the one before them what a crash may lose: they are measured
// to show where the floor is, not as changes to make.
import { informational, median, round } from './lib/figures.mjs';
import { pasteBenchSource, pasteScript } from './paste-codes.mjs';

const CODES = 2000;
const RUNS = 5;
const WARMUPS = 1;
export const STORE_WAYS = ['idb-add', 'raw-add', 'raw-put', 'relaxed', 'strict', 'no-indexes', 'one-record'];

async function timeStoresInPage({ count, runs, warmups, ways }) {
  const { bareOpener } = globalThis.__pasteCodes;
  const made = await globalThis.__pasteBench.buildCodes(globalThis.__pasteCodes, { count, seats: false });
  const { db, pulse, codes, records } = made;
  const bareOpen = bareOpener(codes, pulse.id, pulse.privateKey);
  // A scratch database beside it, for the shapes the schema does not have.
  const scratchName = `bench-store-shapes-${crypto.randomUUID()}`;
  const scratch = await new Promise((resolve, reject) => {
    const request = indexedDB.open(scratchName, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('plain', { keyPath: 'id' });
      request.result.createObjectStore('batch', { keyPath: 'id' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const raw = await new Promise((resolve, reject) => {
    const request = indexedDB.open(db.name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const done = (tx) =>
    new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () => reject(tx.error);
    });
  const rawWrite = (target, store, method, options) => {
    const tx = target.transaction(store, 'readwrite', options);
    const objectStore = tx.objectStore(store);
    for (const record of records) objectStore[method](record);
    return done(tx);
  };
  const series = {
    bare: bareOpen,
    'idb-add': async () => {
      const tx = db.transaction('responses', 'readwrite');
      await Promise.all([...records.map((record) => tx.store.add(record)), tx.done]);
    },
    'raw-add': () => rawWrite(raw, 'responses', 'add'),
    'raw-put': () => rawWrite(raw, 'responses', 'put'),
    relaxed: () => rawWrite(raw, 'responses', 'add', { durability: 'relaxed' }),
    strict: () => rawWrite(raw, 'responses', 'add', { durability: 'strict' }),
    'no-indexes': () => rawWrite(scratch, 'plain', 'add'),
    'one-record': () => {
      const tx = scratch.transaction('batch', 'readwrite');
      tx.objectStore('batch').put({ id: 'all', records });
      return done(tx);
    },
  };
  const clear = (target, stores) => {
    const tx = target.transaction(stores, 'readwrite');
    for (const store of stores) tx.objectStore(store).clear();
    return done(tx);
  };
  const names = ['bare', ...ways];
  const results = [];
  for (let run = 0; run < warmups + runs; run += 1) {
    const order = run % 2 === 0 ? names : [...names].reverse();
    const ms = {};
    for (const name of order) {
      await clear(raw, ['responses']);
      await clear(scratch, ['plain', 'batch']);
      const start = performance.now();
      await series[name]();
      ms[name] = performance.now() - start;
    }
    if (run >= warmups) results.push(ms);
  }
  raw.close();
  scratch.close();
  db.close();
  for (const name of [db.name, scratchName]) {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  }
  return results;
}

export const pasteStore = {
  name: 'paste-2000-store-ways',
  unit: '×',
  budget: null,
  async measure(bench) {
    const ext = await bench.shared();
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('pulse.html'));
    await page.evaluate(await pasteScript(bench.root));
    await page.evaluate(pasteBenchSource());
    const results = await page.evaluate(timeStoresInPage, {
      count: CODES,
      runs: RUNS,
      warmups: WARMUPS,
      ways: STORE_WAYS,
    });
    const bareMs = median(results.map((r) => r.bare));
    bench.log(`The bare cryptography of opening ${CODES} codes: ${round(bareMs, 1)} ms (median of ${RUNS} runs)`);
    const figures = [];
    for (const way of STORE_WAYS) {
      const ms = median(results.map((r) => r[way]));
      const floor = median(results.map((r) => (r.bare + r[way]) / r.bare));
      bench.log(`${way}: ${round(ms, 1)} ms; with the cryptography ${round(floor, 3)}× the cryptography`);
      figures.push(informational(`paste-2000-floor-with-${way}`, round(floor, 3), this.unit));
    }
    return figures;
  },
};
