import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Meeting, Organisation, Partnership, Person, PulseResponse, PurposeTag } from '../../utils/db/records';
import { waitForReady, UK_DESKTOP } from '../harness';
import {
  bundleOf,
  chooseImportFile,
  importThroughDashboard,
  jsonFile,
  make,
  openDashboard,
  previewOf,
  uuid,
} from '../harness/data-transfer';
import { useExtension } from '../harness/vitest';

const ext = useExtension(UK_DESKTOP);

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2;alert("pwned")</script>';
const both = (label: string) => `${label} ${IMG} ${SCRIPT}`;

const NOW = Date.now();
const DAY = 24 * 60 * 60 * 1000;
const P = uuid(201);
const ORG = uuid(202);
const SAFE_ORG = uuid(203);
const PERSON = uuid(204);
const TAG = uuid(205);
const MEETING = uuid(206);
const PULSE = uuid(207);

// Lead A's organisation, so the hostile one (same email domain) is offered for merging by name.
const first = bundleOf({
  organisations: [make.organisation(SAFE_ORG, NOW - 30 * DAY, 'Northgate Advice', ['shared.example'])],
});

const partnership: Partnership = make.partnership(P, NOW - 30 * DAY, both('Partnership'));
const organisation: Organisation = make.organisation(ORG, NOW - 30 * DAY, both('Organisation'), [
  'shared.example',
  both('domain'),
]);
const person: Person = {
  ...make.person(PERSON, NOW - 30 * DAY, both('Person'), ORG),
  aliases: [both('alias')],
  emails: [both('email')],
};
const tag: PurposeTag = { id: TAG, createdAt: NOW - 30 * DAY, updatedAt: NOW - 30 * DAY, label: both('Tag') };
const meeting: Meeting = make.meeting(MEETING, NOW - DAY, P, {
  title: both('Meeting'),
  purposeTagIds: [TAG],
  attendees: [{ displayName: both('Attendee'), email: both('attendee email'), personId: PERSON, organisationId: ORG }],
  organisationIds: [ORG],
  chairName: both('Chair'),
  chairPersonId: PERSON,
  chairOrganisationId: ORG,
  decisions: both('Decisions'),
  notes: both('Notes'),
  callKey: both('call'),
});
const pulse = make.pulse(PULSE, NOW - 20 * DAY, P, [ORG]);
pulse.questions = [...pulse.questions, { id: 'q-text', wording: both('Question'), scale: 'text', seriesId: uuid(990) }];
pulse.expiresAt = NOW - 5 * DAY;
const responses: PulseResponse[] = [0, 1, 2, 3].map((i) => ({
  ...make.response(uuid(300 + i), NOW - 19 * DAY, PULSE, ORG, 'lead'),
  answers: { 'q-trust': 4, 'q-equity': 3, 'q-flexibility': 5, 'q-communication': 2, 'q-text': both('Answer') },
  comment: both('Comment'),
}));
const hostile = bundleOf({
  partnerships: [partnership],
  organisations: [organisation],
  memberships: [make.membership(uuid(208), NOW - 30 * DAY, P, ORG, 'lead')],
  people: [person],
  purposeTags: [tag],
  meetings: [meeting],
  pulses: [pulse],
  responses,
});

/** Watches a page for anything a payload could do: a dialog, the flag, an element it made. */
function guard(page: Page): () => Promise<void> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return async () => {
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(
      await page.evaluate(() => [...document.scripts].filter((s) => s.textContent?.includes('pwned')).length),
    ).toBe(0);
  };
}

/** How many elements show the payload as their own text. */
async function shownAsText(page: Page, text: string): Promise<number> {
  return page.evaluate(
    (wanted) => [...document.querySelectorAll('body *')].filter((e) => e.textContent?.includes(wanted)).length,
    text,
  );
}

describe('script payloads in every text field of an imported bundle', () => {
  it('render as text on the dashboard, the management page and the side panel, and never run', async () => {
    const page = await openDashboard(ext());
    const dashboardClean = guard(page);
    await importThroughDashboard(page, jsonFile('lead-a.json', first));

    // In the preview (merge offer included) every name is text.
    await chooseImportFile(page, jsonFile(`${IMG}.json`, hostile));
    await previewOf(page).waitFor();
    await previewOf(page)
      .getByRole('checkbox', { name: `Merge ${both('Organisation')} (from the file) into Northgate Advice (yours)` })
      .waitFor();
    expect(await shownAsText(page, IMG)).toBeGreaterThan(0);
    await dashboardClean();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('.import-summary').waitFor();

    // The dashboard, now with the partnership: its name in the filters and the tables.
    await page.getByText(both('Partnership')).first().waitFor({ timeout: 20_000 });
    expect(await shownAsText(page, SCRIPT)).toBeGreaterThan(0);
    await dashboardClean();
    await page.close();

    const manage = await ext().context.newPage();
    const manageClean = guard(manage);
    await manage.goto(ext().extensionUrl('options.html'));
    await waitForReady(manage);
    await manage.getByLabel('Partnership', { exact: true }).selectOption({ label: both('Partnership') });
    await manage.getByText(both('Organisation')).first().waitFor();
    expect(await shownAsText(manage, IMG)).toBeGreaterThan(0);
    await manageClean();
    await manage.close();

    const panel = await ext().context.newPage();
    const panelClean = guard(panel);
    await panel.setViewportSize({ width: 360, height: 800 });
    await panel.goto(ext().extensionUrl('sidepanel.html'));
    await waitForReady(panel);
    const item = panel.locator('.meeting-list li', { hasText: both('Meeting') });
    await item.waitFor();
    expect(await shownAsText(panel, SCRIPT)).toBeGreaterThan(0);
    await panelClean();
    await panel.close();
  });
});
