// Gzipped sizes of the built extension's JavaScript: shared by tests/browser/sizes.test.ts and the bench.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budgets in bytes (1 KB = 1024 bytes). */
export const SIZE_BUDGETS = {
  contentScriptGzip: 8 * 1024,
  sidePanelGzip: 60 * 1024,
  backgroundSyncGzip: 12 * 1024,
};

export function gzipSize(contents) {
  return gzipSync(contents, { level: 9 }).length;
}

function measure(outDir, relativePath) {
  const contents = readFileSync(path.join(outDir, relativePath));
  return { file: relativePath, bytes: contents.length, gzipBytes: gzipSize(contents) };
}

/** Every content script of the build: [{ file, bytes, gzipBytes }]. */
export function contentScriptSizes(outDir) {
  const dir = path.join(outDir, 'content-scripts');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .sort()
    .map((name) => measure(outDir, `content-scripts/${name}`));
}

const SCRIPT_SRC = /<script\b[^>]*\bsrc=["']([^"']+)["']/gi;
const MODULE_PRELOAD =
  /<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+)["']|<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["']modulepreload["']/gi;
// `import x from "./a.js"`, `import "./a.js"`, `export * from "./a.js"`; not `import("./a.js")`,
// which loads on demand and is not part of the page's first load.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?(["'])([^"']+)\1/g;

/** Resolves a script reference to a path relative to outDir, or null for anything outside the build. */
function resolveReference(outDir, fromFile, reference) {
  if (/^[a-z][\w+.-]*:/i.test(reference)) return null;
  const absolute = reference.startsWith('/')
    ? path.join(outDir, reference)
    : path.resolve(path.dirname(path.join(outDir, fromFile)), reference);
  const relative = path.relative(outDir, absolute.split(/[?#]/)[0]);
  return relative.startsWith('..') ? null : relative.split(path.sep).join('/');
}

/** The JS files an HTML page of the build loads up front: its scripts and their static imports, transitively. */
export function pageScripts(outDir, htmlFile) {
  const html = readFileSync(path.join(outDir, htmlFile), 'utf8');
  const entries = [...html.matchAll(SCRIPT_SRC)].map((m) => m[1]);
  const preloads = [...html.matchAll(MODULE_PRELOAD)].map((m) => m[1] ?? m[2]);
  const queue = [...entries, ...preloads].map((ref) => resolveReference(outDir, htmlFile, ref)).filter(Boolean);
  const seen = new Set();
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file) || !file.endsWith('.js') || !existsSync(path.join(outDir, file))) continue;
    seen.add(file);
    const code = readFileSync(path.join(outDir, file), 'utf8');
    for (const match of code.matchAll(STATIC_IMPORT)) {
      const resolved = resolveReference(outDir, file, match[2]);
      if (resolved) queue.push(resolved);
    }
  }
  return [...seen].sort();
}

/** Total size of the JS an HTML page loads up front: { files: [{ file, bytes, gzipBytes }], bytes, gzipBytes }. */
export function pageScriptSize(outDir, htmlFile) {
  const files = pageScripts(outDir, htmlFile).map((file) => measure(outDir, file));
  return {
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}

export function formatKilobytes(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * What the workspace sync adds to the background's script, gzipped: entrypoints/background.ts
 * bundled and minified by Vite (Rollup + terser, as `wxt build` does) once as it is and once
 * with utils/sync/background.ts replaced by an empty startWorkspaceSync. Everything only the
 * sync reaches counts (its HTTP client, the merge, the validation tables, idb, the database
 * upgrade); what the background has anyway does not. WXT's `#imports` stays out of both.
 * Returns { withSync, withoutSync, gzipBytes } (bytes) and the source files read (`inputs`).
 */
export async function backgroundSyncSize(root) {
  const { build } = await import('vite');
  /** Every source file either build read. */
  const inputs = new Set();
  const bundleGzip = async (withSync) => {
    const stub = {
      name: 'pp-without-sync',
      enforce: 'pre',
      resolveId(id, importer) {
        if (
          !withSync &&
          /utils\/sync\/background(\.ts)?$/.test(id) &&
          /entrypoints[\\/]background\.ts$/.test(importer ?? '')
        ) {
          return '\0pp-without-sync';
        }
        return null;
      },
      load(id) {
        return id === '\0pp-without-sync' ? 'export function startWorkspaceSync() {}' : null;
      },
      // Every module read, tree-shaken away or not: a change to any may change the bundle.
      moduleParsed({ id }) {
        if (path.isAbsolute(id)) inputs.add(id);
      },
    };
    const result = await build({
      configFile: false,
      logLevel: 'silent',
      root,
      plugins: [stub],
      build: {
        write: false,
        minify: 'terser',
        terserOptions: { compress: { passes: 2 } },
        target: 'esnext',
        modulePreload: false,
        rollupOptions: {
          input: path.join(root, 'entrypoints/background.ts'),
          external: ['#imports'],
          output: { format: 'es', inlineDynamicImports: true },
        },
      },
    });
    const chunks = (Array.isArray(result) ? result[0] : result).output.filter((o) => o.type === 'chunk');
    if (chunks.length === 0) throw new Error('The background bundled to nothing');
    return chunks.reduce((sum, chunk) => sum + gzipSize(chunk.code), 0);
  };
  const withSync = await bundleGzip(true);
  const withoutSync = await bundleGzip(false);
  return { withSync, withoutSync, gzipBytes: withSync - withoutSync, inputs: [...inputs].sort() };
}
