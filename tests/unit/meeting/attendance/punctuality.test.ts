import { describe, expect, it } from 'vitest';
import { punctuality } from '../../../../utils/meeting/attendance/punctuality';

const start = Date.UTC(2026, 10, 25, 10, 0);
const min = 60_000;

describe('punctuality', () => {
  it('allows ten minutes either side', () => {
    expect(
      punctuality({ firstSeenAt: start + 10 * min, lastSeenAt: start + 50 * min }, start, start + 60 * min),
    ).toEqual({
      joinedLate: false,
      leftEarly: false,
    });
  });

  it('marks joining late and leaving early', () => {
    expect(
      punctuality({ firstSeenAt: start + 11 * min, lastSeenAt: start + 49 * min }, start, start + 60 * min),
    ).toEqual({
      joinedLate: true,
      leftEarly: true,
    });
  });

  it('says nothing of leaving before the meeting has an end, or of people not seen on a call', () => {
    expect(punctuality({ firstSeenAt: start, lastSeenAt: start + 5 * min }, start, null).leftEarly).toBe(false);
    expect(punctuality({}, start, start + 60 * min)).toEqual({ joinedLate: false, leftEarly: false });
  });
});
