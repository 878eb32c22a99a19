import { describe, expect, it } from 'vitest';
import type { PartnerType, PulseResponse } from '../../../../utils/db/records';
import { summarise } from '../../../../utils/db/summary';
import { publishedPartnerships } from '../../../../utils/dashboard/model';
import { publishedPoints, pulsePoints } from '../../../../utils/dashboard/trends/pulse-points';
import { publishPulse } from '../../../../utils/pulse/published';
import { DAY, partnership, publishedResult, pulse, response, T0 } from '../../../factories';

const answers = (trust: number | null, equity: number) => ({ trust, equity, flexibility: 4, communication: 2 });

describe('published results on the dashboard', () => {
  it("give the same points as the lead's own pulse: shown means, gaps and reasons alike", () => {
    const own = pulse({ id: 'pulse-1', partnershipId: 'p-1', threshold: 3, expiresAt: T0 + 7 * DAY });
    const spec: Array<[PartnerType, number | null, number]> = [
      ['lead', 5, 5],
      ['lead', 4, 5],
      ['lead', 5, 4],
      ['core', 2, 3],
      ['core', 3, 2],
      ['core', null, 3],
      ['core', 4, 1],
      ['wider', 1, 2],
    ];
    const responses: PulseResponse[] = spec.map(([partnerType, trust, equity], i) =>
      response({ id: `r-${i}`, pulseId: own.id, partnerType, answers: answers(trust, equity) }),
    );
    const lead = pulsePoints({ ...own, summary: summarise(own, responses) });
    const result = publishPulse(own, responses, { partnershipName: 'One', includeComments: false, now: T0 + 8 * DAY })!;
    const coordinator = publishedPoints(result);
    expect(coordinator).toEqual(lead);
    // Not a trivial equality: some groups are shown, some hidden for each reason.
    const trust = coordinator.find((p) => p.dimension === 'trust')!;
    expect(trust.byPartnerType.lead).toMatchObject({ hidden: true, reason: 'protects-smaller-group' });
    expect(trust.byPartnerType.wider).toMatchObject({ hidden: true, reason: 'below-threshold' });
    expect(trust.byPartnerType.core).toMatchObject({ hidden: false, n: 3, mean: 3 });
    expect(trust.overall).toMatchObject({ hidden: false, n: 7 });
  });

  it('name the partnerships a coordinator knows only from them, after its own', () => {
    const own = [partnership({ id: 'p-own', name: 'Own partnership' })];
    const results = [
      publishedResult({ id: 'a', partnershipId: 'p-own', partnershipName: 'Ignored' }),
      publishedResult({ id: 'b', partnershipId: 'p-2', partnershipName: 'Old name', updatedAt: T0 + 8 * DAY }),
      publishedResult({ id: 'c', partnershipId: 'p-2', partnershipName: 'New name', updatedAt: T0 + 9 * DAY }),
    ];
    const found = publishedPartnerships(own, results, 'Europe/London');
    expect(found.map((p) => [p.id, p.name])).toEqual([['p-2', 'New name']]);
  });
});
