// (a) each content script and (b) the side panel's first-load JavaScript, gzipped.
import path from 'node:path';
import { backgroundSyncSize, contentScriptSizes, pageScriptSize, SIZE_BUDGETS } from '../lib/sizes.mjs';
import { ROOT } from '../lib/import-ts.mjs';
import { atMost, round } from './lib/figures.mjs';

const kb = (bytes) => round(bytes / 1024, 2);

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
  async measure() {
    const { gzipBytes } = await backgroundSyncSize(ROOT);
    return [atMost(this.name, kb(gzipBytes), 'KB', this.budget)];
  },
};
