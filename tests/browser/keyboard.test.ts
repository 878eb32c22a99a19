import { beforeAll, describe, expect, it } from 'vitest';
import { generatePulseKeys } from '../../utils/pulse/keys';
import { strings } from '../../widget/strings';
import { openExtensionPage, waitForReady, UK_DESKTOP } from '../harness';
import { focusedText, tabTo } from '../harness/keyboard';
import { openWidget, testInvite } from '../harness/pages/widget';
import { useExtension } from '../harness/vitest';

// Every flow here is driven by page.keyboard alone: Tab / Shift+Tab to move, Enter / Space /
// arrows / typing to act. Locators only read (is this the focused element? what does it say?).

const ext = useExtension(UK_DESKTOP);
const PARTNERSHIP = 'Kestrel Keyboard Partnership';
const MEMBERS = [
  ['Kestrel Food Bank', 'Lead'],
  ['Kestrel Housing Trust', 'Core'],
] as const;

const openPage = (pathAndQuery: string, viewport?: { width: number; height: number }) =>
  openExtensionPage(ext(), pathAndQuery, viewport);

describe('the management page by keyboard', () => {
  it('creates a partnership and adds its member organisations', async () => {
    const page = await openPage('options.html');
    await tabTo(page, page.getByLabel('Name', { exact: true }));
    await page.keyboard.type(PARTNERSHIP);
    await tabTo(page, page.getByRole('button', { name: 'Create partnership' }));
    await page.keyboard.press('Enter');
    await page.getByText(`Members of ${PARTNERSHIP}`).waitFor();

    for (const [name, type] of MEMBERS) {
      const form = page.locator('form', { has: page.getByRole('button', { name: 'Add to partnership' }) });
      await tabTo(page, form.getByLabel('Organisation name'));
      await page.keyboard.type(name);
      await tabTo(page, form.getByLabel('Partner type'));
      // Type-ahead in a closed select picks the option that starts with what is typed.
      await page.keyboard.type(type);
      expect(await form.getByLabel('Partner type').locator('option:checked').textContent()).toBe(type);
      await tabTo(page, form.getByRole('button', { name: 'Add to partnership' }));
      await page.keyboard.press('Enter');
      await page.locator('#members-heading + ul strong', { hasText: name }).waitFor();
    }

    await page.reload();
    await waitForReady(page);
    const members = page.locator('#members-heading + ul > li');
    await expect.poll(() => members.locator('strong').allTextContents()).toEqual(MEMBERS.map(([name]) => name));
    expect(await members.nth(1).getByLabel('Partner type').inputValue()).toBe('core');
    await page.close();
  }, 180_000);
});

describe('the pulse quick round in the panel by keyboard', () => {
  it('starts a pulse and takes the scores said aloud', async () => {
    const panel = await openPage('sidepanel.html', { width: 360, height: 900 });
    await tabTo(panel, panel.getByRole('button', { name: 'Pulses' }));
    await panel.keyboard.press('Enter');
    await tabTo(panel, panel.getByRole('button', { name: 'Start a pulse' }));
    await panel.keyboard.press('Enter');
    await panel.getByRole('heading', { name: 'Start a pulse' }).waitFor();
    await tabTo(panel, panel.getByLabel('Partnership', { exact: true }));
    await panel.keyboard.type(PARTNERSHIP);
    await expect.poll(() => panel.getByLabel('Kestrel Housing Trust (Core)').isChecked()).toBe(true);
    await tabTo(panel, panel.getByRole('button', { name: 'Start pulse' }));
    await panel.keyboard.press('Enter');
    await panel.getByText('Pulse started. Send the partners the link.').waitFor();

    const firstCell = panel.locator('.quick-round input').first();
    await tabTo(panel, firstCell, { max: 120 });
    await panel.keyboard.type('45230');
    await panel.keyboard.type('214');
    await panel.keyboard.press('Backspace');
    await panel.keyboard.press('ArrowRight');
    await panel.keyboard.type('5');
    expect(await focusedText(panel)).toBe('Save quick round');
    await panel.keyboard.press('Enter');
    await panel.getByText('Quick round saved: 2 responses, marked as entered by you.').waitFor();
    expect(await panel.locator('.live-state .response-count').textContent()).toBe(
      'Responses: 2 · invited organisations: 2',
    );
    await panel.close();
  }, 180_000);
});

