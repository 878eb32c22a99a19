import { describe, expect, it } from 'vitest';
import type {
  Meeting,
  Membership,
  Organisation,
  Partnership,
  Person,
  Pulse,
  PulseResponse,
} from '../../utils/db/records';
import {
  bundleOf,
  chooseImportFile,
  importThroughDashboard,
  jsonFile,
  make,
  openDashboard,
  previewCounts,
  previewOf,
  uuid,
  yourDataViolations,
} from '../harness/data-transfer';
import { databaseDigest, readRecord, readRecords } from '../harness/db';
import { UK_DESKTOP } from '../harness';
import { useExtension } from '../harness/vitest';

const ext = useExtension(UK_DESKTOP);

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 5, 10);
const T1 = T0 + 10 * DAY;
const T2 = T0 + 20 * DAY;

// Records both leads hold (same ids: lead B got them from lead A's earlier bundle), and their own.
const P = uuid(1);
const COUNCIL = uuid(2);
const BANK_A = uuid(3);
const BANK_B = uuid(4);
const PANTRY_B = uuid(5);
const MEETING_X = uuid(10);
const MEETING_Y = uuid(11);
const PERSON_B = uuid(20);
const MEMBERSHIP_B = uuid(30);
const PULSE_B = uuid(40);
const RESPONSE_B = uuid(50);

const leadA = bundleOf({
  partnerships: [make.partnership(P, T0, 'Riverside Food Network', T1)],
  organisations: [
    make.organisation(COUNCIL, T0, 'Riverside Council', ['riverside.gov.example'], T1),
    make.organisation(BANK_A, T0, 'Riverside Food Bank', ['riversidefood.example']),
  ],
  memberships: [make.membership(uuid(31), T0, P, COUNCIL, 'lead'), make.membership(uuid(32), T0, P, BANK_A, 'core')],
  meetings: [
    make.meeting(MEETING_X, T0, P, {
      title: 'Core meeting: agreed minutes',
      updatedAt: T2,
      organisationIds: [COUNCIL, BANK_A],
    }),
  ],
});

const leadB = bundleOf({
  partnerships: [make.partnership(P, T0, 'Riverside Food Network 2026', T2)],
  organisations: [
    make.organisation(COUNCIL, T0, 'Riverside Council', ['riverside.gov.example', 'riverside-council.example'], T2),
    // The same food bank, created by lead B on their own: another id, the same name.
    make.organisation(BANK_B, T1, 'riverside  food bank', ['rfb.example']),
    // Another organisation that shares the food bank's email domain: offered, declined.
    make.organisation(PANTRY_B, T1, 'Riverside Community Pantry', ['riversidefood.example']),
  ],
  memberships: [make.membership(MEMBERSHIP_B, T1, P, BANK_B, 'core')],
  people: [make.person(PERSON_B, T1, 'Sam Okoro', BANK_B)],
  meetings: [
    make.meeting(MEETING_X, T0, P, { title: 'Core meeting: draft', updatedAt: T1 }),
    make.meeting(MEETING_Y, T1, P, {
      title: 'Wider meeting',
      kind: 'wider',
      attendees: [{ displayName: 'Sam Okoro', personId: PERSON_B, organisationId: BANK_B }],
      organisationIds: [BANK_B, COUNCIL],
      chairName: 'Sam Okoro',
      chairPersonId: PERSON_B,
      chairOrganisationId: BANK_B,
    }),
  ],
  pulses: [make.pulse(PULSE_B, T1, P, [BANK_B, COUNCIL])],
  responses: [make.response(RESPONSE_B, T1 + DAY, PULSE_B, BANK_B, 'core')],
});

const MERGE_BANK = 'Merge riverside  food bank (from the file) into Riverside Food Bank (yours)';
const MERGE_PANTRY = 'Merge Riverside Community Pantry (from the file) into Riverside Food Bank (yours)';

