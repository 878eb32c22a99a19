/**
 * The least and the greatest of many numbers, one at a time: `Math.min(...values)` passes each
 * value as an argument and overflows the call stack past some 100,000 of them (a list that grows
 * with the user's data, or with an attacker's file). Same results as Math.min / Math.max: Infinity
 * and -Infinity for none, NaN if any is NaN.
 */

export function least(values: Iterable<number>): number {
  let result = Infinity;
  for (const value of values) result = Math.min(result, value);
  return result;
}

export function greatest(values: Iterable<number>): number {
  let result = -Infinity;
  for (const value of values) result = Math.max(result, value);
  return result;
}
