import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForReady } from '../harness';
import { useExtension } from '../harness/vitest';

const ext = useExtension();

async function openManage(): Promise<Page> {
  const page = await ext().context.newPage();
  await page.goto(ext().extensionUrl('options.html'));
  await waitForReady(page);
  return page;
}

describe('the management page', () => {
  it('refuses a partnership without a name and stores nothing', async () => {
    const page = await openManage();
    await page.getByRole('button', { name: 'Create partnership' }).click();
    await expectText(page, 'Please fill this in.');
    await page.reload();
    await waitForReady(page);
    expect(await page.getByText('No partnerships yet').count()).toBe(1);
    await page.close();
  });

  it('creates a partnership with cadence targets and member organisations that survive a reload', async () => {
    const page = await openManage();
    await page.getByLabel('Name', { exact: true }).fill('Riverside Food Partnership');
    await page.getByLabel('Start date').fill('2026-03-01');
    await page.getByLabel('Wider meetings: every (days)').fill('120');
    await page.getByRole('button', { name: 'Create partnership' }).click();
    await expectText(page, 'Members of Riverside Food Partnership');

    await page.getByLabel('Organisation name').fill('Riverside Food Bank');
    await page.getByLabel('Email domains').fill('riversidefood.example, @RFB.example');
    await page.getByLabel('Partner type').selectOption('lead');
    await page.getByLabel('Joined').fill('2026-03-01');
    await page.getByRole('button', { name: 'Add to partnership' }).click();
    await expectText(page, 'Riverside Food Bank');
    // The type goes back to core after each member added: a second lead is never one slip away.
    expect(await page.locator('#add-member-type').inputValue()).toBe('core');

    await page.getByLabel('Organisation name').fill('Eastside Tenants Group');
    await page.getByLabel('Partner type', { exact: true }).last().selectOption('wider');
    await page.getByRole('button', { name: 'Add to partnership' }).click();
    await expectText(page, 'Eastside Tenants Group');

    // The wider partner leaves when its funding ends.
    await page.getByLabel('Left (leave empty while a member)').last().fill('2026-09-30');
    // Shown as a date in the browser's language, not as the stored yyyy-mm-dd.
    const leftOn = await page.evaluate(() =>
      new Intl.DateTimeFormat(navigator.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        Date.UTC(2026, 8, 30),
      ),
    );
    expect(leftOn).not.toContain('2026-09-30');
    await expectText(page, `Left on ${leftOn}`);

    await page.reload();
    await waitForReady(page);
    expect(await page.getByLabel('Partnership', { exact: true }).inputValue()).not.toBe('');
    expect(await page.getByLabel('Wider meetings: every (days)').inputValue()).toBe('120');
    const members = page.locator('#members-heading + ul > li');
    expect(await members.count()).toBe(2);
    expect(await members.nth(0).locator('strong').textContent()).toBe('Riverside Food Bank');
    expect(await members.nth(0).getByLabel('Partner type').inputValue()).toBe('lead');
    expect(await members.nth(0).getByLabel('Email domains').inputValue()).toBe('riversidefood.example, rfb.example');
    expect(await members.nth(1).getByLabel('Left (leave empty while a member)').inputValue()).toBe('2026-09-30');
    await page.close();
  });

  it('updates other open pages live when a record changes', async () => {
    const panel = await ext().context.newPage();
    await panel.goto(ext().extensionUrl('sidepanel.html'));
    await waitForReady(panel);
    await panel.getByRole('button', { name: 'New meeting' }).click();
    const choices = panel.getByLabel('Partnership', { exact: true }).locator('option');
    expect(await choices.allTextContents()).not.toContain('Westbrook Youth Partnership');

    const page = await openManage();
    await page.getByLabel('Partnership', { exact: true }).selectOption({ label: '+ New partnership' });
    await page.getByLabel('Name', { exact: true }).fill('Westbrook Youth Partnership');
    await page.getByRole('button', { name: 'Create partnership' }).click();
    await expectText(page, 'Members of Westbrook Youth Partnership');

    // No reload: the panel hears of the new partnership through the BroadcastChannel.
    await expect.poll(() => choices.allTextContents()).toContain('Westbrook Youth Partnership');
    await page.close();
    await panel.close();
  });

  it('loads the sample data and removes exactly it again', async () => {
    const page = await openManage();
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expectText(page, 'Sample data loaded.');
    const options = page.getByLabel('Partnership', { exact: true }).locator('option');
    await expect.poll(() => options.count()).toBe(5); // the user's two, two sample, "+ New partnership"

    await page.getByRole('button', { name: 'Remove sample data' }).click();
    await expectText(page, 'Sample data removed.');
    await expect
      .poll(() => options.allTextContents())
      .toEqual(['Riverside Food Partnership', 'Westbrook Youth Partnership', '+ New partnership']);
    await page.close();
  });
});

async function expectText(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor({ timeout: 10_000 });
}
