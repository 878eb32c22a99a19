import { describe, expect, it } from 'vitest';
import type { PartnerType, Pulse, PulseResponse } from '../../../utils/db/records';
import { aggregatePulse } from '../../../utils/pulse/aggregate';
import { publishPulse } from '../../../utils/pulse/published';
import { DAY, pulse as pulseRecord, response as responseRecord, T0 } from '../../factories';
import { buildQuestions, defaultCoreWording } from '../../../utils/pulse/questions';

const AFTER_CLOSE = T0 + 8 * DAY;

function closedPulse(threshold = 3, fields: Partial<Pulse> = {}): Pulse {
  return pulseRecord({
    id: 'pulse-1',
    partnershipId: 'partnership-1',
    questions: buildQuestions(defaultCoreWording(), [{ wording: 'What should change?', scale: 'text' }]),
    invitedOrganisationIds: ['org-a', 'org-b', 'org-c', 'org-d'],
    threshold,
    createdAt: T0,
    expiresAt: T0 + 7 * DAY,
    ...fields,
  });
}

let next = 0;
function answer(partnerType: PartnerType, trust: number | null, fields: Partial<PulseResponse> = {}): PulseResponse {
  next += 1;
  return responseRecord({
    id: `response-${next}`,
    pulseId: 'pulse-1',
    partnerType,
    organisationId: 'org-a',
    answers: { trust, equity: 3 },
    receivedAt: T0 + DAY + next * 1000,
    createdAt: T0 + DAY + next * 1000,
    updatedAt: T0 + DAY + next * 1000,
    ...fields,
  });
}

const publish = (p: Pulse, responses: PulseResponse[], includeComments = false, now = AFTER_CLOSE) =>
  publishPulse(p, responses, { partnershipName: 'Northmoor', includeComments, now });
const trustOf = (result: NonNullable<ReturnType<typeof publish>>) => result.questions.find((q) => q.id === 'trust')!;

describe('publishing a closed pulse', () => {
  it('publishes nothing while the pulse is open, or once it is deleted', () => {
    const responses = [answer('core', 4), answer('core', 5), answer('core', 3)];
    expect(publish(closedPulse(), responses, false, T0 + 7 * DAY)).toBeNull();
    expect(publish(closedPulse(3, { deletedAt: T0 + 2 * DAY }), responses)).toBeNull();
    expect(publish(closedPulse(), responses)).not.toBeNull();
  });

  it('hides a group of threshold − 1 with no figure, and shows a group at the threshold', () => {
    const short = publish(closedPulse(3), [answer('core', 4), answer('core', 5)])!;
    expect(trustOf(short).overall).toEqual({ hidden: true, reason: 'below-threshold' });
    expect(trustOf(short).byPartnerType.core).toEqual({ hidden: true, reason: 'below-threshold' });

    const enough = publish(closedPulse(3), [answer('core', 4), answer('core', 5), answer('core', 3)])!;
    expect(trustOf(enough).overall).toMatchObject({ hidden: false, n: 3, mean: 4 });
    expect(trustOf(enough).byPartnerType.core).toMatchObject({ hidden: false, n: 3, mean: 4 });
    expect(trustOf(enough).byPartnerType.wider).toEqual({ hidden: true, reason: 'below-threshold' });
  });

  it('counts only verified answers toward the threshold, and nowhere else', () => {
    const responses = [answer('core', 4), answer('core', 5), answer('core', 1, { verified: false })];
    const result = publish(closedPulse(3), responses)!;
    expect(trustOf(result).overall).toEqual({ hidden: true, reason: 'below-threshold' });
    expect(result.responses).toBe(2);
    expect(result.unverified).toBe(1);

    const four = publish(closedPulse(3), [...responses, answer('core', 3)])!;
    // The unverified 1 moves nothing: the mean is of 4, 5 and 3.
    expect(trustOf(four).overall).toMatchObject({ hidden: false, n: 3, mean: 4 });
  });

  it("hides a shown group's part that would give a small one away by subtraction, per question", () => {
    // 3 core + 1 wider: the total shows 4, so core (3) is hidden too or the wider answer is 4 − 3.
    const result = publish(closedPulse(3), [
      answer('core', 4),
      answer('core', 4),
      answer('core', 4),
      answer('wider', 1),
    ])!;
    expect(trustOf(result).overall).toMatchObject({ hidden: false, n: 4, mean: 13 / 4 });
    expect(trustOf(result).byPartnerType.core).toEqual({ hidden: true, reason: 'protects-smaller-group' });
    expect(trustOf(result).byPartnerType.wider).toEqual({ hidden: true, reason: 'below-threshold' });
  });

  it("gives the panel's own figures (one rule): every shown group equals aggregatePulse's", () => {
    const p = closedPulse(2);
    const responses = [
      answer('lead', 5),
      answer('lead', 4),
      answer('core', 2),
      answer('core', null),
      answer('wider', 3),
      answer('wider', 2),
      answer('core', 3),
    ];
    const result = publish(p, responses)!;
    const panel = aggregatePulse(p, responses);
    for (const question of panel.questions) {
      const published = result.questions.find((q) => q.id === question.question.id)!;
      const strip = (g: (typeof question)['overall']) => (g.hidden ? { hidden: true, reason: g.reason } : g);
      expect(published.overall).toEqual(strip(question.overall));
      for (const type of ['lead', 'core', 'wider'] as const)
        expect(published.byPartnerType[type]).toEqual(strip(question.byPartnerType[type]));
    }
  });

  it('carries no individual rows, no organisations and no arrival times', () => {
    const responses = [answer('core', 4, { comment: 'Secret plan' }), answer('core', 5), answer('core', 3)];
    const result = publish(closedPulse(3), responses)!;
    const text = JSON.stringify(result);
    expect(text).not.toContain('org-a');
    expect(text).not.toContain('response-');
    expect(text).not.toContain('Secret plan');
    for (const r of responses) expect(text).not.toContain(String(r.receivedAt));
    expect(result.closedAt).toBe(T0 + 7 * DAY);
    expect(Object.keys(result).sort()).toEqual(
      [
        'at',
        'closedAt',
        'createdAt',
        'id',
        'invited',
        'partnershipId',
        'partnershipName',
        'pulseId',
        'questions',
        'responses',
        'threshold',
        'unverified',
        'updatedAt',
      ].sort(),
    );
  });
});