describe('the dashboard by keyboard', () => {
  beforeAll(async () => {
    const manage = await openPage('options.html');
    await tabTo(manage, manage.getByRole('button', { name: 'Load sample data' }));
    await manage.keyboard.press('Enter');
    await manage.getByText('Sample data loaded.').waitFor();
    await manage.close();
  });

  it('changes the filters, opens a data table and the annual review', async () => {
    const page = await openPage('dashboard.html');
    await page.locator('canvas[data-points]').first().waitFor();
    const showing = () => page.locator('.dashboard-header .meta').textContent();
    const before = await showing();

    // Untick one partnership with Space.
    const kestrel = page.getByRole('checkbox', { name: PARTNERSHIP });
    await tabTo(page, kestrel);
    await page.keyboard.press('Space');
    await expect.poll(() => kestrel.isChecked()).toBe(false);
    await expect.poll(showing).not.toBe(before);
    // The other partnerships are now chosen one by one in the URL.
    expect(new URL(page.url()).searchParams.getAll('partnership').length).toBeGreaterThan(0);

    // Partner type: the arrow moves a closed select to the next option.
    const type = page.locator('#filter-type');
    await tabTo(page, type);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => new URL(page.url()).searchParams.get('type')).toBe('lead');
    // Shift+Tab back to the partnerships and tick it again.
    await tabTo(page, kestrel, { backwards: true });
    await page.keyboard.press('Space');
    await expect.poll(() => kestrel.isChecked()).toBe(true);

    // A chart's data table, behind its toggle.
    const toggle = page.locator('[data-chart="agenda"]').getByRole('button', { name: /data table/ });
    await tabTo(page, toggle);
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    await page.locator('[data-chart="agenda"] table').waitFor();
    await page.keyboard.press('Space');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');

    // The annual review pack: choose a partnership, then follow the link.
    const reviewPartnership = page.locator('#review-partnership');
    await tabTo(page, reviewPartnership);
    await page.keyboard.type('Active Northmoor');
    const chosen = await reviewPartnership.locator('option:checked').textContent();
    expect(chosen).toMatch(/^Active Northmoor/);
    await tabTo(page, page.getByRole('link', { name: 'Open the annual review' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/view=review/);
    await waitForReady(page);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(`: ${chosen},`);
    await page.close();
  }, 180_000);
});

describe('the partner widget by keyboard', () => {
  it('answers a pulse and copies the code, every step visibly focused', async () => {
    const keys = await generatePulseKeys();
    const invite = testInvite(
      keys.publicKeyJwk,
      [
        { id: 'trust', wording: 'I trust the other partners.', scale: 'agree5', dimension: 'trust' },
        { id: 'change', wording: 'What one thing should change?', scale: 'text' },
      ],
      { partnershipName: PARTNERSHIP },
    );
    const page = await openWidget(ext().context, invite);

    const wider = page.getByRole('radio', { name: new RegExp(strings.partnerTypes.wider[0]) });
    await tabTo(page, page.getByRole('radio').first());
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await wider.isChecked()).toBe(true);
    const trust = page.getByRole('group', { name: invite.questions[0]!.wording }).getByRole('radio');
    await tabTo(page, trust.first());
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
    expect(await trust.nth(3).isChecked()).toBe(true);
    await tabTo(page, page.getByLabel(invite.questions[1]!.wording));
    await page.keyboard.type('Agendas a week ahead.');
    await tabTo(page, page.getByRole('button', { name: strings.submit }));
    await page.keyboard.press('Enter');

    const codeBox = page.getByLabel(strings.codeLabel);
    await codeBox.waitFor();
    await ext().context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await tabTo(page, page.getByRole('button', { name: strings.copy }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toBe(strings.copied);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await codeBox.inputValue());
    await page.close();
  }, 180_000);
});
