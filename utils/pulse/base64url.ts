// Base64url without padding (RFC 4648 §5), strict both ways: a decoder that accepted
// padding, other alphabets or stray bits would let two different texts carry the same bytes.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i += 1) VALUES[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const rest = bytes.length - i;
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
    if (rest > 1) out += ALPHABET[(n >> 6) & 63]!;
    if (rest > 2) out += ALPHABET[n & 63]!;
  }
  return out;
}

/** `Uint8Array.fromBase64` (Chromium 140+, Firefox 133+, Safari 18.2+), where the runtime has it. */
export type FromBase64 = (
  text: string,
  options: { alphabet: 'base64url'; lastChunkHandling: 'strict' },
) => Uint8Array<ArrayBuffer>;
const runtimeFromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;
/** Only the URL-safe alphabet: fromBase64 itself skips white space and takes padding. */
const URL_SAFE = /^[A-Za-z0-9_-]*$/;
/** Padding for a text of each length mod 4 (1 is no length of base64); 'strict' needs it on a partial last chunk. */
const PADDING = ['', '', '==', '='] as const;

/** Whether decodeBase64url decodes with the runtime's fromBase64. */
export const DECODES_NATIVELY = runtimeFromBase64 !== undefined;

/**
 * The bytes of an unpadded base64url text, or null if it is not one: a character outside
 * the URL-safe alphabet, an impossible length, or non-zero unused bits in the last character.
 * Decoded natively where the runtime can, else in JavaScript; both refuse the same texts
 * (tests/unit/pulse/base64url.test.ts, and tests/browser/base64url.test.ts in Chromium).
 */
export const decodeBase64url: (text: string) => Uint8Array<ArrayBuffer> | null = runtimeFromBase64
  ? (text) => decodeBase64urlNative(text, runtimeFromBase64)
  : decodeBase64urlPortable;

/** decodeBase64url through `fromBase64`: the alphabet and length checked here, the unused bits by 'strict'. */
export function decodeBase64urlNative(text: string, fromBase64: FromBase64): Uint8Array<ArrayBuffer> | null {
  const rest = text.length % 4;
  if (rest === 1 || !URL_SAFE.test(text)) return null;
  try {
    return fromBase64.call(Uint8Array, text + PADDING[rest]!, { alphabet: 'base64url', lastChunkHandling: 'strict' });
  } catch {
    return null;
  }
}

/** decodeBase64url in JavaScript, for runtimes without `Uint8Array.fromBase64`. */
export function decodeBase64urlPortable(text: string): Uint8Array<ArrayBuffer> | null {
  const length = text.length;
  if (length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((length * 3) / 4));
  let written = 0;
  let i = 0;
  // Whole groups of four characters: three bytes each.
  for (const whole = length - (length % 4); i < whole; i += 4) {
    const a = value(text, i);
    const b = value(text, i + 1);
    const c = value(text, i + 2);
    const d = value(text, i + 3);
    if ((a | b | c | d) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[written++] = n >> 16;
    out[written++] = (n >> 8) & 255;
    out[written++] = n & 255;
  }
  // A last group of two or three characters: one or two bytes, its unused bits zero.
  if (i < length) {
    const three = i + 2 < length;
    const a = value(text, i);
    const b = value(text, i + 1);
    const c = three ? value(text, i + 2) : 0;
    if ((a | b | c) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6);
    if ((n & (three ? 0xff : 0xffff)) !== 0) return null;
    out[written++] = n >> 16;
    if (three) out[written] = (n >> 8) & 255;
  }
  return out;
}

/** The 6-bit value of the character at `index`, or -1 outside the URL-safe alphabet. */
function value(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? VALUES[code]! : -1;
}

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

// One decoder for every call: without `stream` each decode stands alone.
const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text of the bytes; throws on an invalid sequence. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
