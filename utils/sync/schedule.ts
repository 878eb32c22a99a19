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

export class SyncScheduler {
  private running = false;
  private again = false;
  private timer: unknown;
  private timerAt = 0;
  private backoff = 0;
  /** No tries before this time (epoch ms): backing off. */
  private notBefore = 0;
  private signedOut = false;

  constructor(
    private readonly run: () => Promise<RunOutcome>,
    private readonly timers: Timers = realTimers,
  ) {}

  /** A record changed here. */
  changed(): void {
    this.schedule(CHANGE_DELAY_MS);
  }

  /** The alarm, or the user asked: now, unless backing off or signed out. */
  now(force = false): void {
    if (force) {
      this.notBefore = 0;
      this.signedOut = false;
    }
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.signedOut) return;
    const wait = Math.max(delay, this.notBefore - this.timers.now());
    if (this.running) {
      this.again = true;
      return;
    }
    const at = this.timers.now() + wait;
    if (this.timer !== undefined) {
      if (this.timerAt <= at) return;
      // Asked for sooner than planned ("sync now" while backing off).
      this.timers.clearTimeout(this.timer);
    }
    this.timerAt = at;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.start();
    }, wait);
  }

  private async start(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    let outcome: RunOutcome;
    try {
      outcome = await this.run();
    } catch {
      outcome = 'server';
    }
    this.running = false;
    if (outcome === 'signed-out') {
      this.signedOut = true;
      return;
    }
    if (outcome === 'offline' || outcome === 'server' || outcome === 'malformed') {
      this.backoff = this.backoff === 0 ? FIRST_BACKOFF_MS : Math.min(this.backoff * 2, MAX_BACKOFF_MS);
      this.notBefore = this.timers.now() + this.backoff;
      this.schedule(this.backoff);
      this.again = false;
      return;
    }
    this.backoff = 0;
    this.notBefore = 0;
    if (this.again) {
      this.again = false;
      this.schedule(0);
    }
  }
}
