import {
  isHeld,
  isVerified,
  PARTNER_TYPES,
  type Pulse,
  type PulseResponse,
  type PulseSummary,
  type QuestionTotals,
} from './records';

/**
 * A pulse's running totals (count, and per question the rated count, sum and "prefer not to
 * say" count by partner type). The responses repository folds each new response in within
 * the transaction that stores it, so trends can read pulses alone. Totals are raw: whoever
 * shows them applies the anonymity threshold (utils/pulse/aggregate.ts suppressPartition).
 * Only verified answers are counted (PulseResponse.verified): the threshold counts nothing else.
 * Answers in the late queue (PulseResponse.heldSince) are not counted until the lead adds them.
 */

type Counted = Pick<PulseResponse, 'partnerType' | 'answers'> & Partial<Pick<PulseResponse, 'verified' | 'heldSince'>>;

/** One question's totals in a group, read as an own key only (a question id `constructor` is not Object's). */
export function questionTotals(
  questions: Record<string, QuestionTotals> | undefined,
  questionId: string,
): QuestionTotals | undefined {
  return questions && Object.hasOwn(questions, questionId) ? questions[questionId] : undefined;
}

export function emptySummary(): PulseSummary {
  const byPartnerType = {} as PulseSummary['byPartnerType'];
  for (const type of PARTNER_TYPES) byPartnerType[type] = { responses: 0, questions: {} };
  return { responses: 0, byPartnerType };
}

/** A new summary with `response` counted in. Free-text answers are not totalled (they are read whole). */
export function addToSummary(
  summary: PulseSummary | undefined,
  pulse: Pick<Pulse, 'questions'>,
  response: Counted,
): PulseSummary {
  const next = structuredClone(summary ?? emptySummary());
  countInto(next, pulse, response);
  return next;
}

/** A new summary with every one of `responses` counted in (one copy for the whole batch). */
export function addAllToSummary(
  summary: PulseSummary | undefined,
  pulse: Pick<Pulse, 'questions'>,
  responses: Iterable<Counted>,
): PulseSummary {
  const next = structuredClone(summary ?? emptySummary());
  for (const response of responses) countInto(next, pulse, response);
  return next;
}

/** The summary rebuilt from every response (after a merge, an import or a deletion), counted in place. */
export function summarise(pulse: Pick<Pulse, 'questions'>, responses: Iterable<Counted>): PulseSummary {
  const summary = emptySummary();
  for (const response of responses) countInto(summary, pulse, response);
  return summary;
}

function countInto(summary: PulseSummary, pulse: Pick<Pulse, 'questions'>, response: Counted): void {
  if (!isVerified(response) || isHeld(response)) return;
  summary.responses += 1;
  const group = summary.byPartnerType[response.partnerType];
  group.responses += 1;
  for (const question of pulse.questions) {
    if (!Object.hasOwn(response.answers, question.id)) continue;
    const value = response.answers[question.id];
    let totals = questionTotals(group.questions, question.id);
    if (!totals) {
      totals = { rated: 0, sum: 0, preferNotToSay: 0 };
      // defineProperty: an id `__proto__` stays an own key instead of replacing the prototype.
      Object.defineProperty(group.questions, question.id, {
        value: totals,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    if (value === null) totals.preferNotToSay += 1;
    else if (typeof value === 'number') {
      totals.rated += 1;
      totals.sum += value;
    }
  }
}
