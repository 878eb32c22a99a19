// The seat side of collecting codes (issue 12, "one voice per seat"), kept apart from
// collect.ts so the shared-link rules can grow beside it: a code with a token is a
// personal-link answer, checked against the pulse's seats by the token's hash; a code without
// one is refused on a pulse that takes personal links only.
import type { PulseDatabase } from '../db/schema';
import { hasSeats, type SeatEntry, type SeatOutcome } from '../db/seats';
import type { ResponsePayload } from './response-code';
import { hashToken, isSeatToken } from './seats';

/**
 * Whether this pulse refuses codes without a seat token: a pulse with seats takes personal
 * links only. The hook for the shared link beside personal links (issue 12, its seat cap):
 * a pulse that also has a shared link answers false here and caps those codes itself. Withdrawn
 * seats count: withdrawing seats never opens a personal-link pulse to codes without a token.
 */
export async function takesPersonalLinksOnly(db: PulseDatabase, pulseId: string): Promise<boolean> {
  return hasSeats(db, pulseId);
}

/** The seat entry a personal-link code carries, or null when its token cannot be anyone's. */
export async function seatEntryOf(payload: ResponsePayload & { token: string }): Promise<SeatEntry | null> {
  if (!isSeatToken(payload.token)) return null;
  return {
    tokenHash: await hashToken(payload.token),
    answeredAt: payload.answeredAt,
    responseId: payload.responseId,
    answers: payload.answers,
    ...(payload.comment !== undefined ? { comment: payload.comment } : {}),
  };
}

/** A seat outcome as the paste box reports it. */
export function seatCodeOutcome(outcome: SeatOutcome): Exclude<SeatOutcome, 'invalid'> | 'damaged' {
  return outcome === 'invalid' ? 'damaged' : outcome;
}
