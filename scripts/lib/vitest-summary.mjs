// Counts from vitest's JSON report (`--reporter=json`), including failures that belong to no test.
import path from 'node:path';

/**
 * @param report the parsed JSON report, or null if vitest wrote none
 * @param exitCode vitest's exit code
 * @returns {{ passed: number, failed: number, notes: string[] }}
 */
export function summariseVitestReport(report, exitCode) {
  if (!report) {
    return { passed: 0, failed: 1, notes: ['✗ vitest wrote no report (it crashed before running the tests).'] };
  }
  const notes = [];
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;

  // A file that failed to load, or whose hooks failed after its tests passed, has no failed test.
  for (const file of report.testResults ?? []) {
    const anyTestFailed = (file.assertionResults ?? []).some((test) => test.status === 'failed');
    if (file.status === 'failed' && !anyTestFailed) {
      failed += 1;
      notes.push(
        `✗ ${path.relative(process.cwd(), file.name)}: ${(file.message ?? 'failed outside its tests').split('\n')[0]}`,
      );
    }
  }
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (skipped > 0) notes.push(`! ${skipped} test(s) skipped or todo: not counted as passed.`);
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    notes.push(`✗ vitest exited with code ${exitCode} although no test failed (an unhandled error?).`);
  }
  return { passed, failed, notes };
}
