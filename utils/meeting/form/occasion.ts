/** Calls on a recurring link share a key; a meeting belongs to this call only if it is within this window. */
const SAME_OCCASION_MS = 12 * 60 * 60 * 1000;

export function sameOccasion(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME_OCCASION_MS;
}
