import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gcalEventToday, repoPath, routeHtml, tabIdOf, waitForLiveState, waitForReady } from '../harness';
import { databaseDigest } from '../harness/db';
import { attendeeNames, openCall, openReadyPanel } from '../harness/pages/panel';
import { useExtension } from '../harness/vitest';

const ext = useExtension();
const CALL_URL = 'https://meet.google.com/xkr-pqnd-tws';

/** Opens a Meet fixture on its real address and waits until the background has its participants. */
const openMeet = (fixture: string, url = CALL_URL) =>
  openCall(ext(), {
    html: readFileSync(repoPath(`tests/fixtures/meet/${fixture}`), 'utf8'),
    url,
    pattern: 'https://meet.google.com/**',
  });
const panelFor = (tabId: number) => openReadyPanel(ext(), tabId);

beforeAll(async () => {
  // A partnership whose name is in the call's title, set up the way a lead would.
  const page = await ext().context.newPage();
  await page.goto(ext().extensionUrl('options.html'));
  await waitForReady(page);
  await page.getByLabel('Name', { exact: true }).fill('Hartside Food Partnership');
  await page.getByRole('button', { name: 'Create partnership' }).click();
  await page.getByText('Members of Hartside Food Partnership').waitFor();
  for (const [name, type] of [
    ['Hartside Food Bank', 'lead'],
    ['Hartside City Council', 'core'],
  ] as const) {
    await page.getByLabel('Organisation name').fill(name);
    await page.getByLabel('Partner type').last().selectOption(type);
    await page.getByRole('button', { name: 'Add to partnership' }).click();
    await page.locator('#members-heading + ul strong', { hasText: name }).waitFor();
  }
  await page.close();
});

