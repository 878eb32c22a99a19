import { describe, expect, it } from 'vitest';
import { generatePulseKeys, isPublicJwk, publicJwk } from '../../../utils/pulse/keys';

describe('generatePulseKeys', () => {
  it('makes an ECDH P-256 pair whose private key cannot be exported', async () => {
    const { publicKeyJwk, privateKey } = await generatePulseKeys();
    expect(privateKey.type).toBe('private');
    expect(privateKey.extractable).toBe(false);
    expect(privateKey.algorithm).toMatchObject({ name: 'ECDH', namedCurve: 'P-256' });
    expect(privateKey.usages).toEqual(['deriveBits']);
    await expect(crypto.subtle.exportKey('jwk', privateKey)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('pkcs8', privateKey)).rejects.toThrow();
    expect(Object.keys(publicKeyJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(isPublicJwk(publicKeyJwk)).toBe(true);
  });

  it('makes a new pair every time', async () => {
    const [a, b] = await Promise.all([generatePulseKeys(), generatePulseKeys()]);
    expect(a.publicKeyJwk.x).not.toBe(b.publicKeyJwk.x);
  });
});

describe('publicJwk / isPublicJwk', () => {
  it('keeps only kty, crv, x and y, dropping a private part', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const full = await crypto.subtle.exportKey('jwk', pair.privateKey);
    expect(full.d).toBeTypeOf('string');
    expect(isPublicJwk(full)).toBe(false);
    const stripped = publicJwk(full);
    expect(stripped).toEqual({ kty: 'EC', crv: 'P-256', x: full.x, y: full.y });
    expect(isPublicJwk(stripped)).toBe(true);
  });

  it('refuses other curves, key types and malformed coordinates', () => {
    const x = 'A'.repeat(43);
    expect(isPublicJwk({ kty: 'EC', crv: 'P-384', x, y: x })).toBe(false);
    expect(isPublicJwk({ kty: 'RSA', crv: 'P-256', x, y: x })).toBe(false);
    expect(isPublicJwk({ kty: 'EC', crv: 'P-256', x: 'short', y: x })).toBe(false);
    expect(isPublicJwk({ kty: 'EC', crv: 'P-256', x: `${'+'.repeat(43)}`, y: x })).toBe(false);
    expect(isPublicJwk(null)).toBe(false);
    expect(isPublicJwk('EC')).toBe(false);
  });
});
