// Each pulse has its own ECDH P-256 key pair. The private key is made non-extractable and
// never leaves IndexedDB (stored as a structured-cloned CryptoKey); only the public key,
// as a JWK, goes out in the invite.

export const PULSE_KEY_ALGORITHM = { name: 'ECDH', namedCurve: 'P-256' } as const;

export async function generatePulseKeys(): Promise<{ publicKeyJwk: JsonWebKey; privateKey: CryptoKey }> {
  const pair = await crypto.subtle.generateKey(PULSE_KEY_ALGORITHM, false, ['deriveBits']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { publicKeyJwk: publicJwk(jwk), privateKey: pair.privateKey };
}

/** Only the fields that make a P-256 public key (no `d`, no key_ops/ext that would limit its import). */
export function publicJwk(jwk: JsonWebKey): JsonWebKey {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

const COORDINATE = /^[A-Za-z0-9_-]{43}$/;

/** Whether `value` has the shape of a P-256 public JWK (the curve check happens at import). */
export function isPublicJwk(value: unknown): value is JsonWebKey {
  if (typeof value !== 'object' || value === null) return false;
  const jwk = value as Record<string, unknown>;
  return (
    jwk.kty === 'EC' &&
    jwk.crv === 'P-256' &&
    typeof jwk.x === 'string' &&
    typeof jwk.y === 'string' &&
    COORDINATE.test(jwk.x) &&
    COORDINATE.test(jwk.y) &&
    jwk.d === undefined
  );
}
