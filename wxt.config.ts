import { defineConfig } from 'wxt';
import type { Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { HOST_MATCHES } from './utils/platforms/hosts';
import {
  WORKSPACE_DATA_COLLECTION,
  WORKSPACE_OPTIONAL_HOSTS,
  WORKSPACE_OPTIONAL_PERMISSIONS,
} from './utils/sync/permissions';

/**
 * Firefox's sidebar and toolbar icon, drawn to scale (SVG); the PNGs beside it (public/icon/<size>.png,
 * rendered from it) are every browser's extension icons, found by WXT.
 */
const FIREFOX_ICON = 'icon/pulse.svg';

/**
 * Nothing here renders HTML from a string (a house rule), yet Preact's one `dom.innerHTML = …`
 * for dangerouslySetInnerHTML is what Firefox's add-on linter warns about. The build swaps it
 * for an error, and fails should a Preact upgrade move it.
 */
function preactWithoutInnerHtml(): Plugin {
  const assignment = /\((\w+)\.innerHTML=(\w+)\.__html\)/;
  return {
    name: 'preact-without-inner-html',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.(module\.js|mjs)$/.test(id)) return null;
      if (!assignment.test(code))
        this.error(`Preact's innerHTML assignment was not found in ${id}: update this plugin`);
      return code.replace(assignment, '(()=>{throw new Error("dangerouslySetInnerHTML is not allowed")})()');
    },
  };
}

// https://wxt.dev/api/config.html
export default defineConfig({
  // PP_OUT_DIR lets several checkouts' test runs build side by side without wiping each other's output.
  outDir: process.env.PP_OUT_DIR ?? '.output',
  // Every WXT API is imported explicitly from '#imports', so a reader sees where each name comes from.
  imports: false,
  // The sources zip (for Firefox's review) leaves out what is generated locally and not committed.
  zip: { excludeSources: ['bench-results.json', 'stats.html', 'screenshots-tmp/**', '.out-*/**', '*.log'] },
  // Terser (two passes), not esbuild: the background's sync is 590 B smaller gzipped (11,645 → 11,059 B).
  vite: () => ({
    plugins: [preactWithoutInnerHtml(), preact()],
    build: { minify: 'terser', terserOptions: { compress: { passes: 2 } } },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    // Chrome's side panel needs its permission; Firefox's sidebar_action needs none.
    permissions: browser === 'firefox' ? ['storage'] : ['storage', 'sidePanel'],
    host_permissions: [...HOST_MATCHES],
    // Asked for only when the user connects to a workspace server, and for that server only.
    // Firefox takes no optional `alarms`: there the background syncs on changes, while a page is
    // open and on "Sync now" only.
    ...(browser === 'firefox'
      ? { optional_permissions: [...WORKSPACE_OPTIONAL_HOSTS] }
      : {
          optional_permissions: [...WORKSPACE_OPTIONAL_PERMISSIONS],
          optional_host_permissions: [...WORKSPACE_OPTIONAL_HOSTS],
        }),
    action: {
      default_title: '__MSG_actionTitle__',
      ...(browser === 'firefox' && { default_icon: FIREFOX_ICON }),
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'partnership-pulse@partnership-pulse',
          // 140 (ESR) is the first Firefox that reads data_collection_permissions.
          strict_min_version: '140.0',
          // Nothing is required: without a workspace every record stays in this browser. Connecting
          // to a workspace server (the user's own) asks for what its records carry there.
          data_collection_permissions: { required: ['none'], optional: [...WORKSPACE_DATA_COLLECTION] },
        },
        // Firefox for Android reads data_collection_permissions from 142.
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
  hooks: {
    // Vite builds a worker with its own plugin list: it gets the one that resolves '#imports' too.
    'vite:build:extendConfig': (_entrypoints, config) => {
      const unimport = (config.plugins ?? []).flat().filter((p) => !!p && 'name' in p && p.name === 'unimport');
      config.worker = { ...config.worker, plugins: () => unimport };
    },
    // WXT writes sidebar_action from entrypoints/sidepanel; it gets a localised title and an icon.
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.browser !== 'firefox') return;
      if (manifest.sidebar_action) {
        manifest.sidebar_action.default_title = '__MSG_extensionName__';
        manifest.sidebar_action.default_icon = FIREFOX_ICON;
      }
    },
  },
});
