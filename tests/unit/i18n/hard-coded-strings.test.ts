import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  describeHardCoded,
  findHardCodedInComponent,
  findHardCodedInScript,
  findHardCodedInWidget,
  type HardCodedText,
} from './hard-coded';

const ROOT = path.resolve(__dirname, '../../..');

/** Text that may stay as written, each with its reason: `file:text`. */
const ALLOWED = new Map<string, string>([
  [
    "components/dashboard/chart-setup.ts:system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
    'a CSS font stack for the charts: font names, not text',
  ],
  ...[
    'engine.ts:malformed',
    'engine.ts:signed-out',
    'engine.ts:server',
    'http.ts:offline',
    'http.ts:malformed',
    'session.ts:malformed',
    'session.ts:signed-out',
  ].map((at): [string, string] => [`utils/sync/${at}`, "a SyncError's kind (its first argument), not text"]),
  ['utils/sync/engine.ts: first pull', "the first pull's checkpoint key (the database's name and this), not text"],
  ['utils/sync/connect.ts:badPrefix', "a ConnectError's problem, worded by the page from workspaceProblem_badPrefix"],
  [
    'utils/sync/workspace-model.ts:permissionDenied',
    "a ConnectError's problem, worded by the page from workspaceProblem_permissionDenied",
  ],
  [
    'utils/sync/workspace-model.ts:sampleData',
    "a ConnectError's problem, worded by the page from workspaceProblem_sampleData",
  ],
]);

/** The server's refusals, in the `validate_doc_update` the admin's command installs: CouchDB shows them, not the extension. */
const SERVER_CODE = new Set([
  path.join('utils', 'sync', 'layout.ts'),
  path.join('utils', 'sync', 'attendance-validate.ts'),
]);

/**
 * The scripts that word what pages show: utils/models and the dashboard's (not its trends), and
 * every script of Your data (the bundle client's and the worker's failures reach the page).
 */
const isScript = (n: string) => n.endsWith('.ts');
const VIEW_MODELS: { dir: string; recursive: boolean }[] = [
  { dir: path.join('utils', 'models'), recursive: false },
  { dir: path.join('utils', 'dashboard'), recursive: false },
  { dir: path.join('utils', 'your-data'), recursive: true },
  // The sync's refusal reasons and statuses reach the management page's status list.
  { dir: path.join('utils', 'sync'), recursive: false },
];

