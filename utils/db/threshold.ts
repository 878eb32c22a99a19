// The anonymity threshold's floor: the pulses repository clamps every threshold it stores, so
// the rule lives with the database; settings and views import it from here.

export const MIN_ANONYMITY_THRESHOLD = 2;

/** Never below the minimum, whatever was stored. */
export function clampThreshold(value: number): number {
  return Number.isFinite(value) ? Math.max(MIN_ANONYMITY_THRESHOLD, Math.round(value)) : 3;
}
