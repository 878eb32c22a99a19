import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Meeting, Organisation, Partnership } from '../../utils/db/records';
import { waitForReady, UK_DESKTOP } from '../harness';
import { bundleOf, importThroughDashboard, jsonFile, make, openDashboard, uuid } from '../harness/data-transfer';
import { readRecords } from '../harness/db';
import { useExtension } from '../harness/vitest';

const ext = useExtension(UK_DESKTOP);

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 0, 6, 10);
const MEETINGS = 2_000;
const RESPONSES_PER_PULSE = 30;
const PULSES = 200;

/** A large bundle: two partnerships, 2,000 meetings, 200 pulses with 6,000 responses. */
function largeBundle() {
  const partnerships = [
    make.partnership(uuid(1), T0, 'Imported Partnership One'),
    make.partnership(uuid(2), T0, 'Imported Partnership Two'),
  ];
  const organisations = Array.from({ length: 20 }, (_, i) => make.organisation(uuid(100 + i), T0, `Imported Org ${i}`));
  const memberships = organisations.map((o, i) =>
    make.membership(uuid(200 + i), T0, partnerships[i % 2]!.id, o.id, 'core'),
  );
  const meetings = Array.from({ length: MEETINGS }, (_, i) =>
    make.meeting(uuid(10_000 + i), T0 + (i % 600) * DAY, partnerships[i % 2]!.id, {
      title: `Imported meeting ${i}`,
      organisationIds: [organisations[i % 20]!.id],
      notes: 'Notes of the meeting. '.repeat(10),
    }),
  );
  const pulses = Array.from({ length: PULSES }, (_, i) =>
    make.pulse(uuid(20_000 + i), T0 + i * DAY, partnerships[i % 2]!.id, []),
  );
  const responses = pulses.flatMap((p, i) =>
    Array.from({ length: RESPONSES_PER_PULSE }, (_, j) =>
      make.response(
        uuid(100_000 + i * RESPONSES_PER_PULSE + j),
        p.createdAt + DAY,
        p.id,
        organisations[j % 20]!.id,
        'core',
      ),
    ),
  );
  return bundleOf({ partnerships, organisations, memberships, meetings, pulses, responses });
}

async function createPartnership(page: Page, name: string): Promise<void> {
  const select = page.getByLabel('Partnership', { exact: true });
  if ((await select.count()) > 0) await select.selectOption({ label: '+ New partnership' });
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Create partnership' }).click();
  await page.getByText(`Members of ${name}`).waitFor();
}

async function addOrganisation(page: Page, name: string): Promise<void> {
  await page.getByLabel('Organisation name').fill(name);
  await page.getByLabel('Partner type').last().selectOption('core');
  await page.getByRole('button', { name: 'Add to partnership' }).click();
  await page.locator('#members-heading + ul strong', { hasText: name }).waitFor();
}

async function logMeeting(panel: Page, title: string): Promise<void> {
  await panel.getByRole('button', { name: 'New meeting' }).click();
  await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: 'Panel Partnership' });
  await panel.getByLabel('Title').fill(title);
  await panel.getByLabel('Start').fill('2026-11-20T14:00');
  await panel.getByLabel('Add someone by name').fill('Tom Fairbairn');
  await panel.getByRole('button', { name: 'Add attendee' }).click();
  await panel.getByRole('button', { name: 'Save meeting' }).click();
  await panel.locator('.meeting-list li', { hasText: title }).waitFor({ timeout: 60_000 });
}

describe('three pages writing at once', () => {
  it('loses no record: the side panel logging meetings, the management page adding partnerships, and a large import', async () => {
    const manage = await ext().context.newPage();
    await manage.goto(ext().extensionUrl('options.html'));
    await waitForReady(manage);
    await createPartnership(manage, 'Panel Partnership');

    const panel = await ext().context.newPage();
    await panel.setViewportSize({ width: 360, height: 800 });
    await panel.goto(ext().extensionUrl('sidepanel.html'));
    await waitForReady(panel);
    const dashboard = await openDashboard(ext());
    // Three busy pages on two cores: each step may wait its turn for a while.
    for (const page of [manage, panel, dashboard]) page.setDefaultTimeout(120_000);
    const bundle = largeBundle();
    const file = jsonFile('large.json', bundle);

    const panelTitles = Array.from({ length: 5 }, (_, i) => `Panel meeting ${i}`);
    const managed = Array.from({ length: 3 }, (_, i) => ({
      partnership: `Managed Partnership ${i}`,
      organisation: `Managed Org ${i}`,
    }));
    // The import shows its progress (in a labelled bar) while the other pages go on writing.
    const progress = dashboard
      .getByRole('progressbar', { name: /^(Reading|Importing) large\.json…$/ })
      .first()
      .waitFor({ timeout: 120_000 });
    await Promise.all([
      progress,
      importThroughDashboard(dashboard, file),
      (async () => {
        for (const title of panelTitles) await logMeeting(panel, title);
      })(),
      (async () => {
        for (const { partnership, organisation } of managed) {
          await createPartnership(manage, partnership);
          await addOrganisation(manage, organisation);
        }
      })(),
    ]);

    const meetings = await readRecords<Meeting>(dashboard, 'meetings');
    const partnerships = await readRecords<Partnership>(dashboard, 'partnerships');
    const organisations = await readRecords<Organisation>(dashboard, 'organisations');
    const responses = await readRecords(dashboard, 'responses');
    const titles = new Set(meetings.map((m) => m.title));
    for (const title of panelTitles) expect(titles.has(title), title).toBe(true);
    const names = new Set(partnerships.map((p) => p.name));
    const orgNames = new Set(organisations.map((o) => o.name));
    for (const { partnership, organisation } of managed) {
      expect(names.has(partnership), partnership).toBe(true);
      expect(orgNames.has(organisation), organisation).toBe(true);
    }
    expect(names.has('Panel Partnership')).toBe(true);
    const ids = new Set(meetings.map((m) => m.id));
    for (const m of bundle.meetings as Meeting[]) expect(ids.has(m.id)).toBe(true);
    expect(meetings).toHaveLength(MEETINGS + panelTitles.length);
    expect(responses).toHaveLength(PULSES * RESPONSES_PER_PULSE);
    expect(partnerships).toHaveLength(2 + 1 + managed.length);
  }, 400_000);
});
