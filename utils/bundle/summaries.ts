import type { Pulse, PulseResponse, PulseSummary } from '../db/records';
import { emptySummary } from '../pulse/summary';

/**
 * The same totals as summarise() in utils/pulse/summary.ts, folded in place: an import rebuilds
 * the summaries of thousands of pulses at once, and summarise() copies the summary for every
 * response. Deleted responses are not counted. The unit tests hold the two equal.
 */
export function rebuildSummary(
  pulse: Pick<Pulse, 'questions'>,
  responses: Iterable<Pick<PulseResponse, 'partnerType' | 'answers' | 'deletedAt'>>,
): PulseSummary {
  const summary = emptySummary();
  for (const response of responses) {
    if (response.deletedAt !== undefined) continue;
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
  return summary;
}
