import { describe, expect, it } from 'vitest';
import { compressPoint, compressedFromJwk, decompressPoint, jwkFromCompressed } from '../../../utils/pulse/p256';
import { publicJwk } from '../../../utils/pulse/keys';

const ALGORITHM = { name: 'ECDH', namedCurve: 'P-256' } as const;

describe('P-256 point compression', () => {
  it("decompresses to exactly WebCrypto's own uncompressed export, for many keys", async () => {
    for (let i = 0; i < 40; i += 1) {
      const pair = await crypto.subtle.generateKey(ALGORITHM, true, ['deriveBits']);
      const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
      const compressed = compressPoint(raw);
      expect(compressed).toHaveLength(33);
      expect(decompressPoint(compressed)).toEqual(raw);
      const jwk = publicJwk(await crypto.subtle.exportKey('jwk', pair.publicKey));
      expect(jwkFromCompressed(compressed)).toEqual(jwk);
      expect(compressedFromJwk(jwk)).toEqual(compressed);
    }
  });

  it('refuses what is not a compressed point on the curve', () => {
    expect(decompressPoint(new Uint8Array(33))).toBeNull();
    expect(decompressPoint(new Uint8Array(32).fill(2))).toBeNull();
    const offCurve = new Uint8Array(33).fill(0xff);
    offCurve[0] = 2;
    expect(decompressPoint(offCurve)).toBeNull();
    // About half of all x have no point: some of these must be refused, and none may throw.
    let refused = 0;
    for (let i = 0; i < 40; i += 1) {
      const bytes = crypto.getRandomValues(new Uint8Array(33));
      bytes[0] = 2 + (i % 2);
      if (decompressPoint(bytes) === null) refused += 1;
    }
    expect(refused).toBeGreaterThan(0);
    expect(() => compressPoint(new Uint8Array(65))).toThrow();
  });
});
