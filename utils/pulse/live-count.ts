import { isHeld, isVerified, type PulseResponse } from '../db/records';

/**
 * The open pulse's live count ("Responses: N" in the panel), as honest as its results: N counts
 * the answers the threshold counts (verified ones, as utils/db/summary.ts, utils/pulse/aggregate.ts
 * and every dashboard view and export do), and answers not verified (a quick round typed on a
 * personal-link pulse) are counted apart, never in N. The late queue's held codes count in
 * neither: they count nowhere until the lead adds them as a batch (LateQueue).
 */
export interface LiveCount {
  verified: number;
  unverified: number;
}

type Counted = Partial<Pick<PulseResponse, 'verified' | 'heldSince' | 'deletedAt'>>;

export function liveCount(responses: readonly Counted[]): LiveCount {
  let verified = 0;
  let unverified = 0;
  for (const response of responses) {
    if (response.deletedAt !== undefined || isHeld(response)) continue;
    if (isVerified(response)) verified += 1;
    else unverified += 1;
  }
  return { verified, unverified };
}
