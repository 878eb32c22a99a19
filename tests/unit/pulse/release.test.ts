import { describe, expect, it } from 'vitest';
import { LATE_GRACE_MS, nextRelease } from '../../../utils/pulse/release';

const NOW = Date.UTC(2026, 11, 6, 12);
const HOUR = 3_600_000;

describe('nextRelease', () => {
  it('is the soonest release of the pulses not yet released: a close plus the grace, or a close by hand', () => {
    const pulses = [
      { expiresAt: NOW - 2 * LATE_GRACE_MS }, // released already
      { expiresAt: NOW + 3 * HOUR },
      { expiresAt: NOW + 5 * HOUR, releasedAt: NOW + HOUR }, // closed by hand, out at NOW + 1 h
      { expiresAt: NOW + 2 * HOUR },
    ];
    expect(nextRelease(pulses, NOW)).toBe(NOW + HOUR);
    expect(nextRelease(pulses.slice(0, 2).concat(pulses.slice(3)), NOW)).toBe(NOW + 2 * HOUR + LATE_GRACE_MS);
  });

  it('is Infinity when every pulse is released, or there is none', () => {
    expect(nextRelease([{ expiresAt: NOW - HOUR }, { expiresAt: NOW + HOUR, releasedAt: NOW }], NOW)).toBe(Infinity);
    expect(nextRelease([], NOW)).toBe(Infinity);
  });

  it('takes 200,000 open pulses (a flood of imported pulses) without overflowing the call stack', () => {
    const pulses = Array.from({ length: 200_000 }, (_, i) => ({ expiresAt: NOW + HOUR + (199_999 - i) * 1000 }));
    expect(nextRelease(pulses, NOW)).toBe(NOW + HOUR + LATE_GRACE_MS);
  });
});
