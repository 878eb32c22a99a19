import { PARTNER_TYPES, type Pulse, type PulseResponse, type PulseSummary } from './records';

/**
 * A pulse's running totals (count, and per question the rated count, sum and "prefer not to
 * say" count by partner type). The responses repository folds each new response in within
 * the transaction that stores it, so trends can read pulses alone. Totals are raw: whoever
 * shows them applies the anonymity threshold (utils/pulse/aggregate.ts suppressPartition).
 */

export function emptySummary(): PulseSummary {
  const byPartnerType = {} as PulseSummary['byPartnerType'];
  for (const type of PARTNER_TYPES) byPartnerType[type] = { responses: 0, questions: {} };
  return { responses: 0, byPartnerType };
}

/** A new summary with `response` counted in. Free-text answers are not totalled (they are read whole). */
export function addToSummary(
  summary: PulseSummary | undefined,
  pulse: Pick<Pulse, 'questions'>,
  response: Pick<PulseResponse, 'partnerType' | 'answers'>,
): PulseSummary {
  const next = structuredClone(summary ?? emptySummary());
  countInto(next, pulse, response);
  return next;
}

/** The summary rebuilt from every response (after a merge, an import or a deletion), counted in place. */
export function summarise(
  pulse: Pick<Pulse, 'questions'>,
  responses: Iterable<Pick<PulseResponse, 'partnerType' | 'answers'>>,
): PulseSummary {
  const summary = emptySummary();
  for (const response of responses) countInto(summary, pulse, response);
  return summary;
}

function countInto(
  summary: PulseSummary,
  pulse: Pick<Pulse, 'questions'>,
  response: Pick<PulseResponse, 'partnerType' | 'answers'>,
): void {
  summary.responses += 1;
  const group = summary.byPartnerType[response.partnerType];
  group.responses += 1;
  for (const question of pulse.questions) {
    if (!Object.hasOwn(response.answers, question.id)) continue;
    const value = response.answers[question.id];
    const totals = (group.questions[question.id] ??= { rated: 0, sum: 0, preferNotToSay: 0 });
    if (value === null) totals.preferNotToSay += 1;
    else if (typeof value === 'number') {
      totals.rated += 1;
      totals.sum += value;
    }
  }
}
