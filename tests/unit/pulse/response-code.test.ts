import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from '../../../utils/pulse/base64url';
import { generatePulseKeys } from '../../../utils/pulse/keys';
import {
  CODE_PREFIX,
  codePulseHint,
  findResponseCodes,
  openResponseCode,
  sealResponse,
  type ResponsePayload,
} from '../../../utils/pulse/response-code';
import { DAY, NOW, PULSE_ID, QUESTION_IDS, samplePayload } from './helpers';

let keys: Awaited<ReturnType<typeof generatePulseKeys>>;
let pulse: { id: string; privateKey: CryptoKey; expiresAt: number };

beforeAll(async () => {
  keys = await generatePulseKeys();
  pulse = { id: PULSE_ID, privateKey: keys.privateKey, expiresAt: NOW + 7 * DAY };
});

const bytesOf = (code: string) => decodeBase64url(code.slice(CODE_PREFIX.length))!;
const codeOf = (bytes: Uint8Array) => CODE_PREFIX + encodeBase64url(bytes);

describe('sealResponse / openResponseCode', () => {
  it('round-trips the payload exactly', async () => {
    const payload = samplePayload({ organisationId: '9e8d7c6b-1111-4222-8333-444455556666', comment: 'Thanks — ✓' });
    const code = await sealResponse(keys.publicKeyJwk, payload);
    expect(code.startsWith(CODE_PREFIX)).toBe(true);
    expect(code.slice(CODE_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await openResponseCode(code, pulse)).toEqual({ ok: true, payload });
  });

  it('round-trips ids that are not UUIDs, fractional numbers, empty text and a __proto__ question id', async () => {
    const payload: ResponsePayload = {
      v: 1,
      pulseId: 'pulse-1',
      responseId: 'response-Ä',
      partnerType: 'wider',
      organisationId: 'org 7',
      answers: { q1: 0, q2: 10, q3: 3.5, q4: -2, q5: 1000, q6: '', ['__proto__']: 'kept as a key', q7: null },
      comment: '',
      answeredAt: 0,
    };
    const other = { ...pulse, id: 'pulse-1' };
    const { publicKeyJwk, privateKey } = keys;
    const opened = await openResponseCode(await sealResponse(publicKeyJwk, payload), { ...other, privateKey });
    expect(opened).toEqual({ ok: true, payload });
    expect(opened.ok && Object.getPrototypeOf(opened.payload.answers)).toBe(Object.prototype);
    expect(opened.ok && Object.keys(opened.payload.answers)).toContain('__proto__');
  });

  it('leaves out an organisation and a comment that were not given', async () => {
    const payload = samplePayload();
    const opened = await openResponseCode(await sealResponse(keys.publicKeyJwk, payload), pulse);
    expect(opened.ok && 'organisationId' in opened.payload).toBe(false);
    expect(opened.ok && 'comment' in opened.payload).toBe(false);
  });

  it('makes a different code each time for the same answers (ephemeral key, random IV)', async () => {
    const payload = samplePayload();
    const [a, b] = await Promise.all([
      sealResponse(keys.publicKeyJwk, payload),
      sealResponse(keys.publicKeyJwk, payload),
    ]);
    expect(a).not.toBe(b);
    expect(bytesOf(a).subarray(18, 18 + 65 + 12)).not.toEqual(bytesOf(b).subarray(18, 18 + 65 + 12));
  });

  it('gives codes short enough for a call chat, whose length does not tell the answers apart', async () => {
    const sizes = new Set<number>();
    for (const [org, secondAnswer] of [
      [undefined, null],
      ['9e8d7c6b-1111-4222-8333-444455556666', 5],
      [undefined, 1],
    ] as const) {
      const payload = samplePayload({
        organisationId: org,
        answers: { [QUESTION_IDS[0]!]: secondAnswer, [QUESTION_IDS[1]!]: 3 },
      });
      if (org === undefined) delete payload.organisationId;
      sizes.add((await sealResponse(keys.publicKeyJwk, payload)).length);
    }
    expect(sizes.size).toBe(1);
    const full = await sealResponse(keys.publicKeyJwk, samplePayload());
    expect(full.length).toBeLessThan(400);
  });

  it('refuses to seal a partner type that does not exist', async () => {
    await expect(sealResponse(keys.publicKeyJwk, samplePayload({ partnerType: 'chair' as 'core' }))).rejects.toThrow();
  });
});

describe('openResponseCode rejections', () => {
  let code: string;
  beforeAll(async () => {
    code = await sealResponse(keys.publicKeyJwk, samplePayload({ comment: 'A comment long enough to span blocks.' }));
  });

  it("rejects a code for another pulse with 'other-pulse'", async () => {
    const other = await generatePulseKeys();
    const otherCode = await sealResponse(
      other.publicKeyJwk,
      samplePayload({ pulseId: 'a0000000-0000-4000-8000-000000000000' }),
    );
    expect(await openResponseCode(otherCode, pulse)).toEqual({ ok: false, error: 'other-pulse' });
    // Opened with its own key it is fine: the error is about the pulse, not the code.
    const opened = await openResponseCode(otherCode, {
      ...pulse,
      id: 'a0000000-0000-4000-8000-000000000000',
      privateKey: other.privateKey,
    });
    expect(opened.ok).toBe(true);
  });

  it("rejects a code sealed to another key but claiming this pulse with 'damaged'", async () => {
    const other = await generatePulseKeys();
    const forged = await sealResponse(other.publicKeyJwk, samplePayload());
    expect(await openResponseCode(forged, pulse)).toEqual({ ok: false, error: 'damaged' });
  });

  it('rejects a tampered byte at every position, and never with success', async () => {
    const bytes = bytesOf(code);
    // Clear header: an id tag and 16 bytes of pulse id, the ciphertext length (a varint of
    // 2 bytes here), then the ephemeral key, whose first byte says "uncompressed point".
    expect(bytes[17]! >= 128 && bytes[18]! < 128).toBe(true);
    const expectedError = (position: number) =>
      position === 0 || position === 17 || position === 18 || position === 19
        ? 'malformed'
        : position < 17
          ? 'other-pulse'
          : 'damaged';
    for (let position = 0; position < bytes.length; position += 1) {
      const tampered = bytes.slice();
      tampered[position] = bytes[position]! ^ (0x01 << (position % 8));
      const result = await openResponseCode(codeOf(tampered), pulse);
      expect(result.ok, `byte ${position}`).toBe(false);
      const expected = expectedError(position);
      expect(result.ok ? 'opened' : result.error, `byte ${position}`).toBe(expected);
    }
  });

  it('rejects a changed character at every position of the code text', async () => {
    const body = code.slice(CODE_PREFIX.length);
    for (let position = 0; position < body.length; position += 1) {
      const replacement = body[position] === 'A' ? 'B' : 'A';
      const changed = CODE_PREFIX + body.slice(0, position) + replacement + body.slice(position + 1);
      const result = await openResponseCode(changed, pulse);
      expect(result.ok, `character ${position}`).toBe(false);
    }
  });

  it("rejects a truncated code, at every length, with 'malformed'", async () => {
    for (let length = 0; length < code.length; length += 1) {
      const result = await openResponseCode(code.slice(0, length), pulse);
      expect(result, `first ${length} characters`).toEqual({ ok: false, error: 'malformed' });
    }
  });

  it("rejects a code with bytes added with 'malformed'", async () => {
    const bytes = bytesOf(code);
    const longer = new Uint8Array(bytes.length + 3);
    longer.set(bytes);
    expect(await openResponseCode(codeOf(longer), pulse)).toEqual({ ok: false, error: 'malformed' });
  });

  it("rejects text that is not base64url after the prefix with 'malformed'", async () => {
    for (const text of [
      `${code}!`,
      code.replace(/[A-Za-z]/, '+'),
      `${CODE_PREFIX}${code.slice(4, 40)}=`,
      `pp1.${code.slice(4)}`,
    ]) {
      expect(await openResponseCode(text, pulse), text).toEqual({ ok: false, error: 'malformed' });
    }
  });

  it("rejects a code answered after the pulse expired with 'expired', whenever it is opened", async () => {
    const late = await sealResponse(keys.publicKeyJwk, samplePayload({ answeredAt: pulse.expiresAt + 1 }));
    expect(await openResponseCode(late, pulse, NOW)).toEqual({ ok: false, error: 'expired' });
    const inTime = await sealResponse(keys.publicKeyJwk, samplePayload({ answeredAt: pulse.expiresAt }));
    const weekLater = pulse.expiresAt + 7 * DAY;
    expect((await openResponseCode(inTime, pulse, weekLater)).ok).toBe(true);
  });

  it("rejects a code of another protocol version with 'unsupported-version'", async () => {
    expect(await openResponseCode(`PP2.${code.slice(4)}`, pulse)).toEqual({ ok: false, error: 'unsupported-version' });
    expect(await openResponseCode('PP10.abc', pulse)).toEqual({ ok: false, error: 'unsupported-version' });
  });

  it('rejects random garbage without throwing', async () => {
    const garbage: unknown[] = [
      '',
      'hello',
      'PP1.',
      'PP1',
      'PP1.A',
      undefined,
      null,
      42,
      { code },
      '\u0000'.repeat(500),
    ];
    for (let i = 0; i < 100; i += 1) {
      const random = crypto.getRandomValues(new Uint8Array(i * 4));
      garbage.push(codeOf(random));
      garbage.push(encodeBase64url(random));
    }
    for (const text of garbage) {
      const result = await openResponseCode(text as string, pulse);
      expect(result.ok, String(text)).toBe(false);
      expect(['malformed', 'damaged', 'other-pulse']).toContain(result.ok ? 'opened' : result.error);
    }
  });

  it('opens a replayed code to the same response id, so the panel can spot it', async () => {
    const first = await openResponseCode(code, pulse);
    const again = await openResponseCode(code, pulse);
    expect(first.ok && again.ok && first.payload.responseId === again.payload.responseId).toBe(true);
  });
});

describe('findResponseCodes', () => {
  it('finds every code in a chat export, in order, keeping duplicates', async () => {
    const [a, b] = await Promise.all([
      sealResponse(keys.publicKeyJwk, samplePayload()),
      sealResponse(keys.publicKeyJwk, samplePayload()),
    ]);
    const chat = `10:02 Sam: here you go ${a}\n10:03 Jo: (${b}).\n10:04 Sam: again: ${a}, thanks!\n10:05 Ali: PP2.abc_def`;
    expect(findResponseCodes(chat)).toEqual([a, b, a, 'PP2.abc_def']);
  });

  it('ignores text that only looks a bit like a code', () => {
    expect(findResponseCodes('PP1 nothing, xPP1.abc, PP1. and pp1.abc')).toEqual([]);
    expect(findResponseCodes(undefined as unknown as string)).toEqual([]);
  });
});

describe('codePulseHint', () => {
  it('reads the pulse id a code claims without the key', async () => {
    const code = await sealResponse(keys.publicKeyJwk, samplePayload());
    expect(codePulseHint(code)).toBe(PULSE_ID);
    const textId = await sealResponse(keys.publicKeyJwk, samplePayload({ pulseId: 'pulse Ω' }));
    expect(codePulseHint(textId)).toBe('pulse Ω');
  });

  it('gives null for anything that is not a whole code', async () => {
    const code = await sealResponse(keys.publicKeyJwk, samplePayload());
    for (const text of ['', 'PP1.', 'garbage', code.slice(0, 30), `PP2.${code.slice(4)}`, 7 as unknown as string]) {
      expect(codePulseHint(text)).toBeNull();
    }
  });
});
