import { DIMENSIONS, type Dimension, type PulseQuestion, type QuestionScale } from '../db/records';
import { t, type MessageKey } from '../i18n/messages';

/**
 * The questions of a pulse. Core questions are keyed by their dimension; extra ones `x1`…`x5`.
 * Short ids keep the partner's response code short.
 *
 * A question's series is derived from its wording, so the same wording is the same series in
 * every pulse, and a changed wording starts a new one by itself: answers to different statements
 * are never mixed in a trend.
 */

export const MAX_EXTRA_QUESTIONS = 5;

/** Whitespace and case do not make a different question; anything else does. */
export function normaliseWording(wording: string): string {
  return wording.trim().replace(/\s+/g, ' ');
}

export function seriesIdFor(key: string, scale: QuestionScale, wording: string): string {
  return `${key}:${scale}:${fnv1a(normaliseWording(wording).toLowerCase())}`;
}

export function coreQuestion(dimension: Dimension, wording: string): PulseQuestion {
  const text = normaliseWording(wording);
  return { id: dimension, dimension, wording: text, scale: 'agree5', seriesId: seriesIdFor(dimension, 'agree5', text) };
}

export function extraQuestion(index: number, wording: string, scale: QuestionScale): PulseQuestion {
  const text = normaliseWording(wording);
  return { id: `x${index + 1}`, wording: text, scale, seriesId: seriesIdFor('extra', scale, text) };
}

/**
 * The four core questions with the given wording per dimension (the partnership's current
 * wording, or the defaults), then the extra questions in order.
 */
export function buildQuestions(
  core: Record<Dimension, string>,
  extras: ReadonlyArray<{ wording: string; scale: QuestionScale }> = [],
): PulseQuestion[] {
  if (extras.length > MAX_EXTRA_QUESTIONS) throw new RangeError(`At most ${MAX_EXTRA_QUESTIONS} extra questions.`);
  return [
    ...DIMENSIONS.map((dimension) => coreQuestion(dimension, core[dimension])),
    ...extras.map((extra, index) => extraQuestion(index, extra.wording, extra.scale)),
  ];
}

/** The core wording a pulse used, to start the partnership's next pulse from. */
export function coreWording(questions: readonly PulseQuestion[]): Partial<Record<Dimension, string>> {
  const wording: Partial<Record<Dimension, string>> = {};
  for (const question of questions) if (question.dimension) wording[question.dimension] = question.wording;
  return wording;
}

/** Values a scale accepts; `null` (prefer not to say) is accepted by every scale. */
export function scaleValues(scale: QuestionScale): number[] {
  if (scale === 'agree5') return [1, 2, 3, 4, 5];
  if (scale === 'zeroTen') return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  return [];
}

// 32-bit FNV-1a over UTF-16 code units, as 7 base-36 digits: a compact, stable fingerprint.
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36).padStart(7, '0');
}

const DEFAULT_WORDING_KEYS = {
  trust: 'pulseQuestion_trust',
  equity: 'pulseQuestion_equity',
  flexibility: 'pulseQuestion_flexibility',
  communication: 'pulseQuestion_communication',
} as const satisfies Record<Dimension, MessageKey>;

/** The domain brief's suggested statements, in the user's language. */
export function defaultCoreWording(): Record<Dimension, string> {
  return {
    trust: t(DEFAULT_WORDING_KEYS.trust),
    equity: t(DEFAULT_WORDING_KEYS.equity),
    flexibility: t(DEFAULT_WORDING_KEYS.flexibility),
    communication: t(DEFAULT_WORDING_KEYS.communication),
  };
}
