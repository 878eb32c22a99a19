// The partner's widget gzipped: the whole of .output/widget/pulse.html, its script and
// styles being inline. `wxt build` writes it (modules/pulse-widget.ts).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSize } from '../lib/sizes.mjs';
import { atMost, round } from './lib/figures.mjs';

/** Bytes (1 KB = 1024 bytes). */
export const WIDGET_GZIP_BUDGET = 12 * 1024;

export function widgetFile(root) {
  return path.join(root, '.output', 'widget', 'pulse.html');
}

export function widgetGzipBytes(root) {
  const file = widgetFile(root);
  if (!existsSync(file)) throw new Error(`No ${path.relative(root, file)}: run \`npm run build\` first`);
  return gzipSize(readFileSync(file));
}

export const widgetSize = {
  name: 'widget-gz',
  unit: 'KB',
  budget: WIDGET_GZIP_BUDGET / 1024,
  async measure({ root }) {
    return [atMost(this.name, round(widgetGzipBytes(root) / 1024, 2), this.unit, this.budget)];
  },
};
