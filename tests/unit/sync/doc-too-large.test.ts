// @vitest-environment node
// CouchDB 3 (and the strict stand-in) refuses a whole _bulk_docs with 413 document_too_large when
// max_document_size (8 MB); the push throws SyncError('server'), so the sync stops there, and every
// later sync stops at the same record: that partnership's other edits, and every database after it,
// never sync again. A meeting within the local limits can be that large (5,000 attendees, each a
// 500-character name: 1,500 bytes in UTF-8 for CJK, plus a 320-character e-mail).
import { describe, expect, it } from 'vitest';
import { getMeeting, saveMeeting } from '../../../utils/db/meetings';
import { savePartnership } from '../../../utils/db/partnerships';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import { docId, partnershipDb } from '../../../utils/sync/layout';
import { meeting } from '../../factories';
import { serverDocsOf, syncProfile, testUser, useTestWorkspace } from './couch-helpers';

const P1 = 'd9111111-1111-4111-8111-111111111111';
const workspace = useTestWorkspace([{ id: P1, name: 'Food bank', leads: ['pp-test-ana'] }], [testUser('ana')]);

function input(title: string, attendees: number) {
  const {
    id: _i,
    createdAt: _c,
    updatedAt: _u,
    organisationIds: _o,
    ...rest
  } = meeting({
    id: 'new',
    partnershipId: P1,
    title,
  });
  return {
    ...rest,
    attendees: Array.from({ length: attendees }, (_, i) => ({
      displayName: '会'.repeat(499) + String(i % 10),
      email: `${'a'.repeat(300)}${i}@example.org`,
    })),
  };
}

describe('a record over the server’s max_document_size', () => {
  it('is refused on its own, saying why; the rest of the batch and the next syncs go on', async () => {
    const ana = await syncProfile(workspace.couch, workspace.prefix, 'pp-test-ana', [P1], 'pp-too-large');
    await savePartnership(ana.db, { id: P1, name: 'Food bank', startDate: '2026-01-05', cadence: DEFAULT_CADENCE });
    const big = await saveMeeting(ana.db, input('Five thousand long names', 5_000));
    const small = await saveMeeting(ana.db, input('An ordinary meeting', 2));
    const report = await ana.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([
      expect.objectContaining({
        id: docId('meetings', big.id),
        direction: 'push',
        reason: expect.stringContaining('max_document_size'),
      }),
    ]);
    const docs = await serverDocsOf(workspace.couch, partnershipDb(workspace.prefix, P1));
    expect(docs.map((d) => d._id)).toContain(docId('meetings', small.id));
    expect(docs.map((d) => d._id)).not.toContain(docId('meetings', big.id));
    expect(await getMeeting(ana.db, big.id)).toEqual(big); // Nothing lost here.
    // The next sync does not stop on it either.
    expect((await ana.sync()).error).toBeUndefined();
  }, 60_000);
});
