// A bench figure is one measured value against its budget: { name, value, unit, budget, holds },
// plus `comparison` ('<=' or '>=') for the printed table and `error` when it could not be measured.

/** A figure whose value must not exceed its budget (sizes, times, ratios of times). */
export function atMost(name, value, unit, budget) {
  return { name, value, unit, budget, holds: Number.isFinite(value) && value <= budget, comparison: '<=' };
}

/** A figure whose value must reach its budget (throughputs, rates). */
export function atLeast(name, value, unit, budget) {
  return { name, value, unit, budget, holds: Number.isFinite(value) && value >= budget, comparison: '>=' };
}

/**
 * A figure printed for what it tells, with no budget of its own (such as the floor another
 * figure is measured against): it holds when it could be measured.
 */
export function informational(name, value, unit) {
  return { name, value, unit, budget: null, holds: Number.isFinite(value), comparison: 'info' };
}

/** A figure that could not be measured: it fails, and `error` says why. */
export function notMeasured(name, unit, budget, error, comparison = '<=') {
  const message = String(error?.message ?? error).split('\n')[0];
  return { name, value: null, unit, budget, holds: false, comparison, error: message };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function round(value, digits = 3) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Runs `fn` `warmups` times unmeasured, then `runs` times; returns the values it resolved to. */
export async function repeat(fn, { runs, warmups = 1 }) {
  for (let i = 0; i < warmups; i += 1) await fn();
  const values = [];
  for (let i = 0; i < runs; i += 1) values.push(await fn());
  return values;
}
