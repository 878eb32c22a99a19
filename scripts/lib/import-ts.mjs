// Node 20 cannot import TypeScript: bundle a module (and its local imports) with esbuild,
// which vite already brings, and import the result. Packages stay external, so the bundle
// is written under node_modules/.cache where they resolve as from the repository.
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'partnership-pulse');

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
    logLevel: 'error',
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(outfile, { force: true });
  }
}
