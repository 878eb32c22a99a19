/** Bytes in the largest unit that keeps the number at 1 or more, as Intl names the units (1 kB = 1000 B). */

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
export type ByteUnit = (typeof UNITS)[number];

export function byteSize(bytes: number): { value: number; unit: ByteUnit } {
  let value = Math.max(0, bytes);
  let index = 0;
  while (value >= 1000 && index < UNITS.length - 1) {
    value /= 1000;
    index += 1;
  }
  // One decimal below 10 of a unit, none above: "4.2 MB", "420 MB", "12 bytes".
  const rounded = index === 0 || value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return { value: rounded, unit: UNITS[index]! };
}

/** Intl.NumberFormat options for byteSize()'s answer, e.g. "4.2 MB" in en. */
export function byteFormatOptions(unit: ByteUnit): Intl.NumberFormatOptions {
  return { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: 1 };
}

/** What navigator.storage.estimate() said, as the share of the quota used (0–1), or null if unknown. */
export function shareUsed(estimate: { usage?: number; quota?: number }): number | null {
  if (estimate.usage === undefined || !estimate.quota) return null;
  return Math.min(1, estimate.usage / estimate.quota);
}
