import { beforeEach, describe, expect, it } from 'vitest';
import type { Pulse } from '../../../utils/db/records';
import { listResponses } from '../../../utils/db/responses';
import { summarise } from '../../../utils/db/summary';
import type { PulseDatabase } from '../../../utils/db/schema';
import {
  collectCodes,
  countOutcomes,
  MAX_CODES_AT_ONCE,
  previewCodes,
  summariseOutcomes,
  TooManyCodesError,
} from '../../../utils/pulse/collect';
import { sealResponse, type ResponsePayload } from '../../../utils/pulse/response-code';
import { makeSeatToken } from '../../../utils/pulse/seats';
import { LATE_GRACE_MS } from '../../../utils/pulse/release';
import { freshDb, putPulse } from '../db/helpers';
import { putMembers, startedPulse } from './helpers';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 10, 12);
const ORG = '9e8d7c6b-1111-4222-8333-444455556666';
/** Invited with ORG, so the shared link's cap (one answer per invited organisation of a type) leaves room. */
const MORE_ORGS = Array.from({ length: 8 }, (_, i) => `9e8d7c6b-1111-4222-8333-44445555000${i}`);
const TYPES = ['core', 'core', 'core', 'core', 'core', 'wider', 'wider', 'lead'] as const;

let db: PulseDatabase;
let pulse: Pulse;
let otherPulse: Pulse;

function payload(target: Pulse, overrides: Partial<ResponsePayload> = {}): ResponsePayload {
  return {
    v: 2,
    pulseId: target.id,
    responseId: crypto.randomUUID(),
    partnerType: 'core',
    answers: { trust: 4, equity: null, flexibility: 3, communication: 5 },
    comment: 'More notice of meetings.',
    answeredAt: NOW,
    ...overrides,
  };
}

const seal = (target: Pulse, overrides: Partial<ResponsePayload> = {}) =>
  sealResponse(
    target.publicKeyJwk!,
    payload(target, overrides),
    target.questions.map((q) => q.id),
  );

/** Everything stored in the pulse (with its local-only part) and response stores, as text (the private key is an opaque object either way). */
async function digest(): Promise<string> {
  const [pulses, secrets, responses] = await Promise.all([
    db.getAll('pulses'),
    db.getAll('pulseSecrets'),
    db.getAll('responses'),
  ]);
  return JSON.stringify({ pulses, secrets, responses });
}

function flip(code: string, at: number): string {
  const chars = [...code];
  chars[at] = chars[at] === 'A' ? 'B' : 'A';
  return chars.join('');
}

beforeEach(async () => {
  db = await freshDb('collect');
  for (const partnershipId of ['p1', 'p2']) {
    await putMembers(
      db,
      partnershipId,
      [ORG, ...MORE_ORGS].map((organisationId, i) => [organisationId, TYPES[i - 1] ?? 'core']),
    );
  }
  // Started a day before the answers (codes from before a pulse started are refused).
  const start = (partnershipId: string) =>
    startedPulse(
      db,
      { partnershipId, invitedOrganisationIds: [ORG, ...MORE_ORGS], expiresAt: NOW + 7 * DAY },
      NOW - DAY,
    );
  pulse = await start('p1');
  otherPulse = await start('p2');
});

