import { describe, expect, it } from 'vitest';
import {
  decodeBase64url,
  decodeBase64urlNative,
  decodeBase64urlPortable,
  encodeBase64url,
  fromUtf8,
  utf8,
  type FromBase64,
} from '../../../utils/pulse/base64url';
import { BASE64URL_ATTACKS, BASE64URL_VECTORS } from './base64url-attacks';

/**
 * A stand-in for Uint8Array.fromBase64 as loose as a decoder gets (Node's own: it skips white
 * space and padding, takes both alphabets and ignores stray bits), recording the options it
 * was given: what the native branch refuses beyond this, it refuses by its own checks. Real
 * fromBase64 is tried in Chromium (tests/browser/base64url.test.ts).
 */
function looseFromBase64() {
  const calls: Array<Parameters<FromBase64>> = [];
  const fromBase64: FromBase64 = (text, options) => {
    calls.push([text, options]);
    return new Uint8Array(Buffer.from(text, 'base64'));
  };
  return { fromBase64, calls };
}

describe('base64url', () => {
  it('round-trips every length from 0 to 64 bytes', () => {
    for (let length = 0; length <= 64; length += 1) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      const text = encodeBase64url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(decodeBase64url(text)).toEqual(bytes);
    }
  });

  it('agrees with the RFC 4648 test vectors (unpadded, URL-safe)', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64url(utf8(plain))).toBe(encoded);
      expect(fromUtf8(decodeBase64url(encoded)!)).toBe(plain);
    }
    expect(encodeBase64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });

  it('refuses padding, the standard alphabet, other characters and impossible lengths', () => {
    expect(decodeBase64url('Zg==')).toBeNull();
    expect(decodeBase64url('+/8')).toBeNull();
    expect(decodeBase64url('Zm9 v')).toBeNull();
    expect(decodeBase64url('Zm9vé')).toBeNull();
    expect(decodeBase64url('Zm9vY')).toBeNull();
  });

  it('decodes the test vectors in both branches alike', () => {
    const { fromBase64, calls } = looseFromBase64();
    for (const [text, bytes] of BASE64URL_VECTORS) {
      expect(decodeBase64urlPortable(text), text).toEqual(new Uint8Array(bytes));
      expect(decodeBase64urlNative(text, fromBase64), text).toEqual(new Uint8Array(bytes));
    }
    // Padded to whole groups, as 'strict' needs, with the URL-safe alphabet asked for.
    expect(calls.map(([text]) => text.length % 4)).toEqual(BASE64URL_VECTORS.map(() => 0));
    expect(
      calls.every(([, options]) => options.alphabet === 'base64url' && options.lastChunkHandling === 'strict'),
    ).toBe(true);
  });

  it('refuses every attacker text in the JavaScript branch, and in the one this runtime uses', () => {
    for (const { text, why } of BASE64URL_ATTACKS) {
      expect(decodeBase64urlPortable(text), why).toBeNull();
      expect(decodeBase64url(text), why).toBeNull();
    }
  });

  it('refuses in the native branch, before fromBase64, every attacker text but stray bits', () => {
    const { fromBase64, calls } = looseFromBase64();
    for (const { text, why, unusedBits } of BASE64URL_ATTACKS) {
      if (!unusedBits) expect(decodeBase64urlNative(text, fromBase64), why).toBeNull();
    }
    expect(calls).toEqual([]);
  });

  it('refuses in the native branch what fromBase64 throws on', () => {
    const throwing: FromBase64 = () => {
      throw new SyntaxError('strict: non-zero bits');
    };
    for (const { text, why, unusedBits } of BASE64URL_ATTACKS) {
      if (unusedBits) expect(decodeBase64urlNative(text, throwing), why).toBeNull();
    }
  });

  it('refuses a last character with non-zero unused bits, so one text means one byte string', () => {
    expect(decodeBase64url('Zg')).toEqual(utf8('f'));
    expect(decodeBase64url('Zh')).toBeNull();
    expect(decodeBase64url('Zm8')).toEqual(utf8('fo'));
    expect(decodeBase64url('Zm9')).toBeNull();
  });
});
