import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOCK_TICK_MS, PulseClockModel } from '../../../utils/pulse/pulse-clock';

const START = Date.UTC(2026, 2, 10, 9, 0, 0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('PulseClockModel', () => {
  it('shows the pulse closed the moment it expires, not at the next 30 s tick', () => {
    using clock = new PulseClockModel(START + 5_000);
    expect(clock.open.value).toBe(true);
    vi.advanceTimersByTime(5_000);
    // At expiresAt itself the pulse is still open (a code answered then is accepted).
    expect(clock.open.value).toBe(true);
    vi.advanceTimersByTime(1);
    expect(clock.open.value).toBe(false);
    expect(clock.now.value).toBe(START + 5_001);
  });

  it('closes at once when the lead closes it now', () => {
    using clock = new PulseClockModel(START + 7 * 86_400_000);
    vi.advanceTimersByTime(10_000);
    // The stored pulse now expires at the moment of closing; the clock has not ticked since the start.
    expect(clock.now.value).toBe(START);
    clock.setExpiresAt(Date.now());
    // Closing stamps expiresAt with Date.now(); the next millisecond is past it.
    vi.advanceTimersByTime(1);
    expect(clock.open.value).toBe(false);
  });

  it('is closed at once when the expiry stored is already past the clock', () => {
    using clock = new PulseClockModel(START + 60_000);
    vi.advanceTimersByTime(20_000);
    clock.setExpiresAt(START + 10_000);
    expect(clock.open.value).toBe(false);
    expect(clock.now.value).toBe(START + 20_000);
  });

  it('ticks every 30 s for the time left, and sets a new timer when the expiry moves', () => {
    using clock = new PulseClockModel(START + 3_600_000);
    vi.advanceTimersByTime(CLOCK_TICK_MS - 1);
    expect(clock.now.value).toBe(START);
    vi.advanceTimersByTime(1);
    expect(clock.now.value).toBe(START + CLOCK_TICK_MS);
    // Moved earlier, between two ticks: the old timer (an hour on) must not be the one that counts.
    clock.setExpiresAt(START + CLOCK_TICK_MS + 2_000);
    vi.advanceTimersByTime(2_001);
    expect(clock.open.value).toBe(false);
  });

  it('waits no longer than setTimeout allows for a pulse open for weeks, and stops its timers when disposed', () => {
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    const clock = new PulseClockModel(START + 40 * 86_400_000);
    expect(vi.getTimerCount()).toBe(2);
    // A browser fires a wait above 2^31 - 1 ms at once, which would shut the pulse weeks early.
    const waits = timeout.mock.calls.map((call) => call[1] ?? 0);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBe(2 ** 31 - 1);
    vi.advanceTimersByTime(1_000);
    expect(clock.open.value).toBe(true);
    clock[Symbol.dispose]();
    expect(vi.getTimerCount()).toBe(0);
  });
});
