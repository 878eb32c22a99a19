// @vitest-environment node
import { unwrap } from 'idb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Couch } from '../../harness/couch';
import { checkConfig, WorkspaceError } from '../../../scripts/workspace/init';
import { getMeeting, saveMeeting } from '../../../utils/db/meetings';
import { saveMembership } from '../../../utils/db/memberships';
import { saveOrganisation } from '../../../utils/db/organisations';
import { savePartnership } from '../../../utils/db/partnerships';
import { savePerson } from '../../../utils/db/people';
import { closePulseDb, openPulseDb } from '../../../utils/db/open';
import { DEFAULT_CADENCE, type Meeting, type Organisation, type Person } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { syncWorkspace } from '../../../utils/sync/engine';
import { CouchClient } from '../../../utils/sync/http';
import { WORKSPACE_DOC_ID, coordinatorsDb, partnershipDb, userDb } from '../../../utils/sync/layout';
import { asUser, meetingDoc, profileFetch, signInProfile, startWorkspace, testUser } from './couch-helpers';

/**
 * Organisation-only attendance against the stand-in (utils/sync/attendance.ts): P1 shares
 * attendance by organisation only, P2 as names and e-mails.
 */

const P1 = 'b1111111-1111-4111-8111-111111111111';
const P2 = 'b2222222-2222-4222-8222-222222222222';
/** Organisation-only too, for documents written straight to the server. */
const P3 = 'b3333333-3333-4333-8333-333333333333';
const NAMES = ['Dee Patel', 'Sam Okafor', 'Guest Walker'];
const EMAILS = ['dee@ageuk.example', 'sam@council.example', 'walker@mail.example'];

let couch: Couch;
let prefix: string;

beforeAll(async () => {
  ({ couch, prefix } = await startWorkspace(
    [
      { id: P1, name: 'Food bank', leads: ['pp-test-ana', 'pp-test-ben'], attendance: 'organisations' },
      { id: P2, name: 'Active city', leads: ['pp-test-ana'] },
      { id: P3, name: 'Warm spaces', leads: ['pp-test-ana'], attendance: 'organisations' },
    ],
    [testUser('ana'), testUser('ben')],
  ));
  // Users, databases, security and lists: a few dozen calls, slow on a loaded machine.
}, 30_000);

afterAll(async () => {
  await closePulseDb();
  await couch?.stop();
});

/** A browser profile: its own database and cookie jar; `intercept` may answer a request itself. */
async function profile(user: string, partnershipIds: string[]) {
  const db = await openPulseDb(`pp-orgonly-${user}-${crypto.randomUUID()}`);
  const hooks: { intercept?: (url: string) => Response | undefined } = {};
  const jar = profileFetch();
  jar.hook = (url) => hooks.intercept?.(url);
  const client = new CouchClient(couch.url, jar.fetch);
  const { state, target } = await signInProfile(client, prefix, user, partnershipIds);
  return { db, hooks, sync: () => syncWorkspace(unwrap(db), client, target, state) };
}

/** A partnership with two member organisations, their two people, and a meeting of three named attendees. */
async function seed(db: PulseDatabase, partnershipId: string) {
  await savePartnership(db, {
    id: partnershipId,
    name: 'Food bank',
    startDate: '2026-01-05',
    cadence: DEFAULT_CADENCE,
  });
  const ageUk = await saveOrganisation(db, { name: 'Age UK', emailDomains: ['ageuk.example'] });
  const council = await saveOrganisation(db, { name: 'City council', emailDomains: ['council.example'] });
  for (const org of [ageUk, council]) {
    await saveMembership(db, { partnershipId, organisationId: org.id, partnerType: 'core', joinedOn: '2026-01-05' });
  }
  const dee = await savePerson(db, { displayNames: [NAMES[0]!], emails: [EMAILS[0]!], organisationId: ageUk.id });
  const sam = await savePerson(db, { displayNames: [NAMES[1]!], emails: [EMAILS[1]!], organisationId: council.id });
  const meeting = await saveMeeting(db, {
    partnershipId,
    status: 'held',
    platform: 'meet',
    title: 'Tuesday core meeting',
    startAt: Date.UTC(2026, 10, 3, 10),
    kind: 'core',
    purposeTagIds: [],
    agenda: 'yes',
    attendees: [
      { displayName: NAMES[0]!, email: EMAILS[0], personId: dee.id, organisationId: ageUk.id },
      { displayName: NAMES[1]!, email: EMAILS[1], personId: sam.id, organisationId: council.id },
      // A guest of no known organisation.
      { displayName: NAMES[2]!, email: EMAILS[2] },
    ],
    chairName: NAMES[0],
    chairPersonId: dee.id,
    chairOrganisationId: ageUk.id,
    decisions: '',
    notes: 'First notes',
  });
  return { ageUk, council, dee, sam, meeting };
}

