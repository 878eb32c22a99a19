import { describe, expect, it } from 'vitest';
import type { Answer, PulseQuestion } from '../../../utils/db/records';
import { addToSummary, questionTotals, summarise } from '../../../utils/db/summary';

const question = (id: string): PulseQuestion => ({ id, wording: id, scale: 'agree5', seriesId: id });

describe('a pulse summary', () => {
  it('counts only verified answers (an unverified code moves no total)', () => {
    const pulse = { questions: [question('trust')] };
    const verified = summarise(pulse, [
      { partnerType: 'wider', answers: { trust: 2 }, verified: true },
      { partnerType: 'wider', answers: { trust: 3 } },
    ]);
    const forged = addToSummary(verified, pulse, { partnerType: 'wider', answers: { trust: 5 }, verified: false });
    expect(forged).toEqual(verified);
    expect(verified.responses).toBe(2);
    expect(questionTotals(verified.byPartnerType.wider.questions, 'trust')).toEqual({
      rated: 2,
      sum: 5,
      preferNotToSay: 0,
    });
  });

  it('keeps question ids `constructor` and `__proto__` as its own keys, with nothing written to Object.prototype', () => {
    const pulse = { questions: [question('constructor'), question('__proto__'), question('toString')] };
    const answers = JSON.parse('{"constructor": 4, "__proto__": 2}') as Record<string, Answer>;
    const summary = summarise(pulse, [
      { partnerType: 'core', answers },
      { partnerType: 'core', answers },
    ]);
    const core = summary.byPartnerType.core.questions;
    expect(questionTotals(core, 'constructor')).toEqual({ rated: 2, sum: 8, preferNotToSay: 0 });
    expect(questionTotals(core, '__proto__')).toEqual({ rated: 2, sum: 4, preferNotToSay: 0 });
    expect(questionTotals(core, 'toString')).toBeUndefined();
    expect(Object.getPrototypeOf(core)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).rated).toBeUndefined();
    // It survives the structured clone IndexedDB makes.
    expect(questionTotals(structuredClone(summary).byPartnerType.core.questions, '__proto__')).toEqual({
      rated: 2,
      sum: 4,
      preferNotToSay: 0,
    });
  });
});
