// The physical floor of opening a PP2 response code, shared by the open and paste figures: the
// same cryptographic steps as utils/pulse/response-code.ts (import the ephemeral key, ECDH with
// the pulse's private key, HKDF-SHA-256, AES-GCM) on each code's own bytes, with nothing around
// them. Kept apart from the app's code on purpose: a slower app must not slow its own yardstick.
import { decodeBase64url } from '../../utils/pulse/base64url';

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const utf8 = (value: string) => new TextEncoder().encode(value);
const SALT = utf8('partnership-pulse/PP2/salt');
const LABEL = utf8('partnership-pulse/PP2/response');
// Header: 17 bytes of pulse id, 33 of compressed ephemeral key; then the ciphertext.
const ID_BYTES = 17;
const HEADER_BYTES = 50;

/** Each code's header, ephemeral key, HKDF info and ciphertext, split ahead of any timing. */
function splitCodes(codes: readonly string[], pulseId: string) {
  return codes.map((code) => {
    const bytes = decodeBase64url(code.slice(4));
    if (!bytes) throw new Error('A bench code is not base64url');
    const ephemeral = bytes.slice(ID_BYTES, HEADER_BYTES);
    return {
      header: bytes.slice(0, HEADER_BYTES),
      ephemeral,
      info: new Uint8Array([...LABEL, ...utf8(pulseId), 0, ...ephemeral]),
      sealed: bytes.slice(HEADER_BYTES),
    };
  });
}

/** The codes' bytes split ahead of time, and a function that opens them all at once, bare. */
export function bareOpener(codes: readonly string[], pulseId: string, privateKey: CryptoKey) {
  const parts = splitCodes(codes, pulseId);
  const openOne = async ({ header, ephemeral, info, sealed }: (typeof parts)[number]) => {
    const key = await crypto.subtle.importKey('raw', ephemeral, ECDH, false, []);
    const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: key }, privateKey, 256);
    const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
    const bits = new Uint8Array(
      await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: SALT, info }, material, 352),
    );
    const aes = await crypto.subtle.importKey('raw', bits.subarray(0, 32), 'AES-GCM', false, ['decrypt']);
    return crypto.subtle.decrypt({ name: 'AES-GCM', iv: bits.slice(32), additionalData: header }, aes, sealed);
  };
  return () => Promise.all(parts.map(openOne));
}

/**
 * The same steps as bareOpener, each as one batch over all the codes (every import, then every
 * ECDH, …), so a profile can say what each step costs; resolves to milliseconds per step and
 * to the plaintexts, for the app's payload decoding to be timed on.
 */
export function bareSteps(codes: readonly string[], pulseId: string, privateKey: CryptoKey) {
  const parts = splitCodes(codes, pulseId);
  return async () => {
    const ms: Record<'import' | 'ecdh' | 'hkdf' | 'aesGcm', number> = { import: 0, ecdh: 0, hkdf: 0, aesGcm: 0 };
    const step = async <T>(name: keyof typeof ms, run: () => Promise<T>): Promise<T> => {
      const start = performance.now();
      const result = await run();
      ms[name] = performance.now() - start;
      return result;
    };
    const keys = await step('import', () =>
      Promise.all(parts.map(({ ephemeral }) => crypto.subtle.importKey('raw', ephemeral, ECDH, false, []))),
    );
    const secrets = await step('ecdh', () =>
      Promise.all(keys.map((key) => crypto.subtle.deriveBits({ name: 'ECDH', public: key }, privateKey, 256))),
    );
    const bits = await step('hkdf', () =>
      Promise.all(
        secrets.map(async (secret, i) => {
          const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
          const info = parts[i]!.info;
          return new Uint8Array(
            await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: SALT, info }, material, 352),
          );
        }),
      ),
    );
    const plaintexts = await step('aesGcm', () =>
      Promise.all(
        bits.map(async (b, i) => {
          const aes = await crypto.subtle.importKey('raw', b.subarray(0, 32), 'AES-GCM', false, ['decrypt']);
          const { header, sealed } = parts[i]!;
          const iv = b.slice(32);
          return new Uint8Array(
            await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: header }, aes, sealed),
          );
        }),
      ),
    );
    return { ms, plaintexts };
  };
}