async function docsOf(db: string): Promise<Array<Record<string, unknown>>> {
  const all = await couch.admin_fetch(`/${db}/_all_docs?include_docs=true`);
  return (all.body as { rows: Array<{ doc: Record<string, unknown> }> }).rows.map((r) => r.doc);
}

/** Every document of every database of this workspace, as JSON. */
async function everyDocJson(): Promise<string> {
  const dbs = ((await couch.admin_fetch('/_all_dbs')).body as string[]).filter((name) => name.startsWith(prefix));
  expect(dbs).toContain(partnershipDb(prefix, P1));
  const texts: string[] = [];
  for (const db of dbs) for (const doc of await docsOf(db)) texts.push(JSON.stringify(doc));
  return texts.join('\n');
}

describe('the server of an organisation-only partnership (validate_doc_update)', () => {
  const ana = () => asUser(couch, 'pp-test-ana', 'ana-password');
  const db = () => partnershipDb(prefix, P3);
  const stripped = (id: string) => ({
    ...meetingDoc(id, P3),
    attendees: [],
    attendanceCounts: [{ organisationId: 'org-1', count: 2 }, { count: 1 }],
  });
  const refusal = (answer: { status: number; body: unknown }) => {
    expect(answer.status).toBe(403);
    return String((answer.body as { reason?: string }).reason);
  };

  it('refuses, from a lead writing straight to it, a person', async () => {
    const person = {
      _id: 'people:p1',
      type: 'people',
      id: 'p1',
      createdAt: 1,
      updatedAt: 1,
      displayNames: ['Vera Lynn'],
      aliases: [],
      emails: ['vera@ageuk.example'],
    };
    expect(refusal(await ana().put(`/${db()}/people:p1`, person))).toMatch(/organisation only: people are never sent/);
    // The same person is welcome in a partnership that shares names.
    const other = partnershipDb(prefix, P2);
    expect((await ana().put(`/${other}/people:p1`, person)).status).toBe(201);
  });

  it('refuses a meeting with attendees, a chair name or a chair person, and anything riding along', async () => {
    const named = { ...stripped('m1'), attendees: [{ displayName: 'Vera Lynn', email: 'vera@ageuk.example' }] };
    expect(refusal(await ana().put(`/${db()}/meetings:m1`, named))).toMatch(/no attendees/);
    // Attendees that are not a list are not "no attendees" either.
    expect(refusal(await ana().put(`/${db()}/meetings:m1`, { ...stripped('m1'), attendees: { dee: 1 } }))).toMatch(
      /no attendees/,
    );
    expect(refusal(await ana().put(`/${db()}/meetings:m1`, { ...stripped('m1'), chairName: 'Vera Lynn' }))).toMatch(
      /no chair name/,
    );
    expect(refusal(await ana().put(`/${db()}/meetings:m1`, { ...stripped('m1'), chairPersonId: 'p1' }))).toMatch(
      /no chair name/,
    );
    const smuggled = { ...stripped('m1'), emails: ['vera@ageuk.example'] };
    expect(refusal(await ana().put(`/${db()}/meetings:m1`, smuggled))).toMatch(/the field emails is not a field/);
    const namedCount = { ...stripped('m1'), attendanceCounts: [{ organisationId: 'org-1', count: 1, name: 'Dee' }] };
    expect(refusal(await ana().put(`/${db()}/meetings:m1`, namedCount))).toMatch(/attendanceCounts\[0\]\.name/);
    const zero = { ...stripped('m1'), attendanceCounts: [{ count: 0 }] };
    expect(refusal(await ana().put(`/${db()}/meetings:m1`, zero))).toMatch(/whole number from 1/);
    expect((await couch.admin_fetch(`/${db()}/meetings:m1`)).status).toBe(404);
    // Organisations and counts only: accepted.
    expect((await ana().put(`/${db()}/meetings:m1`, stripped('m1'))).status).toBe(201);
  });

  it('refuses a person or a named meeting from the admin too', async () => {
    const put = (id: string, body: unknown) =>
      couch.admin_fetch(`/${db()}/${id}`, { method: 'PUT', body: JSON.stringify(body) });
    const person = { _id: 'people:p2', type: 'people', id: 'p2', displayNames: ['Vera Lynn'] };
    expect(refusal(await put('people:p2', person))).toMatch(/people are never sent/);
    const named = { ...stripped('m2'), attendees: [{ displayName: 'Vera Lynn' }] };
    expect(refusal(await put('meetings:m2', named))).toMatch(/no attendees/);
  });
});

