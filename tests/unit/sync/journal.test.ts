// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { initWorkspace, type WorkspaceConfig } from '../../../scripts/workspace/init';
import { saveMeeting } from '../../../utils/db/meetings';
import { saveMembership } from '../../../utils/db/memberships';
import { saveOrganisation } from '../../../utils/db/organisations';
import { savePartnership } from '../../../utils/db/partnerships';
import { savePerson } from '../../../utils/db/people';
import { openPulseDb } from '../../../utils/db/open';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { applyImport } from '../../../utils/your-data/bundle/apply';
import { bundleToBlob, collectBundle } from '../../../utils/your-data/bundle/export';
import { planImport } from '../../../utils/your-data/bundle/plan';
import { parseBundle } from '../../../utils/your-data/bundle/read';
import { signIn } from '../../../utils/sync/session';
import { directoryDb, docId, partnershipDb } from '../../../utils/sync/layout';
import { serverDocsOf, syncProfile, testUser, useTestWorkspace } from './couch-helpers';

/**
 * The change journal (issue 14, utils/db/journal.ts): a record written here by anything but the
 * sync's own pull reaches the workspace whatever its stamp: a backup from an old laptop (or a
 * CSV import, applied as one), a partnership switched from organisation-only attendance to
 * people, a write while a push is on its way; and nothing pulled is sent back.
 */

const P1 = 'c1111111-1111-4111-8111-111111111111';
/** Shares attendance by organisation only until the admin switches it to people. */
const P2 = 'c2222222-2222-4222-8222-222222222222';
/** Months before the session: when the old laptop's records were last edited. */
const OLD = Date.UTC(2026, 5, 2, 9);

const config: WorkspaceConfig = {
  prefix: '',
  partnerships: [
    { id: P1, name: 'Food bank', leads: ['pp-test-ana', 'pp-test-ben'] },
    { id: P2, name: 'Warm spaces', leads: ['pp-test-ana'], attendance: 'organisations' },
  ],
  users: [testUser('ana'), testUser('ben')],
};
const workspace = useTestWorkspace(config.partnerships, config.users);

const profile = (user: string, partnershipIds: string[]) =>
  syncProfile(workspace.couch, workspace.prefix, user, partnershipIds, 'pp-journal');

/** A partnership with a member organisation, a person and a meeting naming them, saved now. */
async function seed(db: PulseDatabase, partnershipId: string, title: string) {
  await savePartnership(db, {
    id: partnershipId,
    name: 'Food bank',
    startDate: '2026-01-05',
    cadence: DEFAULT_CADENCE,
  });
  const org = await saveOrganisation(db, { name: 'Age UK', emailDomains: ['ageuk.example'] });
  await saveMembership(db, { partnershipId, organisationId: org.id, partnerType: 'core', joinedOn: '2026-01-05' });
  const person = await savePerson(db, {
    displayNames: ['Dee Patel'],
    emails: ['dee@ageuk.example'],
    organisationId: org.id,
  });
  const meeting = await saveMeeting(db, {
    partnershipId,
    status: 'held',
    platform: 'meet',
    title,
    startAt: Date.UTC(2026, 4, 12, 10),
    kind: 'core',
    purposeTagIds: [],
    agenda: 'yes',
    attendees: [{ displayName: 'Dee Patel', email: 'dee@ageuk.example', personId: person.id, organisationId: org.id }],
    chairName: 'Dee Patel',
    chairPersonId: person.id,
    chairOrganisationId: org.id,
    decisions: '',
    notes: '',
  });
  return { org, person, meeting };
}

/**
 * The personal backup of an old laptop holding partnership P1 with one meeting per title, every
 * record stamped OLD: months before the push checkpoints of a browser that synced today.
 */
async function oldBackup(
  titles: string[],
): Promise<{ text: string; meetingIds: string[]; personId: string; orgId: string }> {
  const laptop = await openPulseDb(`pp-journal-laptop-${crypto.randomUUID()}`);
  const { org, person, meeting } = await seed(laptop, P1, titles[0]!);
  const meetingIds = [meeting.id];
  for (const title of titles.slice(1)) {
    const { createdAt: _c, updatedAt: _u, organisationIds: _o, id: _id, ...input } = meeting;
    meetingIds.push((await saveMeeting(laptop, { ...input, title })).id);
  }
  const bundle = await collectBundle(laptop, 'all', { app: '0.1.0', now: Date.now() });
  const text = await bundleToBlob(bundle).text();
  const parsed = JSON.parse(text) as Record<string, unknown>;
  for (const list of Object.values(parsed)) {
    if (!Array.isArray(list)) continue;
    for (const record of list as Array<Record<string, unknown>>) {
      if (typeof record?.updatedAt === 'number') Object.assign(record, { createdAt: OLD, updatedAt: OLD });
    }
  }
  laptop.close();
  return { text: JSON.stringify(parsed), meetingIds, personId: person.id, orgId: org.id };
}

async function importBackup(db: PulseDatabase, text: string): Promise<number> {
  const plan = await planImport(db, parseBundle(text, 'laptop.json'), 'laptop.json');
  return (await applyImport(db, plan, { mergeOrganisations: {} })).written;
}

async function serverIds(db: string): Promise<string[]> {
  return (await serverDocsOf(workspace.couch, db)).map((doc) => String(doc._id));
}

