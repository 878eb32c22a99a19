import type { Answer, Dimension, PartnerType, Pulse, PulseResponse } from '../../../../utils/db/records';
import { coreQuestion } from '../../../../utils/pulse/questions';
import { summarise } from '../../../../utils/db/summary';
import { pulse } from '../../../factories';

export const DAY = 86_400_000;

export const WORDING: Record<Dimension, string> = {
  trust: 'I trust the other partners to do what they say they will do.',
  equity: 'Decisions in this partnership are shared fairly; my organisation has real influence.',
  flexibility: 'The partnership adapts to how my organisation works.',
  communication: 'I know what is happening, who is doing what, and I can raise problems.',
};

export type Answered = Pick<PulseResponse, 'partnerType' | 'answers'> & Partial<Pick<PulseResponse, 'organisationId'>>;

/** A response of a partner type: the same rating for every dimension unless given per dimension. */
export function answer(partnerType: PartnerType, rating: Answer | Partial<Record<Dimension, Answer>>): Answered {
  const answers: Record<string, Answer> =
    rating !== null && typeof rating === 'object'
      ? { ...rating }
      : { trust: rating, equity: rating, flexibility: rating, communication: rating };
  return { partnerType, answers };
}

export function repeat<T>(count: number, make: () => T): T[] {
  return Array.from({ length: count }, make);
}

/** A pulse with the four core questions and its summary made from `responses`. */
export function pulseWith(
  responses: readonly Answered[],
  overrides: Partial<Pulse> & { id: string; createdAt: number },
): Pulse {
  const questions = (['trust', 'equity', 'flexibility', 'communication'] as const).map((d) =>
    coreQuestion(d, WORDING[d]),
  );
  const base = pulse({ partnershipId: 'partnership-a', questions, updatedAt: overrides.createdAt, ...overrides });
  return { ...base, summary: summarise(base, responses) };
}