describe('collectCodes', () => {
  it('adds good codes found anywhere in a text, and reports each one', async () => {
    const [a, b] = await Promise.all([seal(pulse), seal(pulse, { partnerType: 'wider' })]);
    const text = `Re: pulse\n> Thanks! My code: ${a}\nSent from my phone\n\n${b}.`;
    const reports = await collectCodes(db, text, { pulseId: pulse.id, now: NOW });
    expect(reports).toEqual([
      { code: a, outcome: 'added', pulseId: pulse.id },
      { code: b, outcome: 'added', pulseId: pulse.id },
    ]);
    const stored = await listResponses(db, pulse.id);
    expect(stored.map((r) => r.partnerType).sort()).toEqual(['core', 'wider']);
    expect(stored.every((r) => r.source === 'widget' && r.receivedAt === NOW)).toBe(true);
    expect(stored.find((r) => r.partnerType === 'core')).toMatchObject({
      comment: 'More notice of meetings.',
      answers: { trust: 4, equity: null },
    });
  });

  it('refuses codes dated before the start or in the future, and personal-link codes it has no seat for', async () => {
    const codes = await Promise.all([
      seal(pulse, { answeredAt: 0 }),
      seal(pulse, { answeredAt: NOW + DAY }),
      seal(pulse, { token: makeSeatToken(), partnerType: undefined }),
    ]);
    const before = await digest();
    const reports = await collectCodes(db, codes.join('\n'), { pulseId: pulse.id, now: NOW });
    expect(reports.map((r) => r.outcome)).toEqual(['before-start', 'from-the-future', 'unknown-seat']);
    expect(await digest()).toBe(before);
  });

  it('says "already added" for a code pasted again, or twice in one text', async () => {
    const code = await seal(pulse);
    expect((await collectCodes(db, code, { pulseId: pulse.id, now: NOW })).map((r) => r.outcome)).toEqual(['added']);
    const before = await digest();
    expect(
      (await collectCodes(db, `${code} and again ${code}`, { pulseId: pulse.id, now: NOW })).map((r) => r.outcome),
    ).toEqual(['already-added', 'already-added']);
    expect(await digest()).toBe(before);

    const fresh = await seal(pulse);
    expect(
      (await collectCodes(db, `${fresh}\n${fresh}`, { pulseId: pulse.id, now: NOW })).map((r) => r.outcome),
    ).toEqual(['added', 'already-added']);
    expect(await listResponses(db, pulse.id)).toHaveLength(2);
  });

  it("says a code for another lead's pulse (held here without its key, through the workspace) opens only on their computer", async () => {
    const code = await seal(otherPulse);
    const { privateKey: _key, summary: _summary, ...withoutKey } = otherPulse;
    await putPulse(db, withoutKey);
    const before = await digest();
    // On the dashboard (any pulse) and in that pulse's panel alike.
    expect((await collectCodes(db, code, { now: NOW })).map((r) => r.outcome)).toEqual(['no-key']);
    expect((await collectCodes(db, code, { pulseId: otherPulse.id, now: NOW })).map((r) => r.outcome)).toEqual([
      'no-key',
    ]);
    expect(await digest()).toBe(before);
  });

  it("says a code for the lead's own pulse restored from a backup (no key here: keys never travel; its totals are) opens only on the computer that started it, not that it is another lead's", async () => {
    const code = await seal(otherPulse);
    const { privateKey: _key, ...restored } = otherPulse;
    await putPulse(db, { ...restored, summary: summarise(otherPulse, []) });
    const before = await digest();
    expect((await collectCodes(db, code, { now: NOW })).map((r) => r.outcome)).toEqual(['key-elsewhere']);
    expect((await collectCodes(db, code, { pulseId: otherPulse.id, now: NOW })).map((r) => r.outcome)).toEqual([
      'key-elsewhere',
    ]);
    expect(await digest()).toBe(before);
  });

  it('reports a code for another pulse, or for a pulse this browser does not hold, and adds it nowhere', async () => {
    const forOther = await seal(otherPulse);
    const unknownPulse = { ...pulse, id: '7a7a7a7a-7a7a-4a7a-8a7a-7a7a7a7a7a7a' };
    const forUnknown = await seal(unknownPulse);
    const before = await digest();
    const reports = await collectCodes(db, `${forOther} ${forUnknown}`, { pulseId: pulse.id, now: NOW });
    expect(reports.map((r) => r.outcome)).toEqual(['other-pulse', 'other-pulse']);
    expect(await digest()).toBe(before);
  });

  it('reports a code answered after the pulse expired, and adds one answered in time within the grace', async () => {
    const late = await seal(pulse, { answeredAt: pulse.expiresAt + 1000 });
    const onTime = await seal(pulse, { answeredAt: pulse.expiresAt });
    const reports = await collectCodes(db, `${late}\n${onTime}`, {
      pulseId: pulse.id,
      now: pulse.expiresAt + LATE_GRACE_MS,
    });
    expect(reports.map((r) => r.outcome)).toEqual(['expired', 'added']);
    expect(await listResponses(db, pulse.id)).toHaveLength(1);
  });

  it('reports damaged codes (a changed byte, cut short, garbage, a newer version, nonsense inside) and changes nothing', async () => {
    const code = await seal(pulse);
    const offScale = await seal(pulse, { answers: { trust: 9 } });
    // A code carries values by the pulse's question order: one made for more questions does not fit.
    const unknownQuestion = await sealResponse(
      pulse.publicKeyJwk!,
      payload(pulse, { answers: { trust: 4, salary: 3 } }),
      ['trust', 'equity', 'flexibility', 'communication', 'salary'],
    );
    const bad = [
      flip(code, code.length - 5),
      flip(code, 60),
      code.slice(0, code.length - 12),
      'PP1.bm90IGEgY29kZQ',
      `PP1.${'A'.repeat(200)}`,
      `PP3.${code.slice(4)}`,
      offScale,
      unknownQuestion,
    ];
    const before = await digest();
    const reports = await collectCodes(db, bad.join('\n'), { pulseId: pulse.id, now: NOW });
    expect(reports.map((r) => r.outcome)).toEqual(Array(bad.length).fill('damaged'));
    expect(await digest()).toBe(before);
  });

  it("keeps a comment with bidi overrides, zero-width and NUL characters, markup or a prototype key as the partner's text", async () => {
    const comments = [
      'Fine \u202Eesrow gnihtyreve\u202C really',
      'Good\u200B\u2066 work\u2069',
      'A\u0000B',
      '<img src=x onerror=alert(1)>',
      '__proto__',
    ];
    for (const comment of comments) {
      const reports = await collectCodes(db, await seal(pulse, { comment }), { pulseId: pulse.id, now: NOW });
      expect(reports.map((r) => r.outcome)).toEqual(['added']);
    }
    const stored = await listResponses(db, pulse.id);
    expect(stored.map((r) => r.comment).sort()).toEqual([...comments].sort());
    expect(stored.every((r) => Object.getPrototypeOf(r) === Object.prototype)).toBe(true);
  });

  it('still adds the good codes of a paste that also holds bad ones, and nothing else', async () => {
    const [good1, good2, other, late] = await Promise.all([
      seal(pulse),
      seal(pulse),
      seal(otherPulse),
      seal(pulse, { answeredAt: pulse.expiresAt + 1000 }),
    ]);
    const reports = await collectCodes(db, [flip(good1, 70), good1, other, 'PP1.zzz', late, good2, good1].join(' '), {
      pulseId: pulse.id,
      now: NOW,
    });
    expect(reports.map((r) => r.outcome)).toEqual([
      'damaged',
      'added',
      'other-pulse',
      'damaged',
      'expired',
      'added',
      'already-added',
    ]);
    expect(countOutcomes(reports)).toEqual({
      added: 2,
      held: 0,
      'over-cap': 0,
      'already-added': 1,
      'other-pulse': 1,
      expired: 1,
      'before-start': 0,
      'from-the-future': 0,
      'unknown-seat': 0,
      'withdrawn-seat': 0,
      'replaced-link': 0,
      'deleted-pulse': 0,
      'no-key': 0,
      'key-elsewhere': 0,
      'no-token': 0,
      replaced: 0,
      'older-answer': 0,
      'seat-closed': 0,
      damaged: 2,
    });
    expect(await listResponses(db, pulse.id)).toHaveLength(2);
    expect(await listResponses(db, otherPulse.id)).toHaveLength(0);
  });

  it('without a pulse given (the call chat), adds each code to its own pulse', async () => {
    const [a, b] = await Promise.all([seal(pulse), seal(otherPulse)]);
    const reports = await collectCodes(db, `${a} ${b}`, { now: NOW });
    expect(reports).toEqual([
      { code: a, outcome: 'added', pulseId: pulse.id },
      { code: b, outcome: 'added', pulseId: otherPulse.id },
    ]);
    expect(await listResponses(db, otherPulse.id)).toHaveLength(1);
  });

  it('finds nothing in a text without codes', async () => {
    expect(await collectCodes(db, 'Thanks all, see you next month. PP1 PP1. pp1.abc')).toEqual([]);
  });
});

