import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { HOST_MATCHES } from './utils/platforms/hosts';

// https://wxt.dev/api/config.html
export default defineConfig({
  // PP_OUT_DIR lets several checkouts' test runs build side by side without wiping each other's output.
  outDir: process.env.PP_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    permissions: browser === 'firefox' ? ['storage'] : ['storage', 'sidePanel'],
    host_permissions: [...HOST_MATCHES],
    action: { default_title: '__MSG_actionTitle__' },
  }),
});
