import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePulseKeys } from '../../utils/pulse/keys';
import { strings } from '../../widget/strings';
import { openExtensionPage, openPanel, routeFixture, tabIdOf, waitForLiveState, waitForReady } from '../harness';
import { UK_LOCALE } from '../harness/extension';
import { loadSampleData as loadSampleDataFor } from '../harness/pages/manage';
import { openWidget, testInvite } from '../harness/pages/widget';
import { useExtension } from '../harness/vitest';

const ext = useExtension(UK_LOCALE);
const SCHEMES = ['light', 'dark'] as const;
const BLOCKING = new Set(['serious', 'critical']);
const SAMPLE_PARTNERSHIP = 'Northmoor Hardship Crisis Partnership';
// axe looks at every node twice (light and dark): a full dashboard takes a while on 2 cores.
const SCAN_TIMEOUT = 240_000;

/** The serious and critical violations axe finds on the page as it is now, one line each. */
async function blockingViolations(page: Page): Promise<string[]> {
  const { violations, passes } = await new AxeBuilder({ page }).analyze();
  expect(passes.length, 'axe checked nothing: is the page empty?').toBeGreaterThan(0);
  return violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .flatMap((v) =>
      v.nodes.map((node) => {
        const summary = node.failureSummary ? `\n      ${node.failureSummary.replaceAll('\n', '\n      ')}` : '';
        return `${v.id} (${v.impact}) at ${node.target.join(' ')}: ${v.help}${summary}`;
      }),
    );
}

/** Scans the page in light and in dark mode; fails listing every serious or critical violation. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const found: string[] = [];
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    // Let the style (and charts that follow the scheme) redraw before looking.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    for (const line of await blockingViolations(page)) found.push(`[${colorScheme}] ${line}`);
  }
  await page.emulateMedia({ colorScheme: null });
  expect(found, `${what}: ${found.length} serious or critical violation(s)\n  ${found.join('\n  ')}`).toEqual([]);
}

const openPage = (pathAndQuery: string, viewport?: { width: number; height: number }) =>
  openExtensionPage(ext(), pathAndQuery, viewport);

const loadSampleData = () => loadSampleDataFor(ext());

/** The saved small Meet call on its real address, once the extension has read who is there. */
async function openSmallCall() {
  const call = await ext().context.newPage();
  await routeFixture(call, 'https://meet.google.com/**', 'tests/fixtures/meet/small-call.html');
  await call.goto('https://meet.google.com/xkr-pqnd-tws');
  const tabId = await tabIdOf(call);
  await waitForLiveState(ext(), tabId, (s) => (s.call?.participants.length ?? 0) > 0);
  return { call, tabId };
}

describe('accessibility before any data', () => {
  it(
    'the empty dashboard',
    async () => {
      const page = await openPage('dashboard.html', { width: 1280, height: 900 });
      await page.getByRole('heading', { name: 'Nothing to show yet' }).waitFor();
      await expectAccessible(page, 'empty dashboard');
      await page.close();
    },
    SCAN_TIMEOUT,
  );

  it(
    'the empty management page',
    async () => {
      const page = await openPage('options.html');
      await page.getByText('No partnerships yet').waitFor();
      await expectAccessible(page, 'empty management page');
      await page.close();
    },
    SCAN_TIMEOUT,
  );

  it(
    "the first run in a 320 px panel on a call, and the workspace connect screen's field errors",
    async () => {
      const { call, tabId } = await openSmallCall();
      const panel = await openPanel(ext(), tabId);
      await panel.setViewportSize({ width: 320, height: 720 });
      await waitForReady(panel);
      await panel.getByRole('heading', { name: 'Set up your first partnership' }).waitFor();
      await expectAccessible(panel, 'side panel, first run on a call at 320 px');
      await panel.close();
      await call.close();

      const page = await openPage('options.html', { width: 320, height: 720 });
      const workspace = page.getByRole('region', { name: 'Shared workspace' });
      await workspace.getByRole('button', { name: 'Connect' }).click();
      await workspace.locator('#workspace-server-error').waitFor();
      await expectAccessible(page, 'management page, workspace address missing');
      await page.close();
    },
    SCAN_TIMEOUT,
  );
});

