// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Couch } from '../../harness/couch';
import { getMeeting, saveMeeting, deleteMeeting } from '../../../utils/db/meetings';
import { saveMembership } from '../../../utils/db/memberships';
import { saveOrganisation } from '../../../utils/db/organisations';
import { savePartnership } from '../../../utils/db/partnerships';
import { savePerson } from '../../../utils/db/people';
import { DEFAULT_CADENCE, type Meeting } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { syncWorkspace } from '../../../utils/sync/engine';
import { directoryDb, partnershipDb } from '../../../utils/sync/layout';
import { signIn } from '../../../utils/sync/session';
import { mapState, type SyncState } from '../../../utils/sync/state';
import { unwrap } from 'idb';
import { closePulseDb } from '../../../utils/db/open';
import { asUser, meetingDoc, startWorkspace, syncProfile, testUser, type SyncProfile } from './couch-helpers';
import { person, response } from '../../factories';
import { tieBreak } from '../../../utils/sync/merge';

const P1 = 'a1111111-1111-4111-8111-111111111111';
const P2 = 'a2222222-2222-4222-8222-222222222222';
const DAY = 86_400_000;

let couch: Couch;
let prefix: string;

beforeAll(async () => {
  ({ couch, prefix } = await startWorkspace(
    [
      { id: P1, name: 'Food bank', leads: ['pp-test-ana', 'pp-test-ben'] },
      { id: P2, name: 'Active city', leads: ['pp-test-carl'] },
    ],
    [testUser('ana'), testUser('ben'), testUser('carl')],
  ));
  // Users, databases, security and lists: a few dozen calls, slow on a loaded machine.
}, 30_000);

afterAll(async () => {
  await closePulseDb();
  await couch?.stop();
});

type Profile = SyncProfile;

const profile = (user: string, partnershipIds: string[]) => syncProfile(couch, prefix, user, partnershipIds);

/** Ana's partnership as she has it before the workspace: a member organisation, a person, a meeting. */
async function seed(db: PulseDatabase) {
  await savePartnership(db, { id: P1, name: 'Food bank', startDate: '2026-01-05', cadence: DEFAULT_CADENCE });
  const org = await saveOrganisation(db, { name: 'Age UK', emailDomains: ['ageuk.example'] });
  await saveMembership(db, {
    partnershipId: P1,
    organisationId: org.id,
    partnerType: 'core',
    joinedOn: '2026-01-05',
  });
  const person = await savePerson(db, { displayNames: ['Dee Patel'], emails: [], organisationId: org.id });
  const meeting = await saveMeeting(db, {
    partnershipId: P1,
    status: 'held',
    platform: 'meet',
    title: 'Tuesday core meeting',
    startAt: Date.UTC(2026, 10, 3, 10),
    kind: 'core',
    purposeTagIds: [],
    agenda: 'yes',
    attendees: [{ displayName: 'Dee Patel', personId: person.id, organisationId: org.id }],
    decisions: '',
    notes: 'First notes',
  });
  return { org, person, meeting };
}

async function edit(db: PulseDatabase, meeting: Meeting, notes: string, at: number): Promise<Meeting> {
  const { createdAt: _c, updatedAt: _u, organisationIds: _o, ...input } = meeting;
  const saved = await saveMeeting(db, { ...input, notes });
  // The clock of that profile: the stamp says when the edit was made.
  const stamped = { ...saved, updatedAt: at };
  await db.put('meetings', stamped);
  return stamped;
}

async function serverDocs(db: string) {
  const all = await couch.admin_fetch(`/${db}/_all_docs?include_docs=true&conflicts=true`);
  return (all.body as { rows: Array<{ id: string; doc: Record<string, unknown> }> }).rows.map((r) => r.doc);
}

