import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { HOST_MATCHES } from './utils/platforms/hosts';

// https://wxt.dev/api/config.html
export default defineConfig({
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
