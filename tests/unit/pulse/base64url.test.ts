import { describe, expect, it } from 'vitest';
import {
  decodeBase64url,
  decodeBase64urlNative,
  decodeBase64urlPortable,
  encodeBase64url,
  fromUtf8,
  utf8,
  carveBytes,
  type SetFromBase64,
} from '../../../utils/pulse/base64url';
import { BASE64URL_ATTACKS, BASE64URL_VECTORS } from './base64url-attacks';

/**
 * A stand-in for Uint8Array.prototype.setFromBase64 as loose as a decoder gets (Node's own: it
 * skips white space and padding, takes both alphabets and ignores stray bits), recording the
 * options it was given: what the native branch refuses beyond this, it refuses by its own
 * checks. Real setFromBase64 is tried in Chromium (tests/browser/base64url.test.ts).
 */
function looseSetFromBase64() {
  const calls: Array<Parameters<SetFromBase64>> = [];
  const setFromBase64: SetFromBase64 = function (this: Uint8Array, text, options) {
    calls.push([text, options]);
    const decoded = Buffer.from(text, 'base64').subarray(0, this.length);
    this.set(decoded);
    return { read: text.length, written: decoded.length };
  };
  return { setFromBase64, calls };
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
    const { setFromBase64, calls } = looseSetFromBase64();
    for (const [text, bytes] of BASE64URL_VECTORS) {
      expect(decodeBase64urlPortable(text), text).toEqual(new Uint8Array(bytes));
      expect(decodeBase64urlNative(text, setFromBase64), text).toEqual(new Uint8Array(bytes));
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

  it('refuses in the native branch, before setFromBase64, every attacker text but stray bits', () => {
    const { setFromBase64, calls } = looseSetFromBase64();
    for (const { text, why, unusedBits } of BASE64URL_ATTACKS) {
      if (!unusedBits) expect(decodeBase64urlNative(text, setFromBase64), why).toBeNull();
    }
    expect(calls).toEqual([]);
  });

  it('refuses in the native branch what setFromBase64 throws on, or decodes short', () => {
    const throwing: SetFromBase64 = () => {
      throw new SyntaxError('strict: non-zero bits');
    };
    for (const { text, why, unusedBits } of BASE64URL_ATTACKS) {
      if (unusedBits) expect(decodeBase64urlNative(text, throwing), why).toBeNull();
    }
    const short: SetFromBase64 = (text) => ({ read: text.length - 4, written: 0 });
    expect(decodeBase64urlNative('Zm9vYmFy', short)).toBeNull();
  });

  it('decodes into carved views in both branches, each its own zeroed bytes', () => {
    const { setFromBase64 } = looseSetFromBase64();
    const views = [
      ...BASE64URL_VECTORS.map(([text]) => decodeBase64urlPortable(text, carveBytes)!),
      ...BASE64URL_VECTORS.map(([text]) => decodeBase64urlNative(text, setFromBase64, carveBytes)!),
    ];
    expect(views.map((view) => Array.from(view))).toEqual(
      [...BASE64URL_VECTORS, ...BASE64URL_VECTORS].map(([, b]) => b),
    );
    // A refused text leaves nothing behind for the next view to see.
    expect(decodeBase64urlPortable('Zm9vYh', carveBytes)).toBeNull();
    expect(Array.from(carveBytes(8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(carveBytes(100_000)).toHaveLength(100_000);
  });

  it('refuses a last character with non-zero unused bits, so one text means one byte string', () => {
    expect(decodeBase64url('Zg')).toEqual(utf8('f'));
    expect(decodeBase64url('Zh')).toBeNull();
    expect(decodeBase64url('Zm8')).toEqual(utf8('fo'));
    expect(decodeBase64url('Zm9')).toBeNull();
  });
});
