import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCE, type Pulse, type PublishedResult } from '../../../utils/db/records';
import { addSeats } from '../../../utils/db/seats';
import { summarise } from '../../../utils/db/summary';
import { publishReleased } from '../../../utils/pulse/publish-released';
import { LATE_GRACE_MS } from '../../../utils/pulse/release';
import { collectCoordinatorFile } from '../../../utils/your-data/coordinator/export';
import { makeSeats } from '../../../utils/pulse/seat-list';
import { DAY, T0, partnership, pulse, putAll, response } from '../../factories';
import { freshDb } from '../db/helpers';

const P1 = 'd1111111-1111-4111-8111-111111111111';
const ORG = '9e8d7c6b-1111-4222-8333-444455556666';
const NOW = T0 + 7 * DAY + LATE_GRACE_MS + 1;

/** What a result says, without the stamps of when it was made. */
function figures(result: PublishedResult | undefined) {
  const { createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = result ?? ({} as PublishedResult);
  return rest;
}

describe("a workspace's published result (issue 14: the same summaries as the coordinator export)", () => {
  it.each([false, true])(
    'equals the coordinator export’s result of the same pulse, comments chosen: %s; shared link and personal links alike',
    async (withComments) => {
      const db = await freshDb('publish-export');
      const pulses = ['shared', 'seated'].map((id) => pulse({ id, partnershipId: P1 }));
      const responses = pulses.flatMap((p) =>
        [0, 1, 2].map((i) =>
          response({ id: `${p.id}-${i}`, pulseId: p.id, partnerType: 'core', comment: `Comment ${p.id} ${i}` }),
        ),
      );
      const withTotals = (p: Pulse): Pulse => ({
        ...p,
        summary: summarise(
          p,
          responses.filter((r) => r.pulseId === p.id),
        ),
      });
      await putAll(db, {
        partnerships: [partnership({ id: P1, name: 'Food bank', startDate: '2025-01-05', cadence: DEFAULT_CADENCE })],
        pulses: pulses.map(withTotals),
        responses,
      });
      await addSeats(
        db,
        'seated',
        await makeSeats([{ name: 'Priya Raman', organisationId: ORG, partnerType: 'core' }]),
      );

      const published = await publishReleased(db, { now: NOW, shareCommentsWith: withComments ? [P1] : [] });
      const file = await collectCoordinatorFile(db, 'all', { includeComments: withComments, now: NOW });
      expect(published.map((r) => r.id).sort()).toEqual(['seated', 'shared']);
      for (const id of ['shared', 'seated']) {
        const exported = file.publishedResults.find((r) => r.id === id);
        expect(exported, id).toBeDefined();
        expect(figures(published.find((r) => r.id === id)), id).toEqual(figures(exported));
      }
      // The shared-link pulse is marked as such on a coordinator's dashboard, whichever way it arrives.
      expect(published.find((r) => r.id === 'shared')?.sharedLink).toBe(true);
      expect(published.find((r) => r.id === 'seated')).not.toHaveProperty('sharedLink');
    },
  );
});
