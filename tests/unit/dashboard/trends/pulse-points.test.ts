import { describe, expect, it } from 'vitest';
import { PARTNER_TYPES, type PartnerType, type PulseResponse } from '../../../../utils/db/records';
import { aggregatePulse } from '../../../../utils/pulse/aggregate';
import { seededRandom } from '../../../../utils/demo/random';
import { coreQuestion } from '../../../../utils/pulse/questions';
import { meansFromTotals, pointMean, pulseAt, pulsePoints } from '../../../../utils/dashboard/trends/pulse-points';
import { answer, DAY, pulseWith, repeat, WORDING } from './helpers';

const T0 = Date.UTC(2026, 4, 1, 10);
const totals = (rated: number, sum: number) => ({ rated, sum, preferNotToSay: 0 });

describe('means from a pulse summary, through the threshold', () => {
  it('hides a partner type below the threshold, and the smallest other type with it', () => {
    // lead 3 answers (sum 14), core 4 (sum 14), wider 2 (sum 4), threshold 3:
    // wider is hidden; two hidden answers could be worked out from the total, so the smaller
    // of the shown types (lead, 3) is hidden too.
    const { overall, byPartnerType } = meansFromTotals(
      { lead: totals(3, 14), core: totals(4, 14), wider: totals(2, 4) },
      3,
    );
    expect(overall).toEqual({ hidden: false, n: 9, mean: 32 / 9 });
    expect(byPartnerType.core).toEqual({ hidden: false, n: 4, mean: 3.5 });
    expect(byPartnerType.wider).toEqual({ hidden: true, reason: 'below-threshold', threshold: 3 });
    expect(byPartnerType.lead).toEqual({ hidden: true, reason: 'protects-smaller-group', threshold: 3 });
  });

  it('shows a group at exactly the threshold and hides it one below', () => {
    const at = meansFromTotals({ wider: totals(3, 6) }, 3);
    expect(at.overall).toEqual({ hidden: false, n: 3, mean: 2 });
    expect(at.byPartnerType.wider).toEqual({ hidden: false, n: 3, mean: 2 });
    // The empty types hide nothing: no answers in them.
    expect(at.byPartnerType.lead).toMatchObject({ hidden: true, reason: 'below-threshold' });

    const below = meansFromTotals({ wider: totals(2, 4) }, 3);
    expect(below.overall).toEqual({ hidden: true, reason: 'below-threshold', threshold: 3 });
    expect(below.byPartnerType.wider.hidden).toBe(true);
  });

  it('never goes below a threshold of 2, and follows a higher one', () => {
    expect(meansFromTotals({ core: totals(1, 5) }, 1).overall).toEqual({
      hidden: true,
      reason: 'below-threshold',
      threshold: 2,
    });
    expect(meansFromTotals({ core: totals(4, 12) }, 5).overall).toEqual({
      hidden: true,
      reason: 'below-threshold',
      threshold: 5,
    });
    expect(meansFromTotals({ core: totals(5, 15) }, 5).overall).toEqual({ hidden: false, n: 5, mean: 3 });
  });
});

describe('pulsePoints', () => {
  it('gives one point per dimension with the means of the summary', () => {
    const pulse = pulseWith(
      [
        ...repeat(3, () => answer('lead', { trust: 5, equity: 5, flexibility: 4, communication: 4 })),
        answer('core', { trust: 4, equity: 3, flexibility: 3, communication: 2 }),
        answer('core', { trust: 3, equity: 2, flexibility: 4, communication: null }),
        answer('core', { trust: 4, equity: 3, flexibility: 4, communication: 3 }),
      ],
      { id: 'p1', createdAt: T0 },
    );
    const points = pulsePoints(pulse);
    expect(points.map((p) => p.dimension)).toEqual(['trust', 'equity', 'flexibility', 'communication']);
    const equity = points[1]!;
    expect(equity).toMatchObject({ pulseId: 'p1', partnershipId: 'partnership-a', at: T0, threshold: 3 });
    expect(equity.seriesId).toBe(coreQuestion('equity', WORDING.equity).seriesId);
    expect(equity.overall).toEqual({ hidden: false, n: 6, mean: 23 / 6 });
    expect(equity.byPartnerType.lead).toEqual({ hidden: false, n: 3, mean: 5 });
    expect(equity.byPartnerType.core).toEqual({ hidden: false, n: 3, mean: 8 / 3 });
    expect(pointMean(equity, 'core')).toEqual({ hidden: false, n: 3, mean: 8 / 3 });
    expect(pointMean(equity)).toBe(equity.overall);
    // "Prefer not to say" is no answer: core communication has two, so it and lead (to protect it) are hidden.
    const communication = points[3]!;
    expect(communication.overall).toEqual({ hidden: false, n: 5, mean: 17 / 5 });
    expect(communication.byPartnerType.core).toMatchObject({ hidden: true, reason: 'below-threshold' });
    expect(communication.byPartnerType.lead).toMatchObject({ hidden: true, reason: 'protects-smaller-group' });
  });

  it('hides every point of a pulse without responses, and of one with fewer than the threshold', () => {
    const empty = pulsePoints({ ...pulseWith([], { id: 'p0', createdAt: T0 }), summary: undefined });
    expect(empty).toHaveLength(4);
    expect(empty.every((p) => p.overall.hidden && PARTNER_TYPES.every((t) => p.byPartnerType[t].hidden))).toBe(true);
    const two = pulsePoints(pulseWith([answer('wider', 2), answer('core', 4)], { id: 'p2', createdAt: T0 }));
    expect(two.every((p) => p.overall.hidden)).toBe(true);
  });

  it('dates a pulse by the end of its period, else by when it started', () => {
    expect(pulseAt({ createdAt: T0, periodEnd: T0 - 3 * DAY })).toBe(T0 - 3 * DAY);
    expect(pulseAt({ createdAt: T0 })).toBe(T0);
  });

  it('leaves out questions that are not a core dimension', () => {
    const pulse = pulseWith([], { id: 'p3', createdAt: T0 });
    pulse.questions = [
      pulse.questions[0]!,
      { id: 'x1', wording: 'Anything else?', scale: 'text', seriesId: 'extra:text:1' },
    ];
    expect(pulsePoints(pulse).map((p) => p.dimension)).toEqual(['trust']);
  });

  it('shows and hides exactly what the pulse results show and hide, on random pulses', () => {
    const random = seededRandom(42);
    for (let round = 0; round < 200; round += 1) {
      const threshold = 2 + Math.floor(random() * 4);
      const responses = repeat(Math.floor(random() * 14), () => {
        const type = PARTNER_TYPES[Math.floor(random() * 3)] as PartnerType;
        const value = random() < 0.15 ? null : 1 + Math.floor(random() * 5);
        return { ...answer(type, { trust: value }), organisationId: undefined } as Pick<
          PulseResponse,
          'partnerType' | 'answers'
        >;
      });
      const pulse = pulseWith(responses, { id: `r${round}`, createdAt: T0, threshold });
      const [trust] = pulsePoints(pulse);
      const results = aggregatePulse(pulse, responses).questions.find((q) => q.question.id === 'trust')!;
      const same = (a: NonNullable<typeof trust>['overall'], b: typeof results.overall) =>
        a.hidden ? b.hidden && a.reason === b.reason : !b.hidden && a.n === b.n && Math.abs(a.mean - b.mean) < 1e-9;
      expect(same(trust!.overall, results.overall), `round ${round}`).toBe(true);
      for (const type of PARTNER_TYPES)
        expect(same(trust!.byPartnerType[type], results.byPartnerType[type]), `${round} ${type}`).toBe(true);
    }
  });
});
