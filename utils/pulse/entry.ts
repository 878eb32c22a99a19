import { PARTNER_TYPES, type Answer, type Pulse } from '../db/records';
import type { ResponseEntry } from '../db/responses';
import { scaleValues } from './questions';

export type { ResponseEntry };

export const MAX_TEXT_LENGTH = 2000;

/**
 * The entry as it may be stored for this pulse, or null when it does not fit the pulse: an
 * unknown question, a value off the question's scale, an organisation that was not invited,
 * an over-long text. A code is sealed with the pulse's public key, which anyone holding the
 * link has, so what it says is checked like any other input.
 */
export function checkEntry(
  pulse: Pick<Pulse, 'questions' | 'invitedOrganisationIds'>,
  entry: ResponseEntry,
): ResponseEntry | null {
  if (typeof entry.responseId !== 'string' || !/^[\w-]{8,64}$/.test(entry.responseId)) return null;
  if (!PARTNER_TYPES.includes(entry.partnerType)) return null;
  if (entry.organisationId !== undefined && !pulse.invitedOrganisationIds.includes(entry.organisationId)) return null;
  if (typeof entry.answers !== 'object' || entry.answers === null) return null;

  const answers: Record<string, Answer> = {};
  for (const [id, value] of Object.entries(entry.answers)) {
    const question = pulse.questions.find((q) => q.id === id);
    if (!question) return null;
    if (value === null) {
      answers[id] = null;
    } else if (question.scale === 'text') {
      if (typeof value !== 'string' || value.length > MAX_TEXT_LENGTH) return null;
      const text = value.trim();
      if (text) answers[id] = text;
    } else if (typeof value !== 'number' || !scaleValues(question.scale).includes(value)) {
      return null;
    } else {
      answers[id] = value;
    }
  }

  let comment: string | undefined;
  if (entry.comment !== undefined) {
    if (typeof entry.comment !== 'string' || entry.comment.length > MAX_TEXT_LENGTH) return null;
    comment = entry.comment.trim() || undefined;
  }

  return {
    responseId: entry.responseId,
    partnerType: entry.partnerType,
    ...(entry.organisationId !== undefined ? { organisationId: entry.organisationId } : {}),
    answers,
    ...(comment !== undefined ? { comment } : {}),
  };
}
