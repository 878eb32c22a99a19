import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WIDGET_GZIP_BUDGET, widgetFile, widgetGzipBytes } from '../../scripts/bench/widget-gz.mjs';
import {
  backgroundSyncSize,
  contentScriptSizes,
  formatKilobytes,
  pageScripts,
  pageScriptSize,
  SIZE_BUDGETS,
} from '../../scripts/lib/sizes.mjs';
import { EXTENSION_DIR, REPO_ROOT } from '../harness/paths';

describe('size budgets of the build', () => {
  it('keeps each content script within 8 KB gzipped', () => {
    const scripts = contentScriptSizes(EXTENSION_DIR);
    const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      content_scripts?: { js?: string[] }[];
    };
    const declared = (manifest.content_scripts ?? []).flatMap((script) => script.js ?? []);
    expect(scripts.map((script) => script.file)).toEqual(expect.arrayContaining(declared));
    for (const script of scripts) {
      expect(script.gzipBytes, `${script.file} is ${formatKilobytes(script.gzipBytes)} gzipped`).toBeLessThanOrEqual(
        SIZE_BUDGETS.contentScriptGzip,
      );
    }
  });

  it("keeps the side panel's JavaScript within 60 KB gzipped", () => {
    const panel = pageScriptSize(EXTENSION_DIR, 'sidepanel.html');
    expect(panel.files.length).toBeGreaterThan(0);
    const detail = panel.files.map((f) => `${f.file} ${formatKilobytes(f.gzipBytes)}`).join(', ');
    expect(panel.gzipBytes, detail).toBeLessThanOrEqual(SIZE_BUDGETS.sidePanelGzip);
  });

  it("keeps what the workspace sync adds to the background's script within 12 KB gzipped", async () => {
    const { withSync, withoutSync, gzipBytes } = await backgroundSyncSize(REPO_ROOT);
    // Both bundles hold the background's own work; the sync is the difference.
    expect(withoutSync).toBeGreaterThan(1024);
    expect(
      gzipBytes,
      `the sync adds ${formatKilobytes(gzipBytes)} (${withSync} - ${withoutSync} bytes)`,
    ).toBeGreaterThan(4 * 1024);
    expect(gzipBytes, `the sync adds ${formatKilobytes(gzipBytes)} gzipped`).toBeLessThanOrEqual(
      SIZE_BUDGETS.backgroundSyncGzip,
    );
  }, 120_000);

  it("keeps Preact, signals and idb out of the background's script", () => {
    // Fingerprints that survive minification: idb's cursor method list, signals' cycle error, Preact's hooks' error.
    const background = readFileSync(path.join(EXTENSION_DIR, 'background.js'), 'utf8');
    expect(background.length).toBeGreaterThan(1024);
    expect(background).toContain('indexedDB.open');
    expect(background).not.toContain('continuePrimaryKey');
    expect(background).not.toContain('Cycle detected');
    expect(background).not.toMatch(/Hook can only be invoked|__H/);
  });

  it("keeps chart.js out of the side panel's first load and in the dashboard's", () => {
    // Chart.js's registry error message survives minification: a fingerprint of the library.
    const hasChartJs = (html: string) =>
      pageScripts(EXTENSION_DIR, html).some((file) =>
        readFileSync(path.join(EXTENSION_DIR, file), 'utf8').includes(' is not a registered '),
      );
    expect(hasChartJs('dashboard.html')).toBe(true);
    expect(hasChartJs('sidepanel.html')).toBe(false);
  });

  it('keeps the partner widget one self-contained file within 12 KB gzipped', () => {
    const html = readFileSync(widgetFile(REPO_ROOT), 'utf8');
    expect(html.match(/<script type="module"[^>]*>([\s\S]*?)<\/script>/)?.[1]?.length).toBeGreaterThan(1000);
    expect(html.match(/<style[^>]*>([\s\S]*?)<\/style>/)?.[1]?.length).toBeGreaterThan(500);
    // Nothing it could fetch: no external script or style sheet, no url() in the styles.
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/url\(|@import/i);
    const gzipBytes = widgetGzipBytes(REPO_ROOT);
    expect(gzipBytes, `pulse.html is ${formatKilobytes(gzipBytes)} gzipped`).toBeLessThanOrEqual(WIDGET_GZIP_BUDGET);
  });
});

describe('pageScripts', () => {
  it('follows static imports between chunks, and leaves out what loads on demand', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pp-sizes-'));
    mkdirSync(path.join(dir, 'chunks'));
    const files: Record<string, string> = {
      'page.html':
        '<script type="module" crossorigin src="/chunks/page.js"></script><link rel="modulepreload" href="/chunks/preloaded.js">',
      'chunks/page.js': 'import{a as b}from"./shared.js";import"./side-effect.js";const c=()=>import("./lazy.js");',
      'chunks/shared.js': 'export*from"./deeper.js";export const a=1;',
      'chunks/deeper.js': 'export const d="import(\'./not-a-file.js\')";',
      'chunks/side-effect.js': 'console.log(1)',
      'chunks/preloaded.js': '',
      'chunks/lazy.js': 'export const lazy=1;',
      'chunks/unused.js': '',
    };
    for (const [file, contents] of Object.entries(files)) writeFileSync(path.join(dir, file), contents);
    expect(pageScripts(dir, 'page.html')).toEqual([
      'chunks/deeper.js',
      'chunks/page.js',
      'chunks/preloaded.js',
      'chunks/shared.js',
      'chunks/side-effect.js',
    ]);
  });
});
