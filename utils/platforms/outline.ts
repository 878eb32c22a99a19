/*
 * A page's element structure for a reader report ("Copy page outline"): tag names, ARIA roles,
 * the names of aria-* and data-* attributes, and ids, with the nesting. It carries no text, no
 * class names and no attribute values (names and e-mails live there), so a user can send it to a
 * maintainer without showing anyone's data. Ids are kept only in their shape (letters become
 * "a", digits "0"), except the few ids the readers look for.
 */

const KNOWN_IDS = new Set([
  'xDetDlg',
  'rAECCd',
  'xDetDlgWhen',
  'xDetDlgAtt',
  'xDetDlgVideo',
  'webclient',
  'participants-ul',
  'wc-footer',
  'root',
  'app',
]);

// The WAI-ARIA roles: anything else a page puts in role="" is left out.
const ROLES = new Set(
  (
    'alert alertdialog application article banner button cell checkbox columnheader combobox complementary ' +
    'contentinfo dialog document feed figure form grid gridcell group heading img link list listbox listitem ' +
    'log main marquee menu menubar menuitem menuitemcheckbox menuitemradio navigation none note option ' +
    'presentation progressbar radio radiogroup region row rowgroup rowheader scrollbar search searchbox ' +
    'separator slider spinbutton status switch tab table tablist tabpanel term textbox timer toolbar tooltip ' +
    'tree treegrid treeitem'
  ).split(' '),
);

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG', 'PATH', 'path']);
const MAX_LINES = 4000;

/** The outline of `doc` (and of same-origin frames inside it), one element a line. */
export function pageOutline(doc: Document): string {
  const lines: string[] = [];
  if (doc.body) walk(doc.body, 0, lines);
  if (lines.length >= MAX_LINES) lines.push('… (cut)');
  return lines.join('\n');
}

function walk(element: Element, depth: number, lines: string[]): void {
  if (lines.length >= MAX_LINES || SKIPPED.has(element.tagName)) return;
  lines.push(`${'  '.repeat(depth)}${describe(element)}`);
  if (element.tagName === 'IFRAME') {
    const inner = frameDocument(element);
    if (inner?.body) walk(inner.body, depth + 1, lines);
    return;
  }
  // Runs of siblings with the same outline (300 participant rows) are written once, with a count.
  const children = [...element.children];
  for (let i = 0; i < children.length;) {
    const child = children[i]!;
    const shape = describe(child);
    let same = 1;
    while (i + same < children.length && describe(children[i + same]!) === shape) same++;
    const start = lines.length;
    walk(child, depth + 1, lines);
    if (same > 1 && lines.length > start) lines[start] += ` ×${same}`;
    i += same;
  }
}

function describe(element: Element): string {
  const parts = [element.tagName.toLowerCase()];
  if (element.id) parts.push(`#${KNOWN_IDS.has(element.id) ? element.id : idShape(element.id)}`);
  const role = element.getAttribute('role');
  if (role && ROLES.has(role)) parts.push(`role=${role}`);
  const names = element
    .getAttributeNames()
    .filter((name) => /^(?:aria|data)-[a-z0-9-]+$/.test(name))
    .sort();
  if (names.length > 0) parts.push(`[${names.join(' ')}]`);
  return parts.join(' ');
}

function idShape(id: string): string {
  return id
    .slice(0, 60)
    .replace(/\p{L}+/gu, 'a')
    .replace(/\d+/g, '0')
    .replace(/[^a0_-]/g, '.');
}

function frameDocument(frame: Element): Document | null {
  try {
    return (frame as HTMLIFrameElement).contentDocument;
  } catch {
    return null; // another origin
  }
}
