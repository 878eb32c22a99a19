// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { directoryDb, partnershipDb } from '../../../utils/sync/layout';
import { FUTURE_SLACK_MS } from '../../../utils/db/stamp';
import { savePartnership } from '../../../utils/db/partnerships';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import { tieBreak } from '../../../utils/sync/merge';
import { asUser, meetingDoc, syncProfile, testUser, useTestWorkspace } from './couch-helpers';

/**
 * Attacker's tests: a co-lead of the same partnership writing through CouchDB's HTTP API
 * directly, not through the extension. The databases' validate_doc_update is all that stands.
 */

const P1 = '11111111-1111-4111-8111-111111111111';
const DAY = 24 * 60 * 60 * 1000;

const workspace = useTestWorkspace(
  [{ id: P1, name: 'Food bank', leads: ['pp-test-ana', 'pp-test-ben'] }],
  [testUser('ana'), testUser('ben'), testUser('cora', 'coordinator')],
);
const ben = () => asUser(workspace.couch, 'pp-test-ben', 'ben-password');

describe('a co-lead writing to the server directly', () => {
  it('cannot date a record years ahead to win every merge, in the partnership or the directory', async () => {
    const db = partnershipDb(workspace.prefix, P1);
    const ahead = Date.now() + 365 * DAY;
    const answer = await ben().put(`/${db}/meetings:m-future`, meetingDoc('m-future', P1, ahead));
    expect(answer.status).toBe(403);
    expect(JSON.stringify(answer.body)).toContain('updatedAt');
    const organisation = { _id: 'organisations:o-future', type: 'organisations', id: 'o-future', name: 'Age UK' };
    const directory = directoryDb(workspace.prefix);
    expect(
      (await ben().put(`/${directory}/organisations:o-future`, { ...organisation, updatedAt: ahead })).status,
    ).toBe(403);
    // Within the clocks' slack, as a lead's computer may be ahead: taken.
    const soon = Date.now() + FUTURE_SLACK_MS / 2;
    expect((await ben().put(`/${db}/meetings:m-soon`, meetingDoc('m-soon', P1, soon))).status).toBe(201);
    expect(
      (
        await ben().put(`/${directory}/organisations:o-soon`, {
          ...organisation,
          _id: 'organisations:o-soon',
          id: 'o-soon',
          updatedAt: soon,
        })
      ).status,
    ).toBe(201);
  });

  it('cannot hang a file on a record (attachments travel to the roll-up unchecked), inline or on its own', async () => {
    const db = partnershipDb(workspace.prefix, P1);
    const responses = Buffer.from('Trust 1, Equity 2: Jo Bloggs, Age UK').toString('base64');
    const inline = {
      ...meetingDoc('m-att', P1),
      _attachments: { 'answers.txt': { content_type: 'text/plain', data: responses } },
    };
    expect((await ben().put(`/${db}/meetings:m-att`, inline)).status).toBe(403);
    const plain = await ben().put(`/${db}/meetings:m-plain`, meetingDoc('m-plain', P1));
    expect(plain.status).toBe(201);
    const rev = (plain.body as { rev: string }).rev;
    const directory = directoryDb(workspace.prefix);
    const organisation = {
      _id: 'organisations:o-att',
      type: 'organisations',
      id: 'o-att',
      name: 'Age UK',
      updatedAt: 1,
    };
    expect(
      (
        await ben().put(`/${directory}/organisations:o-att`, {
          ...organisation,
          _attachments: { 'x.txt': { content_type: 'text/plain', data: responses } },
        })
      ).status,
    ).toBe(403);
    // A standalone attachment PUT is an update of the document too.
    const standalone = await fetch(`${workspace.couch.url}/${db}/meetings:m-plain/answers.txt?rev=${rev}`, {
      method: 'PUT',
      headers: {
        Authorization: `Basic ${Buffer.from('pp-test-ben:ben-password').toString('base64')}`,
        'Content-Type': 'text/plain',
      },
      body: 'Trust 1, Equity 2: Jo Bloggs, Age UK',
    });
    expect(standalone.status).toBe(403);
    const doc = (await workspace.couch.admin_fetch(`/${db}/meetings:m-plain`)).body as Record<string, unknown>;
    expect(doc._attachments).toBeUndefined();
  });

  it('cannot slip any of it in as a replicator does (new_edits: false, with a conflicting revision of its choosing)', async () => {
    const db = partnershipDb(workspace.prefix, P1);
    const ahead = Date.now() + 365 * DAY;
    const forged = [
      { ...meetingDoc('m-rep1', P1, ahead), _rev: '99-a' },
      {
        ...meetingDoc('m-rep2', P1),
        _rev: '99-b',
        _attachments: { 'a.txt': { content_type: 'text/plain', data: Buffer.from('x').toString('base64') } },
      },
      { ...meetingDoc('m-rep3', P1), _rev: '99-c', _deleted: true },
      { ...meetingDoc('m-rep4', P1), _rev: '99-d', answers: { trust: 1 } },
    ];
    const answer = await ben().post(`/${db}/_bulk_docs`, { new_edits: false, docs: forged });
    expect(answer.status).toBeLessThan(300);
    for (const doc of forged) {
      expect((await workspace.couch.admin_fetch(`/${db}/${doc._id}?open_revs=all`)).body, doc._id).not.toEqual(
        expect.arrayContaining([expect.objectContaining({ ok: expect.anything() })]),
      );
    }
  });

  it('cannot write a design document that would replace the validation', async () => {
    const db = partnershipDb(workspace.prefix, P1);
    const design = { _id: '_design/open', validate_doc_update: 'function () {}' };
    const answer = await ben().put(`/${db}/_design/open`, design);
    expect(answer.status).toBe(403);
  });

  /** Ana's meeting, pushed; Ben then puts `older` (his copy, stamped `at`) over it on the server, with its current `_rev`. */
  async function writtenBack(older: (mine: Record<string, unknown>) => Record<string, unknown>) {
    const db = partnershipDb(workspace.prefix, P1);
    const ana = await syncProfile(workspace.couch, workspace.prefix, 'pp-test-ana', [P1], 'pp-co-lead');
    await savePartnership(ana.db, { id: P1, name: 'Food bank', startDate: '2026-01-05', cadence: DEFAULT_CADENCE });
    const id = crypto.randomUUID();
    const at = Date.now() - 60_000;
    const { _id: _i, type: _t, ...mine } = { ...meetingDoc(id, P1, at), notes: 'Ana, newer' };
    await ana.db.put('meetings', mine);
    expect((await ana.sync()).error).toBeUndefined();
    const onServer = (await ben().get(`/${db}/meetings:${id}`)).body as Record<string, unknown>;
    expect(onServer.notes).toBe('Ana, newer');
    const written = await ben().put(`/${db}/meetings:${id}`, { ...onServer, ...older(onServer) });
    expect(written.status).toBe(201);
    return { ana, db, id, mine };
  }

  it.each([
    ['an older edit', () => ({ notes: 'Ben, older', updatedAt: Date.now() - 120_000 })],
    // The same stamp, content that loses the tie-break here: the server's copy must not stay the loser.
    [
      'an edit of the same stamp that loses the tie',
      (mine: Record<string, unknown>) => ({ notes: tieBreak({ ...mine, notes: 'A' }, mine) ? '' : 'A' }),
    ],
  ])('writing %s back over a newer one: the next sync puts the newer back, so everyone converges', async (_, older) => {
    const { ana, db, id, mine } = await writtenBack(older);
    const back = (await ben().get(`/${db}/meetings:${id}`)).body as Record<string, unknown>;
    expect(back.notes).not.toBe('Ana, newer');
    const report = await ana.sync();
    expect(report.error).toBeUndefined();
    // The lead is told that the copy written back was replaced by theirs again.
    expect(report.resolved).toContainEqual({ db, store: 'meetings', id, kept: 'here' });
    expect(await ana.db.get('meetings', id)).toEqual(mine);
    const now = (await ben().get(`/${db}/meetings:${id}?conflicts=true`)).body as Record<string, unknown>;
    expect(now.notes).toBe('Ana, newer');
    expect(now.updatedAt).toBe(mine.updatedAt);
    expect(now._conflicts).toBeUndefined();
    // Another lead's browser syncing afresh gets the newer edit.
    const other = await syncProfile(workspace.couch, workspace.prefix, 'pp-test-ben', [P1], 'pp-co-lead');
    expect((await other.sync()).error).toBeUndefined();
    expect((await other.db.get('meetings', id))?.notes).toBe('Ana, newer');
  });
});
