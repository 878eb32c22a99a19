import { least } from '../collections/extremes';
import type { Pulse } from '../db/records';

/**
 * After a pulse closes, codes still in transit (an email sent just before the close, a chat read
 * a little late) count for this long, by the lead's clock. The panel shows it.
 */
export const LATE_GRACE_MS = 10 * 60 * 1000;

/**
 * When a pulse's results are released: its close plus the grace for codes in transit, or at once
 * when the lead closed it by hand ("Close the pulse now": codes still in transit then wait in
 * the late queue).
 */
export function releaseAt(pulse: Pick<Pulse, 'expiresAt' | 'releasedAt'>): number {
  return pulse.releasedAt ?? pulse.expiresAt + LATE_GRACE_MS;
}

/**
 * A pulse's results are released once it has closed and the grace has passed, and not before:
 * every chart, table, CSV, PNG and the annual review show released pulses only, so checking a
 * view after each answer to an open pulse shows nothing. From then on results are frozen: a
 * code collected later waits in the late queue (utils/db/responses.ts heldSince), added only as
 * a batch of at least the threshold, so no single late answer can move a released figure.
 */
export function isReleased(pulse: Pick<Pulse, 'expiresAt' | 'releasedAt'>, now: number): boolean {
  // Closed by hand: out from that very moment; else once the grace has passed.
  return pulse.releasedAt !== undefined ? now >= pulse.releasedAt : now > releaseAt(pulse);
}

/** Whether an answer arriving `now` goes to the late queue: the pulse's results are out. */
export function isLate(pulse: Pick<Pulse, 'expiresAt' | 'releasedAt'>, now: number): boolean {
  return isReleased(pulse, now);
}

/** When the next of these pulses not yet released is released (epoch ms); Infinity when none is. */
export function nextRelease(pulses: readonly Pick<Pulse, 'expiresAt' | 'releasedAt'>[], now: number): number {
  return least(pulses.filter((p) => !isReleased(p, now)).map((p) => releaseAt(p)));
}
