// The anonymity threshold's floor: the pulses repository clamps every threshold it stores, so
// the rule lives with the database; settings and views import it from here.

import { LIMITS } from './limits';

export const MIN_ANONYMITY_THRESHOLD = 2;

/** A threshold a lead may choose: a whole number from the minimum up to the largest a pulse may hold. */
export function isThreshold(value: number): boolean {
  return Number.isInteger(value) && value >= MIN_ANONYMITY_THRESHOLD && value <= LIMITS.threshold;
}

/** Never below the minimum, whatever was stored. */
export function clampThreshold(value: number): number {
  return Number.isFinite(value) ? Math.max(MIN_ANONYMITY_THRESHOLD, Math.round(value)) : 3;
}