describe('a pulse about a period that ends after it closed', () => {
  it('publishes a result dated no later than now (the server and a coordinator refuse a date ahead)', () => {
    const answers = [answer('core', 4), answer('core', 5), answer('core', 3)];
    const ahead = publish(closedPulse(3, { periodStart: T0 - 30 * DAY, periodEnd: T0 + 60 * DAY }), answers)!;
    expect(ahead.at).toBe(AFTER_CLOSE);
    // A period that has ended dates the result by its end, as the lead's own charts do.
    const ended = publish(closedPulse(3, { periodStart: T0 - 30 * DAY, periodEnd: T0 + 7.5 * DAY }), answers)!;
    expect(ended.at).toBe(T0 + 7.5 * DAY);
  });
});

describe('comments', () => {
  const withComments = (type: PartnerType, count: number, text: string) =>
    Array.from({ length: count }, (_, i) =>
      answer(type, 4, { comment: `${text} ${i}`, answers: { trust: 4, x1: `${text} free ${i}` } }),
    );

  it('travel only when the lead ticks "include comments"', () => {
    const responses = withComments('core', 3, 'core says');
    expect(publish(closedPulse(3), responses, false)!.comments).toBeUndefined();
    expect(publish(closedPulse(3), responses, true)!.comments).toEqual([
      { partnerType: 'core', texts: expect.arrayContaining(['core says 0', 'core says 2']) as string[] },
    ]);
  });

  it('are released only with a partner type that passes: a group of threshold − 1 keeps its comments', () => {
    const responses = [
      ...withComments('core', 3, 'core says'),
      ...withComments('wider', 3, 'wider says'),
      ...withComments('lead', 2, 'lead says'),
    ];
    // lead (2) is below the threshold; the other two pass, and the hidden part (2) is small:
    // so the smallest shown type is hidden too (partition rule), and only one type's comments go.
    const result = publish(closedPulse(3), responses, true)!;
    const types = result.comments!.map((c) => c.partnerType);
    expect(types).toHaveLength(1);
    expect(types).not.toContain('lead');
    expect(JSON.stringify(result.comments)).not.toContain('lead says');

    const four = [...withComments('core', 3, 'core says'), ...withComments('wider', 3, 'wider says')];
    const both = publish(closedPulse(3), four, true)!;
    expect(both.comments!.map((c) => c.partnerType).sort()).toEqual(['core', 'wider']);
    expect(both.comments!.find((c) => c.partnerType === 'wider')!.texts).toEqual([
      'wider says 0',
      'wider says 1',
      'wider says 2',
      'wider says free 0',
      'wider says free 1',
      'wider says free 2',
    ]);
  });

  it('are withheld from a type hidden by the response count though it shows on the question it rates', () => {
    // One lead answer that rates nothing: no question shows a lead group, but the response count
    // does (7 = 3 + 3 + 1), so the partition rule hides a second type there, and its comments stay.
    const lone = answer('lead', null, { comment: 'lead says', answers: { trust: null, equity: null } });
    const responses = [...withComments('core', 3, 'core says'), ...withComments('wider', 3, 'wider says'), lone];
    const result = publish(closedPulse(3), responses, true)!;
    // Both types show on trust, the one question they rate.
    expect([trustOf(result).byPartnerType.core.hidden, trustOf(result).byPartnerType.wider.hidden]).toEqual([
      false,
      false,
    ]);
    const types = result.comments!.map((c) => c.partnerType);
    expect(types).toHaveLength(1);
    expect(JSON.stringify(result.comments)).not.toContain('lead says');
  });

  it('an unverified comment neither lifts a group over the threshold nor is released', () => {
    const responses = [
      ...withComments('core', 2, 'core says'),
      answer('core', 4, { comment: 'minted', verified: false }),
    ];
    expect(publish(closedPulse(3), responses, true)!.comments).toEqual([]);
    const passing = [...responses, ...withComments('core', 1, 'third')];
    expect(JSON.stringify(publish(closedPulse(3), passing, true)!.comments)).not.toContain('minted');
  });
});