describe('records written here with an old stamp reach the workspace', () => {
  it('a backup from an old laptop, imported by a lead who synced today: its meeting, person and organisation', async () => {
    const ana = await profile('pp-test-ana', [P1]);
    await seed(ana.db, P1, 'Ana today');
    expect((await ana.sync()).error).toBeUndefined();

    const backup = await oldBackup(['On the old laptop']);
    expect(await importBackup(ana.db, backup.text)).toBeGreaterThan(0);
    expect((await ana.db.get('meetings', backup.meetingIds[0]!))?.updatedAt).toBe(OLD);
    const report = await ana.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([]);

    const partnership = await serverIds(partnershipDb(workspace.prefix, P1));
    expect(partnership).toContain(docId('meetings', backup.meetingIds[0]!));
    expect(partnership).toContain(docId('people', backup.personId));
    expect(await serverIds(directoryDb(workspace.prefix))).toContain(docId('organisations', backup.orgId));
    const doc = (await workspace.couch.admin_fetch(
      `/${partnershipDb(workspace.prefix, P1)}/${encodeURIComponent(docId('meetings', backup.meetingIds[0]!))}`,
    )) as { body: { updatedAt: number; title: string } };
    // Its stamp as it was: newer-wins merging elsewhere still sees the old edit as old.
    expect(doc.body.updatedAt).toBe(OLD);
    expect(doc.body.title).toBe('On the old laptop');

    // Sent once: the next sync has nothing to push.
    expect((await ana.sync()).pushed).toBe(0);
  });

  it('survives a push that fails after the journal was read: the next sync (a restarted worker) sends it', async () => {
    const ana = await profile('pp-test-ana', [P1]);
    await seed(ana.db, P1, 'Ana again');
    expect((await ana.sync()).error).toBeUndefined();
    const backup = await oldBackup(['Failed push first']);
    await importBackup(ana.db, backup.text);

    // The worker dies while pushing: every `_bulk_docs` fails.
    ana.jar.hook = (url) =>
      url.includes('_bulk_docs') ? new Response('{"error":"gone"}', { status: 500 }) : undefined;
    expect((await ana.sync()).error).toBeDefined();
    expect(await serverIds(partnershipDb(workspace.prefix, P1))).not.toContain(
      docId('meetings', backup.meetingIds[0]!),
    );

    ana.jar.hook = undefined;
    const report = await ana.sync();
    expect(report.error).toBeUndefined();
    expect(await serverIds(partnershipDb(workspace.prefix, P1))).toContain(docId('meetings', backup.meetingIds[0]!));
  });

  it('an old-stamped write while a push is on its way is sent by the next sync', async () => {
    const ana = await profile('pp-test-ana', [P1]);
    await seed(ana.db, P1, 'Ana in flight');
    expect((await ana.sync()).error).toBeUndefined();
    const first = await oldBackup(['Before the push']);
    await importBackup(ana.db, first.text);
    const during = await oldBackup(['During the push']);
    let imported = false;
    ana.jar.hook = async (url) => {
      if (imported || !url.includes('_bulk_docs')) return;
      imported = true;
      await importBackup(ana.db, during.text);
    };
    expect((await ana.sync()).error).toBeUndefined();
    expect(imported).toBe(true);
    const ids = await serverIds(partnershipDb(workspace.prefix, P1));
    expect(ids).toContain(docId('meetings', first.meetingIds[0]!));

    ana.jar.hook = undefined;
    expect((await ana.sync()).error).toBeUndefined();
    expect(await serverIds(partnershipDb(workspace.prefix, P1))).toContain(docId('meetings', during.meetingIds[0]!));
  });

  it('records pulled are not journalled: nothing goes back to the server', async () => {
    const ben = await profile('pp-test-ben', [P1]);
    const pulled = await ben.sync();
    expect(pulled.error).toBeUndefined();
    expect(pulled.pulled).toBeGreaterThan(0);
    // Old-stamped records came (the laptop's), and the journal holds nothing of them.
    expect((await ben.db.getAll('meetings')).some((m) => m.updatedAt === OLD)).toBe(true);
    expect(await ben.db.getAll('journal')).toEqual([]);
    expect((await ben.sync()).pushed).toBe(0);
  });
});

describe('a partnership switched from organisation-only attendance to people', () => {
  it('sends the people and names held back before', async () => {
    const ana = await profile('pp-test-ana', [P2]);
    const { person, meeting } = await seed(ana.db, P2, 'Warm spaces review');
    expect((await ana.sync()).error).toBeUndefined();
    const db = partnershipDb(workspace.prefix, P2);
    const before = await serverDocsOf(workspace.couch, db);
    expect(before.map((d) => d._id)).not.toContain(docId('people', person.id));
    expect(before.find((d) => d._id === docId('meetings', meeting.id))?.attendees).toEqual([]);

    // The admin switches it: the lead's list now says people.
    const partnerships = config.partnerships.map((p) => (p.id === P2 ? { ...p, attendance: 'people' as const } : p));
    await initWorkspace({
      url: workspace.couch.url,
      admin: workspace.couch.admin,
      config: { ...config, prefix: workspace.prefix, partnerships },
    });
    // Setting the users up again gave them new passwords' sessions: signed in again.
    await signIn(ana.client, 'pp-test-ana', 'ana-password');

    const report = await ana.sync();
    expect(report.error).toBeUndefined();
    expect(report.refused).toEqual([]);
    const after = await serverDocsOf(workspace.couch, db);
    expect(after.map((d) => d._id)).toContain(docId('people', person.id));
    const sent = after.find((d) => d._id === docId('meetings', meeting.id));
    expect(sent?.attendees).toEqual(meeting.attendees);
    expect(sent?.chairName).toBe('Dee Patel');
    expect(sent?.updatedAt).toBe(meeting.updatedAt);
  });
});
