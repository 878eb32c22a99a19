import { describe, expect, it } from 'vitest';
import {
  PARTNER_TYPES,
  type Answer,
  type PartnerType,
  type Pulse,
  type PulseResponse,
} from '../../../utils/db/records';
import { aggregatePulse, suppressPartition, type GroupResult, type PulseResults } from '../../../utils/pulse/aggregate';
import { buildQuestions, defaultCoreWording } from '../../../utils/pulse/questions';

type Response = Pick<PulseResponse, 'partnerType' | 'organisationId' | 'answers' | 'comment'> &
  Partial<Pick<PulseResponse, 'verified'>>;

const ORGS = ['org-a', 'org-b', 'org-c'];

function pulse(
  threshold = 3,
  extras: Parameters<typeof buildQuestions>[1] = [],
): Pick<Pulse, 'questions' | 'threshold' | 'invitedOrganisationIds'> {
  return { questions: buildQuestions(defaultCoreWording(), extras), threshold, invitedOrganisationIds: ORGS };
}

function response(partnerType: PartnerType, trust: Answer, extra: Partial<Response> = {}): Response {
  return { partnerType, answers: { trust }, ...extra };
}

const many = (count: number, make: (i: number) => Response) => Array.from({ length: count }, (_, i) => make(i));
const trust = (results: PulseResults) => results.questions.find((q) => q.question.id === 'trust')!;
const mean = (group: GroupResult) => (group.hidden ? null : group.mean);