describe('previewCodes', () => {
  it('tells new codes from ones already added, and stores nothing', async () => {
    const [stored, fresh] = await Promise.all([seal(pulse), seal(pulse)]);
    await collectCodes(db, stored, { now: NOW });
    const before = await digest();
    const preview = await previewCodes(db, `${stored} ${fresh} ${fresh} PP1.junk`, { now: NOW });
    expect(preview.map((r) => r.outcome)).toEqual(['already-added', 'added', 'already-added', 'damaged']);
    expect(await digest()).toBe(before);
  });
});

describe('a paste of many codes', () => {
  it('refuses more than 2,000 different codes at once with a message, adding none of them', async () => {
    const good = await seal(pulse);
    // Code-shaped text is enough: the count is checked before anything is opened.
    const filler = Array.from({ length: MAX_CODES_AT_ONCE }, (_, i) => `PP2.${i.toString(36).padStart(12, '_')}`);
    const before = await digest();
    const error = await collectCodes(db, [good, ...filler].join('\n'), { pulseId: pulse.id, now: NOW }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TooManyCodesError);
    expect((error as TooManyCodesError).found).toBe(MAX_CODES_AT_ONCE + 1);
    expect((error as Error).message).toBe('2001 different codes at once: at most 2000.');
    await expect(previewCodes(db, [good, ...filler].join(' '), { now: NOW })).rejects.toBeInstanceOf(TooManyCodesError);
    expect(await digest()).toBe(before);
  });

  it('counts a code repeated thousands of times once (a Set), and takes exactly 2,000 different codes', async () => {
    const code = await seal(pulse);
    const reports = await collectCodes(db, Array(5000).fill(code).join('\n'), { pulseId: pulse.id, now: NOW });
    expect(reports).toHaveLength(5000);
    expect(countOutcomes(reports)).toMatchObject({ added: 1, 'already-added': 4999 });
    expect(await listResponses(db, pulse.id)).toHaveLength(1);
    const filler = Array.from({ length: MAX_CODES_AT_ONCE }, (_, i) => `PP2.${i.toString(36).padStart(12, '_')}`);
    const many = await collectCodes(db, filler.join(' '), { pulseId: pulse.id, now: NOW });
    expect(countOutcomes(many).damaged).toBe(MAX_CODES_AT_ONCE);
  });

  it('refuses 10,001 different codes in one paste by their count alone, adding none and opening none', async () => {
    const good = await seal(pulse);
    const filler = Array.from({ length: 10_000 }, (_, i) => `PP2.${i.toString(36).padStart(16, '_')}`);
    const before = await digest();
    const error = await collectCodes(db, [good, ...filler, good].join('\n'), { pulseId: pulse.id, now: NOW }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TooManyCodesError);
    expect((error as TooManyCodesError).found).toBe(10_001);
    expect((error as Error).message).toBe('10001 different codes at once: at most 2000.');
    expect(await digest()).toBe(before);
  });

  it('summarises outcomes as counts with at most three examples each, in a fixed order', () => {
    const reports = [
      ...Array.from({ length: 1500 }, (_, i) => ({ code: `PP2.d${i}`, outcome: 'damaged' as const })),
      { code: 'PP2.a1', outcome: 'added' as const },
      { code: 'PP2.h1', outcome: 'held' as const },
      { code: 'PP2.a2', outcome: 'added' as const },
    ];
    expect(summariseOutcomes(reports)).toEqual([
      { outcome: 'added', count: 2, examples: ['PP2.a1', 'PP2.a2'] },
      { outcome: 'held', count: 1, examples: ['PP2.h1'] },
      { outcome: 'damaged', count: 1500, examples: ['PP2.d0', 'PP2.d1', 'PP2.d2'] },
    ]);
    expect(summariseOutcomes([])).toEqual([]);
  });
});
