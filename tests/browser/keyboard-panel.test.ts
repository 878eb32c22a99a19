import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Meeting, Organisation, Pulse, PulseResponse, PurposeTag } from '../../utils/db/records';
import { sealResponse } from '../../utils/pulse/response-code';
import { openExtensionPage, repoPath, routeHtml, tabIdOf, waitForLiveState, UK_LOCALE } from '../harness';
import { readRecords } from '../harness/db';
import { expectFocusOn, tabTo } from '../harness/keyboard';
import { openReadyPanel } from '../harness/pages/panel';
import { useExtension } from '../harness/vitest';

// The side panel's flows driven by page.keyboard alone: Tab / Shift+Tab to move, Enter / Space /
// arrows / typing to act. Locators only read: where the focus is, what a control holds.

const ext = useExtension(UK_LOCALE);
const PARTNERSHIP = 'Hartside Food Partnership';
const MEMBERS = [
  ['Hartside Food Bank', 'Lead'],
  ['Hartside City Council', 'Core'],
] as const;

const openPage = (pathAndQuery: string) => openExtensionPage(ext(), pathAndQuery, { width: 360, height: 900 });

/** Serves a saved page on its real address, with `from` (its call code) replaced by `to`. */
async function openFixture(fixture: string, pattern: string, url: string, from: string, to: string): Promise<Page> {
  const page = await ext().context.newPage();
  await routeHtml(page, pattern, readFileSync(repoPath(fixture), 'utf8').replaceAll(from, to));
  await page.goto(url);
  return page;
}

const panelFor = (tabId: number) => openReadyPanel(ext(), tabId);

const selectedLabel = (panel: Page, label: string) =>
  panel.getByLabel(label, { exact: true }).locator('option:checked').textContent();

async function organisationId(page: Page, name: string): Promise<string> {
  const found = (await readRecords<Organisation>(page, 'organisations')).find((o) => o.name === name);
  if (!found) throw new Error(`No organisation ${name}`);
  return found.id;
}

async function purposeTagIds(page: Page, labels: string[]): Promise<string[]> {
  const tags = await readRecords<PurposeTag>(page, 'purposeTags');
  return labels.map((label) => {
    const tag = tags.find((t) => t.label === label);
    if (!tag) throw new Error(`No purpose tag ${label} in ${tags.map((t) => t.label).join(', ')}`);
    return tag.id;
  });
}

const liveMeetings = async (page: Page) =>
  (await readRecords<Meeting & { deletedAt?: number }>(page, 'meetings')).filter((m) => m.deletedAt === undefined);

/** Picks an option of a closed select by typing the start of its label, as a keyboard user does. */
async function typeInSelect(panel: Page, label: string, typed: string, expected: string) {
  await tabTo(panel, panel.getByLabel(label, { exact: true }));
  await panel.keyboard.type(typed);
  await expect.poll(() => selectedLabel(panel, label)).toBe(expected);
}

/** Ticks a checkbox with Space. */
async function tick(panel: Page, name: string) {
  const box = panel.getByRole('checkbox', { name, exact: true });
  await tabTo(panel, box);
  await panel.keyboard.press('Space');
  await expect.poll(() => box.isChecked()).toBe(true);
}

/** The agenda radios start at "Not yet"; the arrows move the choice up to "Yes". */
async function agendaAgreed(panel: Page) {
  await tabTo(panel, panel.locator('input[name="agenda"]:checked'));
  expect(await panel.getByRole('radio', { name: 'Not yet' }).isChecked()).toBe(true);
  await panel.keyboard.press('ArrowUp');
  await panel.keyboard.press('ArrowUp');
  const yes = panel.getByRole('radio', { name: 'Yes' });
  await expectFocusOn(panel, yes);
  expect(await yes.isChecked()).toBe(true);
}

