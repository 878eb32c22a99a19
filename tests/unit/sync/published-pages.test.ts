// Publishing is for a workspace: a browser with none connected does no publishing work when a
// page opens (the dashboard's first chart with 5,000 pulses had waited 6 s on it).
import { describe, expect, it } from 'vitest';
import { listPublishedResults } from '../../../utils/db/published';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import { summarise } from '../../../utils/db/summary';
import { LATE_GRACE_MS } from '../../../utils/pulse/release';
import { workspaceConnection } from '../../../utils/sync/background';
import { publishNow } from '../../../utils/sync/published-pages';
import { DAY, T0, partnership, pulse, putAll, response } from '../../factories';
import { freshDb } from '../db/helpers';

const P1 = 'd1111111-1111-4111-8111-111111111111';
const AFTER_RELEASE = T0 + 7 * DAY + LATE_GRACE_MS + 1;

/** One released pulse of this lead's, its three answers stored with their totals (as every write stores them). */
async function seeded() {
  const db = await freshDb('publish-pages');
  const responses = [0, 1, 2].map((i) => response({ id: `r-${i}`, pulseId: 'pulse-1', partnerType: 'core' }));
  const released = pulse({ id: 'pulse-1', partnershipId: P1 });
  await putAll(db, {
    partnerships: [partnership({ id: P1, name: 'Food bank', startDate: '2025-01-05', cadence: DEFAULT_CADENCE })],
    pulses: [{ ...released, summary: summarise(released, responses) }],
    responses,
  });
  return db;
}

describe('publishNow', () => {
  it('publishes nothing while no workspace is connected', async () => {
    const db = await seeded();
    expect(await publishNow(db, AFTER_RELEASE)).toBe(0);
    expect(await listPublishedResults(db)).toEqual([]);
  });

  it('publishes the released pulses once a workspace is connected', async () => {
    const db = await seeded();
    await workspaceConnection.setValue({
      server: 'https://couch.example.org',
      prefix: 'pp-',
      user: 'ana',
      partnershipIds: [P1],
    });
    expect(await publishNow(db, AFTER_RELEASE)).toBe(1);
    expect((await listPublishedResults(db)).map((r) => r.id)).toEqual(['pulse-1']);
  });
});
