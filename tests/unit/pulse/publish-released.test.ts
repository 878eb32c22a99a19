import { describe, expect, it } from 'vitest';
import { listPublishedResults } from '../../../utils/db/published';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import { publishReleased } from '../../../utils/pulse/publish-released';
import { LATE_GRACE_MS } from '../../../utils/pulse/release';
import { DAY, T0, partnership, pulse, putAll, response } from '../../factories';
import { freshDb } from '../db/helpers';

const P1 = 'd1111111-1111-4111-8111-111111111111';
const P2 = 'd2222222-2222-4222-8222-222222222222';
const CLOSES = T0 + 7 * DAY;

async function seeded() {
  const db = await freshDb('publish');
  await putAll(db, {
    partnerships: [
      partnership({ id: P1, name: 'Food bank', startDate: '2025-01-05', cadence: DEFAULT_CADENCE }),
      partnership({ id: P2, name: 'Active city', startDate: '2025-01-05', cadence: DEFAULT_CADENCE }),
    ],
    pulses: [
      pulse({ id: 'pulse-1', partnershipId: P1 }),
      pulse({ id: 'pulse-2', partnershipId: P2 }),
      pulse({ id: 'pulse-gone', partnershipId: P1, deletedAt: T0 + DAY }),
    ],
    responses: ['pulse-1', 'pulse-2', 'pulse-gone'].flatMap((pulseId) =>
      [0, 1, 2].map((i) =>
        response({ id: `${pulseId}-${i}`, pulseId, partnerType: 'core', comment: `Comment ${pulseId} ${i}` }),
      ),
    ),
  });
  return db;
}

describe('publishReleased', () => {
  it('publishes nothing before the close plus the grace, then one result per live pulse', async () => {
    const db = await seeded();
    expect(await publishReleased(db, { now: CLOSES + LATE_GRACE_MS })).toEqual([]);
    const published = await publishReleased(db, { now: CLOSES + LATE_GRACE_MS + 1 });
    expect(published.map((r) => r.id).sort()).toEqual(['pulse-1', 'pulse-2']);
    expect((await listPublishedResults(db)).map((r) => r.id).sort()).toEqual(['pulse-1', 'pulse-2']);
  });

  it('carries comments only for the partnerships the lead chose, and republishes newer when that changes', async () => {
    const db = await seeded();
    const now = CLOSES + DAY;
    const first = await publishReleased(db, { now });
    expect(first.every((r) => r.comments === undefined)).toBe(true);
    const chosen = await publishReleased(db, { now, shareCommentsWith: [P1] });
    expect(chosen.map((r) => r.id)).toEqual(['pulse-1']);
    expect(chosen[0]!.comments).toEqual([
      { partnerType: 'core', texts: ['Comment pulse-1 0', 'Comment pulse-1 1', 'Comment pulse-1 2'] },
    ]);
    // Same clock: still newer than the result it replaces.
    expect(chosen[0]!.updatedAt).toBeGreaterThan(first.find((r) => r.id === 'pulse-1')!.updatedAt);
    const stored = await listPublishedResults(db, [P2]);
    expect(stored[0]!.comments).toBeUndefined();
  });
});
