import { describe, expect, it } from 'vitest';
import { FUTURE_SLACK_MS, nextStamp, stamp } from '../../../utils/db/stamp';

type Named = { id: string; createdAt: number; updatedAt: number; name: string };

const NOW = Date.UTC(2026, 11, 6, 12);
const IN_2099 = Date.UTC(2099, 0, 1);

describe('a local edit after a stamp from the future', () => {
  it('gets now, not the future stamp + 1', () => {
    const existing: Named = { id: 'a', createdAt: 1, updatedAt: IN_2099, name: 'old' };
    const edited = stamp<Named>({ id: 'a', name: 'new' }, existing, NOW);
    expect(edited.updatedAt).toBe(NOW);
    expect(edited.createdAt).toBe(1);
  });

  it('still moves forward past a stamp a little ahead of the clock (within a day)', () => {
    expect(nextStamp(NOW + 5_000, NOW)).toBe(NOW + 5_001);
    expect(nextStamp(NOW + FUTURE_SLACK_MS - 1, NOW)).toBe(NOW + FUTURE_SLACK_MS);
    expect(nextStamp(NOW + FUTURE_SLACK_MS, NOW)).toBe(NOW);
    expect(nextStamp(NOW - 10, NOW)).toBe(NOW);
    expect(nextStamp(NOW, NOW)).toBe(NOW + 1);
  });
});