describe('the anonymity threshold', () => {
  it('hides a group one short of the threshold, and shows it at the threshold', () => {
    const two = aggregatePulse(
      pulse(3),
      many(2, () => response('core', 4)),
    );
    expect(trust(two).overall).toEqual({ hidden: true, reason: 'below-threshold', threshold: 3 });

    const three = aggregatePulse(pulse(3), [response('core', 4), response('core', 5), response('lead', 5)]);
    expect(trust(three).overall).toEqual({
      hidden: false,
      n: 3,
      mean: 14 / 3,
      distribution: [
        { value: 1, count: 0 },
        { value: 2, count: 0 },
        { value: 3, count: 0 },
        { value: 4, count: 1 },
        { value: 5, count: 2 },
      ],
      preferNotToSay: 0,
    });
  });

  it('counts only numeric answers: "prefer not to say" does not make up the numbers', () => {
    const results = aggregatePulse(pulse(3), [
      response('core', 4),
      response('core', 2),
      response('core', null),
      response('core', null),
    ]);
    expect(trust(results).overall).toMatchObject({ hidden: true, reason: 'below-threshold' });
    const enough = aggregatePulse(pulse(3), [...many(3, () => response('core', 3)), response('core', null)]);
    expect(trust(enough).overall).toMatchObject({ hidden: false, n: 3, mean: 3, preferNotToSay: 1 });
  });

  it('never uses a threshold below 2', () => {
    const results = aggregatePulse(pulse(1), [response('core', 4)]);
    expect(results.threshold).toBe(2);
    expect(trust(results).overall.hidden).toBe(true);
  });

  it('splits by partner type, each type on its own count', () => {
    const results = aggregatePulse(pulse(3), [
      ...many(3, () => response('lead', 5)),
      ...many(4, () => response('wider', 2)),
    ]);
    const { byPartnerType } = trust(results);
    expect(mean(byPartnerType.lead)).toBe(5);
    expect(mean(byPartnerType.wider)).toBe(2);
    // No core responses: hidden, and hiding nothing lets nothing be worked out.
    expect(byPartnerType.core).toEqual({ hidden: true, reason: 'below-threshold', threshold: 3 });
  });

  it('hides a second partner type when the total minus the shown ones would give away a small one', () => {
    // 3 lead, 4 core, 1 wider: total 8 is shown; showing lead and core would reveal the wider answer as 8 − 3 − 4.
    const responses = [
      ...many(3, () => response('lead', 5)),
      ...many(4, () => response('core', 4)),
      response('wider', 1),
    ];
    const { overall, byPartnerType } = trust(aggregatePulse(pulse(3), responses));
    expect(mean(overall)).toBe((15 + 16 + 1) / 8);
    expect(byPartnerType.wider).toMatchObject({ hidden: true, reason: 'below-threshold' });
    expect(byPartnerType.lead).toMatchObject({ hidden: true, reason: 'protects-smaller-group' });
    expect(mean(byPartnerType.core)).toBe(4);
  });

  it('filters by organisation only within what the partner-type split already protects', () => {
    const named = (org: string) => (i: number) => response('core', 2 + (i % 3), { organisationId: org });
    // Core: 3 from org-a and 2 who named nobody. org-a alone would leave the 2 as core − org-a.
    const hiddenCase = aggregatePulse(pulse(3), [
      ...many(3, named('org-a')),
      ...many(2, () => response('core', 5)),
      ...many(3, () => response('lead', 3)),
    ]);
    const cell = (results: PulseResults, org: string) =>
      trust(results).byOrganisation.find((c) => c.partnerType === 'core' && c.organisationId === org)!.result;
    expect(mean(trust(hiddenCase).byPartnerType.core)).toBe((2 + 3 + 4 + 10) / 5);
    expect(cell(hiddenCase, 'org-a')).toMatchObject({ hidden: true, reason: 'protects-smaller-group' });

    const shownCase = aggregatePulse(pulse(3), [
      ...many(3, named('org-a')),
      ...many(3, () => response('core', 5)),
      ...many(3, () => response('lead', 3)),
    ]);
    expect(mean(cell(shownCase, 'org-a'))).toBe(3);
  });

  it('lists every invited organisation under every partner type, answered or not', () => {
    const results = aggregatePulse(
      pulse(3),
      many(4, () => response('core', 4, { organisationId: 'org-b' })),
    );
    const cells = trust(results).byOrganisation.map((c) => `${c.partnerType}/${c.organisationId}`);
    expect(cells.sort()).toEqual(PARTNER_TYPES.flatMap((type) => ORGS.map((org) => `${type}/${org}`)).sort());
    expect(
      trust(results)
        .byOrganisation.filter((c) => !c.result.hidden)
        .map((c) => c.organisationId),
    ).toEqual(['org-b']);
  });

  it('applies to 0–10 questions with their own scale', () => {
    const results = aggregatePulse(pulse(2, [{ wording: 'How useful was today?', scale: 'zeroTen' }]), [
      response('core', 4, { answers: { x1: 0 } }),
      response('core', 4, { answers: { x1: 10 } }),
    ]);
    const x1 = results.questions.find((q) => q.question.id === 'x1')!.overall;
    expect(x1).toMatchObject({ hidden: false, n: 2, mean: 5 });
    expect(!x1.hidden && x1.distribution.map((d) => d.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('suppressPartition', () => {
  it('hides nothing when every part is large enough, or the small parts together are', () => {
    expect(suppressPartition([3, 4, 5], 3)).toEqual([null, null, null]);
    expect(suppressPartition([5, 2, 1, 0], 3)).toEqual([null, 'below-threshold', 'below-threshold', 'below-threshold']);
  });

  it('hides the smallest shown part until the hidden ones hold at least the threshold', () => {
    expect(suppressPartition([6, 4, 1], 3)).toEqual([null, 'protects-smaller-group', 'below-threshold']);
    expect(suppressPartition([3, 3, 3, 1], 5)).toEqual([
      'below-threshold',
      'below-threshold',
      'below-threshold',
      'below-threshold',
    ]);
    // 3 + 1 hidden is 4, still below 5: the 9 goes too (the parent's total is then all there is).
    expect(suppressPartition([9, 3, 1, 0], 5)).toEqual([
      'protects-smaller-group',
      'below-threshold',
      'below-threshold',
      'below-threshold',
    ]);
    expect(suppressPartition([9, 3, 2, 0], 5)).toEqual([null, 'below-threshold', 'below-threshold', 'below-threshold']);
  });
});

describe('no combination of shown numbers gives away a small group', () => {
  /** Sets of responses (bit masks) whose totals can be worked out: shown groups, their differences and disjoint unions. */
  function derivable(shownSets: number[]): Set<number> {
    const known = new Set(shownSets);
    for (let changed = true; changed;) {
      changed = false;
      const list = [...known];
      for (const a of list) {
        for (const b of list) {
          const next = (a & b) === b && a !== b ? a & ~b : (a & b) === 0 ? a | b : null;
          if (next !== null && !known.has(next)) {
            known.add(next);
            changed = true;
          }
        }
      }
    }
    return known;
  }

  const bits = (mask: number) => mask.toString(2).replace(/0/g, '').length;

  /** Every group the results show for `trust`, as the set of responses with a trust rating in it. */
  function shownSets(results: PulseResults, responses: Response[]): number[] {
    const maskOf = (keep: (r: Response) => boolean) =>
      responses.reduce((mask, r, i) => (typeof r.answers.trust === 'number' && keep(r) ? mask | (1 << i) : mask), 0);
    const q = trust(results);
    return [
      ...(q.overall.hidden ? [] : [maskOf(() => true)]),
      ...PARTNER_TYPES.filter((t) => !q.byPartnerType[t].hidden).map((t) => maskOf((r) => r.partnerType === t)),
      ...q.byOrganisation
        .filter((c) => !c.result.hidden)
        .map((c) => maskOf((r) => r.partnerType === c.partnerType && r.organisationId === c.organisationId)),
    ];
  }

  // A small deterministic generator (mulberry32), so a failure can be replayed.
  function random(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function randomResponses(next: () => number): Response[] {
    return many(1 + Math.floor(next() * 13), () => {
      const type = PARTNER_TYPES[Math.floor(next() * 3)]!;
      const org = next() < 0.6 ? ORGS[Math.floor(next() * ORGS.length)] : undefined;
      const value = next() < 0.15 ? null : 1 + Math.floor(next() * 5);
      return response(type, value, org ? { organisationId: org } : {});
    });
  }

  it('the check finds the leak that hiding only the small groups leaves', () => {
    // 3 lead, 3 core, 1 wider: with lead and core shown, total − lead − core is the wider answer.
    const responses = [
      ...many(3, () => response('lead', 5)),
      ...many(3, () => response('core', 4)),
      response('wider', 1),
    ];
    const all = (1 << responses.length) - 1;
    const lead = 0b0000111;
    const core = 0b0111000;
    expect([...derivable([all, lead, core])].filter((set) => set !== 0 && bits(set) < 3)).toEqual([0b1000000]);
    // What the aggregate shows instead leaves nothing that small.
    const shown = shownSets(aggregatePulse(pulse(3), responses), responses);
    expect([...derivable(shown)].filter((set) => set !== 0 && bits(set) < 3)).toEqual([]);
  });

  for (const threshold of [2, 3, 4, 5]) {
    it(`holds for 300 random pulses at threshold ${threshold}`, () => {
      const next = random(threshold * 7919);
      let shownSomething = 0;
      for (let round = 0; round < 300; round += 1) {
        const responses = randomResponses(next);
        const shown = shownSets(aggregatePulse(pulse(threshold), responses), responses);
        if (shown.length > 1) shownSomething += 1;
        for (const set of derivable(shown)) {
          if (set !== 0 && bits(set) < threshold) {
            throw new Error(`A group of ${bits(set)} can be worked out from ${JSON.stringify(responses)}`);
          }
        }
      }
      // The random pulses are not all trivially hidden.
      expect(shownSomething).toBeGreaterThan(30);
    });
  }
});

describe('comments and free-text answers', () => {
  const withComments = (comments: string[]) =>
    comments.map((comment, i) =>
      response(PARTNER_TYPES[i % 3]!, 3, { comment, answers: { trust: 3, x1: `text ${comment}` } }),
    );

  it('are held back until the pulse has the threshold of responses', () => {
    const results = aggregatePulse(
      pulse(3, [{ wording: 'What should change?', scale: 'text' }]),
      withComments(['Zebra', 'Apple']),
    );
    expect(results.reachedThreshold).toBe(false);
    expect(results.comments).toBeNull();
    expect(results.textAnswers).toEqual([{ question: expect.objectContaining({ id: 'x1' }), answers: null }]);
  });

  it('are listed sorted, not in the order they arrived, with no link to who wrote them', () => {
    const results = aggregatePulse(pulse(3, [{ wording: 'What should change?', scale: 'text' }]), [
      ...withComments(['Zebra crossings', 'More notice', 'Agenda earlier']),
      response('core', 4, { comment: '   ' }),
    ]);
    expect(results.reachedThreshold).toBe(true);
    expect(results.comments).toEqual(['Agenda earlier', 'More notice', 'Zebra crossings']);
    expect(results.textAnswers[0]?.answers).toEqual([
      'text Agenda earlier',
      'text More notice',
      'text Zebra crossings',
    ]);
    // Text questions are not rated questions.
    expect(results.questions.map((q) => q.question.id)).toEqual(['trust', 'equity', 'flexibility', 'communication']);
  });
});

describe('response rate', () => {
  it('is responses over invited organisations, shown whatever the threshold', () => {
    const results = aggregatePulse(
      pulse(3),
      many(2, () => response('core', 4)),
    );
    expect([results.responses, results.invited, results.responseRate]).toEqual([2, 3, 2 / 3]);
    expect(aggregatePulse({ ...pulse(3), invitedOrganisationIds: [] }, []).responseRate).toBeNull();
  });
});

describe('answers nobody vouched for (attacker: codes minted from a shared link past the seat cap)', () => {
  // The lone wider answer (2) is the secret; three lead and three core answers are shown.
  const real = [...many(3, () => response('lead', 4)), ...many(3, () => response('core', 3)), response('wider', 2)];
  const forged = many(2, () => response('wider', 5, { verified: false, comment: 'forged' }));

  it('two codes of known value cannot lift a hidden group of one over the threshold', () => {
    const before = aggregatePulse(pulse(3), real);
    const after = aggregatePulse(pulse(3), [...real, ...forged]);
    expect(trust(before).byPartnerType.wider.hidden).toBe(true);
    expect(trust(after).byPartnerType.wider).toEqual(trust(before).byPartnerType.wider);
    // Nothing else moved either, so subtracting one view from the other gives nothing away.
    expect({ ...after, unverified: 0 }).toEqual(before);
    expect(after.unverified).toBe(2);
  });

  it('the same codes marked verified would lift it: the flag is what holds it back', () => {
    const vouched = forged.map((r) => ({ ...r, verified: true }));
    expect(trust(aggregatePulse(pulse(3), [...real, ...vouched])).byPartnerType.wider.hidden).toBe(false);
  });

  it('do not count towards releasing comments, and their comments are never released', () => {
    const two = many(2, (i) => response('core', 3, { comment: `real ${i}` }));
    const held = aggregatePulse(pulse(3), [...two, ...forged]);
    expect(held.reachedThreshold).toBe(false);
    expect(held.comments).toBeNull();
    const released = aggregatePulse(pulse(3), [...two, response('lead', 4), ...forged]);
    expect(released.comments).toEqual(['real 0', 'real 1']);
  });

  it('answers without the flag (stored before seats) count as verified', () => {
    expect(aggregatePulse(pulse(3), real).responses).toBe(7);
  });
});

describe('question ids that are names of Object', () => {
  it('an id `constructor` counts only the answers given to it', () => {
    const questions = [
      { id: 'constructor', wording: 'Own question', scale: 'agree5' as const, seriesId: 'constructor' },
    ];
    const results = aggregatePulse({ questions, threshold: 3, invitedOrganisationIds: [] }, [
      ...many(3, () => response('core', 4)),
    ]);
    // None of them answered it: the group is empty, not three "answers" read off Object.prototype.
    expect(results.questions[0]!.overall).toEqual({ hidden: true, reason: 'below-threshold', threshold: 3 });
    const answered = aggregatePulse({ questions, threshold: 3, invitedOrganisationIds: [] }, [
      ...many(3, () => ({
        partnerType: 'core' as const,
        answers: JSON.parse('{"constructor": 5}') as Record<string, Answer>,
      })),
    ]);
    expect(answered.questions[0]!.overall).toMatchObject({ hidden: false, n: 3, mean: 5 });
  });
});
