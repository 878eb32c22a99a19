// P-256 points in their compressed form (33 bytes: 02/03 and x), which keeps partner links
// and response codes short. Not every WebCrypto imports a compressed point, so
// decompressPoint recovers y with BigInt arithmetic (y² = x³ − 3x + b mod p; p ≡ 3 mod 4,
// so a square root is a power (p + 1) / 4) and checks the point is on the curve.
import { decodeBase64urlPortable, encodeBase64url } from './base64url';
import { PULSE_KEY_ALGORITHM } from './keys';

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

export const COMPRESSED_POINT_BYTES = 33;

function toBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function toBytes(value: bigint): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(32);
  let rest = value;
  for (let i = 31; i >= 0; i -= 1) {
    out[i] = Number(rest & 255n);
    rest >>= 8n;
  }
  return out;
}

function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = base % P;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

/** 33 bytes from an uncompressed point (65 bytes, 04 | x | y). */
export function compressPoint(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  if (raw.length !== 65 || raw[0] !== 4) throw new RangeError('Not an uncompressed P-256 point');
  const out = new Uint8Array(COMPRESSED_POINT_BYTES);
  out[0] = 2 | (raw[64]! & 1);
  out.set(raw.subarray(1, 33), 1);
  return out;
}

/** The uncompressed point (65 bytes), or null when `bytes` is not a compressed point on P-256. */
export function decompressPoint(bytes: Uint8Array): Uint8Array<ArrayBuffer> | null {
  if (bytes.length !== COMPRESSED_POINT_BYTES || (bytes[0] !== 2 && bytes[0] !== 3)) return null;
  const x = toBigInt(bytes.subarray(1));
  if (x >= P) return null;
  const rhs = (((x * x - 3n) % P) * x + B) % P;
  const normalised = (rhs + P) % P;
  let y = power(normalised, (P + 1n) / 4n);
  if ((y * y) % P !== normalised) return null;
  if (Number(y & 1n) !== (bytes[0] & 1)) y = P - y;
  const out = new Uint8Array(65);
  out[0] = 4;
  out.set(bytes.subarray(1), 1);
  out.set(toBytes(y), 33);
  return out;
}

/**
 * A public key from its compressed point by decompressing it first; throws (DataError or
 * RangeError) on a bad point. For a WebCrypto that refuses compressed points: where it takes
 * them (Node, Chromium), importing the 33 bytes directly is the fast path when opening many
 * codes (response-code.ts tries that first).
 */
export function importDecompressedKey(bytes: Uint8Array): Promise<CryptoKey> {
  const raw = decompressPoint(bytes);
  if (!raw) return Promise.reject(new RangeError('Not a P-256 point'));
  return crypto.subtle.importKey('raw', raw, PULSE_KEY_ALGORITHM, false, []);
}

/** The public JWK of a compressed point, or null. */
export function jwkFromCompressed(bytes: Uint8Array): JsonWebKey | null {
  const raw = decompressPoint(bytes);
  if (!raw) return null;
  return {
    kty: 'EC',
    crv: 'P-256',
    x: encodeBase64url(raw.subarray(1, 33)),
    y: encodeBase64url(raw.subarray(33)),
  };
}

/** The compressed point of a public JWK (kty EC, crv P-256). */
export function compressedFromJwk(jwk: JsonWebKey): Uint8Array<ArrayBuffer> {
  const x = decodeBase64urlPortable(jwk.x ?? '');
  const y = decodeBase64urlPortable(jwk.y ?? '');
  if (!x || !y || x.length !== 32 || y.length !== 32) throw new RangeError('Not a P-256 public key');
  const raw = new Uint8Array(65);
  raw[0] = 4;
  raw.set(x, 1);
  raw.set(y, 33);
  return compressPoint(raw);
}
