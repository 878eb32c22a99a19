// The open pulse's live count ("Responses: N" in the panel), from the attacker's side: answers the
// threshold does not count (a quick round typed on a personal-link pulse, a record claiming
// nothing, a held late code, a tombstone) must not make N look bigger than what the results count.
import { describe, expect, it } from 'vitest';
import { liveCount } from '../../../utils/pulse/live-count';

const verified = { verified: true };
const typed = { verified: false };

describe('liveCount', () => {
  it('counts verified answers in N and unverified ones apart', () => {
    expect(liveCount([verified, verified, typed])).toEqual({ verified: 2, unverified: 1 });
    expect(liveCount([typed, typed, typed])).toEqual({ verified: 0, unverified: 3 });
    expect(liveCount([])).toEqual({ verified: 0, unverified: 0 });
  });

  it('counts a record stored before seats (no flag) as verified, as the threshold does', () => {
    expect(liveCount([{}, {}])).toEqual({ verified: 2, unverified: 0 });
  });

  it("counts neither the late queue's held codes nor deleted answers", () => {
    expect(
      liveCount([
        verified,
        { ...verified, heldSince: 1 },
        { ...typed, heldSince: 1 },
        { ...verified, deletedAt: 1 },
        { ...typed, deletedAt: 1 },
      ]),
    ).toEqual({ verified: 1, unverified: 0 });
  });
});
