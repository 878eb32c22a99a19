import type { MessageKey } from '../../i18n/messages';
import type { Pulse, PulseResponse } from '../../db/records';
import { LATE_GRACE_MS } from '../../pulse/release';

/**
 * When an answer a file carries can have arrived (its `receivedAt`, by the lead's clock): not
 * before its pulse started, nor after its close plus the grace for codes in transit unless it
 * waits in the late queue (`heldSince`), since a late answer counts only in a batch of at least
 * the threshold, never alone. An earlier survey's answer (`source: 'import'`, from a CSV) may
 * precede the pulse the import made for it, within that pulse's period. A personal backup
 * coarsens arrivals to the pulse's close (export.ts), which fits. A tombstone counts nowhere and
 * is not checked. Times from the future are the field table's to refuse (validate.ts `past`).
 *
 * Returns the message key and its substitutions, or undefined when the arrival fits.
 */
export function arrivalProblem(
  response: Pick<PulseResponse, 'receivedAt' | 'source' | 'heldSince' | 'deletedAt'>,
  pulse: Pick<Pulse, 'createdAt' | 'periodStart' | 'expiresAt' | 'releasedAt'>,
): [MessageKey, ...string[]] | undefined {
  if (response.deletedAt !== undefined) return undefined;
  const at = response.receivedAt;
  const iso = (time: number) => new Date(time).toISOString();
  const started =
    response.source === 'import' && pulse.periodStart !== undefined
      ? Math.min(pulse.createdAt, pulse.periodStart)
      : pulse.createdAt;
  if (at < started) return ['bundle_problem_beforePulseStart', iso(at), iso(started)];
  const closed = Math.max(pulse.expiresAt, pulse.releasedAt ?? 0) + LATE_GRACE_MS;
  if (at > closed && response.heldSince === undefined) return ['bundle_problem_afterPulseClose', iso(at), iso(closed)];
  return undefined;
}
