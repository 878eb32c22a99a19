import { describe, expect, it } from 'vitest';
import {
  CHANGE_DELAY_MS,
  FIRST_BACKOFF_MS,
  MAX_BACKOFF_MS,
  syncScheduler,
  type RunOutcome,
  type Timers,
} from '../../../utils/sync/schedule';

/** Timers on a clock the test moves. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: Timers = {
    setTimeout(run, ms) {
      const id = next++;
      pending.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    now: () => now,
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  async function advance(ms: number) {
    await settle();
    const until = now + ms;
    for (;;) {
      const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = Math.max(now, due[1].at);
      due[1].run();
      // Let the run's promise settle.
      await settle();
    }
    now = until;
  }
  return { timers, advance };
}

function runner(outcomes: RunOutcome[] = []) {
  const calls: number[] = [];
  let release: (() => void) | undefined;
  const state = { hold: false };
  const run = async (): Promise<RunOutcome> => {
    calls.push(calls.length);
    if (state.hold) await new Promise<void>((resolve) => (release = resolve));
    return outcomes.shift() ?? 'ok';
  };
  return { run, calls, state, release: () => release?.() };
}

describe('when the background syncs', () => {
  it('makes one sync of changes arriving together, soon after them', async () => {
    const { timers, advance } = fakeTimers();
    const r = runner();
    const scheduler = syncScheduler(r.run, timers);
    scheduler.changed();
    scheduler.changed();
    scheduler.changed();
    await advance(CHANGE_DELAY_MS - 1);
    expect(r.calls).toHaveLength(0);
    await advance(1);
    expect(r.calls).toHaveLength(1);
  });

  it('syncs at once for a change seen on the server, even with a local change waiting, and only once', async () => {
    const { timers, advance } = fakeTimers();
    const r = runner();
    const scheduler = syncScheduler(r.run, timers);
    scheduler.changed();
    // The live feed answered (background.ts calls now()): no waiting for the local change's delay.
    scheduler.now();
    await advance(0);
    expect(r.calls).toHaveLength(1);
    await advance(CHANGE_DELAY_MS * 10);
    expect(r.calls).toHaveLength(1);
  });

  it('runs one more sync after the current one when asked during it, never two at once', async () => {
    const { timers, advance } = fakeTimers();
    const r = runner();
    r.state.hold = true;
    const scheduler = syncScheduler(r.run, timers);
    scheduler.now();
    await advance(0);
    expect(r.calls).toHaveLength(1);
    scheduler.changed();
    scheduler.now();
    await advance(10_000);
    expect(r.calls).toHaveLength(1);
    r.state.hold = false;
    r.release();
    await advance(0);
    await advance(0);
    expect(r.calls).toHaveLength(2);
  });

  it('backs off while the server is away, doubling up to the ceiling, and resets when it is back', async () => {
    const { timers, advance } = fakeTimers();
    const r = runner(Array.from({ length: 100 }, () => 'offline' as const));
    const scheduler = syncScheduler(r.run, timers);
    scheduler.now();
    await advance(0);
    expect(r.calls).toHaveLength(1);
    // A local change does not hurry it.
    scheduler.changed();
    await advance(FIRST_BACKOFF_MS - 1);
    expect(r.calls).toHaveLength(1);
    await advance(1);
    expect(r.calls).toHaveLength(2);
    await advance(FIRST_BACKOFF_MS * 2);
    expect(r.calls).toHaveLength(3);
    await advance(MAX_BACKOFF_MS * 20);
    // At the ceiling: exactly one try in each ceiling's time.
    let tries = r.calls.length;
    await advance(MAX_BACKOFF_MS);
    expect(r.calls).toHaveLength(tries + 1);
    await advance(MAX_BACKOFF_MS);
    expect(r.calls).toHaveLength(tries + 2);
    tries += 1;
    // "Sync now" from the user tries at once.
    scheduler.now(true);
    await advance(0);
    expect(r.calls).toHaveLength(tries + 2);
  });

  it('stops when signed out until the user asks again', async () => {
    const { timers, advance } = fakeTimers();
    const r = runner(['signed-out']);
    const scheduler = syncScheduler(r.run, timers);
    scheduler.now();
    await advance(0);
    scheduler.changed();
    await advance(60 * 60_000);
    expect(r.calls).toHaveLength(1);
    scheduler.now(true);
    await advance(0);
    expect(r.calls).toHaveLength(2);
  });

  it('waiting for a page to upgrade the database: tries nothing by itself, and at once on the next alarm or page', async () => {
    const { timers, advance } = fakeTimers();
    const r = runner(['waiting']);
    const scheduler = syncScheduler(r.run, timers);
    scheduler.now();
    await advance(0);
    expect(r.calls).toHaveLength(1);
    await advance(60 * 60_000);
    expect(r.calls).toHaveLength(1);
    // The alarm (or a page's port): no backing off, no sign-in needed.
    scheduler.now();
    await advance(0);
    expect(r.calls).toHaveLength(2);
  });
});
