/** Minutes of slack before arriving counts as late, or leaving as early. */
const GRACE_MS = 10 * 60_000;

export interface Punctuality {
  joinedLate: boolean;
  leftEarly: boolean;
}

/**
 * Whether someone seen on a call joined late or left early, against the
 * meeting's start and (once it has ended) its end.
 */
export function punctuality(
  seen: { firstSeenAt?: number; lastSeenAt?: number },
  startAt: number | null,
  endAt: number | null,
): Punctuality {
  return {
    joinedLate: seen.firstSeenAt !== undefined && startAt !== null && seen.firstSeenAt > startAt + GRACE_MS,
    leftEarly: seen.lastSeenAt !== undefined && endAt !== null && seen.lastSeenAt < endAt - GRACE_MS,
  };
}