/** Logs a meeting through "New meeting", with one attendee of the Food Bank; back on the list. */
async function logMeetingByHand(panel: Page, title: string) {
  await tabTo(panel, panel.getByRole('button', { name: 'New meeting' }));
  await panel.keyboard.press('Enter');
  await panel.getByRole('heading', { name: 'New meeting' }).waitFor();
  await typeInSelect(panel, 'Partnership', PARTNERSHIP, PARTNERSHIP);
  await tabTo(panel, panel.getByLabel('Title'));
  await panel.keyboard.type(title);
  await tabTo(panel, panel.getByLabel('Add someone by name'));
  await panel.keyboard.type('Priya Raman');
  await typeInSelect(panel, 'Their organisation', 'Hartside Food', 'Hartside Food Bank');
  const add = panel.getByRole('button', { name: 'Add attendee' });
  await tabTo(panel, add);
  await panel.keyboard.press('Enter');
  await expect.poll(() => panel.locator('.attendee-name').allTextContents()).toEqual(['Priya Raman']);
  await expectFocusOn(panel, add);
  await tabTo(panel, panel.getByRole('button', { name: 'Save meeting' }));
  await panel.keyboard.press('Enter');
  // The form gives way to the list: the focus goes to its heading, not to the top of the page.
  await expectFocusOn(panel, panel.getByRole('heading', { name: 'Logged meetings' }));
  await panel.locator('.meeting-list li', { hasText: title }).waitFor();
}

/** Starts a pulse from the form already open, and checks the focus lands on the new pulse. */
async function startPulse(panel: Page) {
  await tabTo(panel, panel.getByRole('button', { name: 'Start pulse' }));
  await panel.keyboard.press('Enter');
  await panel.getByText('Pulse started. Send the partners the link.').waitFor();
  await expectFocusOn(panel, panel.locator('article.pulse > h3'));
}

beforeAll(async () => {
  // The partnership and its members, entered on the management page by keyboard too.
  const page = await openPage('options.html');
  await tabTo(page, page.getByLabel('Name', { exact: true }));
  await page.keyboard.type(PARTNERSHIP);
  await tabTo(page, page.getByRole('button', { name: 'Create partnership' }));
  await page.keyboard.press('Enter');
  await page.getByText(`Members of ${PARTNERSHIP}`).waitFor();
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Add to partnership' }) });
  for (const [name, type] of MEMBERS) {
    await tabTo(page, form.getByLabel('Organisation name'));
    await page.keyboard.type(name);
    await tabTo(page, form.getByLabel('Partner type'));
    await page.keyboard.type(type);
    await tabTo(page, form.getByRole('button', { name: 'Add to partnership' }));
    await page.keyboard.press('Enter');
    await page.locator('#members-heading + ul strong', { hasText: name }).waitFor();
  }
  await page.close();
}, 120_000);

