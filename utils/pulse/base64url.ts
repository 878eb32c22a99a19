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

/**
 * `Uint8Array.prototype.setFromBase64` (Chromium 140+, Firefox 133+, Safari 18.2+), where the
 * runtime has it: it decodes into an array given to it, so the bytes can go where `allocate` says.
 */
export type SetFromBase64 = (
  this: Uint8Array,
  text: string,
  options: { alphabet: 'base64url'; lastChunkHandling: 'strict' },
) => { read: number; written: number };
const runtimeSetFromBase64 = (Uint8Array.prototype as unknown as { setFromBase64?: SetFromBase64 }).setFromBase64;
const STRICT_URL_SAFE = { alphabet: 'base64url', lastChunkHandling: 'strict' } as const;
/** Only the URL-safe alphabet: setFromBase64 itself skips white space and takes padding. */
const URL_SAFE = /^[A-Za-z0-9_-]*$/;
/** Padding for a text of each length mod 4 (1 is no length of base64); 'strict' needs it on a partial last chunk. */
const PADDING = ['', '', '==', '='] as const;

/** Where decoded bytes go: a new array of `length` zero bytes, or a view of one (carveBytes). */
export type Allocate = (length: number) => Uint8Array<ArrayBuffer>;
export const newBytes: Allocate = (length) => new Uint8Array(length);

/** Whether decodeBase64url decodes with the runtime's setFromBase64. */
export const DECODES_NATIVELY = runtimeSetFromBase64 !== undefined;

/**
 * The bytes of an unpadded base64url text, or null if it is not one: a character outside
 * the URL-safe alphabet, an impossible length, or non-zero unused bits in the last character.
 * Decoded natively where the runtime can, else in JavaScript; both refuse the same texts
 * (tests/unit/pulse/base64url.test.ts, and tests/browser/base64url.test.ts in Chromium).
 */
export const decodeBase64url: (text: string, allocate?: Allocate) => Uint8Array<ArrayBuffer> | null =
  runtimeSetFromBase64
    ? (text, allocate) => decodeBase64urlNative(text, runtimeSetFromBase64, allocate)
    : decodeBase64urlPortable;

/** decodeBase64url through `setFromBase64`: the alphabet and length checked here, the unused bits by 'strict'. */
export function decodeBase64urlNative(
  text: string,
  setFromBase64: SetFromBase64,
  allocate: Allocate = newBytes,
): Uint8Array<ArrayBuffer> | null {
  const rest = text.length % 4;
  if (rest === 1 || !URL_SAFE.test(text)) return null;
  const out = allocate(Math.floor((text.length * 3) / 4));
  const padded = text + PADDING[rest]!;
  try {
    const { read, written } = setFromBase64.call(out, padded, STRICT_URL_SAFE);
    return read === padded.length && written === out.length ? out : null;
  } catch {
    return null;
  }
}

/**
 * A view of `length` zero bytes carved from a shared 64 KB block. Opening a code needs a few
 * arrays of a hundred bytes or so, and in V8 each array of more than 64 bytes with its own
 * ArrayBuffer is an allocation outside the heap, dearer than the decoding itself; thousands of
 * codes at once share a few blocks instead. For arrays read and dropped: a view kept keeps
 * its whole block, and its `.buffer` is the block.
 */
export function carveBytes(length: number): Uint8Array<ArrayBuffer> {
  if (length > BLOCK_BYTES / 8) return new Uint8Array(length);
  if (blockUsed + length > block.length) {
    block = new Uint8Array(BLOCK_BYTES);
    blockUsed = 0;
  }
  const view = block.subarray(blockUsed, blockUsed + length);
  blockUsed += length;
  return view;
}
const BLOCK_BYTES = 65536;
let block = new Uint8Array(0);
let blockUsed = 0;

/**
 * decodeBase64url in JavaScript, for runtimes without `setFromBase64`, and for the widget (one
 * small decoder: it decodes one invite, not thousands of codes).
 */
export function decodeBase64urlPortable(text: string, allocate: Allocate = newBytes): Uint8Array<ArrayBuffer> | null {
  if (text.length % 4 === 1) return null;
  const out = allocate(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let count = 0;
  let written = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? VALUES[code]! : -1;
    if (value < 0) return null;
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[written++] = (bits >> count) & 255;
      bits &= (1 << count) - 1;
    }
  }
  // The last character's unused bits must be zero.
  return bits === 0 ? out : null;
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
