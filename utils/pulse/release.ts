import type { Pulse } from '../db/records';

/**
 * A pulse's results are released when it closes, and not before: every chart, table, CSV, PNG
 * and the annual review show closed pulses only, so checking a view after each answer to an
 * open pulse shows nothing (the panel's results follow the same rule: open until `expiresAt`).
 */
export function isReleased(pulse: Pick<Pulse, 'expiresAt'>, now: number): boolean {
  return now > pulse.expiresAt;
}
