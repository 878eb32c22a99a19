import type { PartnerType, PublishedQuestion } from '../db/records';

// Its own module: the coordinator import and the workspace sync (in the background) check
// published results with it, without what publishing them needs (aggregation, dashboard points, settings).

/** A partner type shows a figure on some rated question, or the pulse has none to show. */
export function passesSomewhere(questions: readonly PublishedQuestion[], type: PartnerType): boolean {
  return questions.length === 0 || questions.some((q) => !q.byPartnerType[type].hidden);
}
