import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from '../../../utils/pulse/base64url';
import { generatePulseKeys } from '../../../utils/pulse/keys';
import {
  bucketLength,
  CLOCK_SKEW_MS,
  CODE_PREFIX,
  codePulseHint,
  findResponseCodes,
  openReadCode,
  openResponseCode,
  readResponseCode,
  sealResponse,
  type PulseToOpen,
  type ResponsePayload,
} from '../../../utils/pulse/response-code';
import { sealResponseV1, type ResponsePayloadV1 } from '../../../utils/pulse/response-code-v1';
import { makeSeatToken } from '../../../utils/pulse/seats';
import { DAY, NOW, PULSE_ID, QUESTION_IDS, samplePayload } from './helpers';

let keys: Awaited<ReturnType<typeof generatePulseKeys>>;
let pulse: PulseToOpen;

beforeAll(async () => {
  keys = await generatePulseKeys();
  pulse = {
    id: PULSE_ID,
    privateKey: keys.privateKey,
    expiresAt: NOW + 7 * DAY,
    startedAt: NOW - DAY,
    questionIds: QUESTION_IDS,
  };
});

const seal = (payload: ResponsePayload, questionIds: readonly string[] = QUESTION_IDS) =>
  sealResponse(keys.publicKeyJwk, payload, questionIds);
const open = (code: string, target: PulseToOpen = pulse) => openResponseCode(code, target, NOW);
const bytesOf = (code: string) => decodeBase64url(code.slice(CODE_PREFIX.length))!;
const codeOf = (bytes: Uint8Array) => CODE_PREFIX + encodeBase64url(bytes);
const CORE_IDS = ['trust', 'equity', 'flexibility', 'communication'];
const coreAnswers = (values: Array<number | null>) => Object.fromEntries(CORE_IDS.map((id, i) => [id, values[i]!]));

