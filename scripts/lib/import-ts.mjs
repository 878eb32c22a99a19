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

// WXT's `#imports` exists only inside its build. The sources scripts bundle for Node (the demo
// data, the bench data set) reach it only for messages: answer from the English ones, with $1…
// substitutions, as the unit tests' set-up does.
export const wxtImports = {
  name: 'wxt-imports-for-node',
  setup(builder) {
    builder.onResolve({ filter: /^#imports$/ }, () => ({ path: '#imports', namespace: 'wxt-imports' }));
    builder.onLoad({ filter: /.*/, namespace: 'wxt-imports' }, async () => ({
      contents: `const en = ${await readFile(path.join(ROOT, 'public/_locales/en/messages.json'), 'utf8')};
function getMessage(key, substitutions) {
  const entry = en[key];
  if (!entry) return '';
  const subs = Array.isArray(substitutions) ? substitutions : substitutions ? [substitutions] : [];
  return entry.message.replace(/\\$(\\d|\\$)/g, (_, n) => (n === '$' ? '$' : (subs[Number(n) - 1] ?? '')));
}
export const browser = { i18n: { getMessage, getUILanguage: () => 'en-GB' } };`,
      loader: 'js',
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
    plugins: [sourceImportMetaUrl, wxtImports],
    logLevel: 'error',
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(outfile, { force: true });
  }
}
