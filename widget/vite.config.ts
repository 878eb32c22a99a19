// The partner's widget as ONE self-contained file, .output/widget/pulse.html: script and
// styles inline, nothing fetched, so it works from any static host, in an iframe and
// straight from disk. `npm run build` runs this after `wxt build`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  plugins: [viteSingleFile({ removeViteModuleLoader: true })],
  build: {
    outDir: here(`../${process.env.PP_OUT_DIR ?? '.output'}/widget`),
    emptyOutDir: true,
    // The widget already needs ES2022 at run time (Object.hasOwn), so its syntax is left as written:
    // class fields stay fields instead of a defineProperty helper.
    target: 'es2022',
    modulePreload: false,
    minify: 'terser',
    terserOptions: { compress: { passes: 2 } },
    rollupOptions: { input: here('pulse.html') },
  },
});
