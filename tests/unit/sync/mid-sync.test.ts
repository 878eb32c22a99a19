// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { getMeeting, saveMeeting } from '../../../utils/db/meetings';
import type { Meeting } from '../../../utils/db/records';
import { savePartnership } from '../../../utils/db/partnerships';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import { docId, partnershipDb } from '../../../utils/sync/layout';
import { signIn } from '../../../utils/sync/session';
import { meeting } from '../../factories';
import { serverDocsOf, syncProfile, testUser, useTestWorkspace, type SyncProfile } from './couch-helpers';

/**
 * The "the server stopped mid-sync, a session that expires" once the sync is under way:
 * in the push (after the pull went well) and after the sync's own check of the session. Each
 * ends in a clear status, loses nothing, and the next sync sends what was left.
 */

const P1 = 'a7111111-1111-4111-8111-111111111111';
const workspace = useTestWorkspace(
  [{ id: P1, name: 'Food bank', leads: ['pp-test-ana', 'pp-test-ben'] }],
  [testUser('ana'), testUser('ben')],
);

async function connectedLead(): Promise<SyncProfile> {
  const ana = await syncProfile(workspace.couch, workspace.prefix, 'pp-test-ana', [P1], 'pp-mid-sync');
  await savePartnership(ana.db, { id: P1, name: 'Food bank', startDate: '2026-01-05', cadence: DEFAULT_CADENCE });
  expect((await ana.sync()).error).toBeUndefined();
  return ana;
}

/** A held meeting of P1 logged now (the factory's fields, less what saving stamps). */
function logMeeting(ana: SyncProfile, title: string) {
  const {
    id: _id,
    createdAt: _c,
    updatedAt: _u,
    organisationIds: _o,
    ...input
  } = meeting({ id: 'new', partnershipId: P1, title });
  return saveMeeting(ana.db, input);
}

async function onServer(id: string): Promise<Record<string, unknown> | undefined> {
  const docs = await serverDocsOf(workspace.couch, partnershipDb(workspace.prefix, P1));
  return docs.find((doc) => doc._id === docId('meetings', id));
}

describe('a sync interrupted once under way', () => {
  it('the server gone during the push: offline, the meeting kept here, and sent by the next sync', async () => {
    const ana = await connectedLead();
    const local = await logMeeting(ana, 'Logged as the server went away');
    ana.jar.hook = (url) => {
      if (url.includes('/_bulk_docs')) throw new TypeError('fetch failed');
    };
    const report = await ana.sync();
    expect(report.error?.kind).toBe('offline');
    expect(await getMeeting(ana.db, local.id)).toEqual(local);
    expect(await onServer(local.id)).toBeUndefined();

    ana.jar.hook = undefined;
    const again = await ana.sync();
    expect(again.error).toBeUndefined();
    expect((await onServer(local.id))?.title).toBe('Logged as the server went away');
  });

  it('the session expiring after the sync checked it: signed out, not a partnership refused, nothing lost', async () => {
    const ana = await connectedLead();
    const local = await logMeeting(ana, 'Logged as the session ended');
    // The cookie is dropped as the partnership's database is first asked: the server answers 401.
    let expired = false;
    ana.jar.hook = (url) => {
      if (!expired && new URL(url).pathname.startsWith(`/${partnershipDb(workspace.prefix, P1)}`)) {
        expired = true;
        ana.jar.expire();
      }
    };
    const report = await ana.sync();
    expect(expired).toBe(true);
    expect(report.error?.kind).toBe('signed-out');
    expect(report.refused).toEqual([]);
    expect(await getMeeting(ana.db, local.id)).toEqual(local);

    ana.jar.hook = undefined;
    await signIn(ana.client, 'pp-test-ana', 'ana-password');
    expect((await ana.sync()).error).toBeUndefined();
    expect((await onServer(local.id))?.title).toBe('Logged as the session ended');
  });
});

/** An edit of the meeting stamped `at`, as one made offline at that time. */
async function edit(profile: SyncProfile, id: string, notes: string, at: number): Promise<void> {
  const stored = (await profile.db.get('meetings', id)) as Meeting;
  await profile.db.put('meetings', { ...stored, notes, updatedAt: at });
}

describe("another lead's newer edit reaching the server while this lead's sync runs", () => {
  it("between this lead's pull and push, and again as a 409: the newer edit is kept everywhere, no conflict left", async () => {
    const ana = await connectedLead();
    const local = await logMeeting(ana, 'Edited by both');
    expect((await ana.sync()).error).toBeUndefined();
    const ben = await syncProfile(workspace.couch, workspace.prefix, 'pp-test-ben', [P1], 'pp-mid-sync');
    expect((await ben.sync()).error).toBeUndefined();
    const db = partnershipDb(workspace.prefix, P1);
    const base = Date.now();

    // Ben's newer edit lands after Ana's pull, as her push reads the server's copies.
    await edit(ana, local.id, 'Ana, older', base + 1_000);
    await edit(ben, local.id, 'Ben, newer', base + 2_000);
    let raced = false;
    ana.jar.hook = async (url, init) => {
      if (!raced && init?.method === 'POST' && url.includes(`/${db}/_all_docs`)) {
        raced = true;
        expect((await ben.sync()).error).toBeUndefined();
      }
    };
    const first = await ana.sync();
    expect(raced).toBe(true);
    expect(first.error).toBeUndefined();
    expect(first.resolved).toContainEqual(expect.objectContaining({ id: local.id, kept: 'server' }));
    expect((await onServer(local.id))?.notes).toBe('Ben, newer');
    expect((await getMeeting(ana.db, local.id))?.notes).toBe('Ben, newer');

    // Ben's newer edit lands between Ana's read of the revisions and her write: a 409, the server's newer.
    await edit(ana, local.id, 'Ana, older again', base + 3_000);
    await edit(ben, local.id, 'Ben, newer again', base + 4_000);
    raced = false;
    ana.jar.hook = async (url) => {
      if (!raced && url.includes(`/${db}/_bulk_docs`)) {
        raced = true;
        expect((await ben.sync()).error).toBeUndefined();
      }
    };
    const second = await ana.sync();
    expect(raced).toBe(true);
    expect(second.error).toBeUndefined();
    expect((await onServer(local.id))?.notes).toBe('Ben, newer again');
    expect((await getMeeting(ana.db, local.id))?.notes).toBe('Ben, newer again');
    ana.jar.hook = undefined;
    const doc = await workspace.couch.admin_fetch(
      `/${db}/${encodeURIComponent(docId('meetings', local.id))}?conflicts=true`,
    );
    expect((doc.body as { _conflicts?: unknown })._conflicts).toBeUndefined();
  });
});
