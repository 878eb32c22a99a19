import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { summariseVitestReport } from '../../../scripts/lib/vitest-summary.mjs';

interface Summary {
  passed: number;
  failed: number;
  notes: string[];
}
const summarise = summariseVitestReport as (report: unknown, exitCode: number) => Summary;

const file = (status: string, tests: string[], message?: string) => ({
  name: `${process.cwd()}/tests/unit/example.test.ts`,
  status,
  message,
  assertionResults: tests.map((s) => ({ status: s })),
});

describe('the closing line of npm test', () => {
  it('counts passed and failed tests from the report', () => {
    const report = { numPassedTests: 7, numFailedTests: 2, testResults: [file('failed', ['passed', 'failed'])] };
    expect(summarise(report, 1)).toMatchObject({ passed: 7, failed: 2 });
  });

  it('counts a file that failed outside its tests (did not load, or a hook failed) as one failure', () => {
    const report = {
      numPassedTests: 3,
      numFailedTests: 0,
      testResults: [file('failed', ['passed', 'passed', 'passed'], 'afterAll: 1 request left\nmore')],
    };
    const summary = summarise(report, 1);
    expect(summary).toMatchObject({ passed: 3, failed: 1 });
    expect(summary.notes[0]).toContain('afterAll: 1 request left');
  });

  it('never calls a run without a report, or a failing exit code, green', () => {
    expect(summarise(null, 1)).toMatchObject({ passed: 0, failed: 1 });
    expect(summarise({ numPassedTests: 5, numFailedTests: 0, testResults: [] }, 1)).toMatchObject({
      passed: 5,
      failed: 1,
    });
  });

  it('does not count skipped tests as passed, and says so', () => {
    const summary = summarise({ numPassedTests: 4, numFailedTests: 0, numPendingTests: 1, testResults: [] }, 0);
    expect(summary).toMatchObject({ passed: 4, failed: 0 });
    expect(summary.notes.join()).toContain('1 test(s) skipped');
  });
});
