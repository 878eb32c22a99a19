// Opening 1,000 response codes with openResponseCode (per code: import the ephemeral key,
// ECDH with the pulse's private key, HKDF-SHA-256, AES-GCM) against 1,000 bare AES-GCM
// decryptions of ciphertexts of the same sizes with one ready key, in the same extension
// page, in turns; both sides run all 1,000 concurrently. The figure is rate(open) /
// rate(bare). For context it also times ECDH alone (the one step no code can share), whose
// rate against the bare decryptions is the ceiling any implementation of the scheme has.
import { build } from 'esbuild';
import { atLeast, median, round } from './lib/figures.mjs';

const CODES = 1000;
const RUNS = 5;
const WARMUPS = 1;

/** utils/pulse as a script that defines `__pulseCodes` (the page is an extension page: no inline scripts, so it is evaluated). */
async function pulseCodesScript(root) {
  const result = await build({
    stdin: {
      contents: [
        "export { generatePulseKeys } from './utils/pulse/keys';",
        "export { openResponseCode, sealResponse } from './utils/pulse/response-code';",
        "export { decodeBase64url } from './utils/pulse/base64url';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: '__pulseCodes',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

/** Runs in the page: seals the codes, then times the three series in turns. */
async function timeInPage({ count, runs, warmups }) {
  const { generatePulseKeys, sealResponse, openResponseCode, decodeBase64url } = globalThis.__pulseCodes;
  const ECDH = { name: 'ECDH', namedCurve: 'P-256' };
  const keys = await generatePulseKeys();
  const pulse = { id: crypto.randomUUID(), privateKey: keys.privateKey, expiresAt: Date.now() + 86_400_000 };
  const questionIds = Array.from({ length: 4 }, () => crypto.randomUUID());
  const codes = [];
  for (let i = 0; i < count; i += 1) {
    const answers = Object.fromEntries(questionIds.map((id, q) => [id, (i + q) % 6 === 0 ? null : 1 + ((i + q) % 5)]));
    const comment = i % 4 === 0 ? 'More notice of meetings, please. '.repeat(1 + (i % 3)) : undefined;
    codes.push(
      await sealResponse(keys.publicKeyJwk, {
        v: 1,
        pulseId: pulse.id,
        responseId: crypto.randomUUID(),
        partnerType: ['lead', 'core', 'wider'][i % 3],
        answers,
        ...(comment ? { comment } : {}),
        answeredAt: Date.now(),
      }),
    );
  }

  // The bare series: same ciphertext and associated-data sizes as each code, one AES key.
  const aesKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const bare = [];
  const ephemeralKeys = [];
  for (const code of codes) {
    const bytes = decodeBase64url(code.slice(4));
    // Header: 17 bytes of pulse id, the ciphertext length (varint), 65 of key, 12 of IV.
    const lengthBytes = bytes[17] < 128 ? 1 : 2;
    const sealedLength = lengthBytes === 1 ? bytes[17] : (bytes[17] & 127) + bytes[18] * 128;
    const headerLength = 17 + lengthBytes + 65 + 12;
    if (headerLength + sealedLength !== bytes.length) throw new Error('Unexpected code layout');
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const additionalData = crypto.getRandomValues(new Uint8Array(headerLength));
    const plaintext = crypto.getRandomValues(new Uint8Array(sealedLength - 16));
    const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, aesKey, plaintext);
    bare.push({ iv, additionalData, ciphertext });
    const raw = bytes.slice(17 + lengthBytes, 17 + lengthBytes + 65);
    ephemeralKeys.push(await crypto.subtle.importKey('raw', raw, ECDH, false, []));
  }

  const timed = async (fn) => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  const series = {
    open: async () => {
      const opened = await Promise.all(codes.map((code) => openResponseCode(code, pulse)));
      if (!opened.every((result) => result.ok)) throw new Error('A code did not open');
    },
    bare: () =>
      Promise.all(
        bare.map(({ iv, additionalData, ciphertext }) =>
          crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, aesKey, ciphertext),
        ),
      ),
    ecdh: () =>
      Promise.all(
        ephemeralKeys.map((key) => crypto.subtle.deriveBits({ name: 'ECDH', public: key }, pulse.privateKey, 256)),
      ),
  };
  const results = [];
  for (let run = 0; run < warmups + runs; run += 1) {
    const order = run % 2 === 0 ? ['open', 'bare', 'ecdh'] : ['bare', 'ecdh', 'open'];
    const ms = {};
    for (const name of order) ms[name] = await timed(series[name]);
    if (run >= warmups) results.push(ms);
  }
  return { results, codeLength: Math.round(codes.reduce((sum, code) => sum + code.length, 0) / codes.length) };
}

export const openCodes = {
  name: 'open-1000-codes-ratio',
  unit: '×',
  budget: 0.5,
  async measure(bench) {
    const script = await pulseCodesScript(bench.root);
    const ext = await bench.launch();
    const page = await ext.context.newPage();
    // An extension page, as where the panel opens codes; its own widget preview is the lightest one.
    await page.goto(ext.extensionUrl('pulse.html'));
    await page.evaluate(script);
    const { results, codeLength } = await page.evaluate(timeInPage, { count: CODES, runs: RUNS, warmups: WARMUPS });

    const openMs = median(results.map((r) => r.open));
    const bareMs = median(results.map((r) => r.bare));
    const ecdhMs = median(results.map((r) => r.ecdh));
    const ratio = median(results.map((r) => r.bare / r.open));
    const perCode = (ms) => `${round((ms * 1000) / CODES, 1)} µs`;
    bench.log(`${CODES} codes of ${codeLength} characters, medians of ${RUNS} runs, all ${CODES} at once:`);
    bench.log(
      `open ${round(openMs, 1)} ms (${perCode(openMs)} a code), bare AES-GCM ${round(bareMs, 1)} ms (${perCode(bareMs)})`,
    );
    bench.log(
      `ECDH alone ${round(ecdhMs, 1)} ms (${perCode(ecdhMs)}): no opener of these codes can pass ${round(bareMs / ecdhMs, 3)}×`,
    );
    return [atLeast(this.name, round(ratio, 3), this.unit, this.budget)];
  },
};
