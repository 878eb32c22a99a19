// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initWorkspace } from '../../../scripts/workspace/init';
import { getMeeting, saveMeeting } from '../../../utils/db/meetings';
import { savePartnership } from '../../../utils/db/partnerships';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import { docId, partnershipDb } from '../../../utils/sync/layout';
import { meeting } from '../../factories';
import { asUser, meetingDoc, serverDocsOf, syncProfile, testUser, useTestWorkspace } from './couch-helpers';

/**
 * The issue: "New partnerships created offline stay local until the admin's command (or screen)
 * creates their database", against a stand-in that, as CouchDB 3, keeps a new database
 * admin-only until its `_security` names members.
 */

const P1 = 'c8111111-1111-4111-8111-111111111111';
const P3 = 'c8333333-3333-4333-8333-333333333333';
const workspace = useTestWorkspace([{ id: P1, name: 'Food bank', leads: ['pp-test-ana'] }], [testUser('ana')]);
const withP3 = () => ({
  prefix: workspace.prefix,
  partnerships: [
    { id: P1, name: 'Food bank', leads: ['pp-test-ana'] },
    { id: P3, name: 'Made offline', leads: ['pp-test-ana'] },
  ],
  users: [{ name: 'pp-test-ana', role: 'lead' as const }],
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a partnership created offline', () => {
  it('stays local with no database, and with one an admin made by hand; the command opens it and the sync sends it', async () => {
    const { couch, prefix } = workspace;
    const ana = await syncProfile(couch, prefix, 'pp-test-ana', [P1, P3], 'pp-offline');
    await savePartnership(ana.db, { id: P3, name: 'Made offline', startDate: '2026-11-02', cadence: DEFAULT_CADENCE });
    const {
      id: _i,
      createdAt: _c,
      updatedAt: _u,
      organisationIds: _o,
      ...input
    } = meeting({
      id: 'x',
      partnershipId: P3,
      title: 'Logged offline',
    });
    const local = await saveMeeting(ana.db, input);
    const db = partnershipDb(prefix, P3);

    let report = await ana.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([
      { db, direction: 'pull', reason: expect.stringContaining('has no database on the server yet') },
    ]);

    // Made by hand (Fauxton, curl): no members, no validation. CouchDB 3 lets only admins in.
    expect((await couch.admin_fetch(`/${db}`, { method: 'PUT' })).status).toBe(201);
    report = await ana.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([
      { db, direction: 'pull', reason: expect.stringContaining("not one of this partnership's leads") },
    ]);
    expect(await serverDocsOf(couch, db)).toEqual([]);
    expect(await getMeeting(ana.db, local.id)).toEqual(local);

    await initWorkspace({ url: couch.url, admin: couch.admin, config: withP3() });
    report = await ana.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([]);
    const sent = (await serverDocsOf(couch, db)).find((doc) => doc._id === docId('meetings', local.id));
    expect(sent).toMatchObject({ title: 'Logged offline', updatedAt: local.updatedAt });
  });

  it("the command never leaves a lead's way into it open before its validation is in", async () => {
    const { couch, prefix } = workspace;
    const P4 = 'c8444444-4444-4444-8444-444444444444';
    const db = partnershipDb(prefix, P4);
    // A meeting of another partnership: the validation refuses it here.
    const stray = meetingDoc(`stray-${crypto.randomUUID()}`, P1);
    const ana = asUser(couch, 'pp-test-ana', 'ana-password');
    const written: Array<{ after: string; status: number }> = [];
    const send = globalThis.fetch;
    let probing = false;
    // After each of init's requests about P4's database, Ana tries to slip the stray meeting in.
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const answer = await send(input, init);
      const url = String(input);
      if (!probing && url.includes(`/${encodeURIComponent(db)}`)) {
        probing = true;
        const probe = await ana.put(`/${db}/${encodeURIComponent(String(stray._id))}`, stray);
        probing = false;
        written.push({ after: `${init?.method ?? 'GET'} ${url.slice(couch.url.length)}`, status: probe.status });
      }
      return answer;
    });
    const config = withP3();
    config.partnerships.push({ id: P4, name: 'Added later', leads: ['pp-test-ana'] });
    await initWorkspace({ url: couch.url, admin: couch.admin, config });
    vi.restoreAllMocks();
    expect(written.length).toBeGreaterThanOrEqual(3);
    expect(written.filter((w) => w.status === 201)).toEqual([]);
    expect((await serverDocsOf(couch, db)).filter((doc) => !String(doc._id).startsWith('_design/'))).toEqual([]);
  });
});
