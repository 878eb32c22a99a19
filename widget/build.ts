// Builds the single-file widget (widget/vite.config.ts), adds its CSP (widget/csp.ts) and returns its HTML.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { withCsp } from './csp';

const WIDGET_DIR = path.dirname(fileURLToPath(import.meta.url));
export const WIDGET_OUTPUT = path.resolve(WIDGET_DIR, '..', process.env.PP_OUT_DIR ?? '.output', 'widget/pulse.html');

export async function buildWidget(): Promise<string> {
  await build({ configFile: path.join(WIDGET_DIR, 'vite.config.ts'), mode: 'production' });
  const html = withCsp(await readFile(WIDGET_OUTPUT, 'utf8'));
  await writeFile(WIDGET_OUTPUT, html);
  return html;
}