describe('logging a Meet call by keyboard', () => {
  it('maps attendees, tags the meeting, saves it and ends it', async () => {
    const call = await openFixture(
      'tests/fixtures/meet/small-call.html',
      'https://meet.google.com/**',
      'https://meet.google.com/kbd-call-one',
      'xkr-pqnd-tws',
      'kbd-call-one',
    );
    const tabId = await tabIdOf(call);
    const state = await waitForLiveState(ext(), tabId, (s) => (s.call?.participants.length ?? 0) > 0);
    const [first, second] = state.call!.participants.map((p) => p.name) as [string, string];
    const panel = await panelFor(tabId);
    await panel.getByRole('heading', { name: 'Hartside Food Partnership: core partners' }).waitFor();
    await expect.poll(() => selectedLabel(panel, 'Partnership')).toBe(PARTNERSHIP);

    await typeInSelect(panel, 'Kind of meeting', 'Wider', 'Wider meeting');
    await tick(panel, 'Decision-making');
    await tick(panel, 'Planning joint work and funding bids');
    await agendaAgreed(panel);

    // A member organisation by typing its name in the attendee's select…
    await typeInSelect(panel, `Organisation of ${first}`, 'Hartside Food', 'Hartside Food Bank');
    // …and a new one: End picks "Another organisation…", whose box takes the focus.
    const secondOrg = panel.getByLabel(`Organisation of ${second}`, { exact: true });
    await tabTo(panel, secondOrg);
    await panel.keyboard.press('End');
    await expectFocusOn(panel, panel.getByLabel(`Organisation of ${second}: pick one, or type a new name`));
    await panel.keyboard.type('Hartside Mutual Aid');
    await tabTo(panel, panel.getByRole('button', { name: 'Assign organisation' }));
    await panel.keyboard.press('Enter');
    await expect.poll(() => selectedLabel(panel, `Organisation of ${second}`)).toBe('Hartside Mutual Aid');
    // The box goes; the focus goes back to the attendee's select rather than to the top of the page.
    await expectFocusOn(panel, secondOrg);

    await typeInSelect(panel, 'Who chaired', first, `${first} (Hartside Food Bank)`);
    await tabTo(panel, panel.getByLabel('Notes'));
    await panel.keyboard.type('Bid jointly for the winter fund.');
    const save = panel.getByRole('button', { name: 'Save meeting' });
    await tabTo(panel, save);
    await panel.keyboard.press('Enter');
    await panel.getByText('Meeting saved.').waitFor();
    await expectFocusOn(panel, save);

    // Back up to "End meeting": it fills in the end, and the focus goes to the End field it filled.
    await tabTo(panel, panel.getByRole('button', { name: 'End meeting' }), { backwards: true });
    await panel.keyboard.press('Enter');
    const end = panel.getByLabel('End', { exact: true });
    await expect.poll(() => end.inputValue()).not.toBe('');
    await expectFocusOn(panel, end);
    const endShown = await end.inputValue();
    await panel.getByText('Unsaved changes – kept as a draft until you save.').waitFor();
    await tabTo(panel, save);
    await panel.keyboard.press('Enter');
    await panel.getByText('Meeting saved.').waitFor();

    const stored = (await liveMeetings(panel)).filter((m) => m.callKey === 'meet:kbd-call-one');
    expect(stored).toHaveLength(1);
    const meeting = stored[0]!;
    const partnershipId = (await readRecords<{ id: string; name: string }>(panel, 'partnerships')).find(
      (p) => p.name === PARTNERSHIP,
    )?.id;
    expect(meeting).toMatchObject({
      partnershipId,
      status: 'held',
      kind: 'wider',
      agenda: 'yes',
      chairName: first,
      notes: 'Bid jointly for the winter fund.',
    });
    expect([...meeting.purposeTagIds].sort()).toEqual(
      (await purposeTagIds(panel, ['Decision-making', 'Planning joint work and funding bids'])).sort(),
    );
    const orgOf = (name: string) => meeting.attendees.find((a) => a.displayName === name)?.organisationId;
    expect(orgOf(first)).toBe(await organisationId(panel, 'Hartside Food Bank'));
    expect(orgOf(second)).toBe(await organisationId(panel, 'Hartside Mutual Aid'));
    // The end is the time End meeting filled in (read in the panel's time zone).
    expect(meeting.endAt).toBe(await panel.evaluate((local) => new Date(local).getTime(), endShown));
    expect(meeting.endAt).toBeGreaterThanOrEqual(meeting.startAt);
    await panel.close();
    await call.close();
  }, 180_000);
});

