import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url, fromUtf8, utf8 } from '../../../utils/pulse/base64url';

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

  it('refuses a last character with non-zero unused bits, so one text means one byte string', () => {
    expect(decodeBase64url('Zg')).toEqual(utf8('f'));
    expect(decodeBase64url('Zh')).toBeNull();
    expect(decodeBase64url('Zm8')).toEqual(utf8('fo'));
    expect(decodeBase64url('Zm9')).toBeNull();
  });
});