describe('sealResponse / openResponseCode', () => {
  it('round-trips the payload exactly', async () => {
    const payload = samplePayload({ comment: 'Thanks — ✓' });
    const code = await seal(payload);
    expect(code.startsWith(CODE_PREFIX)).toBe(true);
    expect(code.slice(CODE_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await open(code)).toEqual({ ok: true, payload });
  });

  it('round-trips a personal-link answer: its token, and no partner type', async () => {
    const token = makeSeatToken();
    const { partnerType, ...rest } = samplePayload({ token });
    void partnerType;
    const opened = await open(await seal(rest));
    expect(opened).toEqual({ ok: true, payload: rest });
    expect(opened.ok && 'partnerType' in opened.payload).toBe(false);
  });

  it('tells a code minted from the link alone (no token) from a seat’s answer', async () => {
    const minted = await open(await seal(samplePayload()));
    const seat = await open(await seal(samplePayload({ token: makeSeatToken() })));
    expect(minted.ok && minted.payload.token).toBeUndefined();
    expect(seat.ok && seat.payload.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('keeps ids that are not UUIDs, empty text, a __proto__ question id and unanswered questions', async () => {
    const questionIds = ['q1', 'q2', '__proto__', 'q4', 'q5'];
    const payload: ResponsePayload = {
      v: 2,
      pulseId: 'pulse-1',
      responseId: 'response-Ä',
      partnerType: 'wider',
      answers: { q1: 0, q2: 10, ['__proto__']: 'kept as a key', q5: null },
      comment: '',
      answeredAt: NOW,
    };
    const opened = await openResponseCode(
      await seal(payload, questionIds),
      { ...pulse, id: 'pulse-1', questionIds },
      NOW,
    );
    expect(opened).toEqual({ ok: true, payload });
    expect(opened.ok && Object.getPrototypeOf(opened.payload.answers)).toBe(Object.prototype);
    expect(opened.ok && Object.keys(opened.payload.answers)).toContain('__proto__');
    expect(opened.ok && 'q4' in opened.payload.answers).toBe(false);
  });

  it('makes a different code each time for the same answers (ephemeral key)', async () => {
    const payload = samplePayload();
    const [a, b] = await Promise.all([seal(payload), seal(payload)]);
    expect(a).not.toBe(b);
    expect(bytesOf(a).subarray(17, 50)).not.toEqual(bytesOf(b).subarray(17, 50));
  });

  it('keeps every code without a comment at one length of at most 200 characters, shared or personal', async () => {
    const lengths = new Set<number>();
    const questions = [...CORE_IDS, 'x1', 'x2', 'x3', 'x4', 'x5'];
    for (const values of [
      [1, 2, 3, 4],
      [null, null, null, null],
      [5, 5, 5, 5],
    ] as const) {
      for (const token of [undefined, makeSeatToken()]) {
        const payload = samplePayload({ answers: coreAnswers([...values]), ...(token ? { token } : {}) });
        lengths.add((await seal(payload, CORE_IDS)).length);
        // Five extra 0–10 questions answered still fit the first bucket.
        const extras = { ...payload.answers, x1: 10, x2: 9, x3: 8, x4: 7, x5: 6 };
        lengths.add((await seal({ ...payload, answers: extras }, questions)).length);
      }
    }
    expect([...lengths]).toHaveLength(1);
    expect([...lengths][0]).toBeLessThanOrEqual(200);
  });

  it('hides a comment’s length within 128-byte buckets', async () => {
    const lengthWith = async (comment: string) =>
      (await seal(samplePayload({ answers: coreAnswers([4, 4, 4, 4]), comment }), CORE_IDS)).length;
    expect(await lengthWith('ok')).toBe(await lengthWith('x'.repeat(30)));
    expect(await lengthWith('x'.repeat(40))).toBe(await lengthWith('x'.repeat(150)));
    expect(await lengthWith('x'.repeat(40))).toBeGreaterThan(await lengthWith('ok'));
    expect(await lengthWith('x'.repeat(200))).toBeGreaterThan(await lengthWith('x'.repeat(150)));
    expect([10, 64, 65, 192, 193].map(bucketLength)).toEqual([64, 64, 192, 192, 320]);
  });

  it('refuses to seal a partner type that does not exist, a value off every scale or an unasked question', async () => {
    await expect(seal(samplePayload({ partnerType: 'chair' as 'core' }))).rejects.toThrow();
    await expect(seal(samplePayload({ answers: { [QUESTION_IDS[0]!]: 1e300 } }))).rejects.toThrow();
    await expect(seal(samplePayload({ answers: { other: 1 } }))).rejects.toThrow();
  });
});

describe('openResponseCode rejections', () => {
  let code: string;
  beforeAll(async () => {
    code = await seal(samplePayload({ comment: 'A comment long enough to span blocks.', token: makeSeatToken() }));
  });

  it("rejects a code for another pulse with 'other-pulse'", async () => {
    const other = await generatePulseKeys();
    const otherId = 'a0000000-0000-4000-8000-000000000000';
    const otherCode = await sealResponse(other.publicKeyJwk, samplePayload({ pulseId: otherId }), QUESTION_IDS);
    expect(await open(otherCode)).toEqual({ ok: false, error: 'other-pulse' });
    // Opened with its own key it is fine: the error is about the pulse, not the code.
    expect((await open(otherCode, { ...pulse, id: otherId, privateKey: other.privateKey })).ok).toBe(true);
  });

  it('rejects a code relabelled to another pulse, even opened with that pulse’s id and this key', async () => {
    const otherId = 'a0000000-0000-4000-8000-000000000000';
    const relabelled = bytesOf(code);
    relabelled.set(decodeBase64url(encodeBase64url(new Uint8Array([0xa0, 0, 0, 0])))!, 1);
    expect(await open(codeOf(relabelled), { ...pulse, id: otherId })).toEqual({ ok: false, error: 'other-pulse' });
    expect(await open(codeOf(relabelled), { ...pulse, id: codePulseHint(codeOf(relabelled))! })).toEqual({
      ok: false,
      error: 'damaged',
    });
  });

  it("rejects a code sealed to another key but claiming this pulse with 'damaged'", async () => {
    const other = await generatePulseKeys();
    const forged = await sealResponse(other.publicKeyJwk, samplePayload(), QUESTION_IDS);
    expect(await open(forged)).toEqual({ ok: false, error: 'damaged' });
  });

  it('rejects a code for a pulse with other questions', async () => {
    expect(await open(code, { ...pulse, questionIds: QUESTION_IDS.slice(1) })).toEqual({
      ok: false,
      error: 'malformed',
    });
  });

  it('rejects a tampered byte at every position, and never with success', async () => {
    const bytes = bytesOf(code);
    // Clear header: an id tag and 16 bytes of pulse id, then the ephemeral key (02 or 03 and x).
    const expectedError = (position: number) =>
      position === 0 || position === 17 ? 'malformed' : position < 17 ? 'other-pulse' : 'damaged';
    for (let position = 0; position < bytes.length; position += 1) {
      const tampered = bytes.slice();
      tampered[position] = bytes[position]! ^ (0x01 << (position % 8) || 1);
      if (position === 17) tampered[position] = 4;
      const result = await open(codeOf(tampered));
      expect(result.ok ? 'opened' : result.error, `byte ${position}`).toBe(expectedError(position));
    }
  });

  it('rejects a changed character at every position of the code text', async () => {
    const body = code.slice(CODE_PREFIX.length);
    for (let position = 0; position < body.length; position += 1) {
      const replacement = body[position] === 'A' ? 'B' : 'A';
      const changed = CODE_PREFIX + body.slice(0, position) + replacement + body.slice(position + 1);
      expect((await open(changed)).ok, `character ${position}`).toBe(false);
    }
  });

  it("rejects a truncated code, at every length, with 'malformed' ('damaged' where it ends on a bucket)", async () => {
    const header = 17 + 33;
    for (let length = 0; length < code.length; length += 1) {
      const bytes = decodeBase64url(code.slice(CODE_PREFIX.length, length));
      const onBucket = bytes !== null && bytes.length - header - 16 === 64;
      expect(await open(code.slice(0, length)), `first ${length} characters`).toEqual({
        ok: false,
        error: onBucket ? 'damaged' : 'malformed',
      });
    }
  });

  it("rejects a code with bytes added with 'malformed', or 'damaged' when they make a whole bucket", async () => {
    const bytes = bytesOf(code);
    for (const [extra, error] of [
      [3, 'malformed'],
      [128, 'damaged'],
      [9000, 'malformed'],
    ] as const) {
      const longer = new Uint8Array(bytes.length + extra);
      longer.set(bytes);
      expect(await open(codeOf(longer)), `${extra} bytes`).toEqual({ ok: false, error });
    }
  });

  it("rejects text that is not base64url after the prefix with 'malformed'", async () => {
    for (const text of [
      `${code}!`,
      code.replace(/[A-Za-z]/, '+'),
      `${CODE_PREFIX}${code.slice(4, 40)}=`,
      `pp2.${code.slice(4)}`,
    ]) {
      expect(await open(text), text).toEqual({ ok: false, error: 'malformed' });
    }
  });

  it("rejects a code answered after the pulse expired with 'expired', whenever it is opened", async () => {
    const late = await seal(samplePayload({ answeredAt: pulse.expiresAt + 1000 }));
    expect(await openResponseCode(late, pulse, pulse.expiresAt + DAY)).toEqual({ ok: false, error: 'expired' });
    const inTime = await seal(samplePayload({ answeredAt: pulse.expiresAt }));
    expect((await openResponseCode(inTime, pulse, pulse.expiresAt + 7 * DAY)).ok).toBe(true);
  });

  it("rejects a code dated from the future with 'from-the-future', and one from 1970 with 'before-start'", async () => {
    const future = await seal(samplePayload({ answeredAt: NOW + CLOCK_SKEW_MS + 60_000 }));
    expect(await open(future)).toEqual({ ok: false, error: 'from-the-future' });
    const slightlyAhead = await seal(samplePayload({ answeredAt: NOW + 60_000 }));
    expect((await open(slightlyAhead)).ok).toBe(true);
    const ancient = await seal(samplePayload({ answeredAt: 0 }));
    expect(await open(ancient)).toEqual({ ok: false, error: 'before-start' });
    const beforeStart = await seal(samplePayload({ answeredAt: pulse.startedAt! - CLOCK_SKEW_MS - 1000 }));
    expect(await open(beforeStart)).toEqual({ ok: false, error: 'before-start' });
  });

  it("rejects a code of a later protocol version with 'unsupported-version'", async () => {
    expect(await open(`PP3.${code.slice(4)}`)).toEqual({ ok: false, error: 'unsupported-version' });
    expect(await open('PP10.abc')).toEqual({ ok: false, error: 'unsupported-version' });
  });

  it('rejects random garbage without throwing', async () => {
    const garbage: unknown[] = [
      '',
      'hello',
      'PP2.',
      'PP2',
      'PP2.A',
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
      const result = await open(text as string);
      expect(['malformed', 'damaged', 'other-pulse']).toContain(result.ok ? 'opened' : result.error);
    }
  });

  it('opens a replayed code to the same response id and token, so the panel can spot it', async () => {
    const [first, again] = [await open(code), await open(code)];
    expect(first.ok && again.ok && first.payload.responseId === again.payload.responseId).toBe(true);
    expect(first.ok && again.ok && first.payload.token === again.payload.token).toBe(true);
  });
});

describe('PP1 codes (links sent before the compact format)', () => {
  const v1 = (overrides: Partial<ResponsePayloadV1> = {}): ResponsePayloadV1 => ({
    v: 1,
    pulseId: PULSE_ID,
    responseId: crypto.randomUUID(),
    partnerType: 'core',
    organisationId: '9e8d7c6b-1111-4222-8333-444455556666',
    answers: { [QUESTION_IDS[0]!]: 4 },
    answeredAt: NOW,
    ...overrides,
  });

  it('still open, as answers without a token, under the same time checks', async () => {
    const payload = v1();
    const opened = await open(await sealResponseV1(keys.publicKeyJwk, payload));
    expect(opened).toEqual({ ok: true, payload });
    expect(codePulseHint(await sealResponseV1(keys.publicKeyJwk, payload))).toBe(PULSE_ID);
    expect(await open(await sealResponseV1(keys.publicKeyJwk, v1({ answeredAt: 0 })))).toEqual({
      ok: false,
      error: 'before-start',
    });
  });

  it('are refused when tampered at any byte', async () => {
    const code = await sealResponseV1(keys.publicKeyJwk, v1());
    const bytes = decodeBase64url(code.slice(4))!;
    for (let position = 0; position < bytes.length; position += 1) {
      const tampered = bytes.slice();
      tampered[position] = bytes[position]! ^ 1;
      expect((await open(`PP1.${encodeBase64url(tampered)}`)).ok, `byte ${position}`).toBe(false);
    }
  });
});

describe('findResponseCodes', () => {
  it('finds every code in a chat export, in order, keeping duplicates', async () => {
    const [a, b] = await Promise.all([seal(samplePayload()), seal(samplePayload())]);
    const chat = `10:02 Sam: here you go ${a}\n10:03 Jo: (${b}).\n10:04 Sam: again: ${a}, thanks!\n10:05 Ali: PP3.abc_def`;
    expect(findResponseCodes(chat)).toEqual([a, b, a, 'PP3.abc_def']);
  });

  it('ignores text that only looks a bit like a code', () => {
    expect(findResponseCodes('PP2 nothing, xPP2.abc, PP2. and pp2.abc')).toEqual([]);
    expect(findResponseCodes(undefined as unknown as string)).toEqual([]);
  });
});

describe('codePulseHint', () => {
  it('reads the pulse id a code claims without the key', async () => {
    expect(codePulseHint(await seal(samplePayload()))).toBe(PULSE_ID);
    expect(codePulseHint(await seal(samplePayload({ pulseId: 'pulse Ω' })))).toBe('pulse Ω');
  });

  it('gives null for anything that is not a whole code', async () => {
    const code = await seal(samplePayload());
    for (const text of ['', 'PP2.', 'garbage', code.slice(0, 30), `PP3.${code.slice(4)}`, 7 as unknown as string]) {
      expect(codePulseHint(text)).toBeNull();
    }
  });
});

describe('readResponseCode / openReadCode (a code decoded once)', () => {
  it('claims what codePulseHint reads and opens as openResponseCode does, for good, tampered, relabelled and foreign codes', async () => {
    const code = await seal(samplePayload());
    const bytes = bytesOf(code);
    const tampered = bytes.slice();
    tampered[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    const relabelled = await seal(samplePayload({ pulseId: 'pulse Ω' }));
    const texts = [
      code,
      ` ${code}\n`,
      codeOf(tampered),
      relabelled,
      await seal(samplePayload({ token: makeSeatToken(), partnerType: undefined })),
      await seal(samplePayload({ answeredAt: NOW + DAY })),
      await sealResponseV1(keys.publicKeyJwk, { ...samplePayload(), v: 1 } as ResponsePayloadV1),
      '',
      'PP2.',
      'garbage',
      code.slice(0, 30),
      `PP3.${code.slice(4)}`,
      7 as unknown as string,
    ];
    for (const [i, text] of texts.entries()) {
      const read = readResponseCode(text);
      expect(read?.pulseId ?? null, `text ${i}`).toBe(codePulseHint(text));
      if (read) expect(await openReadCode(read, pulse, NOW), `text ${i}`).toEqual(await open(text));
    }
    expect((await openReadCode(readResponseCode(code)!, pulse, NOW)).ok).toBe(true);
    expect(await openReadCode(readResponseCode(relabelled)!, pulse, NOW)).toEqual({ ok: false, error: 'other-pulse' });
  });
});