describe('syncing a workspace', () => {
  let ana: Profile;
  let ben: Profile;
  let seeded: Awaited<ReturnType<typeof seed>>;

  beforeAll(async () => {
    ana = await profile('pp-test-ana', [P1]);
    ben = await profile('pp-test-ben', [P1]);
    seeded = await seed(ana.db);
  });

  it("brings one lead's partnership, organisation, person and meeting to another lead", async () => {
    const pushed = await ana.sync();
    expect(pushed.error).toBeUndefined();
    expect(pushed.refused).toEqual([]);
    expect(pushed.pushed).toBeGreaterThanOrEqual(4);

    const pulled = await ben.sync();
    expect(pulled.error).toBeUndefined();
    expect(pulled.refused).toEqual([]);
    expect(await ben.db.get('meetings', seeded.meeting.id)).toEqual(seeded.meeting);
    expect(await ben.db.get('people', seeded.person.id)).toEqual(seeded.person);
    expect(await ben.db.get('organisations', seeded.org.id)).toEqual(seeded.org);
    expect((await ben.db.get('partnerships', P1))?.name).toBe('Food bank');
    expect(await ben.db.getAll('memberships')).toHaveLength(1);

    // Organisations in the directory, the rest in the partnership's database.
    const directory = await serverDocs(directoryDb(prefix));
    expect(directory.some((d) => d._id === `organisations:${seeded.org.id}`)).toBe(true);
    const partnership = await serverDocs(partnershipDb(prefix, P1));
    expect(partnership.map((d) => d.type).sort()).toEqual(
      expect.arrayContaining(['meetings', 'memberships', 'partnerships', 'people']),
    );
    expect(directory.concat(partnership).some((d) => d.type === 'organisations' && String(d._id).includes(P1))).toBe(
      false,
    );
  });

  it('converges on the newer of two offline edits of one meeting, with no conflict left on the server', async () => {
    const base = Date.now();
    await edit(ben.db, seeded.meeting, 'Ben, later', base + 2_000);
    await edit(ana.db, seeded.meeting, 'Ana, earlier', base + 1_000);
    // Ben syncs first, then Ana, whose older edit must not win.
    await ben.sync();
    const anaReport = await ana.sync();
    expect(anaReport.resolved).toEqual([expect.objectContaining({ id: seeded.meeting.id, kept: 'server' })]);
    await ben.sync();
    expect((await getMeeting(ana.db, seeded.meeting.id))?.notes).toBe('Ben, later');
    expect((await getMeeting(ben.db, seeded.meeting.id))?.notes).toBe('Ben, later');
    const doc = (await serverDocs(partnershipDb(prefix, P1))).find((d) => d._id === `meetings:${seeded.meeting.id}`);
    expect(doc?.notes).toBe('Ben, later');
    expect(doc?._conflicts).toBeUndefined();
  });

  it('resolves a 409 by updatedAt and pushes again: the newer local edit is kept', async () => {
    const base = Date.now();
    const mine = await edit(ana.db, (await getMeeting(ana.db, seeded.meeting.id))!, 'Ana, newest', base + 5_000);
    await edit(ben.db, (await getMeeting(ben.db, seeded.meeting.id))!, 'Ben, in between', base + 4_000);
    // Ben's write lands between Ana's read of the revisions and her _bulk_docs: a real 409.
    let raced = false;
    ana.jar.hook = async (url) => {
      if (!raced && url.includes(`${partnershipDb(prefix, P1)}/_bulk_docs`)) {
        raced = true;
        await ben.sync();
      }
    };
    const report = await ana.sync();
    ana.jar.hook = undefined;
    expect(raced).toBe(true);
    expect(report.resolved).toContainEqual(expect.objectContaining({ id: mine.id, kept: 'here' }));
    await ben.sync();
    expect((await getMeeting(ben.db, mine.id))?.notes).toBe('Ana, newest');
    const doc = (await serverDocs(partnershipDb(prefix, P1))).find((d) => d._id === `meetings:${mine.id}`);
    expect(doc?.notes).toBe('Ana, newest');
    expect(doc?._conflicts).toBeUndefined();
  });

  it.each([
    ['Ana', 'Ben'],
    ['Ben', 'Ana'],
  ])(
    'settles two edits with the same updatedAt identically on both sides when %s syncs first',
    async (first, second) => {
      const leads = { Ana: ana, Ben: ben };
      const at = Date.now() + 10_000;
      const edits = {
        Ana: await edit(ana.db, (await getMeeting(ana.db, seeded.meeting.id))!, `Ana at ${at}`, at),
        Ben: await edit(ben.db, (await getMeeting(ben.db, seeded.meeting.id))!, `Ben at ${at}`, at),
      };
      expect(edits.Ana.notes).not.toBe(edits.Ben.notes);
      const winner = tieBreak(edits.Ana, edits.Ben) ? edits.Ana : edits.Ben;
      expect(tieBreak(edits.Ben, edits.Ana)).toBe(winner === edits.Ben);

      const firstReport = await leads[first as 'Ana'].sync();
      const secondReport = await leads[second as 'Ana'].sync();
      await leads[first as 'Ana'].sync();
      expect(firstReport.error).toBeUndefined();
      expect(secondReport.error).toBeUndefined();
      // The second to sync meets the other edit, and is told which one stays.
      const kept = winner === edits[second as 'Ana'] ? 'here' : 'server';
      expect(secondReport.resolved).toContainEqual(expect.objectContaining({ id: seeded.meeting.id, kept }));

      expect((await getMeeting(ana.db, seeded.meeting.id))?.notes).toBe(winner.notes);
      expect((await getMeeting(ben.db, seeded.meeting.id))?.notes).toBe(winner.notes);
      const doc = (await serverDocs(partnershipDb(prefix, P1))).find((d) => d._id === `meetings:${seeded.meeting.id}`);
      expect(doc?.notes).toBe(winner.notes);
      expect(doc?.updatedAt).toBe(at);
      expect(doc?._conflicts).toBeUndefined();
    },
  );

  it('syncs a deletion as a tombstone', async () => {
    await deleteMeeting(ana.db, seeded.meeting.id);
    await ana.sync();
    await ben.sync();
    expect(await getMeeting(ben.db, seeded.meeting.id)).toBeUndefined();
    expect((await ben.db.get('meetings', seeded.meeting.id))?.deletedAt).toBeTypeOf('number');
  });

  it('sends a pulse without its key, and never responses or drafts', async () => {
    await ana.db.put('drafts', { key: 'meeting-form', value: { notes: 'draft' }, updatedAt: Date.now() });
    const pulseId = crypto.randomUUID();
    await ana.db.put('pulses', {
      id: pulseId,
      partnershipId: P1,
      questions: [],
      invitedOrganisationIds: [],
      expiresAt: Date.now() + DAY,
      threshold: 3,
      createdAt: Date.now(),
      updatedAt: Date.now(),
    });
    await ana.db.put('responses', response({ id: 'r-1', pulseId, partnerType: 'core' }));
    await ana.sync();
    const everything = [...(await serverDocs(directoryDb(prefix))), ...(await serverDocs(partnershipDb(prefix, P1)))];
    expect(everything.filter((d) => ['responses', 'drafts'].includes(String(d.type)))).toEqual([]);
    expect(everything.filter((d) => d.type === 'pulses')).toHaveLength(1);
  });

  it('keeps a lead out of a partnership they do not lead, in plain words, and syncs the rest', async () => {
    const carl = await profile('pp-test-carl', [P1, P2]);
    await savePartnership(carl.db, { id: P2, name: 'Active city', startDate: '2026-02-01', cadence: DEFAULT_CADENCE });
    const report = await carl.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([
      expect.objectContaining({
        db: partnershipDb(prefix, P1),
        reason: expect.stringMatching(/not|permission|access/i),
      }),
    ]);
    expect(await carl.db.get('meetings', seeded.meeting.id)).toBeUndefined();
    expect((await serverDocs(partnershipDb(prefix, P2))).some((d) => d._id === `partnerships:${P2}`)).toBe(true);
  });

  it.each([
    [403, { error: 'forbidden', reason: 'You are not allowed to access this db.' }],
    [401, { error: 'unauthorized', reason: 'You are not authorized to access this db.' }],
  ])(
    "says in the same plain words that a partnership is not this lead's when the server answers %i",
    async (status, body) => {
      // CouchDB answers a signed-in user who is not a member with 403; the stand-in with 401.
      const carl = await profile('pp-test-carl', [P1, P2]);
      carl.jar.hook = (url) =>
        new URL(url).pathname.startsWith(`/${partnershipDb(prefix, P1)}`) ? Response.json(body, { status }) : undefined;
      const report = await carl.sync();
      expect(report.error).toBeUndefined();
      expect(report.refused).toEqual([
        {
          db: partnershipDb(prefix, P1),
          direction: 'pull',
          reason: expect.stringMatching(
            new RegExp(`^this account is not one of this partnership's leads .*${body.reason}`),
          ),
        },
      ]);
    },
  );

  it('a 401 from a partnership database once the session has expired is signed out, not a partnership refused', async () => {
    const carl = await profile('pp-test-carl', [P1, P2]);
    carl.jar.hook = (url) => {
      const { pathname } = new URL(url);
      if (pathname.startsWith(`/${partnershipDb(prefix, P1)}`)) {
        return Response.json(
          { error: 'unauthorized', reason: 'You are not authorized to access this db.' },
          { status: 401 },
        );
      }
      // The session ended meanwhile.
      if (pathname === '/_session') return Response.json({ ok: true, userCtx: { name: null, roles: [] } });
      return undefined;
    };
    const report = await carl.sync();
    expect(report.error?.kind).toBe('signed-out');
    expect(report.refused).toEqual([]);
  });

  it('moves the checkpoint here after every page of a long pull, and keeps none on the server', async () => {
    for (let i = 0; i < 5; i += 1) await saveMeeting(ben.db, { ...meetingInput(), title: `Paged ${i}` });
    await ben.sync();
    const db = partnershipDb(prefix, P1);
    const requests: string[] = [];
    ana.jar.hook = (url, init) => {
      requests.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    };
    const saved: Array<string | number> = [];
    const state: SyncState = {
      getCheckpoint: (...args) => ana.state.getCheckpoint(...args),
      async setCheckpoint(server, name, direction, value) {
        if (name === db && direction === 'pull') saved.push(value);
        await ana.state.setCheckpoint(server, name, direction, value);
      },
    };
    const report = await syncWorkspace(unwrap(ana.db), ana.client, ana.target, state, { batchSize: 2 });
    ana.jar.hook = undefined;
    expect(report.error).toBeUndefined();
    expect(requests.filter((r) => r === `GET /${db}/_changes`).length).toBeGreaterThanOrEqual(3);
    expect(saved.length).toBeGreaterThanOrEqual(3);
    // A `_local/` document any member could rewrite is neither read nor written.
    expect(requests.filter((r) => r.includes('/_local/'))).toEqual([]);
  });

  it('a sync with nothing new from the server saves no checkpoint; one with something new does', async () => {
    await ana.sync();
    const requests: string[] = [];
    ana.jar.hook = (url, init) => {
      requests.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    };
    const quiet = async () => {
      requests.length = 0;
      const report = await ana.sync();
      expect(report.error).toBeUndefined();
      return requests.filter((r) => r.includes('/_changes') || r.includes('/_local/'));
    };
    const changes = [`GET /${directoryDb(prefix)}/_changes`, `GET /${partnershipDb(prefix, P1)}/_changes`];
    expect(await quiet()).toEqual(changes);
    const before = await ana.state.getCheckpoint(ana.client.base, partnershipDb(prefix, P1), 'pull');

    const local = await saveMeeting(ben.db, { ...meetingInput(), title: 'After a quiet sync' });
    await ben.sync();
    const pulled = await quiet();
    expect(await getMeeting(ana.db, local.id)).toEqual(local);
    expect(pulled).toEqual(changes);
    const after = await ana.state.getCheckpoint(ana.client.base, partnershipDb(prefix, P1), 'pull');
    expect(after).not.toEqual(before);
    expect(await quiet()).toEqual(changes);
    ana.jar.hook = undefined;
  });
});

