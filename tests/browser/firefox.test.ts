// The Firefox build (`wxt build -b firefox`, a step of `npm test`): no Firefox runs here, so
// this checks what can be checked without one — the manifest, that every file it and its pages
// name is in the build, and Mozilla's add-on linter (web-ext lint, as addons.mozilla.org runs it).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { OUTPUT_DIR, REPO_ROOT } from '../harness/paths';
import { serverPermissionRequest, type OfferedPermissions } from '../../utils/sync/permissions';

const FIREFOX_DIR = path.join(OUTPUT_DIR, 'firefox-mv2');

interface FirefoxManifest {
  manifest_version: number;
  default_locale?: string;
  icons?: Record<string, string>;
  background?: { scripts?: string[]; page?: string };
  options_ui?: { page: string };
  sidebar_action?: { default_panel: string; default_title?: string; default_icon?: string };
  browser_action?: { default_title?: string; default_icon?: string };
  content_scripts?: { js?: string[]; css?: string[] }[];
  browser_specific_settings?: {
    gecko?: {
      id?: string;
      strict_min_version?: string;
      data_collection_permissions?: { required: string[]; optional?: string[] };
    };
  };
}

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
}

function readManifest(): FirefoxManifest {
  const file = path.join(FIREFOX_DIR, 'manifest.json');
  if (!existsSync(file)) throw new Error(`No Firefox build in ${FIREFOX_DIR}: run \`npm run build:firefox\` first.`);
  return JSON.parse(readFileSync(file, 'utf8')) as FirefoxManifest;
}

/** Every file the manifest names, and every page the code opens by its address. */
function referencedFiles(manifest: FirefoxManifest): string[] {
  return [
    ...Object.values(manifest.icons ?? {}),
    ...(manifest.background?.scripts ?? []),
    manifest.options_ui?.page,
    manifest.sidebar_action?.default_panel,
    manifest.sidebar_action?.default_icon,
    manifest.browser_action?.default_icon,
    ...(manifest.content_scripts ?? []).flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]),
    manifest.default_locale && `_locales/${manifest.default_locale}/messages.json`,
    // Opened with runtime.getURL: the toolbar's dashboard, the pulse preview, the widget copy the panel saves.
    'dashboard.html',
    'pulse.html',
    'widget/pulse.html',
  ].filter((file): file is string => !!file);
}

/** The scripts and stylesheets an extension page loads (Vite writes them as root-relative paths). */
function pageAssets(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
}

function describeLint(messages: LintMessage[]): string {
  return messages.map((m) => `${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} — ${m.message}`).join('\n');
}

describe('the Firefox build', () => {
  it('has the panel as a sidebar_action with a title and icon, and a gecko id and minimum version', () => {
    const manifest = readManifest();
    expect(manifest.manifest_version).toBe(2);
    expect(manifest.sidebar_action).toEqual({
      default_panel: 'sidepanel.html',
      default_title: '__MSG_extensionName__',
      default_icon: expect.stringMatching(/\.(svg|png)$/),
    });
    const gecko = manifest.browser_specific_settings?.gecko;
    expect(gecko?.id).toMatch(/^[\w.-]+@[\w.-]+$/);
    expect(gecko?.strict_min_version).toBe('140.0');
  });

  it("declares no required data collection, and as optional what a workspace's records carry, asked for when connecting", () => {
    const manifest = readManifest();
    const declared = manifest.browser_specific_settings?.gecko?.data_collection_permissions;
    expect(declared?.required).toEqual(['none']);
    expect(declared?.optional).toEqual(
      expect.arrayContaining(['personallyIdentifyingInfo', 'authenticationInfo', 'websiteContent']),
    );
    expect(declared?.optional).not.toContain('technicalAndInteraction');
    // Connecting asks for that one server's host and the declared data, in one prompt.
    const request = serverPermissionRequest('https://couch.example.org', manifest as OfferedPermissions);
    expect(request).toEqual({
      permissions: [],
      origins: ['https://couch.example.org/*'],
      data_collection: declared?.optional,
    });
    // The Chrome build declares none, and asks for none.
    const chrome = JSON.parse(
      readFileSync(path.join(OUTPUT_DIR, 'chrome-mv3', 'manifest.json'), 'utf8'),
    ) as OfferedPermissions;
    expect(serverPermissionRequest('https://couch.example.org', chrome)).toEqual({
      permissions: ['alarms'],
      origins: ['https://couch.example.org/*'],
    });
  });

  it('contains every file its manifest names and every script and stylesheet its pages load', () => {
    const manifest = readManifest();
    const files = referencedFiles(manifest);
    const pages = files.filter((file) => file.endsWith('.html') && !file.startsWith('widget/'));
    expect(pages).toEqual(expect.arrayContaining(['options.html', 'sidepanel.html', 'dashboard.html', 'pulse.html']));
    for (const page of pages) {
      const assets = pageAssets(readFileSync(path.join(FIREFOX_DIR, page), 'utf8'));
      expect(assets.length, `${page} loads no script`).toBeGreaterThan(0);
      files.push(...assets.map((asset) => asset.replace(/^\//, '')));
    }
    const missing = files.filter((file) => !existsSync(path.join(FIREFOX_DIR, file)));
    expect(missing, `named but not in ${FIREFOX_DIR}`).toEqual([]);
  });

  it('passes web-ext lint with no errors and no warnings', { timeout: 180_000 }, async () => {
    readManifest();
    const webExt = path.join(REPO_ROOT, 'node_modules', '.bin', 'web-ext');
    // web-ext exits non-zero when it finds errors; its report is on stdout either way.
    const { stdout } = await promisify(execFile)(
      webExt,
      ['lint', '--source-dir', FIREFOX_DIR, '--output=json', '--no-config-discovery'],
      { maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as { errors: LintMessage[]; warnings: LintMessage[] };
    expect(report.errors, describeLint(report.errors)).toEqual([]);
    expect(report.warnings, describeLint(report.warnings)).toEqual([]);
  });
});
