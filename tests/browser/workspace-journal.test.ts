// The change journal (issue 14, utils/db/journal.ts) in the built extension: a lead connected to
// a workspace imports a personal backup from an old laptop; its records, stamped months before
// the lead's last push, reach the workspace server by themselves.
import { describe, expect, it } from 'vitest';
import { waitForReady } from '../harness';
import { TEST_DB_PREFIX } from '../harness/couch';
import { bundleOf, importThroughDashboard, jsonFile, make, openDashboard, uuid } from '../harness/data-transfer';
import { connectWorkspace } from '../harness/pages/workspace';
import { useWorkspaceServer } from '../harness/vitest';
import { initWorkspace } from '../../scripts/workspace/init';
import { directoryDb, docId, partnershipDb } from '../../utils/sync/layout';

const server = useWorkspaceServer();

/** When the old laptop's records were last edited: months before this lead's first sync. */
const OLD = Date.UTC(2026, 5, 2, 9);

describe('a backup imported while connected to a workspace', () => {
  it('sends its old-stamped organisation, person and meeting to the server', async () => {
    const prefix = `${TEST_DB_PREFIX}${crypto.randomUUID().slice(0, 8)}-`;
    const ext = await server.launch({ locale: 'en-GB' });
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('options.html'));
    await waitForReady(page);
    await page.getByLabel('Name', { exact: true }).fill('Riverside Food Partnership');
    await page.getByLabel('Start date').fill('2026-03-01');
    await page.getByRole('button', { name: 'Create partnership' }).click();
    await page.getByText('Members of Riverside Food Partnership').waitFor();
    const partnershipId = await page.getByLabel('Partnership', { exact: true }).inputValue();

    await initWorkspace({
      url: server.couch.url,
      admin: server.couch.admin,
      config: {
        prefix,
        partnerships: [{ id: partnershipId, name: 'Riverside Food Partnership', leads: ['pp-test-ana'] }],
        users: [{ name: 'pp-test-ana', role: 'lead', password: 'ana-password' }],
      },
    });
    await connectWorkspace(
      page,
      { url: server.couch.url, prefix, name: 'pp-test-ana', password: 'ana-password' },
      'Riverside Food Partnership',
      { syncTimeout: 30_000 },
    );

    // The old laptop's backup: the same partnership (older here, so kept as it is), and records
    // all stamped OLD, before the push checkpoint the first sync left.
    const [org, membership, person, meeting] = [uuid(71), uuid(72), uuid(73), uuid(74)];
    const backup = bundleOf({
      partnerships: [make.partnership(partnershipId, OLD, 'Riverside Food Partnership')],
      organisations: [make.organisation(org, OLD, 'Riverside Food Bank', ['riverside.example'])],
      memberships: [make.membership(membership, OLD, partnershipId, org, 'core')],
      people: [make.person(person, OLD, 'Dee Patel', org)],
      meetings: [
        make.meeting(meeting, OLD, partnershipId, {
          title: 'Logged on the old laptop',
          attendees: [{ displayName: 'Dee Patel', personId: person, organisationId: org }],
          organisationIds: [org],
        }),
      ],
    });
    const dashboard = await openDashboard(ext);
    await importThroughDashboard(dashboard, jsonFile('old-laptop.json', backup));

    const has = async (db: string, id: string) =>
      (await server.couch.admin_fetch(`/${db}/${encodeURIComponent(id)}`)).status === 200;
    const until = Date.now() + 30_000;
    const wanted: Array<[string, string]> = [
      [partnershipDb(prefix, partnershipId), docId('meetings', meeting)],
      [partnershipDb(prefix, partnershipId), docId('people', person)],
      [partnershipDb(prefix, partnershipId), docId('memberships', membership)],
      [directoryDb(prefix), docId('organisations', org)],
    ];
    let missing = wanted;
    while (missing.length > 0 && Date.now() < until) {
      const present = await Promise.all(missing.map(([db, id]) => has(db, id)));
      missing = missing.filter((_, i) => !present[i]);
      if (missing.length > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(missing).toEqual([]);
    const doc = await server.couch.admin_fetch(
      `/${partnershipDb(prefix, partnershipId)}/${encodeURIComponent(docId('meetings', meeting))}`,
    );
    expect(doc.body).toMatchObject({ title: 'Logged on the old laptop', updatedAt: OLD });
    expect(ext.unexpectedRequests()).toEqual([]);
  }, 180_000);
});
