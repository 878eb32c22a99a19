// Fills the extension's IndexedDB with a generated data set, written with the raw API as a
// large existing database would hold it. Generated inside the page (scripts/bench/dataset.ts,
// bundled by esbuild): sending megabytes of records through Playwright takes far longer
// than writing them. The page must be an extension page on which the app has already
// opened the database, so the schema exists.
import { pageScript } from './page-script.mjs';

const ENTRY = `
  import { generateDataset } from './scripts/bench/dataset';
  globalThis.__ppSeed = (size) => new Promise((resolve, reject) => {
    const data = generateDataset(size);
    const request = indexedDB.open('partnership-pulse');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const stores = Object.keys(data);
      const missing = stores.filter((store) => !db.objectStoreNames.contains(store));
      if (missing.length > 0) {
        db.close();
        reject(new Error('The database (version ' + db.version + ') has no store ' + missing.join(', ')));
        return;
      }
      const tx = db.transaction(stores, 'readwrite');
      for (const store of stores) for (const record of data[store]) tx.objectStore(store).put(record);
      tx.oncomplete = () => {
        db.close();
        resolve(Object.fromEntries(stores.map((store) => [store, data[store].length])));
      };
      tx.onerror = tx.onabort = () => {
        db.close();
        reject(tx.error);
      };
    };
  });`;

/** The seeding script, as evaluated in the page. */
export function seedScript(root) {
  return pageScript(root, ENTRY, { sourcefile: 'seed-entry.ts' });
}

/** Writes generateDataset(size) into the page's database; resolves to the count per store. */
export async function seedDatabase(page, root, size) {
  await page.evaluate(await seedScript(root));
  return page.evaluate((seedSize) => globalThis.__ppSeed(seedSize), size);
}