describe('accessibility with the sample data', () => {
  beforeAll(loadSampleData);

  it(
    "a closed pulse's results first in a 320 px panel, and a CSV being mapped on the dashboard",
    async () => {
      const panel = await openPage('sidepanel.html', { width: 320, height: 720 });
      await panel.getByRole('button', { name: 'Pulses' }).click();
      await panel.locator('.means-line').waitFor();
      await expectAccessible(panel, 'side panel, closed pulse at 320 px');
      await panel.close();

      const page = await openPage('dashboard.html', { width: 320, height: 720 });
      await page.getByRole('button', { name: 'Import data' }).click();
      await page.locator('#import-file').setInputFiles({
        name: 'survey.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Date,Organisation,Trust\n2026-10-01,Food Bank,4\n2026-10-02,Council\n'),
      });
      await page.getByRole('heading', { name: 'Import an earlier survey: survey.csv' }).waitFor();
      await expectAccessible(page, 'dashboard, CSV import mapping at 320 px');
      await page.close();
    },
    SCAN_TIMEOUT,
  );

  it(
    'the side panel on a call: the meeting form and the health strip',
    async () => {
      const { call, tabId } = await openSmallCall();
      const panel = await openPanel(ext(), tabId);
      await waitForReady(panel);
      await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: SAMPLE_PARTNERSHIP });
      await panel.getByRole('region', { name: `How ${SAMPLE_PARTNERSHIP} is doing` }).waitFor();
      await panel.locator('.attendee-name').first().waitFor();
      await expectAccessible(panel, 'side panel, meeting form on a call');

      await panel.getByRole('button', { name: 'Meetings' }).click();
      await panel.locator('.meeting-list li').first().waitFor();
      await expectAccessible(panel, 'side panel, meeting list');

      await panel.getByRole('button', { name: 'Pulses' }).click();
      await panel.getByRole('button', { name: 'Start a pulse' }).waitFor();
      await panel.locator('.live-state, .question-result').first().waitFor();
      await expectAccessible(panel, 'side panel, pulses');

      await panel.getByRole('button', { name: 'Start a pulse' }).click();
      await panel.getByRole('heading', { name: 'Start a pulse' }).waitFor();
      await expectAccessible(panel, 'side panel, start a pulse');
      await panel.close();
      await call.close();
    },
    SCAN_TIMEOUT,
  );

  it(
    'the dashboard with charts, filters and every data table open',
    async () => {
      const page = await openPage('dashboard.html', { width: 1280, height: 900 });
      await page.locator('canvas[data-points]').first().waitFor();
      const toggles = page.getByRole('button', { name: /data table/ });
      const count = await toggles.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i += 1) {
        if ((await toggles.nth(i).getAttribute('aria-expanded')) !== 'true') await toggles.nth(i).click();
      }
      await expect.poll(() => page.locator('[data-chart] table').count()).toBe(count);
      await expectAccessible(page, 'dashboard with sample data');
      await page.close();
    },
    SCAN_TIMEOUT,
  );

  it(
    'the annual review pack',
    async () => {
      const page = await openPage('dashboard.html', { width: 1280, height: 900 });
      await page
        .getByRole('link', { name: /review/i })
        .first()
        .click();
      await waitForReady(page);
      const heading = page.getByRole('heading', { level: 1 });
      await heading.waitFor();
      // The tab's title names the pack (and so does a PDF printed from it).
      expect(await page.title()).toBe(`Partnership Pulse – ${await heading.textContent()}`);
      await expectAccessible(page, 'annual review pack');
      await page.close();
    },
    SCAN_TIMEOUT,
  );

  it(
    'the management page with a partnership open',
    async () => {
      const page = await openPage('options.html');
      await page.getByLabel('Partnership', { exact: true }).selectOption({ label: SAMPLE_PARTNERSHIP });
      await page.getByText(`Members of ${SAMPLE_PARTNERSHIP}`).waitFor();
      await expectAccessible(page, 'management page');
      await page.close();
    },
    SCAN_TIMEOUT,
  );
});

describe('accessibility of the partner widget', () => {
  it(
    'the invite form, its error and the code after submitting',
    async () => {
      const keys = await generatePulseKeys();
      const invite = testInvite(keys.publicKeyJwk, [
        { id: 'trust', wording: 'I trust the other partners.', scale: 'agree5', dimension: 'trust' },
        { id: 'nps', wording: 'How much would you want to keep working together?', scale: 'zeroTen' },
        { id: 'change', wording: 'What one thing should change?', scale: 'text' },
      ]);
      const page = await openWidget(ext().context, invite);
      await expectAccessible(page, 'widget, invite form');

      await page.getByRole('button', { name: strings.submit }).click();
      await page.getByText(strings.partnerTypeRequired).waitFor();
      await expectAccessible(page, 'widget, missing partner type');

      await page.getByText(strings.partnerTypes.core[0]).click();
      await page.getByRole('button', { name: strings.submit }).click();
      await page.getByLabel(strings.codeLabel).waitFor();
      await expectAccessible(page, 'widget, code to send');
      await page.close();
    },
    SCAN_TIMEOUT,
  );
});
