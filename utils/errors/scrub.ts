/**
 * An error's message and stack with personal data taken out, so a report can be copied and
 * sent to anyone: what went wrong and where in the code, never what the user had typed or read.
 */

/** Characters: enough for any message of our own or a browser's. */
const MAX_MESSAGE = 500;
const MAX_FRAMES = 20;

const URL_PATTERN = /\b([a-z][a-z0-9+.-]*:\/\/[^\s?#"'`<>()]*)[?#][^\s"'`<>()]*/gi;
/** A file's folders can name the user (/home/sam/…, C:/Users/sam/…): only the file's name is kept. */
const FILE_URL = /\bfile:\/\/[^\s"'`<>()]*\/([^/\s"'`<>()]*)/gi;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const QUOTED = /"[^"\n]*"|'[^'\n]*'|`[^`\n]*`|“[^”\n]*”|‘[^’\n]*’|«[^»\n]*»/g;
/** 4 or more digits in a row (phone numbers, ids, codes), also with spaces or dashes inside. */
const LONG_NUMBER = /\d(?:[\s-]?\d){3,}/g;
/**
 * Labels of what records hold (ours and the platforms'): whatever follows `label:` on that line
 * is the user's text, e.g. "Duplicate organisation name: Age UK Leeds".
 */
const RECORD_TEXT =
  /\b(names?|display ?names?|titles?|notes?|decisions?|comments?|emails?|alias(?:es)?|wording|partnerships?|organi[sz]ations?|people|persons?|participants?|attendees?|agenda|purposes?|tags?|domains?|answers?|text|value|codes?)(\s*):[^\n]*/gi;

/**
 * A message as it can be shown and sent: no quoted text, emails, URL queries, long numbers,
 * record text or names.
 */
export function scrubMessage(message: string): string {
  const scrubbed = message
    .replace(URL_PATTERN, '$1')
    .replace(FILE_URL, 'file:///…/$1')
    .replace(EMAIL, '<email>')
    .replace(QUOTED, (quote) => `${quote[0]}…${quote[quote.length - 1]}`)
    .replace(RECORD_TEXT, '$1$2: …')
    .replace(UUID, '<id>')
    .replace(LONG_NUMBER, '<number>')
    .trim();
  return limit(scrubNames(scrubbed));
}

function limit(scrubbed: string): string {
  return scrubbed.length > MAX_MESSAGE ? `${scrubbed.slice(0, MAX_MESSAGE)}…` : scrubbed;
}

/** A letter outside ASCII: scripts without capitals (Cyrillic names are capitalised, CJK are not). */
const NON_ASCII_LETTER = /(?![A-Za-z])\p{L}/u;
const CAPITAL = /\p{Lu}|\p{Lt}/u;
const SENTENCE_END = /[.:;!?]$/;

/**
 * Names of people and organisations that are not quoted or labelled ("Attendee Sam Jones not
 * mapped to Leeds Food Network"): a word with a capital letter, or with a letter outside ASCII,
 * becomes "…". A capitalised word that starts a sentence is kept when a lower-case word follows
 * it ("Cannot read …"), since that is how messages of our own and the browser's begin.
 * Losing an API's name from a message is the price of never sending a person's.
 */
function scrubNames(message: string): string {
  const parts = message.split(/(\s+)/);
  const words = parts.map((part) => (part.includes('://') ? '' : part.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')));
  const nameLike = words.map((word) => /\p{L}/u.test(word) && (CAPITAL.test(word) || NON_ASCII_LETTER.test(word)));
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i]!;
    const word = words[i]!;
    // After "Dr." a name goes on: a sentence starts only after a word that was kept.
    const startsSentence = i === 0 || (SENTENCE_END.test(parts[i - 2] ?? '') && !nameLike[i - 2]);
    if (!nameLike[i] || (startsSentence && !NON_ASCII_LETTER.test(word) && !nameLike[i + 2])) {
      out.push(part);
      continue;
    }
    const at = part.indexOf(word);
    const [lead, trail] = [part.slice(0, at), part.slice(at + word.length)];
    if (i >= 2 && nameLike[i - 2]) {
      // "Leeds Food Network" is one "…", not three.
      out.pop();
      const previous = out.pop()!;
      out.push(`${previous.slice(0, previous.indexOf('…'))}…${trail}`);
    } else out.push(`${lead}…${trail}`);
  }
  return out.join('');
}

// Chrome: "    at fn (url:1:2)" or "    at url:1:2"; Firefox and Safari: "fn@url:1:2".
const CHROME_FRAME = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;
const FIREFOX_FRAME = /^(.*?)@(.+?):(\d+):(\d+)$/;
const SAFE_NAME = /^[\w$.<>[\] /-]{0,80}$/;

/**
 * The stack's frames only (Chrome repeats the unscrubbed message on top), each as
 * `at fn (/path:line:column)` with paths relative to `base` (the extension's root, or the
 * widget's folder); a frame from anywhere else is `<external>`.
 */
export function scrubStack(stack: string | undefined, base: string): string | undefined {
  if (!stack) return undefined;
  const frames: string[] = [];
  for (const line of stack.split('\n')) {
    const match = CHROME_FRAME.exec(line) ?? FIREFOX_FRAME.exec(line);
    if (!match) continue;
    const [, name = '', url = '', row, column] = match;
    const file = url.startsWith(base) ? `/${url.slice(base.length).replace(/[?#].*$/, '')}` : '<external>';
    const fn = SAFE_NAME.test(name) ? name.trim() : '<function>';
    frames.push(`at ${fn ? `${fn} ` : ''}(${file}:${row}:${column})`);
    if (frames.length === MAX_FRAMES) break;
  }
  return frames.length > 0 ? frames.join('\n') : undefined;
}

/** "Firefox 140", "Edge 131", "Chrome 131": the browser and its major version, nothing finer. */
export function browserName(userAgent: string): string {
  for (const [token, name] of [
    ['Firefox', 'Firefox'],
    ['Edg', 'Edge'],
    ['OPR', 'Opera'],
    ['Chrome', 'Chrome'],
    ['Version', 'Safari'],
  ] as const) {
    const version = new RegExp(`\\b(?:Headless)?${token}/(\\d+)`).exec(userAgent)?.[1];
    if (version) return `${name} ${version}`;
  }
  return 'unknown browser';
}
