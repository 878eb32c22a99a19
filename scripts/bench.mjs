// `npm run bench`: builds the extension if its sources changed, measures every figure in
// scripts/bench/index.mjs in real Chromium, prints a table and writes bench-results.json.
// Exits 1 if a budget does not hold (or a figure could not be measured).
// `npm run bench -- dashboard bundle` measures only the figures whose names contain those words.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIGURES, ON_REQUEST, STAGES, WITHOUT_BROWSER } from './bench/index.mjs';
import { createBenchContext } from './bench/lib/context.mjs';
import { atMost, notMeasured } from './bench/lib/figures.mjs';
import { runInStages } from './bench/lib/stages.mjs';
import { ROOT } from './lib/import-ts.mjs';

const SOURCES = [
  'entrypoints',
  'components',
  'utils',
  'public',
  'widget',
  'modules',
  'wxt.config.ts',
  'package.json',
  'package-lock.json',
];
const BUILT = path.join(ROOT, '.output', 'chrome-mv3', 'manifest.json');

function newestModification(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newestModification(path.join(target, name))));
}

async function buildIfNeeded() {
  const sourcesChangedAt = Math.max(...SOURCES.map((source) => newestModification(path.join(ROOT, source))));
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= sourcesChangedAt) return;
  console.log('Building the extension (wxt build)…');
  const build = spawn(path.join(ROOT, 'node_modules', '.bin', 'wxt'), ['build'], { cwd: ROOT, stdio: 'inherit' });
  const status = await new Promise((resolve) => {
    build.on('error', () => resolve(null));
    build.on('close', resolve);
  });
  if (status !== 0) {
    console.error('The build failed: nothing to measure.');
    process.exit(1);
  }
}

function formatValue(value, unit) {
  return value === null ? '—' : `${value} ${unit}`;
}

function printTable(results) {
  const rows = results.map((r) => [
    r.name,
    formatValue(r.value, r.unit),
    r.budget === null ? '(no budget)' : `${r.comparison} ${r.budget} ${r.unit}`,
    r.holds ? 'holds' : r.error ? `FAILS: ${r.error}` : 'FAILS',
  ]);
  const header = ['figure', 'value', 'budget', ''];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const line = (row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}

/** Where the run's seconds went: the build, then each figure's timed steps and the rest of it. */
function printTimes(timings) {
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`\nWhere the time went (${s(Date.now() - startedAt)} in all):`);
  console.log(`  build (wxt, if the sources changed) and start: ${s(builtAt - startedAt)}`);
  for (const [name, seconds] of figureSeconds) {
    const own = timings.filter((t) => t.figure === name);
    const steps = new Map();
    for (const t of own) steps.set(t.phase, (steps.get(t.phase) ?? 0) + t.ms);
    const timed = own.reduce((sum, t) => sum + t.ms, 0);
    const parts = [...steps].map(([phase, ms]) => `${phase} ${s(ms)}`);
    if (parts.length > 0) parts.push(`the rest ${s(Math.max(0, seconds * 1000 - timed))}`);
    console.log(`  ${name}: ${s(seconds * 1000)}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`);
  }
}

const startedAt = Date.now();
// The bench's own modules (the browser-test harness) load while the build runs: they do not read it.
const [bench] = await Promise.all([createBenchContext(), buildIfNeeded()]);
const builtAt = Date.now();
const results = [];
const only = process.argv.slice(2);
const chosen =
  only.length === 0
    ? FIGURES.filter((f) => !ON_REQUEST.has(f))
    : FIGURES.filter((f) => only.some((word) => f.name.includes(word)));
if (chosen.length === 0) {
  console.error(`No figure's name contains ${only.join(' or ')}: ${FIGURES.map((f) => f.name).join(', ')}`);
  process.exit(1);
}
// A stray rejection (the CouchDB stand-in's in-process replicator, say, after a figure is done)
// must not end the run and lose every figure measured: it is logged. Each figure's own work is
// awaited, so a figure that fails still fails.
process.on('unhandledRejection', (error) => {
  console.log(`  ! an error outside any figure's awaited work: ${String(error?.stack ?? error).split('\n')[0]}`);
});

/** [figure name, seconds] in the order run. */
const figureSeconds = [];
const closeKept = () => bench.closeKept().catch((error) => console.log(`  ✗ ${error?.message ?? error}`));
await runInStages(chosen, STAGES, WITHOUT_BROWSER, {
  /** A stage's browsers launched (and the stand-in started) side by side, timed as one step. */
  async prepare(figures) {
    const label = `set-up side by side for ${figures.map((figure) => figure.name).join(', ')}`;
    const setupStart = Date.now();
    console.log(`▶ ${label}`);
    bench.startFigure(label);
    await bench.phase('made', () => Promise.allSettled(figures.map((figure) => figure.prepare(bench))));
    figureSeconds.push([label, (Date.now() - setupStart) / 1000]);
  },
  close: closeKept,
  async measure(figure) {
    const figureStart = Date.now();
    console.log(`▶ ${figure.name}`);
    bench.startFigure(figure.name);
    try {
      results.push(...(await figure.measure(bench)));
      await bench.closeAll();
    } catch (error) {
      await bench.closeAll().catch(() => {});
      console.log(`  ✗ ${error?.stack ?? error}`);
      results.push(notMeasured(figure.name, figure.unit, figure.budget, error));
    }
    const seconds = (Date.now() - figureStart) / 1000;
    figureSeconds.push([figure.name, seconds]);
    console.log(`  (${seconds.toFixed(1)} s)`);
  },
});
await closeKept();
printTimes(bench.timings);

// The whole bench must stay quick enough to run before every change that could cost speed.
if (only.length === 0) results.push(atMost('bench-run-s', Math.round((Date.now() - startedAt) / 1000), 's', 300));

printTable(results);
const json = results.map(({ name, value, unit, budget, holds, error }) => ({
  name,
  value,
  unit,
  budget,
  holds,
  ...(error ? { error } : {}),
}));
writeFileSync(path.join(ROOT, 'bench-results.json'), `${JSON.stringify(json, null, 2)}\n`);
const failing = results.filter((r) => !r.holds);
const budgeted = results.filter((r) => r.budget !== null);
const holding = budgeted.filter((r) => r.holds).length;
console.log(`\n${holding} of ${budgeted.length} budgets hold; results in bench-results.json`);
// Ended here: the stand-in's in-process replicator leaves retry timers behind it once stopped,
// which kept the process alive for minutes after the results were written (the old runner too).
process.exit(failing.length > 0 ? 1 : 0);