describe('two leads of an organisation-only partnership', () => {
  let ana: Awaited<ReturnType<typeof profile>>;
  let ben: Awaited<ReturnType<typeof profile>>;
  let seeded: { ageUk: Organisation; council: Organisation; dee: Person; sam: Person; meeting: Meeting };

  beforeAll(async () => {
    ana = await profile('pp-test-ana', [P1]);
    ben = await profile('pp-test-ben', [P1]);
    seeded = await seed(ana.db, P1);
  });

  it("brings lead A's meeting of three named attendees to lead B as organisations and counts only", async () => {
    const pushed = await ana.sync();
    expect(pushed.error).toBeUndefined();
    expect(pushed.refused).toEqual([]);
    const pulled = await ben.sync();
    expect(pulled.error).toBeUndefined();
    expect(pulled.refused).toEqual([]);

    const atBen = await getMeeting(ben.db, seeded.meeting.id);
    expect(atBen?.attendees).toEqual([]);
    expect(atBen?.chairName).toBeUndefined();
    expect(atBen?.chairPersonId).toBeUndefined();
    expect(atBen?.chairOrganisationId).toBe(seeded.ageUk.id);
    expect(atBen?.organisationIds).toEqual(seeded.meeting.organisationIds);
    // In the attendees' order, the guest of no known organisation last.
    expect(atBen?.attendanceCounts).toEqual([
      { organisationId: seeded.ageUk.id, count: 1 },
      { organisationId: seeded.council.id, count: 1 },
      { count: 1 },
    ]);
    expect(atBen?.notes).toBe('First notes');
    expect(await ben.db.getAll('people')).toEqual([]);
    // Lead A keeps every name, and pulling its own push back changed nothing.
    expect(await getMeeting(ana.db, seeded.meeting.id)).toEqual(seeded.meeting);
    expect(pulled.resolved).toEqual([]);
  });

  it('leaves no name, e-mail or person id on the server', async () => {
    const all = await everyDocJson();
    expect(all).toContain(seeded.meeting.id);
    for (const secret of [...NAMES, ...EMAILS, seeded.dee.id, seeded.sam.id]) expect(all).not.toContain(secret);
    expect((await docsOf(partnershipDb(prefix, P1))).some((d) => d.type === 'people')).toBe(false);
  });

  it("keeps lead A's names when lead B's newer edit of the notes comes back", async () => {
    const atBen = (await getMeeting(ben.db, seeded.meeting.id))!;
    const { createdAt: _c, updatedAt: _u, organisationIds: _o, ...input } = atBen;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const edited = await saveMeeting(ben.db, { ...input, notes: 'Ben added the actions' });
    // Saving without names keeps the organisations the counts name.
    expect(edited.organisationIds).toEqual(seeded.meeting.organisationIds);
    expect((await ben.sync()).refused).toEqual([]);

    const report = await ana.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([]);
    // Lead A's edit was pushed long before: lead B's newer one met nothing waiting here, so no
    // conflict is reported (read against the organisation-only push checkpoint, the one in use).
    expect(report.resolved).toEqual([]);
    const atAna = (await getMeeting(ana.db, seeded.meeting.id))!;
    expect(atAna.notes).toBe('Ben added the actions');
    expect(atAna.updatedAt).toBe(edited.updatedAt);
    expect(atAna.attendees).toEqual(seeded.meeting.attendees);
    expect(atAna.chairName).toBe(NAMES[0]);
    expect(atAna.chairPersonId).toBe(seeded.dee.id);
    expect(atAna.organisationIds).toEqual(seeded.meeting.organisationIds);
    expect(atAna.attendanceCounts).toBeUndefined();
    // Nothing left to settle: another round moves nothing either way.
    const again = await ana.sync();
    expect([again.pushed, again.pulled, again.resolved.length]).toEqual([0, 0, 0]);
    const all = await everyDocJson();
    for (const secret of [...NAMES, ...EMAILS]) expect(all).not.toContain(secret);
  });

  it("refuses a lead's client modified to push names, and keeps them on that machine", async () => {
    const carl = await profile('pp-test-ana', [P1]);
    // The modified client believes the partnership shares names: the workspace document is hidden from it.
    carl.hooks.intercept = (url) =>
      url.includes(encodeURIComponent(WORKSPACE_DOC_ID)) ? new Response('{}', { status: 404 }) : undefined;
    const { meeting, dee } = await seed(carl.db, P1);
    const report = await carl.sync();
    const refusedIds = report.refused.filter((r) => r.direction === 'push').map((r) => r.id);
    expect(refusedIds).toEqual(expect.arrayContaining([`meetings:${meeting.id}`, `people:${dee.id}`]));
    expect(report.refused.find((r) => r.id === `people:${dee.id}`)?.reason).toMatch(/organisation only/);
    expect((await getMeeting(carl.db, meeting.id))?.attendees).toHaveLength(3);
    const server = await docsOf(partnershipDb(prefix, P1));
    expect(server.some((d) => d._id === `meetings:${meeting.id}`)).toBe(false);
    expect(JSON.stringify(server)).not.toContain(dee.id);
  });
});

