// The check code: a short fingerprint of a pulse's public key ("4F-9K-2Q"), shown by the panel
// and by the widget, so a lead can read it out in the call and a partner can spot a link
// whose key was swapped. 30 bits of SHA-256 over the key's uncompressed point, in Crockford's
// base-32 alphabet (no I, L, O or U: nothing to misread). Forging a key with the same code
// takes about 2^30 key pairs: enough to stop a swapped link passing unnoticed by chance, and
// the code is for people to compare, not a proof.
import { compressedFromJwk, decompressPoint } from './p256';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export async function checkCode(publicKey: JsonWebKey): Promise<string> {
  const point = decompressPoint(compressedFromJwk(publicKey))!;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', point));
  // The first 30 bits, five at a time.
  const bits = ((digest[0]! << 22) | (digest[1]! << 14) | (digest[2]! << 6) | (digest[3]! >> 2)) >>> 0;
  let text = '';
  for (let i = 5; i >= 0; i -= 1) text += ALPHABET[(bits >>> (i * 5)) & 31]!;
  return `${text.slice(0, 2)}-${text.slice(2, 4)}-${text.slice(4)}`;
}