describe('logged meetings by keyboard', () => {
  it('edits a meeting and saves the change, then deletes it and undoes the delete', async () => {
    const title = 'Keyboard review of the referral pathway';
    const panel = await openPage('sidepanel.html');
    await logMeetingByHand(panel, title);

    const edit = panel.getByRole('button', { name: `Edit ${title}` });
    await tabTo(panel, edit);
    await panel.keyboard.press('Enter');
    await expectFocusOn(panel, panel.getByRole('heading', { name: 'Edit meeting' }));
    await expect.poll(() => panel.getByLabel('Title').inputValue()).toBe(title);
    await tabTo(panel, panel.getByLabel('Notes'));
    await panel.keyboard.type('Moved to the spring.');
    await tabTo(panel, panel.getByRole('button', { name: 'Save meeting' }));
    await panel.keyboard.press('Enter');
    await expectFocusOn(panel, panel.getByRole('heading', { name: 'Logged meetings' }));
    await expect
      .poll(async () => (await liveMeetings(panel)).filter((m) => m.title === title).map((m) => m.notes))
      .toEqual(['Moved to the spring.']);

    const item = panel.locator('.meeting-list li', { hasText: title });
    const remove = panel.getByRole('button', { name: `Delete ${title}` });
    await tabTo(panel, remove);
    await panel.keyboard.press('Enter');
    await panel.getByText(`Deleted "${title}".`).waitFor();
    await expect.poll(() => item.count()).toBe(0);
    expect((await liveMeetings(panel)).filter((m) => m.title === title)).toEqual([]);
    // The button pressed is gone: the focus goes to Undo, the one thing to do next.
    const undo = panel.getByRole('button', { name: 'Undo' });
    await expectFocusOn(panel, undo);
    await panel.keyboard.press('Enter');
    await item.waitFor();
    // …and back to where it was, on the restored meeting.
    await expectFocusOn(panel, remove);
    expect((await liveMeetings(panel)).filter((m) => m.title === title).map((m) => m.notes)).toEqual([
      'Moved to the spring.',
    ]);
    await panel.close();
  }, 180_000);
});

describe('pulses in the panel by keyboard', () => {
  it('takes pasted response codes and reads out what became of each', async () => {
    const panel = await openPage('sidepanel.html');
    await tabTo(panel, panel.getByRole('button', { name: 'Pulses' }));
    await panel.keyboard.press('Enter');
    const startButton = panel.getByRole('button', { name: 'Start a pulse' });
    await tabTo(panel, startButton);
    await panel.keyboard.press('Enter');
    const formHeading = panel.getByRole('heading', { name: 'Start a pulse' });
    await expectFocusOn(panel, formHeading);
    // Cancel takes the focus back to the section, and Tab goes on from there to open the form again.
    await tabTo(panel, panel.getByRole('button', { name: 'Cancel' }));
    await panel.keyboard.press('Enter');
    await expectFocusOn(panel, panel.getByRole('heading', { name: 'Pulses' }));
    await tabTo(panel, startButton);
    await panel.keyboard.press('Enter');
    await expectFocusOn(panel, formHeading);
    await typeInSelect(panel, 'Partnership', PARTNERSHIP, PARTNERSHIP);
    await expect.poll(() => panel.getByLabel('Hartside City Council (Core)').isChecked()).toBe(true);
    // People seen in earlier meetings are offered personal links: unticked by keyboard, the
    // pulse has one shared link, which takes the codes sealed below.
    const ticked = panel.locator('.seat-groups input[type="checkbox"]:checked');
    for (let left = await ticked.count(); left > 0; left -= 1) {
      await tabTo(panel, ticked.first());
      await panel.keyboard.press('Space');
      await expect.poll(() => ticked.count()).toBe(left - 1);
    }
    await startPulse(panel);

    const pulse = (await readRecords<Pulse>(panel, 'pulses'))[0]!;
    const seal = (pulseId: string, partnerType: 'lead' | 'core') =>
      sealResponse(
        pulse.publicKeyJwk!,
        {
          v: 2,
          pulseId,
          responseId: crypto.randomUUID(),
          partnerType,
          answers: { trust: 4, equity: 3, flexibility: 4, communication: 5 },
          answeredAt: Date.now(),
        },
        pulse.questions.map((q) => q.id),
      );
    const [lead, core, other] = await Promise.all([
      seal(pulse.id, 'lead'),
      seal(pulse.id, 'core'),
      seal('0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b', 'core'),
    ]);
    const damaged = lead.slice(0, 60) + (lead[60] === 'A' ? 'B' : 'A') + lead.slice(61);
    const email = `Mine: ${lead}\n\n> ${core}\n\nKwame's: ${damaged}\n\n${other}`;

    // Pasted with Ctrl+V from the clipboard, as from an email.
    await ext().context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await panel.evaluate((text) => navigator.clipboard.writeText(text), email);
    const box = panel.getByLabel('Paste response codes');
    await tabTo(panel, box);
    await panel.keyboard.press('Control+V');
    await expect.poll(() => box.inputValue()).toBe(email);
    const add = panel.getByRole('button', { name: 'Add responses' });
    await tabTo(panel, add);
    await panel.keyboard.press('Enter');
    await expect
      .poll(() => panel.locator('.code-report li > span:first-child').allTextContents())
      .toEqual(['2: added', '1: for another pulse', '1: damaged – ask for it again']);
    // The summary is read out (a status) and the focus stays on the button, to paste more.
    expect(await panel.locator('.paste-codes [role="status"] .code-report li').count()).toBe(3);
    await expectFocusOn(panel, add);
    expect(await box.inputValue()).toBe('');
    expect(await panel.locator('.live-state .response-count').textContent()).toBe(
      'Responses: 2 · invited organisations: 2',
    );
    const stored = (await readRecords<PulseResponse>(panel, 'responses')).filter((r) => r.pulseId === pulse.id);
    expect(stored.map((r) => r.partnerType).sort()).toEqual(['core', 'lead']);
    await panel.close();
  }, 180_000);

  it('starts a pulse from a logged meeting, inviting the organisations that were there', async () => {
    const title = 'Keyboard core partners, June';
    const panel = await openPage('sidepanel.html');
    await logMeetingByHand(panel, title);
    await tabTo(panel, panel.getByRole('button', { name: `Start a pulse ${title}` }));
    await panel.keyboard.press('Enter');
    await expectFocusOn(panel, panel.getByRole('heading', { name: 'Start a pulse' }));
    await expect.poll(() => selectedLabel(panel, 'After the meeting')).toContain(title);
    await expect.poll(() => panel.getByLabel('Hartside Food Bank (Lead)').isChecked()).toBe(true);
    expect(await panel.getByLabel('Hartside City Council (Core)').isChecked()).toBe(false);
    await startPulse(panel);
    expect(await panel.locator('article.pulse > h3').textContent()).toMatch(new RegExp(`^${title}, `));

    const meeting = (await liveMeetings(panel)).find((m) => m.title === title)!;
    const pulses = (await readRecords<Pulse>(panel, 'pulses')).filter((p) => p.meetingId === meeting.id);
    expect(pulses.map((p) => p.invitedOrganisationIds)).toEqual([[await organisationId(panel, 'Hartside Food Bank')]]);
    await panel.close();
  }, 180_000);
});

