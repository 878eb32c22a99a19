import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '#imports';
import en from '../../public/_locales/en/messages.json';
import type { Membership, Partnership } from '../../utils/db/records';
import { buildDemoData } from '../../utils/demo/build';
import { waitForReady, UK_DESKTOP } from '../harness';
import {
  bundleOf,
  importThroughDashboard,
  jsonFile,
  loadSampleData,
  make,
  openDashboard,
  uuid,
} from '../harness/data-transfer';
import { readRecord, readRecords } from '../harness/db';
import { arrowTo, dateOrder, isFocused, tabTo, typeDate } from '../harness/keyboard';
import { useExtension } from '../harness/vitest';

declare const chrome: typeof Browser;

// Every flow here is driven by page.keyboard alone: Tab / Shift+Tab to move, Enter / Space /
// arrows / typing to act. Locators only read; page.evaluate only sets up or reads stored state.

const ext = useExtension(UK_DESKTOP);

async function openManage(): Promise<Page> {
  const page = await ext().context.newPage();
  await page.goto(ext().extensionUrl('options.html'));
  await waitForReady(page);
  return page;
}

/** The management page with the partnership chosen by keyboard. */
async function openPartnership(): Promise<Page> {
  const page = await openManage();
  const partnership = page.getByLabel('Partnership', { exact: true });
  await tabTo(page, partnership);
  await arrowTo(page, partnership, NAME);
  return page;
}

async function memberRow(page: Page, organisation: string) {
  const row = page.locator('#members-heading + ul > li', { hasText: organisation });
  await row.waitFor();
  return row;
}

const stored = (page: Page, key: string) =>
  page.evaluate(async (k) => (await chrome.storage.local.get(k))[k] as unknown, key);

const T0 = Date.UTC(2026, 0, 5, 10);
const P = uuid(1);
const BANK = uuid(2);
const COUNCIL = uuid(3);
const BANK_MEMBERSHIP = uuid(10);
const NAME = 'Kestrel Keyboard Network';

