import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Found by walking up rather than from a fixed offset: scripts/ run this module from a
// bundle under node_modules/.cache (see scripts/lib/import-ts.mjs).
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'wxt.config.ts'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No wxt.config.ts above ${start}`);
  }
}

export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));
/** Where `wxt build` writes (PP_OUT_DIR, as in wxt.config.ts). */
export const OUTPUT_DIR = path.join(REPO_ROOT, process.env.PP_OUT_DIR ?? '.output');
/** The unpacked Chrome build: `wxt build` writes it, the browser tests load it. */
export const EXTENSION_DIR = path.join(OUTPUT_DIR, 'chrome-mv3');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'tests', 'fixtures');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A path relative to the repository root (or absolute) made absolute. */
export function repoPath(relativeOrAbsolute: string): string {
  return path.resolve(REPO_ROOT, relativeOrAbsolute);
}