describe('the side panel on a Meet call', () => {
  it('shows who is there, logs the meeting with its tags, and still has it after a reload', async () => {
    const { call, tabId, names } = await openMeet('small-call.html');
    expect(names.length).toBeGreaterThanOrEqual(3);
    const panel = await panelFor(tabId);

    await panel.getByRole('heading', { name: 'Hartside Food Partnership: core partners' }).waitFor();
    await expect.poll(() => attendeeNames(panel)).toEqual(names);
    const partnership = panel.getByLabel('Partnership', { exact: true });
    expect(await partnership.locator('option:checked').textContent()).toBe('Hartside Food Partnership');
    await panel.getByText('Guessed from the title').waitFor();

    await panel.getByLabel('Kind of meeting').selectOption({ label: 'Core meeting' });
    await panel.getByLabel('Decision-making').check();
    await panel.getByLabel('Planning joint work and funding bids').check();
    await panel.getByRole('radio', { name: 'Yes' }).check();
    // Both members are expected at a core meeting; nobody is assigned yet.
    await expect
      .poll(() => panel.locator('.absent li').allTextContents())
      .toEqual(['Hartside Food Bank', 'Hartside City Council']);
    // One attendee to a member organisation, another to a new one: both mappings are remembered.
    const [first, second] = names as [string, string];
    await panel.getByLabel(`Organisation of ${first}`, { exact: true }).selectOption({ label: 'Hartside Food Bank' });
    await panel
      .getByLabel(`Organisation of ${second}`, { exact: true })
      .selectOption({ label: 'Another organisation…' });
    await panel.getByLabel(`Organisation of ${second}: pick one, or type a new name`).fill('Hartside Mutual Aid');
    await panel.getByRole('button', { name: 'Assign organisation' }).click();
    const selectedOrg = (name: string) =>
      panel.getByLabel(`Organisation of ${name}`, { exact: true }).locator('option:checked').textContent();
    await expect.poll(() => selectedOrg(second)).toBe('Hartside Mutual Aid');
    await expect.poll(() => panel.locator('.absent li').allTextContents()).toEqual(['Hartside City Council']);
    await panel.getByLabel('Who chaired').selectOption({ label: `${first} (Hartside Food Bank)` });
    await panel.getByLabel('Decisions').fill('Agree to bid jointly for the winter fund.');
    await panel.getByRole('button', { name: 'Save meeting' }).click();
    await panel.getByText('Meeting saved.').waitFor();

    await panel.reload();
    await waitForReady(panel);
    await panel.getByRole('heading', { name: 'Hartside Food Partnership: core partners' }).waitFor();
    await expect
      .poll(() => panel.getByLabel('Decisions').inputValue())
      .toBe('Agree to bid jointly for the winter fund.');
    expect(await panel.getByLabel('Decision-making').isChecked()).toBe(true);
    expect(await panel.getByLabel('Planning joint work and funding bids').isChecked()).toBe(true);
    expect(await panel.getByRole('radio', { name: 'Yes' }).isChecked()).toBe(true);
    expect(await panel.getByLabel('Who chaired').inputValue()).toBe(first);

    await panel.getByRole('button', { name: 'Meetings' }).click();
    const logged = panel.locator('.meeting-list li');
    await expect.poll(() => logged.count()).toBe(1);
    expect(await logged.first().textContent()).toContain('Hartside Food Partnership: core partners');
    expect(await logged.first().textContent()).toContain('2 organisations');
    await panel.close();
    await call.close();
  });

  it('remembers who belongs to which organisation, so the next call needs no typing', async () => {
    const html = readFileSync(repoPath('tests/fixtures/meet/small-call.html'), 'utf8').replaceAll(
      'xkr-pqnd-tws',
      'nxt-call-two',
    );
    const call = await ext().context.newPage();
    await routeHtml(call, 'https://meet.google.com/**', html);
    await call.goto('https://meet.google.com/nxt-call-two');
    const tabId = await tabIdOf(call);
    const state = await waitForLiveState(ext(), tabId, (s) => (s.call?.participants.length ?? 0) > 0);
    expect(state.call?.callKey).toBe('meet:nxt-call-two');
    const [first, second] = state.call!.participants.map((p) => p.name) as [string, string];

    const panel = await panelFor(tabId);
    const selectedOrg = (name: string) =>
      panel.getByLabel(`Organisation of ${name}`, { exact: true }).locator('option:checked').textContent();
    await expect.poll(() => selectedOrg(first)).toBe('Hartside Food Bank');
    await expect.poll(() => selectedOrg(second)).toBe('Hartside Mutual Aid');
    // A fresh form: nothing carried over from the first call but the mappings.
    expect(await panel.getByLabel('Decisions').inputValue()).toBe('');
    expect(await panel.getByLabel('Partnership', { exact: true }).locator('option:checked').textContent()).toBe(
      'Hartside Food Partnership',
    );
    await panel.close();
    await call.close();
  });

  it('shows who joined late or left early against the meeting times', async () => {
    const html = readFileSync(repoPath('tests/fixtures/meet/small-call.html'), 'utf8').replaceAll(
      'xkr-pqnd-tws',
      'lat-eco-mer',
    );
    const call = await ext().context.newPage();
    await routeHtml(call, 'https://meet.google.com/**', html);
    await call.goto('https://meet.google.com/lat-eco-mer');
    const tabId = await tabIdOf(call);
    await waitForLiveState(ext(), tabId, (s) => (s.call?.participants.length ?? 0) > 0);
    const panel = await panelFor(tabId);
    const seen = panel.locator('.attendee-seen').first();
    await seen.waitFor();
    expect(await seen.textContent()).not.toMatch(/joined late|left early/);

    const local = (offsetMinutes: number) => {
      const d = new Date(Date.now() + offsetMinutes * 60_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    };
    // On a call, title, times and platform are one line until Edit opens them.
    await panel.getByRole('button', { name: 'Edit title, times and platform' }).click();
    await panel.getByLabel('Start', { exact: true }).fill(local(-60));
    await expect.poll(() => seen.textContent()).toContain('joined late');
    await panel.getByLabel('End', { exact: true }).fill(local(60));
    await expect.poll(() => seen.textContent()).toContain('left early');
    await panel.close();
    await call.close();
  });

  it('keeps a half-typed draft when the panel is closed mid-edit', async () => {
    const { call, tabId } = await openMeet('small-call.html', 'https://meet.google.com/xkr-pqnd-tws?authuser=1');
    let panel = await panelFor(tabId);
    await panel.getByLabel('Notes').waitFor();
    await panel.getByLabel('Notes').pressSequentially('Ask the council about the venue');
    await panel.close();

    panel = await panelFor(tabId);
    await expect.poll(() => panel.getByLabel('Notes').inputValue()).toBe('Ask the council about the venue');
    await panel.getByText('Your unsaved draft was restored.').waitFor();
    await panel.close();
    await call.close();
  });

  it('shows names with HTML and script payloads as text, and never runs them', async () => {
    const dialogs: string[] = [];
    const { call, tabId, names } = await openMeet('hostile-names.html', 'https://meet.google.com/hqv-zmbt-rre');
    const payloads = names.filter((name) => /[<>]/.test(name));
    expect(payloads.length).toBeGreaterThan(0);
    const panel = await panelFor(tabId);
    panel.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // Every name, as text (new and unassigned people are listed first, so the order is not the call's).
    await expect.poll(async () => (await attendeeNames(panel)).sort()).toEqual([...names].sort());
    // Nothing from the page became markup in the panel.
    expect(await panel.locator('.attendee-list img, .attendee-list script, .attendee-list iframe').count()).toBe(0);
    expect(await panel.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await panel.close();
    await call.close();
  });

  it('says plainly when it cannot read the participants, and manual entry still works', async () => {
    const { call, tabId } = await openMeet('unrecognised.html', 'https://meet.google.com/zzz-yyyy-xxx');
    const panel = await panelFor(tabId);
    await panel
      .getByText("Couldn't find the people list, the roster or the video tiles on this page – add people by hand.")
      .waitFor();
    await panel.getByRole('button', { name: 'Copy page outline' }).waitFor();
    expect(await attendeeNames(panel)).toEqual([]);
    await panel.getByLabel('Add someone by name').fill('Grace Okafor');
    await panel.getByRole('button', { name: 'Add attendee' }).click();
    await expect.poll(() => attendeeNames(panel)).toEqual(['Grace Okafor']);
    await panel.close();
    await call.close();
  });
});

describe('meetings entered by hand', () => {
  it('logs an in-person meeting, and undoes its deletion', async () => {
    const page = await ext().context.newPage();
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(ext().extensionUrl('sidepanel.html'));
    await waitForReady(page);
    await page.getByRole('button', { name: 'New meeting' }).click();
    await page.getByLabel('Partnership', { exact: true }).selectOption({ label: 'Hartside Food Partnership' });
    await page.getByLabel('Title').fill('Walk-round at the food hub');
    await page.getByLabel('Start').fill('2026-11-20T14:00');
    await page.getByLabel('Kind of meeting').selectOption({ label: '1:1' });
    await page.getByLabel('Add someone by name').fill('Tom Fairbairn');
    await page.getByRole('button', { name: 'Add attendee' }).click();
    await page.getByRole('button', { name: 'Save meeting' }).click();

    const item = page.locator('.meeting-list li', { hasText: 'Walk-round at the food hub' });
    await item.waitFor();
    expect(await item.textContent()).toContain('1:1');
    // Fits 320 px: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    await item.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Deleted "Walk-round at the food hub".').waitFor();
    await expect.poll(() => item.count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await item.waitFor();
    await page.reload();
    await waitForReady(page);
    await page.locator('.meeting-list li', { hasText: 'Walk-round at the food hub' }).waitFor();
    await page.close();
  });
});

describe('from the panel to the dashboard', () => {
  it('opens the dashboard in a tab', async () => {
    const page = await ext().context.newPage();
    await page.goto(ext().extensionUrl('sidepanel.html'));
    await waitForReady(page);
    const [dashboard] = await Promise.all([
      ext().context.waitForEvent('page'),
      page.getByRole('button', { name: 'Dashboard' }).click(),
    ]);
    await dashboard.waitForLoadState();
    expect(dashboard.url()).toBe(ext().extensionUrl('dashboard.html'));
    await dashboard.close();
    await page.close();
  });
});

describe('a meeting planned from the calendar', () => {
  it('is tagged on the calendar event, and the later call is matched to it by its link', async () => {
    // The saved event page, moved to today so the call joins the same occasion.
    const html = gcalEventToday('pln-call-one');
    const calendar = await ext().context.newPage();
    await routeHtml(calendar, 'https://calendar.google.com/**', html);
    await calendar.goto('https://calendar.google.com/calendar/u/0/r/week');
    const calendarTab = await tabIdOf(calendar);
    const state = await waitForLiveState(ext(), calendarTab, (s) => !!s.calendar?.event);
    expect(state.calendar?.event?.callKey).toBe('meet:pln-call-one');

    const panel = await panelFor(calendarTab);
    await panel.getByRole('heading', { name: 'Hartside Food Partnership: core partners' }).waitFor();
    await panel.getByText('Call link: https://meet.google.com/pln-call-one').waitFor();
    await expect.poll(() => attendeeNames(panel)).toContain('Tom Fairbairn');
    await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: 'Hartside Food Partnership' });
    await panel.getByLabel('Kind of meeting').selectOption({ label: 'Core meeting' });
    await panel.getByLabel('Annual review').check();
    await panel.getByRole('radio', { name: 'Yes' }).check();
    await panel.getByRole('button', { name: 'Save plan' }).click();
    await panel.getByText('Meeting saved.').waitFor();
    await panel.close();

    const call = await ext().context.newPage();
    const callHtml = readFileSync(repoPath('tests/fixtures/meet/small-call.html'), 'utf8').replaceAll(
      'xkr-pqnd-tws',
      'pln-call-one',
    );
    await routeHtml(call, 'https://meet.google.com/**', callHtml);
    await call.goto('https://meet.google.com/pln-call-one');
    const callTab = await tabIdOf(call);
    await waitForLiveState(ext(), callTab, (s) => (s.call?.participants.length ?? 0) > 0);
    const callPanel = await panelFor(callTab);
    // The plan's tags are already there; the call's participants join its guest list.
    await expect.poll(() => callPanel.getByLabel('Annual review').isChecked()).toBe(true);
    expect(await callPanel.getByRole('radio', { name: 'Yes' }).isChecked()).toBe(true);
    expect(await callPanel.getByRole('button', { name: 'Save meeting' }).count()).toBe(1);
    await expect.poll(() => attendeeNames(callPanel)).toContain('Kwame Asante');
    await callPanel.getByRole('button', { name: 'Save meeting' }).click();
    await callPanel.getByText('Meeting saved.').waitFor();

    // One record, no longer planned: the call completed the plan rather than adding a second meeting.
    const stored = await callPanel.evaluate(() => {
      return new Promise<Array<{ status: string; kind: string }>>((resolve, reject) => {
        const open = indexedDB.open('partnership-pulse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result
            .transaction('meetings')
            .objectStore('meetings')
            .index('by-call')
            .getAll('meet:pln-call-one');
          request.onsuccess = () =>
            resolve(request.result.map((m: { status: string; kind: string }) => ({ status: m.status, kind: m.kind })));
          request.onerror = () => reject(request.error);
        };
      });
    });
    expect(stored).toEqual([{ status: 'held', kind: 'core' }]);
    await callPanel.close();
    await calendar.close();
    await call.close();
  });
});

describe('the panel by keyboard alone', () => {
  it('logs a meeting by hand without a mouse', async () => {
    const page = await ext().context.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(ext().extensionUrl('sidepanel.html'));
    await waitForReady(page);
    const focused = () =>
      page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim());
    const tabTo = async (target: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if ((await focused()) === target) return;
      }
      throw new Error(`Tab never reached ${target}`);
    };

    await tabTo('New meeting');
    await page.keyboard.press('Enter');
    await tabTo('meeting-partnershipId');
    await page.keyboard.press('ArrowDown'); // the first partnership
    await page.keyboard.press('Tab');
    await page.keyboard.type('Phone catch-up with the food bank');
    await tabTo('meeting-platform');
    await page.keyboard.press('End'); // Phone
    await tabTo('add-attendee-name');
    await page.keyboard.type('Priya Raman');
    await tabTo('Add attendee');
    await page.keyboard.press('Enter');
    await tabTo('meeting-notes');
    await page.keyboard.type('Agreed to share referral data monthly.');
    await tabTo('Save meeting');
    await page.keyboard.press('Enter');

    const item = page.locator('.meeting-list li', { hasText: 'Phone catch-up with the food bank' });
    await item.waitFor();
    await item.getByRole('button', { name: 'Edit' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Notes').inputValue()).toBe('Agreed to share referral data monthly.');
    expect(await page.getByLabel('Where').inputValue()).toBe('phone');
    expect(await attendeeNames(page)).toEqual(['Priya Raman']);
    await page.close();
  });
});

// Last in the file: the refused form stays as the panel's draft.
describe('limits typed into the panel', () => {
  it('refuses a title over 500 characters and notes over 100,000 typed in: said at each field, the text kept, nothing stored', async () => {
    const page = await ext().context.newPage();
    await page.goto(ext().extensionUrl('sidepanel.html'));
    await waitForReady(page);
    await page.getByRole('button', { name: 'New meeting' }).click();
    await page.getByLabel('Partnership', { exact: true }).selectOption({ label: 'Hartside Food Partnership' });
    const title = `Long ${'t'.repeat(500)}`;
    const notes = 'n'.repeat(100_001);
    await page.locator('#meeting-title').fill(title);
    await page.getByLabel('Start').fill('2026-11-21T10:00');
    await page.locator('#meeting-notes').fill(notes);
    const before = await databaseDigest(page);
    await page.getByRole('button', { name: 'Save meeting' }).click();
    await page.getByText('Too long: a title has at most 500 characters.').first().waitFor();
    await page.getByText('Too long: at most 100,000 characters.').first().waitFor();
    expect(await page.locator('#meeting-title').inputValue()).toBe(title);
    expect((await page.locator('#meeting-notes').inputValue()).length).toBe(100_001);
    expect(await page.locator('.meeting-list li', { hasText: 'Long ttt' }).count()).toBe(0);
    // Nothing stored: the database is exactly as before the save.
    expect(await databaseDigest(page)).toEqual(before);
    await page.close();
  });
});
