import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Browser } from '#imports';
import type { ErrorLogEntry } from '../../utils/your-data/bundle/format';
import { strings } from '../../widget/strings';
import en from '../../public/_locales/en/messages.json';
import { openPanel, routeFixture, tabIdOf, waitForReady } from '../harness';
import { WIDGET_FILE, widgetUrl } from '../harness/pages/widget';
import { useExtension } from '../harness/vitest';

declare const chrome: typeof Browser;

const ext = useExtension();

/** Personal data an error message might carry; none of it may reach the notice, clipboard or log. */
const PERSONAL = ['Sam Jones', 'sam.jones@ageuk.example', 'authuser', '07700900123', 'Leeds Food Network'];

/** Records what the page puts on the clipboard, in place of the real clipboard. */
async function interceptClipboard(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const copied: string[] = [];
    (window as unknown as { copied: string[] }).copied = copied;
    navigator.clipboard.writeText = (text: string) => {
      copied.push(text);
      return Promise.resolve();
    };
  });
  return () => page.evaluate(() => (window as unknown as { copied: string[] }).copied);
}

/** Serious or critical axe violations in the error notice, light and dark, with its details open. */
async function noticeViolations(page: Page): Promise<string[]> {
  await page.locator('.error-report summary').click();
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).include('.error-report').analyze();
    for (const v of violations) {
      if (v.impact === 'serious' || v.impact === 'critical')
        found.push(
          `[${colorScheme}] ${v.id}: ${v.help} at ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')}`,
        );
    }
  }
  await page.emulateMedia({ colorScheme: null });
  return found;
}

function expectNoPersonalData(text: string) {
  for (const item of PERSONAL) expect(text).not.toContain(item);
}

