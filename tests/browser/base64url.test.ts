import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../harness/paths';
import { useExtension } from '../harness/vitest';

// Both base64url decoders of utils/pulse/base64url.ts in real Chromium, which has
// Uint8Array.prototype.setFromBase64: the native branch (what the panel and the widget use here) and the
// JavaScript one refuse the same attacker texts and agree on every valid one.

const ext = useExtension();

/** utils/pulse/base64url.ts and the shared attacker texts as a script defining `__base64url`. */
async function decodersScript(): Promise<string> {
  const result = await build({
    stdin: {
      contents: [
        "export * from './utils/pulse/base64url';",
        "export { BASE64URL_ATTACKS, BASE64URL_VECTORS } from './tests/unit/pulse/base64url-attacks';",
      ].join('\n'),
      resolveDir: REPO_ROOT,
      sourcefile: path.join(REPO_ROOT, 'base64url-entry.ts'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: '__base64url',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('base64url in Chromium', () => {
  it('decodes natively, and both branches refuse every attacker text and agree on valid ones', async () => {
    const page = await ext().context.newPage();
    await page.goto(ext().extensionUrl('pulse.html'));
    await page.evaluate(await decodersScript());
    const result = await page.evaluate(() => {
      type Decode = (text: string) => Uint8Array | null;
      const lib = (globalThis as unknown as { __base64url: Record<string, unknown> }).__base64url;
      const setFromBase64 = (Uint8Array.prototype as unknown as { setFromBase64?: unknown }).setFromBase64;
      const carve = lib.carveBytes;
      const native = (text: string) =>
        (lib.decodeBase64urlNative as (text: string, from: unknown, allocate: unknown) => Uint8Array | null)(
          text,
          setFromBase64,
          carve,
        );
      const portable = lib.decodeBase64urlPortable as Decode;
      const decode = lib.decodeBase64url as Decode;
      const encode = lib.encodeBase64url as (bytes: Uint8Array) => string;
      const attacks = lib.BASE64URL_ATTACKS as Array<{ text: string; why: string }>;
      const vectors = lib.BASE64URL_VECTORS as Array<[string, number[]]>;
      const show = (bytes: Uint8Array | null) => (bytes ? Array.from(bytes) : null);
      // Random bytes of every length to 300, and each flipped in its last character.
      const random = Array.from({ length: 301 }, (_, n) => encode(crypto.getRandomValues(new Uint8Array(n))));
      return {
        hasNative: typeof setFromBase64 === 'function',
        usesNative: lib.DECODES_NATIVELY,
        accepted: attacks
          .map(({ text, why }) => ({
            why,
            native: show(native(text)),
            portable: show(portable(text)),
            decode: show(decode(text)),
          }))
          .filter((r) => r.native !== null || r.portable !== null || r.decode !== null),
        vectors: vectors.map(([text, bytes]) => ({
          text,
          expected: bytes,
          native: show(native(text)),
          portable: show(portable(text)),
        })),
        disagreements: random
          .flatMap((text) => {
            const last = text.length - 1;
            const flipped = last < 0 ? text : text.slice(0, last) + (text[last] === 'A' ? 'B' : 'A');
            return [text, flipped, `${text}=`, `${text} `];
          })
          .filter((text) => JSON.stringify(show(native(text))) !== JSON.stringify(show(portable(text)))),
        randomDecoded: random.every((text) => native(text) !== null),
      };
    });
    expect(result.hasNative).toBe(true);
    expect(result.usesNative).toBe(true);
    expect(result.accepted).toEqual([]);
    for (const vector of result.vectors) {
      expect(vector.native, vector.text).toEqual(vector.expected);
      expect(vector.portable, vector.text).toEqual(vector.expected);
    }
    expect(result.randomDecoded).toBe(true);
    expect(result.disagreements).toEqual([]);
    await page.close();
  });
});
