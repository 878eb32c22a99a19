// A value worked out from files, kept on disk with a hash of every file it read: used again while
// none of them changed (as the bench skips the extension's build), worked out again otherwise.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One hash of the files' paths and contents (a missing file counts as such). */
export function digestOf(files) {
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    hash.update(`${file}\0`);
    hash.update(existsSync(file) ? readFileSync(file) : '\0missing');
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * `compute()` resolves to { value, inputs }: inputs are the absolute paths of every file it read.
 * `fixed` are inputs known beforehand (the code doing the work, the lock file of its tools).
 * Resolves to { value, reused }: the kept value while the digest of `fixed` and the kept inputs
 * is unchanged, else the value just worked out (then kept in `cacheFile`).
 */
export async function cachedByInputs(cacheFile, fixed, compute) {
  if (existsSync(cacheFile)) {
    try {
      const kept = JSON.parse(readFileSync(cacheFile, 'utf8'));
      if (Array.isArray(kept.inputs) && kept.digest === digestOf([...fixed, ...kept.inputs])) {
        return { value: kept.value, reused: true };
      }
    } catch {
      // Unreadable: worked out again.
    }
  }
  const { value, inputs } = await compute();
  mkdirSync(path.dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify({ digest: digestOf([...fixed, ...inputs]), inputs, value }));
  return { value, reused: false };
}
