// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { directoryDb, partnershipDb } from '../../../utils/sync/layout';
import { FUTURE_SLACK_MS } from '../../../utils/db/stamp';
import { asUser, meetingDoc, testUser, useTestWorkspace } from './couch-helpers';

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
    expect([401, 403]).toContain(answer.status);
  });
});
