import type { Pulse, PulseResponse, PulseSummary } from '../../db/records';
import { summarise } from '../../db/summary';

/** A pulse's summary rebuilt from its responses, deleted ones not counted. */
export function rebuildSummary(
  pulse: Pick<Pulse, 'questions'>,
  responses: Iterable<Pick<PulseResponse, 'partnerType' | 'answers' | 'deletedAt'>>,
): PulseSummary {
  return summarise(pulse, liveOnly(responses));
}

function* liveOnly<T extends { deletedAt?: number }>(records: Iterable<T>): Iterable<T> {
  for (const record of records) if (record.deletedAt === undefined) yield record;
}
