// Builds the single-file widget (widget/vite.config.ts) and returns its HTML.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const WIDGET_DIR = path.dirname(fileURLToPath(import.meta.url));
export const WIDGET_OUTPUT = path.resolve(WIDGET_DIR, '..', process.env.PP_OUT_DIR ?? '.output', 'widget/pulse.html');

export async function buildWidget(): Promise<string> {
  await build({ configFile: path.join(WIDGET_DIR, 'vite.config.ts'), mode: 'production' });
  return readFile(WIDGET_OUTPUT, 'utf8');
}
