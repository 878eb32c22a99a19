import { computed, createModel, effect, signal } from '@preact/signals';
import { readonly } from '../models/readonly';

/** How often "closes in 3 days" is brought up to date while the panel is open. */
export const CLOCK_TICK_MS = 30_000;
/** setTimeout's longest wait (about 24.8 days); a longer one fires at once. */
const LONGEST_WAIT = 2 ** 31 - 1;

/**
 * One pulse's clock: `now` ticks for the time left, and a timer set for `expiresAt` itself
 * shuts the pulse the moment it expires rather than at the next tick. "Close the pulse now"
 * calls `setExpiresAt` with the stored expiry: the pulse shows closed at once, not 30 s later.
 */
export const PulseClockModel = createModel((initialExpiresAt: number) => {
  const now = signal(Date.now());
  const expiresAt = signal(initialExpiresAt);
  const open = computed(() => now.value <= expiresAt.value);

  const refresh = () => {
    now.value = Date.now();
  };

  effect(() => {
    const timer = setInterval(refresh, CLOCK_TICK_MS);
    return () => clearInterval(timer);
  });

  // Set again whenever the expiry moves; the pulse is open until just after `expiresAt`.
  effect(() => {
    if (!open.value) return;
    const wait = Math.min(expiresAt.value - now.peek() + 1, LONGEST_WAIT);
    const timer = setTimeout(refresh, Math.max(0, wait));
    return () => clearTimeout(timer);
  });

  return {
    now: readonly(now),
    expiresAt: readonly(expiresAt),
    open,
    /** The stored expiry changed (closed here or in another panel): `now` is read again with it. */
    setExpiresAt(value: number) {
      expiresAt.value = value;
      refresh();
    },
  };
});

export type PulseClockModel = InstanceType<typeof PulseClockModel>;