describe('what the server sends is checked like an imported file', () => {
  let ana: Profile;

  beforeAll(async () => {
    ana = await profile('pp-test-ana', [P1]);
    await ana.sync();
  });

  async function adminPut(doc: Record<string, unknown>) {
    const answer = await couch.admin_fetch(`/${partnershipDb(prefix, P1)}/${doc._id as string}`, {
      method: 'PUT',
      body: JSON.stringify(doc),
    });
    expect(answer.status).toBe(201);
  }

  it('refuses a document from the future, of another partnership, or with a bad field, and stores the rest', async () => {
    await adminPut(meetingDoc('f1', P1, Date.now() + 400 * DAY));
    await adminPut(meetingDoc('x1', P2));
    await adminPut({ ...meetingDoc('b1', P1), title: 42 });
    await adminPut({ ...meetingDoc('b2', P1), constructor: 'x' });
    await adminPut(meetingDoc('ok1', P1, Date.now() - DAY));
    const report = await ana.sync();
    expect(report.error).toBeUndefined();
    const reasons = report.refused.map((r) => `${r.id ?? ''} ${r.reason}`).join('\n');
    expect(reasons).toMatch(/meetings:f1 .*in the future/);
    expect(reasons).toMatch(/meetings:x1 .*another partnership/);
    expect(reasons).toMatch(/title/);
    expect(reasons).toMatch(/constructor/);
    for (const id of ['f1', 'x1', 'b1', 'b2']) expect(await ana.db.get('meetings', id)).toBeUndefined();
    expect((await ana.db.get('meetings', 'ok1'))?.title).toBe('Meeting ok1');
    // Refused once; the checkpoint moved on, so the next sync is quiet.
    expect((await ana.sync()).refused).toEqual([]);
  });

  it('refuses ids off the safe pattern (a space, a look-alike letter, constructor, one inside a list) and a time that has not happened yet (an attendee seen in 2099), each named; stores a meeting planned next month', async () => {
    const seen = { ...meetingDoc('seen1', P1, Date.now() - DAY) };
    seen.attendees = [{ displayName: 'Ana', lastSeenAt: Date.UTC(2099, 0, 1) }];
    const planned = { ...meetingDoc('plan1', P1, Date.now() - DAY), status: 'planned', startAt: Date.now() + 30 * DAY };
    delete (planned as { endAt?: number }).endAt;
    await adminPut(meetingDoc('a b', P1));
    await adminPut(meetingDoc('trսst', P1));
    await adminPut(meetingDoc('constructor', P1));
    await adminPut({ ...meetingDoc('tags1', P1), purposeTagIds: ['__proto__'] });
    await adminPut(seen);
    await adminPut(planned);
    const report = await ana.sync();
    expect(report.error).toBeUndefined();
    const reasons = report.refused.map((r) => r.reason).join('\n');
    expect(reasons).toContain('(id a b) › id: ');
    expect(reasons).toContain('(id trսst) › id: ');
    expect(reasons).toContain('(id constructor) › id: ');
    expect(reasons).toContain('(id tags1) › purposeTagIds[0]: ');
    expect(reasons).toContain('(id seen1) › attendees[0].lastSeenAt: Dated 2099-01-01T00:00:00.000Z');
    for (const id of ['a b', 'trսst', 'constructor', 'tags1', 'seen1']) {
      expect(await ana.db.get('meetings', id)).toBeUndefined();
    }
    expect((await ana.db.get('meetings', 'plan1'))?.startAt).toBe(planned.startAt);
  });

  it('pushes an edit made here after pulling one stamped by a computer whose clock is ahead', async () => {
    // Another lead's clock runs an hour fast (within what is accepted).
    await adminPut(meetingDoc('ahead1', P1, Date.now() + 60 * 60_000));
    expect((await ana.sync()).error).toBeUndefined();
    expect(await ana.db.get('meetings', 'ahead1')).toBeDefined();
    const local = await saveMeeting(ana.db, { ...meetingInput(), title: 'Logged after the fast clock' });
    expect((await ana.sync()).error).toBeUndefined();
    const doc = (await serverDocs(partnershipDb(prefix, P1))).find((d) => d._id === `meetings:${local.id}`);
    expect(doc?.title).toBe('Logged after the fast clock');
  });

  it('ends a malformed, wrongly shaped or oversized answer with a clear status, writes nothing, and resumes', async () => {
    await adminPut(meetingDoc('late1', P1, Date.now() - DAY));
    const answers: Array<[string, () => Response]> = [
      ['malformed', () => new Response('{"results": [', { status: 200 })],
      ['malformed', () => Response.json({ results: 'nope', last_seq: 3 })],
      ['malformed', () => Response.json({ results: [{ id: 5 }], last_seq: 3 })],
      ['malformed', () => new Response('x'.repeat(100), { headers: { 'Content-Length': String(64 * 1024 * 1024) } })],
    ];
    for (const [kind, answer] of answers) {
      ana.jar.hook = (url) => (url.includes('/_changes') ? answer() : undefined);
      const report = await ana.sync();
      expect(report.error?.kind).toBe(kind);
      expect(await ana.db.get('meetings', 'late1')).toBeUndefined();
    }
    ana.jar.hook = undefined;
    const report = await ana.sync();
    expect(report.error).toBeUndefined();
    expect((await ana.db.get('meetings', 'late1'))?.title).toBe('Meeting late1');
  });

  it('a changes feed that never moves on (full pages, last_seq going back to one already read) ends as malformed, not a pull for ever', async () => {
    await adminPut(meetingDoc('loop1', P1, Date.now() - DAY));
    await adminPut(meetingDoc('loop2', P1, Date.now() - DAY));
    const db = partnershipDb(prefix, P1);
    const rows = [
      { id: 'meetings:loop1', doc: meetingDoc('loop1', P1, Date.now() - DAY) },
      { id: 'meetings:loop2', doc: meetingDoc('loop2', P1, Date.now() - DAY) },
    ];
    // The same seq again; and two seqs taking turns.
    const feeds: Array<[string, (since: string) => string]> = [
      ['the same last_seq', (since) => since],
      ['two seqs in turn', (since) => (since === 'turn-a' ? 'turn-b' : 'turn-a')],
    ];
    for (const [what, lastSeq] of feeds) {
      let pages = 0;
      ana.jar.hook = (url) => {
        const at = new URL(url);
        if (at.pathname !== `/${db}/_changes`) return undefined;
        pages += 1;
        if (pages > 50) throw new TypeError('still pulling');
        return Response.json({ results: rows, last_seq: lastSeq(at.searchParams.get('since') ?? '') });
      };
      const report = await syncWorkspace(unwrap(ana.db), ana.client, ana.target, ana.state, { pullBatchSize: 2 });
      ana.jar.hook = undefined;
      expect(report.error?.kind, what).toBe('malformed');
      expect(report.error?.detail, what).toMatch(/already read/);
      expect(report.error?.detail, what).toContain(`GET ${db}/_changes`);
      expect(pages, what).toBeLessThan(5);
    }
    const report = await ana.sync();
    expect(report.error).toBeUndefined();
    expect((await ana.db.get('meetings', 'loop2'))?.title).toBe('Meeting loop2');
  });

  it("another lead's forged _local checkpoint (any member may write _local/ documents, unvalidated) does not make a browser skip records", async () => {
    const db = partnershipDb(prefix, P1);
    await adminPut(meetingDoc('unseen1', P1, Date.now() - DAY));
    // Ben, a lead of the same partnership, finds Ana's checkpoint (GET /db/_local_docs on CouchDB 3) and moves it to the end.
    const ben = asUser(couch, 'pp-test-ben', 'ben-password');
    const end = ((await ben.get(`/${db}`)).body as { update_seq: string | number }).update_seq;
    // Where the extension once kept a copy of its checkpoint (under a client id of its connection).
    const forged = await ben.put(`/${db}/_local/pp-sync-browser-1`, { last_seq: end });
    expect([200, 201]).toContain(forged.status);
    // This browser's own checkpoints are gone (its records stay); it asks the server for no _local/ document.
    const asked: string[] = [];
    ana.jar.hook = (url) => void asked.push(url);
    const report = await syncWorkspace(unwrap(ana.db), ana.client, ana.target, mapState());
    ana.jar.hook = undefined;
    expect(report.error).toBeUndefined();
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((url) => url.includes('/_local'))).toEqual([]);
    expect((await ana.db.get('meetings', 'unseen1'))?.title).toBe('Meeting unseen1');
  });

  it('a server that stops mid-sync leaves a clear status, loses nothing, and the next sync finishes', async () => {
    const local = await saveMeeting(ana.db, {
      ...meetingInput(),
      title: 'Logged while the server was away',
    });
    let calls = 0;
    ana.jar.hook = () => {
      calls += 1;
      if (calls > 3) throw new TypeError('fetch failed');
    };
    const report = await ana.sync();
    expect(report.error?.kind).toBe('offline');
    expect(await getMeeting(ana.db, local.id)).toEqual(local);
    ana.jar.hook = undefined;
    const again = await ana.sync();
    expect(again.error).toBeUndefined();
    const doc = (await serverDocs(partnershipDb(prefix, P1))).find((d) => d._id === `meetings:${local.id}`);
    expect(doc?.title).toBe('Logged while the server was away');
  });

  it('an expired session says signed out, keeps local changes, and resumes after signing in', async () => {
    const local = await saveMeeting(ana.db, { ...meetingInput(), title: 'Logged after the session expired' });
    ana.jar.expire();
    const report = await ana.sync();
    expect(report.error?.kind).toBe('signed-out');
    expect(await getMeeting(ana.db, local.id)).toEqual(local);
    await signIn(ana.client, 'pp-test-ana', 'ana-password');
    expect((await ana.sync()).error).toBeUndefined();
    const doc = (await serverDocs(partnershipDb(prefix, P1))).find((d) => d._id === `meetings:${local.id}`);
    expect(doc?.title).toBe('Logged after the session expired');
  });

  it("attacker: a sign-in as another user in a tab of the same server (the cookie is the browser's) is never synced as, only said", async () => {
    const local = await saveMeeting(ana.db, { ...meetingInput(), title: 'Logged while Carl signed in on a tab' });
    // Carl (a lead of another partnership, or the admin in Fauxton) signs in on the same server.
    ana.jar.expire(); // The browser keeps one AuthSession cookie per server: Carl's replaces Ana's.
    await signIn(ana.client, 'pp-test-carl', 'carl-password');
    const requests: string[] = [];
    const hook = ana.jar.hook;
    ana.jar.hook = (url, init) => {
      requests.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
      return hook?.(url, init);
    };
    try {
      const report = await ana.sync();
      expect(report.error?.kind).toBe('signed-out');
      expect(report.error?.detail).toMatch(/another user/);
      expect(report.pushed).toBe(0);
      expect(requests).toEqual(['GET /_session']);
    } finally {
      ana.jar.hook = hook;
    }
    expect(await getMeeting(ana.db, local.id)).toEqual(local);
    ana.jar.expire(); // The stand-in sets no new cookie over a valid one; CouchDB does.
    await signIn(ana.client, 'pp-test-ana', 'ana-password');
    expect((await ana.sync()).error).toBeUndefined();
    const doc = (await serverDocs(partnershipDb(prefix, P1))).find((d) => d._id === `meetings:${local.id}`);
    expect(doc?.title).toBe('Logged while Carl signed in on a tab');
  });
});