describe('planning from a Google Calendar event by keyboard', () => {
  it('tags the event and saves the plan', async () => {
    const calendar = await openFixture(
      'tests/fixtures/gcal/event-meet.html',
      'https://calendar.google.com/**',
      'https://calendar.google.com/calendar/u/0/r/week',
      'xkr-pqnd-tws',
      'kbd-plan-one',
    );
    const tabId = await tabIdOf(calendar);
    await waitForLiveState(ext(), tabId, (s) => !!s.calendar?.event);
    const panel = await panelFor(tabId);
    await panel.getByText('Call link: https://meet.google.com/kbd-plan-one').waitFor();

    await typeInSelect(panel, 'Partnership', PARTNERSHIP, PARTNERSHIP);
    await typeInSelect(panel, 'Kind of meeting', 'Rev', 'Review');
    await tick(panel, 'Annual review');
    await agendaAgreed(panel);
    const save = panel.getByRole('button', { name: 'Save plan' });
    await tabTo(panel, save);
    await panel.keyboard.press('Enter');
    await panel.getByText('Meeting saved.').waitFor();
    await expectFocusOn(panel, save);

    const stored = (await liveMeetings(panel)).filter((m) => m.callKey === 'meet:kbd-plan-one');
    expect(stored.map(({ status, kind, agenda, purposeTagIds }) => ({ status, kind, agenda, purposeTagIds }))).toEqual([
      {
        status: 'planned',
        kind: 'review',
        agenda: 'yes',
        purposeTagIds: await purposeTagIds(panel, ['Annual review']),
      },
    ]);
    await panel.close();
    await calendar.close();
  }, 180_000);
});