describe('the management page by keyboard', () => {
  beforeAll(async () => {
    // Set up with the mouse: one partnership of the user's own, and the sample data beside it.
    const dashboard = await openDashboard(ext());
    await importThroughDashboard(
      dashboard,
      jsonFile(
        'kestrel.json',
        bundleOf({
          partnerships: [make.partnership(P, T0, NAME)],
          organisations: [
            make.organisation(BANK, T0, 'Kestrel Food Bank'),
            make.organisation(COUNCIL, T0, 'Kestrel Council'),
          ],
          memberships: [
            make.membership(uuid(11), T0, P, COUNCIL, 'lead'),
            make.membership(BANK_MEMBERSHIP, T0, P, BANK, 'core'),
          ],
        }),
      ),
    );
    await dashboard.close();
    await loadSampleData(ext());
  });

  it("changes a partnership's cadence targets", async () => {
    const page = await openPartnership();
    await page.getByText(`Members of ${NAME}`).waitFor();

    for (const [label, days] of [
      ['Core meetings: at least every (days)', '21'],
      ['Core meetings: at most every (days)', '35'],
    ] as const) {
      await tabTo(page, page.getByLabel(label));
      await page.keyboard.press('Control+A');
      await page.keyboard.type(days);
    }
    await tabTo(page, page.getByRole('button', { name: 'Save partnership' }));
    await page.keyboard.press('Enter');
    await page.getByText('Partnership saved.').waitFor();
    expect((await readRecord<Partnership>(page, 'partnerships', P))?.cadence).toEqual({
      coreMinDays: 21,
      coreMaxDays: 35,
      widerDays: 91,
      reviewDays: 365,
    });
    await page.close();
  }, 120_000);

  it("changes a member's partner type and leaving date", async () => {
    const order = await dateOrder(ext().context);
    const page = await openPartnership();
    const bank = await memberRow(page, 'Kestrel Food Bank');

    const type = bank.getByLabel('Partner type');
    await tabTo(page, type);
    await arrowTo(page, type, 'Wider');
    await expect
      .poll(async () => (await readRecord<Membership>(page, 'memberships', BANK_MEMBERSHIP))?.partnerType)
      .toBe('wider');

    const left = bank.getByLabel('Left (leave empty while a member)');
    await tabTo(page, left);
    await typeDate(page, order, '2026-09-30');
    await expect
      .poll(async () => (await readRecord<Membership>(page, 'memberships', BANK_MEMBERSHIP))?.leftOn)
      .toBe('2026-09-30');
    expect(await left.inputValue()).toBe('2026-09-30');
    await bank.getByText('Left on', { exact: false }).waitFor();
    await page.close();
  }, 120_000);

  it('keeps a year typed digit by digit as typed, and stores only a day on the calendar', async () => {
    const order = await dateOrder(ext().context);
    const page = await openPartnership();
    const council = await memberRow(page, 'Kestrel Council');
    const councilJoined = async () => (await readRecord<Membership>(page, 'memberships', uuid(11)))?.joinedOn;
    const stays = async (read: () => Promise<unknown>, value: unknown) => {
      // Nothing more to come: the page has handled the keys, and a write would be committed by now.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
      expect(await read()).toEqual(value);
    };

    // The member's joined day: the year reads 0002, 0020, 0202 while its digits come.
    const joined = council.getByLabel('Joined');
    await tabTo(page, joined);
    const parts = { day: '15', month: '03', year: '' };
    for (const part of order) if (part !== 'year') await page.keyboard.type(parts[part]);
    // The day and month typed into the stored year make a day: stored.
    await expect.poll(councilJoined).toBe('2025-03-15');
    await page.keyboard.type('2');
    expect(await joined.inputValue()).toBe('0002-03-15');
    await stays(councilJoined, '2025-03-15');
    await page.keyboard.type('0');
    expect(await joined.inputValue()).toBe('0020-03-15');
    await stays(councilJoined, '2025-03-15');
    await page.keyboard.type('26');
    await expect.poll(councilJoined).toBe('2026-03-15');
    expect(await joined.inputValue()).toBe('2026-03-15');
    expect(await council.getByRole('alert').count()).toBe(0);

    // The partnership's start day: saved while its year reads 0002, it is refused at the field and
    // nothing is stored; typed on, the text is kept as typed and saved once whole.
    const startDate = async () => (await readRecord<Partnership>(page, 'partnerships', P))?.startDate;
    const before = await startDate();
    const start = page.getByLabel('Start date');
    await tabTo(page, start);
    for (const part of order) await page.keyboard.type({ day: '01', month: '04', year: '2' }[part]);
    expect(await start.inputValue()).toBe('0002-04-01');
    await tabTo(page, page.getByRole('button', { name: 'Save partnership' }));
    await page.keyboard.press('Enter');
    await page.getByText(en.errorInvalidDay.message).waitFor();
    await stays(startDate, before);
    expect(await start.inputValue()).toBe('0002-04-01');
    await tabTo(page, page.getByLabel('Name', { exact: true }), { backwards: true });
    await page.keyboard.press('Tab');
    await typeDate(page, order, '2026-04-01');
    expect(await start.inputValue()).toBe('2026-04-01');
    await expect.poll(() => page.getByText(en.errorInvalidDay.message).count()).toBe(0);
    await tabTo(page, page.getByRole('button', { name: 'Save partnership' }));
    await page.keyboard.press('Enter');
    await expect.poll(startDate).toBe('2026-04-01');
    await page.close();
  }, 120_000);

  it('changes the settings: a platform, the anonymity threshold, the widget address', async () => {
    const page = await openManage();
    const meet = page.getByRole('checkbox', { name: 'Google Meet' });
    await tabTo(page, meet);
    expect(await meet.isChecked()).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => stored(page, 'enabledPlatforms')).toEqual(['zoom', 'teams', 'gcal', 'outlook']);

    // Too low a threshold is refused with a message and not stored; a good one is.
    const threshold = page.getByLabel('Anonymity threshold');
    await tabTo(page, threshold, { backwards: true });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1');
    await page.getByText('Use a whole number from 2 to 1,000.').waitFor();
    expect(await stored(page, 'anonymityThreshold')).toBeUndefined();
    await page.keyboard.press('Backspace');
    await page.keyboard.type('5');
    await expect.poll(() => stored(page, 'anonymityThreshold')).toBe(5);
    expect(await page.getByText('Use a whole number from 2 to 1,000.').count()).toBe(0);

    const host = page.getByLabel("Address of pulse.html on your organisation's website");
    await tabTo(page, host);
    await page.keyboard.type('pulse.example.org');
    await page.getByText('Enter a full address, starting with https://').waitFor();
    expect(await stored(page, 'widgetHost')).toBeUndefined();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('https://pulse.example.org/pulse.html');
    await expect.poll(() => stored(page, 'widgetHost')).toBe('https://pulse.example.org/pulse.html');

    await page.reload();
    await waitForReady(page);
    await expect.poll(() => threshold.inputValue()).toBe('5');
    expect(await meet.isChecked()).toBe(false);
    expect(await host.inputValue()).toBe('https://pulse.example.org/pulse.html');
    await page.close();
  }, 120_000);

  it('removes the sample data and keeps the focus on the button', async () => {
    const demoNames = buildDemoData(Date.now()).partnerships.map((p) => p.name);
    const page = await openManage();
    const live = async () =>
      (await readRecords<Partnership>(page, 'partnerships'))
        .filter((p) => p.deletedAt === undefined)
        .map((p) => p.name);
    expect(await live()).toEqual(expect.arrayContaining(demoNames));
    const remove = page.getByRole('button', { name: 'Remove sample data' });
    await tabTo(page, remove);
    await page.keyboard.press('Enter');
    await page.getByText('Sample data removed.').waitFor();
    await expect.poll(live).toEqual([NAME]);
    // Still where the user left it: Tab goes on from here, not from the top of the page.
    await expect.poll(() => isFocused(remove)).toBe(true);
    await page.close();
  }, 120_000);
});

describe('the error notice by keyboard', () => {
  it('copies the details and is dismissed', async () => {
    const page = await openManage();
    await ext().context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate(() => {
      setTimeout(() => {
        throw new TypeError('Could not save notes: Sam Jones (sam.jones@ageuk.example)');
      });
    });
    const notice = page.getByRole('alert');
    await expect.poll(() => notice.textContent()).toContain(en.errorReport_notice.message);

    await tabTo(page, notice.getByRole('button', { name: en.errorReport_copy.message }));
    await page.keyboard.press('Enter');
    await expect.poll(() => notice.getByRole('status').textContent()).toBe(en.errorReport_copied.message);
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toMatch(
      /^Partnership Pulse error report\nError: TypeError\nMessage: \(withheld: it may hold personal text\)\n/,
    );
    expect(text).toContain('\nPage: options\n');
    expect(text).not.toContain('Sam Jones');

    await tabTo(page, notice.getByRole('button', { name: en.errorReport_dismiss.message }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    await page.close();
  }, 120_000);
});
