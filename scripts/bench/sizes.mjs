// (a) each content script and (b) the side panel's first-load JavaScript, gzipped.
import path from 'node:path';
import { backgroundSyncSize, contentScriptSizes, pageScriptSize, SIZE_BUDGETS } from '../lib/sizes.mjs';
import { ROOT } from '../lib/import-ts.mjs';
import { atMost, round } from './lib/figures.mjs';
import { cachedByInputs } from './lib/input-cache.mjs';

const kb = (bytes) => round(bytes / 1024, 2);
/** Where background-sync-gz keeps its last measurement (.output is not committed). */
const BACKGROUND_SYNC_CACHE = path.join(ROOT, '.output', 'bench-cache', 'background-sync-gz.json');

export const contentScripts = {
  name: 'content-script-gz',
  unit: 'KB',
  budget: kb(SIZE_BUDGETS.contentScriptGzip),
  async measure({ outDir }) {
    const scripts = contentScriptSizes(outDir);
    if (scripts.length === 0) throw new Error('The build has no content scripts');
    return scripts.map((script) =>
      atMost(`content-script-gz-${path.basename(script.file, '.js')}`, kb(script.gzipBytes), 'KB', this.budget),
    );
  },
};

export const sidePanelScripts = {
  name: 'sidepanel-js-gz',
  unit: 'KB',
  budget: kb(SIZE_BUDGETS.sidePanelGzip),
  async measure({ outDir }) {
    const { gzipBytes, files } = pageScriptSize(outDir, 'sidepanel.html');
    if (files.length === 0) throw new Error('sidepanel.html loads no script');
    return [atMost(this.name, kb(gzipBytes), 'KB', this.budget)];
  },
};

export const backgroundSync = {
  name: 'background-sync-gz',
  unit: 'KB',
  budget: kb(SIZE_BUDGETS.backgroundSyncGzip),
  /**
   * Two Vite builds (8-27 s with the load), so the result is kept with a hash of every file they
   * bundled, of this code and of the lock file, and used again while none of them changed.
   */
  async measure(bench) {
    const fixed = ['scripts/lib/sizes.mjs', 'package-lock.json', 'tsconfig.json'].map((file) => path.join(ROOT, file));
    const { value, reused } = await cachedByInputs(BACKGROUND_SYNC_CACHE, fixed, async () => {
      const { gzipBytes, inputs } = await backgroundSyncSize(ROOT);
      return { value: gzipBytes, inputs };
    });
    if (reused) bench.log(`none of the files bundled changed: ${value} B, as last measured`);
    return [atMost(this.name, kb(value), 'KB', this.budget)];
  },
};
