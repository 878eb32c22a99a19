// One voice per seat: the crypto layer of personal links. Each invited person (a seat) gets a
// random 128-bit token in their own link; the sealed answer carries it back. Codes are matched
// by the SHA-256 of the token; seats never travel in a bundle or a sync (a backup cannot mint
// answers), and the extension takes an answer's partner type and organisation from the seat its token maps to, never
// from the partner's claim or from the seat's label in the link (which is display only).
//
// The panel side (issue 12): when inviting, `makeSeatToken()` per seat and
// `await hashToken(token)` (utils/pulse/seat-list.ts makeSeats), stored in the local-only seats
// store (utils/db/seats.ts); the token stays there only until its link is first handed out
// (handOutSeats: then only the hash; docs/privacy.md), and codes are matched by the hash. When a code opens
// (utils/pulse/response-code.ts), the seat is found by the hash inside the transaction that
// stores the answer (utils/db/seats.ts addSeatResponses: the pulse's seats read once, by hash in a Map);
// `checkToken(seats, payload.token)` is the same rule over a list in memory:
// a code without a token ('no-token') was minted from a shared link or from the public key
// alone, one with a token nobody was given ('unknown-token') is forged; `previous` tells a
// resend from the same seat, which replaces the earlier answer before the close.
import { decodeBase64urlPortable, encodeBase64url } from './base64url';

export const TOKEN_BYTES = 16;
/** base64url of 16 bytes. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function makeSeatToken(): string {
  return encodeBase64url(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
}

export function isSeatToken(value: unknown): value is string {
  return (
    typeof value === 'string' && TOKEN_PATTERN.test(value) && decodeBase64urlPortable(value)?.length === TOKEN_BYTES
  );
}

/** The hash the extension keeps for a token: base64url of SHA-256 over its 16 bytes. */
export async function hashToken(token: string): Promise<string> {
  const bytes = isSeatToken(token) ? decodeBase64urlPortable(token) : null;
  if (!bytes) throw new RangeError('Not a seat token');
  return encodeBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/** What the extension keeps per seat: its id, its token's hash, and the answer it gave, if any. */
export interface SeatTokenHash {
  seatId: string;
  tokenHash: string;
  /** The response id of the seat's latest accepted answer. */
  answeredBy?: string;
}

export type TokenCheck =
  | { ok: true; seatId: string; tokenHash: string; previous?: string }
  | { ok: false; error: 'no-token' | 'unknown-token' };

/**
 * Which seat a token belongs to. `previous` is set when the seat answered already (a resend,
 * or the same token used twice): the caller replaces that answer or refuses, never adds both.
 */
export async function checkToken(
  seats: readonly SeatTokenHash[] | ReadonlyMap<string, SeatTokenHash>,
  token: string | undefined,
): Promise<TokenCheck> {
  if (token === undefined) return { ok: false, error: 'no-token' };
  if (!isSeatToken(token)) return { ok: false, error: 'unknown-token' };
  const tokenHash = await hashToken(token);
  const seat = Array.isArray(seats)
    ? (seats as readonly SeatTokenHash[]).find((s) => s.tokenHash === tokenHash)
    : (seats as ReadonlyMap<string, SeatTokenHash>).get(tokenHash);
  if (!seat) return { ok: false, error: 'unknown-token' };
  return {
    ok: true,
    seatId: seat.seatId,
    tokenHash,
    ...(seat.answeredBy !== undefined ? { previous: seat.answeredBy } : {}),
  };
}
