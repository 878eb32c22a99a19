/** Cleaning the text read off a page. Everything here works on plain strings, never on HTML. */

// Invisible characters pages wrap names in: zero-width space, BOM, bidi marks, embeddings and isolates.
// Zero-width (non-)joiners stay: they are part of Arabic, Persian, Devanagari and emoji sequences.
const INVISIBLE = /[\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Trim, drop invisible formatting characters and collapse every run of whitespace to one space. */
export function cleanText(text: string | null | undefined): string {
  if (!text) return '';
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

// Labels the platforms print next to a name: "(You)", "(Host, me)", "(Co-host)", "(Presentation)"…
const LABEL_WORDS =
  'you|me|host|co-host|cohost|guest|presenter|presenting|presentation|organiser|organizer|external|unverified|meeting host|moderator|participant|attendee|muted|pinned';
const TRAILING_LABEL = new RegExp(`\\s*\\(\\s*(?:${LABEL_WORDS})(?:\\s*,\\s*(?:${LABEL_WORDS}))*\\s*\\)$`, 'i');
const SELF_LABEL = /\(\s*(?:[a-z-]+\s*,\s*)*(?:you|me)(?:\s*,\s*[a-z-]+)*\s*\)/gi;

/** The display name without the platform's own labels; empty when nothing is left. */
export function displayName(raw: string | null | undefined): string {
  let name = cleanText(raw);
  if (!name.endsWith(')')) return name;
  for (let previous = ''; previous !== name;) {
    previous = name;
    name = name.replace(TRAILING_LABEL, '');
  }
  return name;
}

/** How many "(You)" / "(me)" / "(Host, me)" labels a text holds. */
export function countSelfLabels(text: string | null | undefined): number {
  return text ? (text.match(SELF_LABEL)?.length ?? 0) : 0;
}

/**
 * Whether a row marks its person as the user: its text holds a self label that the name itself
 * does not explain (a guest who calls themselves "Sam (me)" is not the user).
 */
export function rowMarksSelf(rowText: string | null | undefined, name: string): boolean {
  return countSelfLabels(rowText) > countSelfLabels(name);
}

/** A key for comparing names: case, accents' composition and spacing do not matter. */
export function nameKey(name: string): string {
  const clean = cleanText(name);
  // Normalising is costly and plain ASCII needs none: this runs for every row of a 300-person call.
  return (/[^\x20-\x7e]/.test(clean) ? clean.normalize('NFKC') : clean).toLowerCase();
}

const EMAIL = /[^\s@<>()[\]"',;:?&=/\\]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/i;

/** The first email address in a text, lower-cased; null when there is none. */
export function findEmail(text: string | null | undefined): string | null {
  if (!text) return null;
  const match = EMAIL.exec(text);
  return match ? match[0].toLowerCase() : null;
}

/**
 * Whether a list header's count ("In this meeting (12)", "Contributors 12") is more than the rows
 * on the page: the platform renders only the rows in view.
 */
export function countExceeds(header: string | null | undefined, rows: number): boolean {
  const count = lastNumber(header);
  return count !== undefined && count > rows;
}

// A whole number, with its thousands grouped or not ("1,234", "1.234", "1 234").
const NUMBER = /\d{1,3}(?:[,.\u00a0\u202f]\d{3})+(?!\d)|\d+/g;

/**
 * The last whole number in a text ("In this meeting (1,234)" → 1234), or undefined; undefined too
 * for a number too large to be a count ("99999999999999999999").
 */
export function lastNumber(text: string | null | undefined): number | undefined {
  const numbers = text?.match(NUMBER);
  if (!numbers) return undefined;
  const value = Number(numbers[numbers.length - 1]!.replace(/\D/g, ''));
  return Number.isSafeInteger(value) ? value : undefined;
}
