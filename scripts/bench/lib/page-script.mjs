// Sources bundled into one script that a bench evaluates in a page (extension pages allow no
// inline scripts). `#imports` answers messages from the English file, as for the demo data.
// Each entry is built once per run; a failed build is reported where it is awaited.
import { build } from 'esbuild';
import { wxtImports } from '../../lib/import-ts.mjs';

const built = new Map();

/** `contents` (TypeScript, imports relative to `root`) as an IIFE; `globalName` names its exports. */
export function pageScript(root, contents, { globalName, sourcefile = 'bench-entry.ts' } = {}) {
  const key = `${root}\n${globalName ?? ''}\n${contents}`;
  let script = built.get(key);
  if (!script) {
    script = build({
      stdin: { contents, resolveDir: root, loader: 'ts', sourcefile },
      bundle: true,
      format: 'iife',
      ...(globalName ? { globalName } : {}),
      target: 'chrome120',
      write: false,
      logLevel: 'silent',
      plugins: [wxtImports],
    }).then((result) => result.outputFiles[0].text);
    built.set(key, script);
    // Handled here so that a build failing while the bench awaits something else cannot end the run.
    script.catch(() => built.delete(key));
  }
  return script;
}
