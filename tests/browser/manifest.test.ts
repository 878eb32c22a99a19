// What the built extension may do, pinned for both browsers: any new permission, host or
// remote script has to change this test, on purpose.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_MATCHES } from '../../utils/platforms/hosts';
import { WORKSPACE_OPTIONAL_HOSTS, WORKSPACE_OPTIONAL_PERMISSIONS } from '../../utils/sync/permissions';
import { EXTENSION_DIR, OUTPUT_DIR } from '../harness/paths';

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_security_policy?: string | Record<string, string>;
  content_scripts?: { matches?: string[]; js?: string[] }[];
  background?: { service_worker?: string; scripts?: string[] };
  web_accessible_resources?: unknown[];
  externally_connectable?: unknown;
}

const BUILDS = [
  { browser: 'Chrome', dir: EXTENSION_DIR, apiPermissions: ['sidePanel', 'storage'] },
  { browser: 'Firefox', dir: path.join(OUTPUT_DIR, 'firefox-mv2'), apiPermissions: ['storage'] },
];

function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`No build in ${dir}: run \`npm run build\` and \`npm run build:firefox\`.`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

const isMatchPattern = (permission: string) => permission.includes('://') || permission === '<all_urls>';

/** Manifest V2 lists hosts among the permissions; V3 apart from them. */
function permissionsOf(manifest: Manifest): { api: string[]; hosts: string[] } {
  const all = [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])];
  return {
    api: all.filter((p) => !isMatchPattern(p)).sort(),
    hosts: all.filter(isMatchPattern).sort(),
  };
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
}

describe.each(BUILDS)('the $browser build', ({ dir, apiPermissions }) => {
  it('asks for exactly the API permissions it uses: no tabs, scripting, activeTab or <all_urls>', () => {
    const manifest = readManifest(dir);
    expect(permissionsOf(manifest).api).toEqual(apiPermissions);
    // Optional, asked for only when connecting to a workspace (and then for that server only):
    // a default install asks for none of them.
    const optional = [...(manifest.optional_permissions ?? []), ...(manifest.optional_host_permissions ?? [])];
    const optionalApi = manifest.manifest_version === 3 ? WORKSPACE_OPTIONAL_PERMISSIONS : [];
    expect(optional.sort()).toEqual([...optionalApi, ...WORKSPACE_OPTIONAL_HOSTS].sort());
    if (manifest.manifest_version === 3) {
      expect(manifest.optional_host_permissions?.sort()).toEqual([...WORKSPACE_OPTIONAL_HOSTS].sort());
    }
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  });

  it('reads exactly the call and calendar hosts, and runs content scripts nowhere else', () => {
    const manifest = readManifest(dir);
    expect(permissionsOf(manifest).hosts).toEqual([...HOST_MATCHES].sort());
    const scriptMatches = (manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []);
    expect(scriptMatches.length).toBeGreaterThan(0);
    for (const match of scriptMatches) expect(HOST_MATCHES).toContain(match);
  });

  it('has its icon in every size a store asks for', () => {
    const icons = (readManifest(dir) as { icons?: Record<string, string> }).icons ?? {};
    expect(Object.keys(icons).sort()).toEqual(['128', '16', '32', '48']);
    for (const file of Object.values(icons)) expect(existsSync(path.join(dir, file)), file).toBe(true);
  });

  it('loads no remote code: default content security policy, local scripts only, nothing exposed to pages', () => {
    const manifest = readManifest(dir);
    // Absent means the browser's own policy, which allows only the extension's files.
    const csp = JSON.stringify(manifest.content_security_policy ?? '');
    expect(csp).not.toMatch(/https?:|\*|unsafe-eval|unsafe-inline/);
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    expect(manifest.externally_connectable).toBeUndefined();

    const scripts = [
      manifest.background?.service_worker,
      ...(manifest.background?.scripts ?? []),
      ...(manifest.content_scripts ?? []).flatMap((script) => script.js ?? []),
    ].filter((file): file is string => !!file);
    for (const script of scripts) {
      expect(script).not.toMatch(/^[a-z]+:/i);
      expect(existsSync(path.join(dir, script)), `${script} is in the build`).toBe(true);
    }

    const pages = htmlFiles(dir);
    expect(pages).toEqual(expect.arrayContaining(['sidepanel.html', 'dashboard.html', 'options.html']));
    for (const page of pages) {
      const html = readFileSync(path.join(dir, page), 'utf8');
      const sources = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)];
      for (const [, source] of sources) expect(source, `${page} loads ${source}`).not.toMatch(/^(https?:)?\/\//i);
    }
  });
});
