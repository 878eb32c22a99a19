import type { SyncErrorKind } from './http';

/**
 * When the background syncs: soon after a local change (the writes of one action arriving
 * together make one sync), at once after one on the server seen live, and on the alarm or
 * when asked. One sync at a time; a request during a sync runs one more after it, so changes
 * meeting a running sync wait for nothing but it. When the server is away the next try waits
 * twice as long each time, up to MAX_BACKOFF_MS; signed out, it waits for a sign-in.
 */

/** A live edit must reach another open page within 2 s: each side's wait counts twice over. */
export const CHANGE_DELAY_MS = 40;
export const FIRST_BACKOFF_MS = 15_000;
export const MAX_BACKOFF_MS = 30 * 60_000;

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/**
 * What one sync ended in: nothing wrong, the kind of error that stopped it, or waiting for an
 * extension page to upgrade the database (tried again on the next alarm or opened page).
 */
export type RunOutcome = 'ok' | 'waiting' | SyncErrorKind;

export interface SyncScheduler {
  /** A record changed here. */
  changed(): void;
  /** The alarm, or the user asked: now, unless backing off or signed out (forced: even then). */
  now(force?: boolean): void;
}

/**
 * A scheduler for `run`. Its state lives in the closure, not on an object: local names minify,
 * properties would not (the background's sync budget, issue 14).
 */
export function syncScheduler(run: () => Promise<RunOutcome>, timers: Timers = realTimers): SyncScheduler {
  let running = false;
  let again = false;
  let timer: unknown;
  let timerAt = 0;
  let backoff = 0;
  /** No tries before this time (epoch ms): backing off. */
  let notBefore = 0;
  let signedOut = false;

  const schedule = (delay: number): void => {
    if (signedOut) return;
    const wait = Math.max(delay, notBefore - timers.now());
    if (running) {
      again = true;
      return;
    }
    const at = timers.now() + wait;
    if (timer !== undefined) {
      if (timerAt <= at) return;
      // Asked for sooner than planned ("sync now" while backing off).
      timers.clearTimeout(timer);
    }
    timerAt = at;
    timer = timers.setTimeout(() => {
      timer = undefined;
      void start();
    }, wait);
  };

  const start = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    let outcome: RunOutcome;
    try {
      outcome = await run();
    } catch {
      outcome = 'server';
    }
    running = false;
    if (outcome === 'signed-out') {
      signedOut = true;
      return;
    }
    if (outcome === 'offline' || outcome === 'server' || outcome === 'malformed') {
      backoff = backoff === 0 ? FIRST_BACKOFF_MS : Math.min(backoff * 2, MAX_BACKOFF_MS);
      notBefore = timers.now() + backoff;
      schedule(backoff);
      again = false;
      return;
    }
    backoff = 0;
    notBefore = 0;
    if (again) {
      again = false;
      schedule(0);
    }
  };

  return {
    changed: () => schedule(CHANGE_DELAY_MS),
    now(force = false) {
      if (force) {
        notBefore = 0;
        signedOut = false;
      }
      schedule(0);
    },
  };
}
