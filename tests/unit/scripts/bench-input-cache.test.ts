// background-sync-gz keeps its two Vite builds' result while no file they bundled changed: a
// changed, added or deleted input, or a changed tool, must work it out again.
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs bench module without type declarations
import { cachedByInputs } from '../../../scripts/bench/lib/input-cache.mjs';

type Cached = (
  cacheFile: string,
  fixed: string[],
  compute: () => Promise<{ value: number; inputs: string[] }>,
) => Promise<{ value: number; reused: boolean }>;

describe('a bench value kept while its inputs are unchanged', () => {
  let dir = '';
  let computed = 0;
  const file = (name: string) => path.join(dir, name);
  /** Worked out from a.ts and b.ts (as a bundle of them would be), counting the times it is. */
  const run = (inputs = [file('a.ts'), file('b.ts')]) =>
    (cachedByInputs as Cached)(file('cache/value.json'), [file('tool.mjs')], async () => {
      computed += 1;
      return { value: 100 + computed, inputs };
    });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pp-input-cache-'));
    computed = 0;
    for (const name of ['a.ts', 'b.ts', 'tool.mjs']) writeFileSync(file(name), `// ${name}\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('works the value out once, then reuses it while nothing changed', async () => {
    expect(await run()).toEqual({ value: 101, reused: false });
    expect(await run()).toEqual({ value: 101, reused: true });
    expect(computed).toBe(1);
  });

  it('works it out again when an input changes', async () => {
    await run();
    writeFileSync(file('b.ts'), '// b.ts, changed\n');
    expect(await run()).toEqual({ value: 102, reused: false });
    expect(await run()).toEqual({ value: 102, reused: true });
  });

  it('works it out again when the tool changes', async () => {
    await run();
    writeFileSync(file('tool.mjs'), '// another terser\n');
    expect(await run()).toEqual({ value: 102, reused: false });
  });

  it('works it out again when an input is deleted', async () => {
    await run();
    unlinkSync(file('a.ts'));
    expect((await run()).reused).toBe(false);
  });

  it('works it out again when what it kept is unreadable', async () => {
    await run();
    writeFileSync(file('cache/value.json'), '{ not json');
    expect(await run()).toEqual({ value: 102, reused: false });
  });

  it('works it out again when an input content moves between files', async () => {
    await run();
    writeFileSync(file('a.ts'), '// b.ts\n');
    writeFileSync(file('b.ts'), '// a.ts\n');
    expect((await run()).reused).toBe(false);
  });
});
