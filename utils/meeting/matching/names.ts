/**
 * Display names as the call platforms show them carry decorations that change from call to
 * call ("Sam Okafor (Guest)", "Sam Okafor Presenting"). normaliseName() reduces a name to the
 * alias under which a person is remembered.
 */

/** Labels the platforms add in brackets or after the name. */
const LABELS = new Set([
  'you',
  'me',
  'guest',
  'external',
  'host',
  'co-host',
  'cohost',
  'organiser',
  'organizer',
  'presenter',
  'presenting',
  'unverified',
  'moderator',
  'interpreter',
]);

const PRONOUNS = /^[a-z]+\/[a-z]+(\/[a-z]+)?$/; // she/her, they/them, he/him/his
const TRAILING_BRACKET = /\s*[([]([^()[\]]*)[)\]]$/;
const TRAILING_WORD = /\s+(?:is\s+)?(presenting|presenter)$/;
// Zero-width and bidirectional control characters hidden in names.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/g;

function isLabelList(inside: string): boolean {
  const parts = inside.split(',').map((part) => part.trim());
  return parts.every((part) => LABELS.has(part) || PRONOUNS.test(part));
}

/** NFKC, case-folded, whitespace collapsed, platform labels ("(You)", "Presenting"…) removed. */
export function normaliseName(name: string): string {
  let result = name.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().replace(/\s+/g, ' ').trim();
  for (;;) {
    const bracket = TRAILING_BRACKET.exec(result);
    if (bracket && isLabelList(bracket[1]!)) {
      result = result.slice(0, bracket.index).trim();
      continue;
    }
    const word = TRAILING_WORD.exec(result);
    if (word) {
      result = result.slice(0, word.index).trim();
      continue;
    }
    return result;
  }
}
