/**
 * Where JSON text stops being valid. Only run after JSON.parse has failed: V8's messages do not
 * always carry a position ("Unexpected token 'h', "hello" is not valid JSON"), and a file cut
 * off mid-way must be told apart from one that is wrong mid-way.
 */
export type SyntaxFault = { kind: 'truncated'; offset: number } | { kind: 'unexpected'; offset: number };

const WHITESPACE = /[ \t\n\r]*/y;
// Control characters are exactly what JSON strings may not hold raw.
// eslint-disable-next-line no-control-regex
const STRING_RUN = /[^"\\\u0000-\u001f]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y;
const LITERALS = ['true', 'false', 'null'] as const;

/** The first fault in `text`, or undefined when it is valid JSON. */
export function findSyntaxFault(text: string): SyntaxFault | undefined {
  const end = text.length;
  let i = 0;
  const stack: Array<'{' | '['> = [];
  const fault = (offset: number): SyntaxFault =>
    offset >= end ? { kind: 'truncated', offset: end } : { kind: 'unexpected', offset };
  const skip = () => {
    WHITESPACE.lastIndex = i;
    WHITESPACE.exec(text);
    i = WHITESPACE.lastIndex;
  };
  /** Reads a string starting at i (a quote); returns a fault or undefined. */
  const readString = (): SyntaxFault | undefined => {
    i += 1;
    for (;;) {
      STRING_RUN.lastIndex = i;
      STRING_RUN.exec(text);
      i = STRING_RUN.lastIndex;
      if (i >= end) return fault(i);
      const c = text[i];
      if (c === '"') {
        i += 1;
        return undefined;
      }
      if (c !== '\\') return fault(i);
      ESCAPE.lastIndex = i + 1;
      // A cut-off escape (`\u12` at the very end) is a truncation, not a mistake.
      if (!ESCAPE.test(text))
        return fault(/^(?:u[0-9a-fA-F]{0,3})?$/.test(text.slice(i + 1, i + 6)) && end - i <= 5 ? end : i + 1);
      i = ESCAPE.lastIndex;
    }
  };
  /** After `{` or `,` in an object: a key and its colon. */
  const readKey = (): SyntaxFault | undefined => {
    skip();
    if (text[i] !== '"') return fault(i);
    const bad = readString();
    if (bad) return bad;
    skip();
    if (text[i] !== ':') return fault(i);
    i += 1;
    return undefined;
  };

  for (;;) {
    // A value.
    skip();
    const c = text[i];
    if (c === '{' || c === '[') {
      i += 1;
      skip();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i += 1;
      } else {
        stack.push(c);
        if (c === '{') {
          const bad = readKey();
          if (bad) return bad;
        }
        continue;
      }
    } else if (c === '"') {
      const bad = readString();
      if (bad) return bad;
    } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return fault(i + 1);
      i = NUMBER.lastIndex;
    } else {
      const literal = LITERALS.find((word) => text.startsWith(word, i));
      if (literal) i += literal.length;
      else {
        const partial = LITERALS.find(
          (word) => word.startsWith(text.slice(i, i + word.length)) && i + word.length > end,
        );
        return partial ? fault(end) : fault(i);
      }
    }
    // After a value: close containers, or a comma for the next one.
    for (;;) {
      skip();
      const top = stack.at(-1);
      if (top === undefined) return i < end ? fault(i) : undefined;
      if (text[i] === (top === '{' ? '}' : ']')) {
        stack.pop();
        i += 1;
        continue;
      }
      if (text[i] !== ',') return fault(i);
      i += 1;
      if (top === '{') {
        const bad = readKey();
        if (bad) return bad;
      }
      break;
    }
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
