import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of docs/architecture.md, checked over the import graph of the sources:
 * nothing in utils/ imports components/; utils/db imports no other utils/ folder but the shared
 * homes; no import cycles (type-only imports included: a cycle of types is still a knot to untie).
 */

const ROOT = path.resolve(__dirname, '../..');
const SOURCE_DIRS = ['entrypoints', 'components', 'utils', 'widget', 'modules'];
const EXTENSIONS = ['.ts', '.tsx'];

/** The utils/ folders utils/db may use: the shared homes below every feature (utils/collections: pure leaves). */
const DB_MAY_IMPORT = ['utils/db/', 'utils/time/', 'utils/i18n/', 'utils/collections/'];

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && EXTENSIONS.some((e) => entry.name.endsWith(e)) && !entry.name.endsWith('.d.ts'))
      out.push(rel(path.join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

/** A relative import's file: `./x` is x.ts, x.tsx or x/index.ts(x); `?worker` and the like are dropped. */
function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.join(ROOT, path.dirname(from), specifier.replace(/\?.*$/, ''));
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return found && rel(found);
}

/** Every module a source imports, re-exports or imports dynamically, as written. */
export function importsOf(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) found.push(literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The lines where a source calls `.transaction(` (IndexedDB's or idb's): comments and strings do not count. */
export function transactionCalls(file: string, text: string): number[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'transaction'
    ) {
      lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

type Graph = Map<string, string[]>;

function importGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of SOURCE_DIRS.flatMap(sourceFiles)) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const targets = importsOf(file, text)
      .map((s) => resolve(file, s))
      .filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle of the graph, once each, as the files around it (Tarjan's strongly connected components). */
export function findCycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfLoop = graph.get(node)?.includes(node) ?? false;
      if (component.length > 1 || selfLoop) cycles.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
  return cycles;
}

const edges = (graph: Graph) => [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));

describe('layering', () => {
  const graph = importGraph();

  it('reads the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('entrypoints/background.ts')).toContain('utils/browser/side-panel.ts');
    // `?worker` imports and lazy import() are edges too.
    expect(graph.get('utils/your-data/bundle/client.ts')).toContain('utils/your-data/bundle/bundle.worker.ts');
    expect(graph.get('components/pulse/lazy.tsx')).toContain('components/pulse/PulsesView.tsx');
  });

  it('nothing under utils/ imports from components/', () => {
    const breaches = edges(graph).filter((e) => e.from.startsWith('utils/') && e.to.startsWith('components/'));
    expect(breaches).toEqual([]);
  });

  it('utils/db imports nothing from other utils/ folders but the shared homes', () => {
    const breaches = edges(graph)
      .filter((e) => e.from.startsWith('utils/db/') && e.to.startsWith('utils/'))
      .filter((e) => !DB_MAY_IMPORT.some((home) => e.to.startsWith(home)))
      .map((e) => `${e.from} -> ${e.to}`);
    expect(breaches).toEqual([]);
  });

  it('utils/collections, which utils/db may use, imports nothing: a leaf cannot lead utils/db into a feature', () => {
    const leaves = [...graph.keys()].filter((file) => file.startsWith('utils/collections/'));
    expect(leaves).toEqual(expect.arrayContaining(['utils/collections/group.ts', 'utils/collections/extremes.ts']));
    expect(leaves.flatMap((file) => graph.get(file)!.map((to) => `${file} -> ${to}`))).toEqual([]);
  });

  it('utils/db imports nothing outside utils/ (no component, page or widget)', () => {
    const breaches = edges(graph).filter((e) => e.from.startsWith('utils/db/') && !e.to.startsWith('utils/'));
    expect(breaches).toEqual([]);
  });

  it('only utils/db opens IndexedDB transactions', () => {
    const files = SOURCE_DIRS.flatMap(sourceFiles);
    const breaches = files
      .filter((file) => !file.startsWith('utils/db/'))
      .flatMap((file) =>
        transactionCalls(file, readFileSync(path.join(ROOT, file), 'utf8')).map((line) => `${file}:${line}`),
      );
    expect(breaches).toEqual([]);
    // The check sees the transactions utils/db does open.
    const inDb = files.filter((file) => file.startsWith('utils/db/'));
    const opening = inDb.filter((file) => transactionCalls(file, readFileSync(path.join(ROOT, file), 'utf8')).length);
    expect(opening).toEqual(expect.arrayContaining(['utils/db/bulk.ts', 'utils/db/meetings.ts', 'utils/db/pulses.ts']));
  });

  it('has no import cycles among the sources', () => {
    expect(findCycles(graph).map((files) => files.join(' | '))).toEqual([]);
  });
});

describe('the layering checks themselves', () => {
  it('reads imports, re-exports, dynamic imports and import types', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "export { c } from './c';",
      "const d = () => import('./d');",
      "type E = typeof import('./e');",
      "import W from './w.ts?worker';",
      "const s = 'not ./an-import';",
    ].join('\n');
    expect(importsOf('x.ts', text)).toEqual(['./a', '../b', './c', './d', './e', './w.ts?worker']);
  });

  it('finds transaction calls, awaited or chained, and not in comments or strings', () => {
    const text = [
      "const tx = db.transaction('pulses');", // 1
      '// db.transaction(store) in a comment',
      "const s = 'db.transaction(x)';",
      "await open.result.transaction('meetings').objectStore('meetings').getAll();", // 4
      'const transaction = 1;',
      'this.db.transaction([a, b], "readwrite");', // 6
    ].join('\n');
    expect(transactionCalls('x.ts', text)).toEqual([1, 4, 6]);
  });

  it('finds a cycle of two, a longer one and a self-import, and not a diamond', () => {
    const graph: Graph = new Map([
      ['a', ['b']],
      ['b', ['a']],
      ['c', ['d']],
      ['d', ['e']],
      ['e', ['c']],
      ['f', ['f']],
      ['g', ['h', 'i']],
      ['h', ['j']],
      ['i', ['j']],
      ['j', []],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b'], ['c', 'd', 'e'], ['f']]);
  });

  it('fails on a planted breach: utils importing a component', () => {
    const planted = new Map([['utils/x.ts', ['components/y.tsx']]]);
    expect(edges(planted).filter((e) => e.from.startsWith('utils/') && e.to.startsWith('components/'))).toHaveLength(1);
  });
});