function filesUnder(dir: string, accept: (name: string) => boolean, recursive = true): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive, withFileTypes: true })
    .filter((entry) => entry.isFile() && accept(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .sort();
}

const notAllowed = (found: HardCodedText[]) => found.filter((f) => !ALLOWED.has(`${f.file}:${f.text}`));
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('user-facing text goes through t() or the widget strings', () => {
  const components = [
    ...filesUnder('components', (n) => n.endsWith('.tsx')),
    ...filesUnder('entrypoints', (n) => n.endsWith('.tsx')),
  ];
  // Plain scripts of the pages (chart configurations, labels, downloads) and the models behind them.
  const scripts = [
    ...filesUnder('components', (n) => n.endsWith('.ts')),
    ...VIEW_MODELS.flatMap(({ dir, recursive }) => filesUnder(dir, isScript, recursive)).filter(
      (file) => !SERVER_CODE.has(file),
    ),
  ];
  const widgetScripts = filesUnder(
    'widget',
    (n) => n.endsWith('.ts') && n !== 'strings.ts' && !n.endsWith('.config.ts'),
  );

  it('finds the sources it checks', () => {
    expect(components.length).toBeGreaterThan(20);
    expect(components).toContain(path.join('components', 'panel', 'Panel.tsx'));
    expect(widgetScripts).toContain(path.join('widget', 'form.ts'));
    expect(scripts).toContain(path.join('components', 'dashboard', 'chart-configs.ts'));
    expect(scripts).toContain(path.join('utils', 'dashboard', 'views.ts'));
    expect(scripts).toContain(path.join('utils', 'your-data', 'bundle', 'client.ts'));
    expect(scripts).toContain(path.join('utils', 'your-data', 'csv-import', 'model.ts'));
    expect(scripts).toContain(path.join('utils', 'sync', 'documents.ts'));
    expect(scripts).toContain(path.join('utils', 'sync', 'engine.ts'));
  });

  // Every source is parsed once, here: three tests each parsing all of them took over the
  // 5 s test timeout on a loaded machine.
  let inComponents: HardCodedText[] = [];
  let inScripts: HardCodedText[] = [];
  let inWidget: HardCodedText[] = [];
  beforeAll(() => {
    inComponents = components.flatMap((file) => findHardCodedInComponent(file, read(file)));
    inScripts = scripts.flatMap((file) => findHardCodedInScript(file, read(file)));
    inWidget = widgetScripts.flatMap((file) => findHardCodedInWidget(file, read(file)));
  }, 60_000);

  it('has no hard-coded text in components/ and entrypoints/ (.tsx)', () => {
    const found = notAllowed(inComponents);
    expect(found, `Hard-coded text; put it in messages.json and use t():\n${describeHardCoded(found)}`).toEqual([]);
  });

  it('has no hard-coded text in the scripts of components/ (.ts) and the view models', () => {
    const found = notAllowed(inScripts);
    expect(found, `Hard-coded text; put it in messages.json and use t():\n${describeHardCoded(found)}`).toEqual([]);
  });

  it('has no hard-coded text in the widget outside widget/strings.ts', () => {
    const found = notAllowed(inWidget);
    expect(found, `Hard-coded text; put it in widget/strings.ts:\n${describeHardCoded(found)}`).toEqual([]);
  });

  it('every allowlisted text is still there (the list does not rot)', () => {
    const all = [...inComponents, ...inScripts, ...inWidget].map((f) => `${f.file}:${f.text}`);
    for (const key of ALLOWED.keys()) expect(all).toContain(key);
  });
});

describe('the hard-coded text finder', () => {
  const inComponent = (source: string) => findHardCodedInComponent('x.tsx', source).map((f) => [f.line, f.text]);

  it('finds JSX text, text attributes, option values shown as text, dialogs and literal children', () => {
    const source = [
      'export const A = () => (',
      '  <div title="Box">',
      '    <h2>Members</h2>',
      '    <button aria-label={`Remove ${name}`} onClick={() => confirm("Sure?")}>×</button>',
      '    <input placeholder={cond ? t("a") : "Search"} />',
      '    <select><option value="Any" /><option value="any">{t("any")}</option></select>',
      '    <p>{busy ? "Saving…" : t("saved", "now")}</p>',
      '  </div>',
      ');',
    ].join('\n');
    expect(inComponent(source)).toEqual([
      [2, 'Box'],
      [3, 'Members'],
      [4, '`Remove ${name}`'],
      [4, 'Sure?'],
      [5, 'Search'],
      [6, 'Any'],
      [7, 'Saving…'],
      [7, 'now'],
    ]);
  });

  it('lets through t(), symbols, numbers, class names and non-text attributes', () => {
    const source = [
      'export const B = () => (',
      '  <div class="card wide" id="x-1" data-kind="core">',
      '    <span aria-hidden="true">×</span> · {count} – 3 {"·"}',
      '    <label for="name">{t("nameLabel")}</label>',
      '    <input type="text" name="name" aria-label={t("nameLabel")} value="core" />',
      '    <option value="lead">{t("lead")}</option>',
      '  </div>',
      ');',
    ].join('\n');
    expect(inComponent(source)).toEqual([]);
  });

  it("finds text in our components' props, and not their ids, names and kinds", () => {
    const source = [
      'export const C = () => (',
      '  <TextField id="title" name="title" type="text" label={t("title")} hint="Keep it short" />',
      '  <CheckboxGroup name="tags" legend={open ? "Tags" : t("tags")} onChange={(v) => set(v)} />',
      ');',
    ].join('\n');
    expect(inComponent(source)).toEqual([
      [2, 'Keep it short'],
      [3, 'Tags'],
    ]);
  });

  it('finds literal text in the widget, and not what comes from strings', () => {
    const source = [
      "const a = h('p', { class: 'hint', 'aria-label': 'Close' }, 'Hello', strings.intro);",
      "el.textContent = 'Done';",
      "el.setAttribute('aria-label', `Question ${n}`);",
      "el.setAttribute('data-kind', 'core');",
      'el.append(document.createTextNode(strings.copied), " · ");',
      'alert(strings.sealFailed);',
    ].join('\n');
    expect(findHardCodedInWidget('w.ts', source).map((f) => [f.line, f.text])).toEqual([
      [1, 'Close'],
      [1, 'Hello'],
      [2, 'Done'],
      [3, '`Question ${n}`'],
    ]);
  });
});

describe('the hard-coded text finder in plain scripts (.ts)', () => {
  const inScript = (source: string) => findHardCodedInScript('x.ts', source).map((f) => [f.line, f.text]);

  it('finds chart titles, axis labels, tooltip text, error messages and sentences anywhere', () => {
    const source = [
      "const axis = { title: { display: true, text: 'Mean score' } };",
      "const data = { labels: ['Trust', t('equity')], datasets: [{ label: busy ? 'Rate' : t('rate') }] };",
      'const tooltip = { callbacks: {',
      "  label: (item) => (item.raw ? t('tip', item.raw) : 'No data'),",
      "  footer() { if (x) return ['Agreed', t('share')]; return ''; },",
      '} };',
      "reject(new Error('The chart could not be drawn.'));",
      "const note = 'Fewer than three responses';",
      'const tip = `${n} responses so far`;',
      "el.textContent = 'Done';",
    ].join('\n');
    expect(inScript(source)).toEqual([
      [1, 'Mean score'],
      [2, 'Trust'],
      [2, 'Rate'],
      [4, 'No data'],
      [5, 'Agreed'],
      [7, 'The chart could not be drawn.'],
      [8, 'Fewer than three responses'],
      [9, '`${n} responses so far`'],
      [10, 'Done'],
    ]);
  });

  it('lets through t(), message keys, colours, ids, imports, types and the console', () => {
    const source = [
      "import type { ChartConfiguration } from 'chart.js';",
      "import { t } from '../../utils/i18n/messages';",
      "type Kind = 'core meeting' | 'wider';",
      "const KEYS = { text: 'scale_text', agree5: 'scale_agree5' };",
      "const theme = { text: '#e6edf3', label: t('dashAxisMean', formatNumber(3)) };",
      "const spec = { type: 'bar', pointStyle: 'crossRot', id: 'ppBackground' };",
      "const copy = { 'not yet': 1 }['not yet'];",
      "console.warn('Error log not written');",
    ].join('\n');
    expect(inScript(source)).toEqual([]);
  });

  it('fails the check for a hard-coded string planted in a component script', () => {
    const file = path.join('components', 'dashboard', 'chart-configs.ts');
    const planted = read(file).replace("t('dashAxisMean')", "'Mean score'");
    expect(planted).not.toBe(read(file));
    const found = notAllowed(findHardCodedInScript(file, planted));
    expect(found.map((f) => f.text)).toContain('Mean score');
  });
});