describe('a first pull reads every record through _all_docs, then the changes since', () => {
  const db = () => partnershipDb(prefix, P1);

  async function adminPut(doc: Record<string, unknown>) {
    const answer = await couch.admin_fetch(`/${db()}/${encodeURIComponent(doc._id as string)}`, {
      method: 'PUT',
      body: JSON.stringify(doc),
    });
    expect(answer.status).toBe(201);
  }

  async function serverDoc(id: string) {
    return (await couch.admin_fetch(`/${db()}/${encodeURIComponent(id)}`)).body as Record<string, unknown>;
  }

  /** A profile that has never pulled (no checkpoint here or on the server), with its requests listed. */
  async function fresh() {
    const p = await profile('pp-test-ben', [P1]);
    const requests: string[] = [];
    p.jar.hook = (url, init) => {
      requests.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    };
    return { ...p, requests };
  }

  beforeAll(async () => {
    await adminPut({ ...meetingDoc('first1', P1, Date.now() - DAY), _id: 'meetings:first1' });
  });

  it('asks the database for its update_seq first, reads _all_docs in pages, and keeps that update_seq', async () => {
    const info = (await couch.admin_fetch(`/${db()}`)).body as { update_seq: string | number };
    const ben = await fresh();
    const report = await syncWorkspace(unwrap(ben.db), ben.client, ben.target, ben.state, { pullBatchSize: 2 });
    expect(report.error).toBeUndefined();
    // Only the forgeries written by the admin above.
    expect(report.refused.filter((r) => r.id !== undefined).map((r) => r.id)).toEqual(['meetings:f1', 'meetings:x1']);
    expect((await ben.db.get('meetings', 'first1'))?.title).toBe('Meeting first1');
    expect((await ben.db.get('partnerships', P1))?.name).toBe('Food bank');
    const read = ben.requests.filter((r) => r.startsWith(`GET /${db()}`));
    expect(read[0]).toBe(`GET /${db()}`);
    // Pages of two: the partnership, its membership, its person, and more than two meetings.
    expect(read.filter((r) => r === `GET /${db()}/_all_docs`).length).toBeGreaterThanOrEqual(5);
    expect(read.indexOf(`GET /${db()}/_changes`)).toBeGreaterThan(read.lastIndexOf(`GET /${db()}/_all_docs`));
    // What was just pulled is not compared with the server again before pushing.
    expect(ben.requests).not.toContain(`POST /${db()}/_all_docs`);
    expect(ben.requests).not.toContain(`POST /${db()}/_bulk_docs`);
    // Nothing was written between: the checkpoint is the update_seq read first, or a later one.
    const saved = await ben.state.getCheckpoint(ben.client.base, db(), 'pull');
    expect(saved).toBeDefined();
    if (typeof info.update_seq === 'number') expect(saved).toBeGreaterThanOrEqual(info.update_seq);
    // The next sync reads changes only.
    ben.requests.length = 0;
    expect((await ben.sync()).error).toBeUndefined();
    expect(ben.requests.filter((r) => r.includes('_all_docs') && r.startsWith('GET'))).toEqual([]);
  });

  it("asks for every store's first page at once, and stores them in the order they refer to each other", async () => {
    const ben = await fresh();
    const storeOf = (url: string) => /startkey=%22(\w+)%3A/.exec(url)?.[1];
    const asked: string[] = [];
    const askedBeforeIt: string[] = [];
    const list = ben.jar.hook;
    ben.jar.hook = async (url, init) => {
      await list?.(url, init);
      if (!url.includes(`/${encodeURIComponent(db())}/_all_docs`)) return;
      const store = storeOf(url)!;
      asked.push(store);
      // The partnership's page comes last: the others are stored after it all the same.
      if (store !== 'partnerships') return;
      await new Promise((r) => setTimeout(r, 300));
      askedBeforeIt.push(...asked);
    };
    const written: string[] = [];
    const raw = unwrap(ben.db);
    const proxy = wrappingTransactions(raw, (tx) => {
      const objectStore = tx.objectStore.bind(tx);
      tx.objectStore = (name: string) => {
        const store = objectStore(name);
        const put = store.put.bind(store);
        store.put = (value: unknown) => {
          if (written.at(-1) !== name) written.push(name);
          return put(value);
        };
        return store;
      };
      return tx;
    });
    const report = await syncWorkspace(proxy, ben.client, ben.target, ben.state);
    expect(report.error).toBeUndefined();
    // Every store's first page was asked for before the partnership's (held back) was answered.
    expect(askedBeforeIt.sort()).toEqual(['meetings', 'memberships', 'partnerships', 'people', 'pulses']);
    // Stored in the order they refer to each other, whichever page came first.
    const order = ['partnerships', 'memberships', 'people', 'meetings'];
    expect(written.filter((store) => order.includes(store))).toEqual(order);
    expect((await ben.db.get('meetings', 'first1'))?.title).toBe('Meeting first1');
  });

  it('an edit made on the server while the first pull reads is not lost', async () => {
    const ben = await fresh();
    let edited = false;
    const list = ben.jar.hook;
    ben.jar.hook = async (url, init) => {
      await list?.(url, init);
      // Once the partnership has been read, and while the meetings are: another lead renames it and logs one.
      if (!edited && url.includes('/_all_docs') && decodeURIComponent(url).includes('"meetings:')) {
        edited = true;
        const current = await serverDoc(`partnerships:${P1}`);
        await adminPut({ ...current, name: 'Food bank (renamed)', updatedAt: Date.now() });
        await adminPut({ ...meetingDoc('during1', P1, Date.now()), _id: 'meetings:during1' });
        // A record of a kind already read, that this browser does not have (so no push brings it back).
        const now = Date.now();
        await adminPut({
          ...person({ id: 'during-p1', displayNames: ['Eve Lane'], createdAt: now, updatedAt: now }),
          _id: 'people:during-p1',
          type: 'people',
        });
      }
    };
    const report = await syncWorkspace(unwrap(ben.db), ben.client, ben.target, ben.state, { pullBatchSize: 2 });
    expect(report.error).toBeUndefined();
    expect(edited).toBe(true);
    // Pulled again through _changes, from the update_seq read before the edit.
    expect((await ben.db.get('partnerships', P1))?.name).toBe('Food bank (renamed)');
    expect((await ben.db.get('meetings', 'during1'))?.title).toBe('Meeting during1');
    expect((await ben.db.get('people', 'during-p1'))?.displayNames).toEqual(['Eve Lane']);
  });

  it('refuses a malformed GET /db or _all_docs answer with a clear status, stores nothing, and resumes', async () => {
    await adminPut({ ...meetingDoc('first2', P1, Date.now() - DAY), _id: 'meetings:first2' });
    const ben = await fresh();
    const isInfo = (url: string) => new URL(url).pathname === `/${db()}`;
    const isMeetings = (url: string) => url.includes('/_all_docs') && decodeURIComponent(url).includes('"meetings:');
    const page = (rows: unknown[]) => Response.json({ total_rows: rows.length, offset: 0, rows });
    const row = (id: string) => ({ id, key: id, value: { rev: '1-x' }, doc: meetingDoc(id.slice(9), P1) });
    const answers: Array<[string, (url: string) => Response | undefined, RegExp]> = [
      ['no update_seq', (url) => (isInfo(url) ? Response.json({ db_name: db() }) : undefined), /update_seq/],
      ['not JSON', (url) => (isInfo(url) ? new Response('<html>', { status: 200 }) : undefined), /not JSON/],
      ['rows not a list', (url) => (isMeetings(url) ? Response.json({ rows: { a: 1 } }) : undefined), /no rows/],
      ['a row without an id', (url) => (isMeetings(url) ? page([{ key: 5 }]) : undefined), /without a key/],
      // A server that ignores startkey: the same full page for ever (the first time, its documents are checked and stored as any).
      [
        'the same page again',
        (url) => (isMeetings(url) ? page([row('meetings:r1'), row('meetings:r2'), row('meetings:r3')]) : undefined),
        /already read/,
      ],
    ];
    for (const [what, answer, message] of answers) {
      const list = ben.jar.hook;
      ben.jar.hook = (url, init) => answer(url) ?? list?.(url, init);
      const report = await syncWorkspace(unwrap(ben.db), ben.client, ben.target, ben.state, { pullBatchSize: 2 });
      ben.jar.hook = list;
      expect(report.error?.kind, what).toBe('malformed');
      expect(report.error?.detail, what).toMatch(message);
      expect(await ben.db.get('meetings', 'first2'), what).toBeUndefined();
      expect(await ben.state.getCheckpoint(ben.client.base, db(), 'pull'), what).toBeUndefined();
    }
    const report = await ben.sync();
    expect(report.error).toBeUndefined();
    expect((await ben.db.get('meetings', 'first2'))?.title).toBe('Meeting first2');
    expect(await ben.state.getCheckpoint(ben.client.base, db(), 'pull')).toBeDefined();
  });

  it('refuses a malformed POST _all_docs answer before a push with a clear status, sends nothing, and pushes later', async () => {
    const ben = await fresh();
    expect((await ben.sync()).error).toBeUndefined();
    const meeting = await saveMeeting(ben.db, { ...meetingInput(), title: 'Waiting to be pushed' });
    const docId = `meetings:${meeting.id}`;
    const isCopies = (url: string, init?: RequestInit) =>
      init?.method === 'POST' && new URL(url).pathname === `/${db()}/_all_docs`;
    const answers: Array<[string, unknown, RegExp]> = [
      ['rows not a list', { rows: 'none' }, /no rows/],
      ['a row without a key', { rows: [{ id: docId, value: { rev: '1-x' } }] }, /without a key/],
      ['a row that is not an object', { rows: [null] }, /without a key/],
      ['a row without a revision', { rows: [{ key: docId, value: {} }] }, /without a revision/],
    ];
    for (const [what, body, message] of answers) {
      const list = ben.jar.hook;
      ben.jar.hook = (url, init) => (isCopies(url, init) ? Response.json(body) : list?.(url, init));
      const report = await ben.sync();
      ben.jar.hook = list;
      expect(report.error?.kind, what).toBe('malformed');
      expect(report.error?.detail, what).toMatch(message);
      expect(report.error?.detail, what).toContain(`POST ${db()}/_all_docs`);
      expect(report.pushed, what).toBe(0);
      expect((await couch.admin_fetch(`/${db()}/${encodeURIComponent(docId)}`)).status, what).toBe(404);
      expect((await getMeeting(ben.db, meeting.id))?.title, what).toBe('Waiting to be pushed');
    }
    const report = await ben.sync();
    expect(report.error).toBeUndefined();
    expect(report.pushed).toBe(1);
    expect((await serverDoc(docId)).title).toBe('Waiting to be pushed');
  });

  it('refuses a _bulk_docs answer that does not answer for every document sent, keeps the record, and pushes it later', async () => {
    const ben = await fresh();
    expect((await ben.sync()).error).toBeUndefined();
    const meeting = await saveMeeting(ben.db, { ...meetingInput(), title: 'Pushed at last' });
    const docId = `meetings:${meeting.id}`;
    const isBulk = (url: string) => new URL(url).pathname === `/${db()}/_bulk_docs`;
    const answers: Array<[string, unknown]> = [
      ['an object, not a list', { ok: true, id: docId, rev: '1-x' }],
      ['an empty list', []],
      ['another document named', [{ id: 'meetings:someone-else', rev: '1-x' }]],
      ['rows that are not objects', [null, 5]],
    ];
    for (const [what, body] of answers) {
      const list = ben.jar.hook;
      ben.jar.hook = (url, init) => (isBulk(url) ? Response.json(body, { status: 201 }) : list?.(url, init));
      const report = await ben.sync();
      ben.jar.hook = list;
      expect(report.error?.kind, what).toBe('malformed');
      expect(report.error?.detail, what).toBe(`POST ${db()}/_bulk_docs: the answer does not name every document sent`);
      expect(report.pushed, what).toBe(0);
      expect((await getMeeting(ben.db, meeting.id))?.title, what).toBe('Pushed at last');
    }
    const report = await ben.sync();
    expect(report.error).toBeUndefined();
    expect(report.pushed).toBe(1);
    expect((await serverDoc(docId)).title).toBe('Pushed at last');
  });

  it('skips design documents and deletion stubs, and refuses rows in error and forged documents, storing the rest', async () => {
    const ben = await fresh();
    const list = ben.jar.hook;
    const forged = [
      { id: 'meetings:gone1', key: 'meetings:gone1', value: { rev: '2-x', deleted: true }, doc: null },
      {
        id: 'meetings:stub1',
        key: 'meetings:stub1',
        value: { rev: '2-x' },
        doc: { _id: 'meetings:stub1', _deleted: true },
      },
      { id: '_design/x', key: '_design/x', value: { rev: '1-x' }, doc: { _id: '_design/x', views: {} } },
      { id: 'meetings:err1', key: 'meetings:err1', error: 'not_found' },
      {
        id: 'meetings:fut1',
        key: 'meetings:fut1',
        value: { rev: '1-x' },
        doc: meetingDoc('fut1', P1, Date.now() + 400 * DAY),
      },
      { id: 'meetings:oth1', key: 'meetings:oth1', value: { rev: '1-x' }, doc: meetingDoc('oth1', P2) },
      {
        id: 'meetings:pri1',
        key: 'meetings:pri1',
        value: { rev: '1-x' },
        doc: { ...meetingDoc('pri1', P1), answers: [] },
      },
      { id: 'meetings:ok2', key: 'meetings:ok2', value: { rev: '1-x' }, doc: meetingDoc('ok2', P1) },
    ];
    ben.jar.hook = (url, init) =>
      url.includes('/_all_docs') && decodeURIComponent(url).includes('"meetings:')
        ? Response.json({ total_rows: forged.length, offset: 0, rows: forged })
        : list?.(url, init);
    const report = await ben.sync();
    ben.jar.hook = list;
    expect(report.error).toBeUndefined();
    const reasons = report.refused.map((r) => `${r.id ?? ''} ${r.reason}`);
    expect(reasons).toEqual([
      expect.stringMatching(/^meetings:err1 .*not_found/),
      expect.stringMatching(/^meetings:fut1 .*in the future/),
      expect.stringMatching(/^meetings:oth1 .*another partnership/),
      expect.stringMatching(/^meetings:pri1 .*answers/),
    ]);
    expect((await ben.db.get('meetings', 'ok2'))?.title).toBe('Meeting ok2');
    for (const id of ['gone1', 'stub1', 'err1', 'fut1', 'oth1', 'pri1']) {
      expect(await ben.db.get('meetings', id), id).toBeUndefined();
    }
  });

  /** The getAll calls made on the meetings store's indexes while `work` runs: the index and its lower bound. */
  async function meetingReads(work: () => Promise<unknown>) {
    const getAll = IDBIndex.prototype.getAll;
    const reads: Array<{ index: string; from: unknown }> = [];
    IDBIndex.prototype.getAll = function (this: IDBIndex, query?: IDBValidKey | IDBKeyRange | null, count?: number) {
      if (this.objectStore.name === 'meetings') {
        reads.push({ index: this.name, from: query instanceof IDBKeyRange ? query.lower : query });
      }
      return getAll.call(this, query, count);
    };
    try {
      await work();
    } finally {
      IDBIndex.prototype.getAll = getAll;
    }
    return reads;
  }

  it('a partnership new to this browser: the push after its first pull reads only what changes from then on', async () => {
    const ben = await fresh();
    const startedAt = Date.now();
    const reads = await meetingReads(async () => expect((await ben.sync()).error).toBeUndefined());
    // Not every meeting changed since the beginning of time (utils/db/sync.ts reads the partnership's
    // meetings only for people changed since: tests/unit/db/sync.test.ts).
    const changed = reads.filter((r) => r.index === 'by-updated');
    expect(changed.length).toBeGreaterThan(0);
    for (const read of changed) expect(read.from).toBeGreaterThanOrEqual(startedAt - 60_000 - 1);
    expect((await ben.sync()).error).toBeUndefined();
    // An edit made here afterwards is pushed.
    const first = (await getMeeting(ben.db, 'first1'))!;
    await edit(ben.db, first, 'Ben, after his first pull', Date.now());
    const report = await ben.sync();
    expect(report.error).toBeUndefined();
    expect(report.pushed).toBe(1);
    expect((await serverDoc('meetings:first1')).notes).toBe('Ben, after his first pull');
  });

  /**
   * The raw database with one readwrite transaction made to abort at its end, as a crash or a full
   * disk would: the second one that writes meetings is held open (its writes issued) until the
   * next transaction is opened or two seconds pass, then a write it cannot make aborts it. Every
   * readwrite transaction opened, committed and failed is listed in `events`.
   */
  function abortingSecondMeetingsWrite(db: IDBDatabase) {
    const events: string[] = [];
    let opened = 0;
    let writing = 0;
    const failed: string[] = [];
    const proxy = wrappingTransactions(db, (tx, mode) => {
      if (mode !== 'readwrite') return tx;
      const n = (opened += 1);
      events.push(`opened ${n}`);
      tx.addEventListener('complete', () => events.push(`committed ${n}`));
      // A write's error comes before the transaction's abort: either marks it failed.
      for (const type of ['error', 'abort']) tx.addEventListener(type, () => events.push(`failed ${n}`));
      const objectStore = tx.objectStore.bind(tx);
      let counted = false;
      tx.objectStore = (name: string) => {
        const store = objectStore(name);
        if (name !== 'meetings') return store;
        const put = store.put.bind(store);
        store.put = (value: Meeting) => {
          const request = put(value);
          if (!counted && (counted = true) && (writing += 1) === 2) {
            failed.push(value.id);
            const until = Date.now() + 2_000;
            const hold = () => {
              const read = store.get('none');
              read.onsuccess = () => (opened > n || Date.now() > until ? store.add(value) : hold());
            };
            hold();
          }
          return request;
        };
        return store;
      };
      return tx;
    });
    return { proxy, events, failed };
  }

  it('a page whose transaction aborts after the next page was begun: no checkpoint, and the next sync stores it', async () => {
    for (let i = 1; i <= 6; i += 1) {
      await adminPut({ ...meetingDoc(`crash${i}`, P1, Date.now() - DAY), _id: `meetings:crash${i}` });
    }
    const ben = await fresh();
    const { proxy, events, failed } = abortingSecondMeetingsWrite(unwrap(ben.db));
    await expect(syncWorkspace(proxy, ben.client, ben.target, ben.state, { pullBatchSize: 2 })).rejects.toBeDefined();
    expect(failed).toHaveLength(1);
    // The failed page's transaction was still open when the next page's began: the pages overlap.
    const aborted = events.findIndex((e) => e.startsWith('failed'));
    expect(aborted).toBeGreaterThan(-1);
    const n = Number(events[aborted]!.split(' ')[1]);
    expect(events.indexOf(`opened ${n + 1}`)).toBeGreaterThan(-1);
    expect(events.indexOf(`opened ${n + 1}`)).toBeLessThan(aborted);
    // Nothing of it is kept, and no checkpoint covers it.
    expect(await ben.db.get('meetings', failed[0]!)).toBeUndefined();
    expect(await ben.state.getCheckpoint(ben.client.base, db(), 'pull')).toBeUndefined();
    // The next sync reads everything again: nothing is skipped.
    const report = await ben.sync();
    expect(report.error).toBeUndefined();
    expect((await ben.db.get('meetings', failed[0]!))?.title).toBe((await serverDoc(`meetings:${failed[0]}`)).title);
    for (let i = 1; i <= 6; i += 1)
      expect((await ben.db.get('meetings', `crash${i}`))?.title).toBe(`Meeting crash${i}`);
    expect(await ben.state.getCheckpoint(ben.client.base, db(), 'pull')).toBeDefined();
  });

  it('a browser holding people already pushes its newer copy of one the first pull brings', async () => {
    const id = crypto.randomUUID();
    const older = Date.now() - DAY;
    await adminPut({
      ...person({ id, displayNames: ['Old name'], updatedAt: older }),
      _id: `people:${id}`,
      type: 'people',
    });
    const named = meetingDoc(`named-${id}`, P1, older);
    await adminPut({ ...named, attendees: [{ displayName: 'Old name', personId: id }] });
    const ben = await fresh();
    // Edited here ten minutes ago, for another partnership, never pushed to this one.
    const mine = person({ id, displayNames: ['New name'], updatedAt: Date.now() - 10 * 60_000 });
    await ben.db.put('people', mine);
    const report = await ben.sync();
    expect(report.error).toBeUndefined();
    expect(await ben.db.get('people', id)).toEqual(mine);
    expect((await serverDoc(`people:${id}`)).displayNames).toEqual(['New name']);
  });
});

function meetingInput() {
  return {
    partnershipId: P1,
    status: 'held' as const,
    platform: 'phone' as const,
    title: '',
    startAt: Date.now(),
    kind: 'core' as const,
    purposeTagIds: [],
    agenda: 'yes' as const,
    attendees: [],
    decisions: '',
    notes: '',
  };
}

/** The raw database with each transaction it opens passed through `wrap` (to watch or break its writes). */
function wrappingTransactions(
  db: IDBDatabase,
  wrap: (tx: IDBTransaction, mode?: IDBTransactionMode) => IDBTransaction,
): IDBDatabase {
  return new Proxy(db, {
    get(target, key) {
      if (key !== 'transaction') {
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (stores: string | string[], mode?: IDBTransactionMode) => wrap(target.transaction(stores, mode), mode);
    },
  });
}