describe("merging two leads' bundles into one coordinator's database", () => {
  it('keeps the newer of each record, offers the same organisation for merging, and makes references follow', async () => {
    const page = await openDashboard(ext());
    await importThroughDashboard(page, jsonFile('lead-a.json', leadA));

    await chooseImportFile(page, jsonFile('lead-b.json', leadB));
    const counts = await previewCounts(page);
    expect(counts.partnerships).toEqual([0, 1, 0, 0, 0]);
    expect(counts.meetings).toEqual([1, 0, 0, 1, 0]);
    expect(counts.organisations?.[1]).toBe(1);
    expect(counts.memberships).toEqual([1, 0, 0, 0, 0]);
    const preview = previewOf(page);
    expect(await preview.getByRole('checkbox').count()).toBe(2);
    const bank = preview.getByRole('checkbox', { name: MERGE_BANK, exact: true });
    const pantry = preview.getByRole('checkbox', { name: MERGE_PANTRY, exact: true });
    // Offered, never silently applied; each says why.
    expect(await bank.isChecked()).toBe(false);
    expect(await pantry.isChecked()).toBe(false);
    expect(
      await bank.evaluate((box) => document.getElementById(box.getAttribute('aria-describedby')!)?.textContent),
    ).toBe('(same name)');
    expect(
      await pantry.evaluate((box) => document.getElementById(box.getAttribute('aria-describedby')!)?.textContent),
    ).toBe('(same email domain)');
    // Table, offers and buttons are accessible, in light and dark.
    expect(await yourDataViolations(page)).toEqual([]);
    await bank.check();
    // Lead B's food bank membership would be a second one of lead A's food bank in the partnership:
    // the counts, planned again with the merge, say it is kept here (folded), not added.
    await expect.poll(async () => (await previewCounts(page)).memberships).toEqual([0, 0, 0, 1, 0]);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('.import-summary').waitFor();

    // The newer record wins, whichever file it came from.
    expect((await readRecord<Partnership>(page, 'partnerships', P))?.name).toBe('Riverside Food Network 2026');
    expect((await readRecord<Organisation>(page, 'organisations', COUNCIL))?.emailDomains).toEqual([
      'riverside.gov.example',
      'riverside-council.example',
    ]);
    expect((await readRecord<Meeting>(page, 'meetings', MEETING_X))?.title).toBe('Core meeting: agreed minutes');

    // The accepted merge: lead B's food bank is a tombstone pointing at lead A's, and B's records follow.
    const merged = await readRecord<Organisation>(page, 'organisations', BANK_B);
    expect(merged?.mergedInto).toBe(BANK_A);
    expect(merged?.deletedAt).toEqual(expect.any(Number));
    // One membership of the food bank in the partnership: lead A's, already here; lead B's is not stored.
    expect(await readRecord<Membership>(page, 'memberships', MEMBERSHIP_B)).toBeUndefined();
    const members = (await readRecords<Membership>(page, 'memberships')).filter((m) => m.deletedAt === undefined);
    expect(members.map((m) => [m.id, m.organisationId]).sort()).toEqual([
      [uuid(31), COUNCIL],
      [uuid(32), BANK_A],
    ]);
    expect((await readRecord<Person>(page, 'people', PERSON_B))?.organisationId).toBe(BANK_A);
    const y = await readRecord<Meeting>(page, 'meetings', MEETING_Y);
    expect(y?.attendees[0]?.organisationId).toBe(BANK_A);
    expect(y?.organisationIds).toEqual([BANK_A, COUNCIL]);
    expect(y?.chairOrganisationId).toBe(BANK_A);
    expect((await readRecord<Pulse>(page, 'pulses', PULSE_B))?.invitedOrganisationIds).toEqual([BANK_A, COUNCIL]);
    expect((await readRecord<PulseResponse>(page, 'responses', RESPONSE_B))?.organisationId).toBe(BANK_A);

    // The declined offer: the pantry stays an organisation of its own.
    const pantryRecord = await readRecord<Organisation>(page, 'organisations', PANTRY_B);
    expect(pantryRecord?.deletedAt).toBeUndefined();
    expect(pantryRecord?.mergedInto).toBeUndefined();

    // Lead B's bundle again: nothing to ask, nothing changes.
    const before = await databaseDigest(page);
    await chooseImportFile(page, jsonFile('lead-b.json', leadB));
    const again = await previewCounts(page);
    for (const [store, row] of Object.entries(again)) expect([store, row[0], row[1]]).toEqual([store, 0, 0]);
    expect(await previewOf(page).getByRole('checkbox').count()).toBe(0);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('.import-summary').waitFor();
    expect(await databaseDigest(page)).toEqual(before);
    await page.close();
  });
});
