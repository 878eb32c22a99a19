// `npm test`: every check, in order, then one line `N passed, N failed` totalling them all.
// Add a check (lint, format…) by adding a step. A failed step counts as one failure; a step
// marked `required` also stops the run, since what follows cannot work without it.
// Extra arguments go to vitest: `npm test -- tests/unit/db`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { summariseVitestReport } from './lib/vitest-summary.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const vitestReport = path.join(tmpdir(), `partnership-pulse-vitest-${process.pid}.json`);

const steps = [
  // .wxt/ holds the generated types tsc extends; npm does not always run postinstall.
  { name: 'prepare (wxt prepare)', command: [bin('wxt'), 'prepare'], required: true },
  { name: 'type check (tsc --noEmit)', command: [bin('tsc'), '--noEmit'] },
  { name: 'lint (eslint)', command: [bin('eslint'), '.', '--max-warnings', '0'] },
  { name: 'format check (prettier --check)', command: [bin('prettier'), '--check', '.'] },
  { name: 'build (wxt build)', command: [bin('wxt'), 'build'], required: true },
  // Into the same output folder (PP_OUT_DIR or .output): tests/browser/firefox.test.ts lints it.
  { name: 'build for Firefox (wxt build -b firefox)', command: [bin('wxt'), 'build', '-b', 'firefox'] },
  {
    name: 'tests (vitest run: unit and browser)',
    command: [
      bin('vitest'),
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestReport}`,
      ...process.argv.slice(2),
    ],
    countTests: true,
  },
];

let passed = 0;
let failed = 0;
const failedSteps = [];

for (const step of steps) {
  console.log(`\n▶ ${step.name}`);
  const [command, ...args] = step.command;
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  const ok = result.status === 0;

  if (step.countTests) {
    const report = existsSync(vitestReport) ? JSON.parse(readFileSync(vitestReport, 'utf8')) : null;
    rmSync(vitestReport, { force: true });
    const summary = summariseVitestReport(report, result.status ?? 1);
    passed += summary.passed;
    failed += summary.failed;
    for (const note of summary.notes) console.log(note);
    if (summary.failed > 0) failedSteps.push(step.name);
  } else if (!ok) {
    failed += 1;
    failedSteps.push(step.name);
  }

  if (!ok) {
    console.log(`✗ Step failed: ${step.name} (exit code ${result.status ?? result.signal ?? result.error?.message})`);
    if (step.required) {
      console.log('  Stopping: the steps after it need it.');
      break;
    }
  }
}

console.log('');
if (failedSteps.length > 0) console.log(`Failed: ${failedSteps.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
