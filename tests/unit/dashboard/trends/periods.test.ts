import { describe, expect, it } from 'vitest';
import { poolByPeriod, poolSeries, typeGap } from '../../../../utils/dashboard/trends/periods';
import { pulsePoints, type TrendMean } from '../../../../utils/dashboard/trends/pulse-points';
import { answer, pulseWith, repeat } from './helpers';

const shown = (n: number, mean: number): TrendMean => ({ hidden: false, n, mean });
const hidden: TrendMean = { hidden: true, reason: 'below-threshold', threshold: 3 };

// March and April 2026; the London clocks change on 29 March.
const march10 = Date.UTC(2026, 2, 10, 10);
const march20 = Date.UTC(2026, 2, 20, 10);
const march31Late = Date.UTC(2026, 2, 31, 23, 30); // 1 April 00:30 in London
const april15 = Date.UTC(2026, 3, 15, 10);

const pulseA = pulseWith([...repeat(3, () => answer('lead', 5)), ...repeat(4, () => answer('wider', 2))], {
  id: 'a',
  createdAt: march10,
});
// Lead has 2 answers here: hidden, and core (3, the first of the smallest) hidden with it to protect it.
const pulseB = pulseWith(
  [
    ...repeat(2, () => answer('lead', 4)),
    ...repeat(3, () => answer('wider', 3)),
    ...repeat(3, () => answer('core', 4)),
  ],
  {
    id: 'b',
    createdAt: march20,
  },
);
const pulseC = pulseWith([...repeat(3, () => answer('lead', 4)), ...repeat(3, () => answer('wider', 4))], {
  id: 'c',
  createdAt: march31Late,
});
const pulseD = pulseWith([answer('core', 3), answer('core', 3)], { id: 'd', createdAt: april15 });
const points = [pulseA, pulseB, pulseC, pulseD].flatMap(pulsePoints);

describe('poolByPeriod', () => {
  it('pools only the groups each pulse showed, so it reveals nothing the pulses did not', () => {
    const [march, april] = poolByPeriod(points, 'equity', 'month', 'Europe/London');
    expect(march!.period.key).toBe('2026-03');
    expect(march!.pulses).toBe(2);
    // Lead: A's 3 fives; B's two fours were hidden and stay out.
    expect(march!.byPartnerType.lead).toEqual(shown(3, 5));
    // Wider: A's 4 twos and B's 3 threes.
    expect(march!.byPartnerType.wider).toEqual(shown(7, 17 / 7));
    // Core: only B's, hidden there to protect B's lead, so hidden here too.
    expect(march!.byPartnerType.core).toEqual(hidden);
    // All answers: A (7, mean 23/7) and B (8, mean 29/8).
    expect(march!.overall).toEqual(shown(15, (15 + 8 + 8 + 9 + 12) / 15));

    // C is 1 April in London; D had two answers and is hidden everywhere.
    expect(april!.period.key).toBe('2026-04');
    expect(april!.pulses).toBe(2);
    expect(april!.byPartnerType.lead).toEqual(shown(3, 4));
    expect(april!.byPartnerType.core).toEqual(hidden);
    expect(april!.overall).toEqual(shown(6, 4));
  });

  it("follows the time zone at the month's edge", () => {
    const utc = poolByPeriod(points, 'equity', 'month', 'UTC');
    expect(utc.map((p) => [p.period.key, p.pulses])).toEqual([
      ['2026-03', 3],
      ['2026-04', 1],
    ]);
    const quarters = poolByPeriod(points, 'equity', 'quarter', 'Europe/London');
    expect(quarters.map((p) => [p.period.key, p.pulses])).toEqual([
      ['2026-Q1', 2],
      ['2026-Q2', 2],
    ]);
  });

  it('keeps series apart: a changed wording is a new point, never mixed in', () => {
    const reworded = pulseWith(
      repeat(3, () => answer('core', 1)),
      { id: 'e', createdAt: march20 },
    );
    reworded.questions = reworded.questions.map((q) =>
      q.dimension === 'equity' ? { ...q, seriesId: 'equity:agree5:new' } : q,
    );
    const [first, second] = poolByPeriod([...pulsePoints(pulseA), ...pulsePoints(reworded)], 'equity', 'month', 'UTC');
    expect(first!.period.key).toBe(second!.period.key);
    expect(new Set([first!.seriesId, second!.seriesId]).size).toBe(2);
    const newSeries = [first, second].find((p) => p!.seriesId === 'equity:agree5:new')!;
    expect(newSeries.overall).toEqual(shown(3, 1));
  });

  it('uses the highest threshold of the pooled pulses in the label', () => {
    const strict = pulseWith([answer('core', 4), answer('core', 4)], { id: 'f', createdAt: march10, threshold: 5 });
    const [period] = poolByPeriod([...pulsePoints(strict), ...pulsePoints(pulseD)], 'trust', 'month', 'UTC');
    expect(period!.overall).toEqual({ hidden: true, reason: 'below-threshold', threshold: 5 });
  });
});

describe('typeGap', () => {
  it('is the spread between the highest and the lowest shown partner type', () => {
    const gap = typeGap({ lead: shown(3, 4.6), core: hidden, wider: shown(5, 2.9) });
    expect(gap!.highest).toEqual({ partnerType: 'lead', mean: 4.6 });
    expect(gap!.lowest).toEqual({ partnerType: 'wider', mean: 2.9 });
    expect(gap!.gap).toBeCloseTo(1.7, 10);
    expect(typeGap({ lead: shown(3, 4), core: shown(3, 4.5), wider: shown(3, 3.5) })).toMatchObject({
      highest: { partnerType: 'core' },
      lowest: { partnerType: 'wider' },
      gap: 1,
    });
  });

  it('is null with fewer than two types shown', () => {
    expect(typeGap({ lead: shown(3, 4.6), core: hidden, wider: hidden })).toBeNull();
  });
});

describe('poolSeries', () => {
  it('pools the whole range per series, the latest series first', () => {
    const reworded = pulseWith(
      repeat(4, () => answer('wider', 3)),
      { id: 'g', createdAt: april15 + 1 },
    );
    reworded.questions = reworded.questions.map((q) =>
      q.dimension === 'equity' ? { ...q, seriesId: 'equity:agree5:new' } : q,
    );
    const pools = poolSeries([...points, ...pulsePoints(reworded)], 'equity');
    expect(pools.map((p) => [p.seriesId, p.pulses])).toEqual([
      ['equity:agree5:new', 1],
      [points[1]!.seriesId, 4],
    ]);
    expect(pools[1]!.byPartnerType.lead).toEqual(shown(6, 4.5));
    expect(pools[1]!.byPartnerType.wider).toEqual(shown(10, (8 + 9 + 12) / 10));
    expect(pools[1]!.byPartnerType.core.hidden).toBe(true);
  });
});

describe('a series of 200,000 pulses (an attacker’s import, or years of data)', () => {
  it('pools into one headline without overflowing the call stack', () => {
    const [model] = pulsePoints(pulseA).filter((p) => p.dimension === 'equity');
    const many = Array.from({ length: 200_000 }, (_, i) => ({ ...model!, pulseId: `p${i}`, at: model!.at + i }));
    many[1_234] = { ...many[1_234]!, threshold: 5 };
    const [series, ...rest] = poolSeries(many, 'equity');
    expect(rest).toEqual([]);
    expect(series!.lastAt).toBe(model!.at + 199_999);
    expect(series!.byPartnerType.wider).toEqual(shown(4 * 200_000, 2));
  });
});