describe('an unexpected error on an extension page', () => {
  it('is shown with details to copy, free of personal data, and kept in the local log', async () => {
    const page = await ext().context.newPage();
    await page.goto(ext().extensionUrl('options.html'));
    await waitForReady(page);
    const copied = await interceptClipboard(page);
    await page.evaluate(() => chrome.storage.local.remove('errorLog'));
    expect(await page.getByRole('alert').count()).toBe(0);

    // Thrown outside any handler, so it reaches the window as an uncaught error would.
    await page.evaluate(() => {
      setTimeout(() => {
        throw new TypeError(
          'Could not save notes: Sam Jones (sam.jones@ageuk.example) at https://meet.google.com/x?authuser=1 — 07700900123',
        );
      });
    });
    const notice = page.getByRole('alert');
    await expect.poll(() => notice.textContent()).toContain(en.errorReport_notice.message);
    expectNoPersonalData((await notice.textContent()) ?? '');

    await notice.getByRole('button', { name: en.errorReport_copy.message }).click();
    await expect.poll(() => notice.getByRole('status').textContent()).toBe(en.errorReport_copied.message);
    const [text] = await copied();
    expect(text).toMatch(
      /^Partnership Pulse error report\nError: TypeError\nMessage: \(withheld: it may hold personal text\)\n/,
    );
    expect(text).toContain('\nPage: options\n');
    expect(text).toMatch(/\nVersion: \d+\.\d+\.\d+\n/);
    expect(text).toMatch(/\nBrowser: Chrome \d+\n/);
    // Thrown from the test's own script, so its one frame is from outside the extension.
    expect(text).toMatch(/\nStack:\n {2}at .*\((\/[^)]*\.js|<external>):\d+:\d+\)/);
    expect(text).not.toContain('chrome-extension://');
    expectNoPersonalData(text!);

    const log = async () =>
      (await page.evaluate(() => chrome.storage.local.get('errorLog'))).errorLog as ErrorLogEntry[] | undefined;
    await expect.poll(async () => (await log())?.length).toBe(1);
    const [entry] = (await log())!;
    expect(entry).toMatchObject({ page: 'options', message: 'TypeError' });
    expectNoPersonalData(JSON.stringify(entry));

    expect(await noticeViolations(page)).toEqual([]);
    await notice.getByRole('button', { name: en.errorReport_dismiss.message }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('includes a rejected promise nobody waited for, on the dashboard', async () => {
    const page = await ext().context.newPage();
    await page.goto(ext().extensionUrl('dashboard.html'));
    await page.evaluate(() => chrome.storage.local.remove('errorLog'));
    await page.evaluate(() => {
      void Promise.reject(new RangeError('No partnership "Leeds Food Network"'));
    });
    const notice = page.getByRole('alert');
    await expect.poll(() => notice.textContent()).toContain(en.errorReport_notice.message);
    const entries = async () =>
      ((await page.evaluate(() => chrome.storage.local.get('errorLog'))).errorLog ?? []) as ErrorLogEntry[];
    await expect
      .poll(async () => (await entries()).map((e) => `${e.page} ${e.message}`))
      .toEqual(['dashboard RangeError']);
    await page.close();
  });
});

describe('an unexpected error in the side panel on a call', () => {
  it("is shown over the meeting form with details to copy, scrubbed, and kept in the log as the panel's", async () => {
    const call = await ext().context.newPage();
    await routeFixture(call, 'https://meet.google.com/**', 'tests/fixtures/meet/small-call.html');
    await call.goto('https://meet.google.com/xkr-pqnd-tws');
    const panel = await openPanel(ext(), await tabIdOf(call));
    await waitForReady(panel);
    const copied = await interceptClipboard(panel);
    await panel.evaluate(() => chrome.storage.local.remove('errorLog'));
    expect(await panel.getByRole('alert').count()).toBe(0);

    await panel.evaluate(() => {
      setTimeout(() => {
        throw new Error('Attendee Sam Jones <sam.jones@ageuk.example> not mapped to Leeds Food Network');
      });
    });
    const notice = panel.getByRole('alert');
    await expect.poll(() => notice.textContent()).toContain(en.errorReport_notice.message);
    // The form the lead was typing in is still there beside the notice.
    expect(await panel.getByRole('button', { name: en.saveMeeting.message }).count()).toBe(1);

    await notice.getByRole('button', { name: en.errorReport_copy.message }).click();
    await expect.poll(() => notice.getByRole('status').textContent()).toBe(en.errorReport_copied.message);
    const [text] = await copied();
    expect(text).toContain('\nPage: sidepanel\n');
    expectNoPersonalData(text!);
    const entries = async () =>
      ((await panel.evaluate(() => chrome.storage.local.get('errorLog'))).errorLog ?? []) as ErrorLogEntry[];
    await expect.poll(async () => (await entries()).map((e) => e.page)).toEqual(['sidepanel']);
    expectNoPersonalData(JSON.stringify(await entries()));

    expect(await noticeViolations(panel)).toEqual([]);
    await panel.close();
    await call.close();
  });
});

describe('an unexpected error in the background', () => {
  it('is kept in the local log, scrubbed', async () => {
    const worker = ext().serviceWorker;
    await worker.evaluate(() => chrome.storage.local.remove('errorLog'));
    await worker.evaluate(() => {
      setTimeout(() => {
        throw new Error('Snapshot not saved for participant: Sam Jones <sam.jones@ageuk.example>');
      });
      void Promise.reject(new TypeError('No tab 123456'));
    });
    const entries = async () =>
      ((await worker.evaluate(() => chrome.storage.local.get('errorLog'))).errorLog ?? []) as ErrorLogEntry[];
    await expect
      .poll(async () => (await entries()).map((e) => `${e.page} ${e.message}`).sort())
      .toEqual(['background Error', 'background TypeError']);
  });
});

describe('an unexpected error in the partner widget', () => {
  it('is shown with details to copy, without the invite or the folder it was opened from', async () => {
    const page = await ext().context.newPage();
    await page.goto(widgetUrl('PP1.not-a-real-invite'));
    const copied = await interceptClipboard(page);
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error(`Unreadable answer from sam.jones@ageuk.example at ${location.href}`);
      });
    });
    const notice = page.getByRole('alert').filter({ hasText: strings.somethingWentWrong });
    await expect.poll(() => notice.count()).toBe(1);
    await notice.getByRole('button', { name: strings.copyDetails }).click();
    await expect.poll(() => notice.getByRole('status').textContent()).toBe(strings.detailsCopied);
    const [text] = await copied();
    expect(text).toContain('\nError: Error\n');
    expect(text).toContain('\nPage: widget\n');
    expect(text).not.toContain('not-a-real-invite');
    expect(text).not.toContain(path.dirname(WIDGET_FILE));
    expectNoPersonalData(text!);

    expect(await noticeViolations(page)).toEqual([]);
    await notice.getByRole('button', { name: strings.dismiss }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await page.close();
  });
});
