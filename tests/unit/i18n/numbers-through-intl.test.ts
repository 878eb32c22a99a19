import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { findRawNumbersInT, projectProgram } from './raw-numbers';

const ROOT = path.resolve(__dirname, '../../..');
// Type-checking every component takes a while on two busy cores.
const TYPE_CHECK_TIMEOUT = 180_000;

// Components and pages (.tsx and .ts: chart configurations, labels) and the models that word what they show.
const sources = (dir: string, recursive = true) =>
  readdirSync(path.join(ROOT, dir), { recursive, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
const components = [
  ...['components', 'entrypoints', path.join('utils', 'models')].flatMap((dir) => sources(dir)),
  ...sources(path.join('utils', 'dashboard'), false),
  path.join(ROOT, 'utils', 'your-data', 'transfer.ts'),
  path.join(ROOT, 'utils', 'your-data', 'csv-import', 'model.ts'),
].sort();

describe('numbers in messages go through Intl (formatNumber)', () => {
  it(
    'no component or view model hands t() or JSX a bare number',
    () => {
      expect(components.length).toBeGreaterThan(20);
      expect(components).toContain(path.join(ROOT, 'components', 'dashboard', 'chart-configs.ts'));
      expect(components).toContain(path.join(ROOT, 'utils', 'dashboard', 'views.ts'));
      const found = findRawNumbersInT(projectProgram(ROOT, components), components);
      const list = found
        .map((f) => `${path.relative(ROOT, path.resolve(f.file))}:${f.line}: ${f.expression}`)
        .join('\n');
      expect(found, `Wrap these in formatNumber(…) (utils/i18n/format.ts):\n${list}`).toEqual([]);
    },
    TYPE_CHECK_TIMEOUT,
  );

  it(
    'finds a number, or what may be one, shown as a JSX child, and lets text and formatted numbers through',
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'pp-raw-numbers-'));
      const file = path.join(dir, 'sample.tsx');
      writeFileSync(
        file,
        [
          'declare function formatNumber(value: number): string;',
          'declare const days: number;',
          'declare const cell: string | number;',
          'declare const name: string;',
          'export const a = <td>{days}</td>;',
          'export const b = <td>{formatNumber(days)}</td>;',
          'export const c = <td>{cell}</td>;',
          'export const d = <td title={String(days)}>{name}</td>;',
        ].join('\n'),
      );
      const program = ts.createProgram([file], {
        strict: true,
        noEmit: true,
        jsx: ts.JsxEmit.Preserve,
        lib: ['lib.es2022.d.ts'],
      });
      expect(findRawNumbersInT(program, [file]).map((f) => [f.line, f.expression])).toEqual([
        [5, 'days'],
        [7, 'cell'],
      ]);
    },
    TYPE_CHECK_TIMEOUT,
  );

  it(
    'finds a bare number and lets a formatted one through',
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'pp-raw-numbers-'));
      const file = path.join(dir, 'sample.ts');
      writeFileSync(
        file,
        [
          'declare function t(key: string, ...substitutions: Array<string | number>): string;',
          'declare function formatNumber(value: number): string;',
          'const items: string[] = [];',
          "t('count', items.length);",
          "t('count', formatNumber(items.length), 'name');",
          "t('pair', 'name', items.length + 1);",
        ].join('\n'),
      );
      const program = ts.createProgram([file], { strict: true, noEmit: true, lib: ['lib.es2022.d.ts'] });
      expect(findRawNumbersInT(program, [file]).map((f) => [f.line, f.expression])).toEqual([
        [4, 'items.length'],
        [6, 'items.length + 1'],
      ]);
    },
    TYPE_CHECK_TIMEOUT,
  );
});
