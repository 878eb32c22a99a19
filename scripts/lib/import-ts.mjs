// Node 20 cannot import TypeScript: bundle a module (and its local imports) with esbuild,
// which vite already brings, and import the result. Packages stay external, so the bundle
// is written under node_modules/.cache where they resolve as from the repository; each
// source keeps its own import.meta.url, so paths computed from it still hold.
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'partnership-pulse');

const sourceImportMetaUrl = {
  name: 'source-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.tsx?$/ }, async ({ path: file }) => ({
      contents: (await readFile(file, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href)),
      loader: file.endsWith('x') ? 'tsx' : 'ts',
    }));
  },
};

export async function importTs(relativePath) {
  mkdirSync(CACHE_DIR, { recursive: true });
  const name = relativePath.replace(/[^\w]+/g, '_');
  const outfile = path.join(CACHE_DIR, `${name}-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, relativePath)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins: [sourceImportMetaUrl],
    logLevel: 'error',
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(outfile, { force: true });
  }
}