describe("the background's reading of the lead's list (listedPartnerships)", () => {
  it('shares by organisation only a partnership that any repeat of its entry says so, even one the server lets share names', async () => {
    const dan = await profile('pp-test-ana', [P2]);
    // P2 shares names on the server; a forged list repeats it, the repeat saying organisations only.
    const forged = {
      partnerships: [
        { id: P2, name: 'Active city' },
        { id: P2, name: 'Active city', attendance: 'organisations' },
      ],
    };
    dan.hooks.intercept = (url) =>
      url.includes(encodeURIComponent(WORKSPACE_DOC_ID)) ? new Response(JSON.stringify(forged)) : undefined;
    const { meeting, dee } = await seed(dan.db, P2);
    const report = await dan.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([]);
    const server = await docsOf(partnershipDb(prefix, P2));
    expect(server.find((d) => d._id === `meetings:${meeting.id}`)?.attendees).toEqual([]);
    expect(server.some((d) => d._id === `people:${dee.id}`)).toBe(false);
  });
});

describe('the workspace file', () => {
  it('says "people" or "organisations" for attendance, and where a wrong one is', () => {
    const base = {
      partnerships: [{ id: P1, name: 'Food bank', leads: ['ana'], attendance: 'names' }],
      users: [{ name: 'ana', role: 'lead' }],
    };
    expect(() => checkConfig(base)).toThrow(WorkspaceError);
    expect(() => checkConfig(base)).toThrow(/partnerships\[0\]\.attendance: "people" or "organisations"/);
    const fine = { ...base, partnerships: [{ ...base.partnerships[0], attendance: 'organisations' }] };
    expect(checkConfig(fine).partnerships[0]?.attendance).toBe('organisations');
  });

  it("writes each partnership's attendance into the coordinators' list and each lead's own, \"people\" when not given", async () => {
    const listed = async (db: string) => {
      const doc = await couch.admin_fetch(`/${db}/${encodeURIComponent(WORKSPACE_DOC_ID)}`);
      return (doc.body as { partnerships: Array<{ id: string; attendance: string }> }).partnerships.map((p) => [
        p.id,
        p.attendance,
      ]);
    };
    expect(await listed(coordinatorsDb(prefix))).toEqual([
      [P1, 'organisations'],
      [P2, 'people'],
      [P3, 'organisations'],
    ]);
    expect(await listed(userDb(prefix, 'pp-test-ben'))).toEqual([[P1, 'organisations']]);
    expect(await listed(userDb(prefix, 'pp-test-ana'))).toEqual([
      [P1, 'organisations'],
      [P2, 'people'],
      [P3, 'organisations'],
    ]);
  });
});
