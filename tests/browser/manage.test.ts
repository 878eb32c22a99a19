import { describe, expect, it } from 'vitest';
import type { Browser } from '#imports';
import { waitForReady } from '../harness';
import { ManagePage } from '../harness/pages/manage';
import { useExtension } from '../harness/vitest';

const ext = useExtension();

// The page's global, for the functions evaluated in it.
declare const chrome: typeof Browser;

describe('the management page', () => {
  it('refuses a partnership without a name and stores nothing', async () => {
    const manage = await ManagePage.open(ext());
    await manage.submitPartnership();
    await manage.expectText('Please fill this in.');
    await manage.reload();
    expect(await manage.page.getByText('No partnerships yet').count()).toBe(1);
    await manage.close();
  });

  it('creates a partnership with cadence targets and member organisations that survive a reload', async () => {
    const manage = await ManagePage.open(ext());
    const page = manage.page;
    await manage.createPartnership({
      name: 'Riverside Food Partnership',
      startDate: '2026-03-01',
      widerEveryDays: 120,
    });
    await manage.addMember({
      name: 'Riverside Food Bank',
      emailDomains: 'riversidefood.example, @RFB.example',
      partnerType: 'lead',
      joinedOn: '2026-03-01',
    });
    // The type goes back to core after each member added: a second lead is never one slip away.
    expect(await page.locator('#add-member-type').inputValue()).toBe('core');
    await manage.addMember({ name: 'Eastside Tenants Group', partnerType: 'wider' });

    // The wider partner leaves when its funding ends.
    await page.getByLabel('Left (leave empty while a member)').last().fill('2026-09-30');
    // Shown as a date in the browser's language, not as the stored yyyy-mm-dd.
    const leftOn = await page.evaluate(() =>
      new Intl.DateTimeFormat(navigator.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        Date.UTC(2026, 8, 30),
      ),
    );
    expect(leftOn).not.toContain('2026-09-30');
    await manage.expectText(`Left on ${leftOn}`);

    await manage.reload();
    expect(await manage.partnership.inputValue()).not.toBe('');
    expect(await page.getByLabel('Wider meetings: every (days)').inputValue()).toBe('120');
    const members = manage.members;
    expect(await members.count()).toBe(2);
    expect(await members.nth(0).locator('strong').textContent()).toBe('Riverside Food Bank');
    expect(await members.nth(0).getByLabel('Partner type').inputValue()).toBe('lead');
    expect(await members.nth(0).getByLabel('Email domains').inputValue()).toBe('riversidefood.example, rfb.example');
    expect(await members.nth(1).getByLabel('Left (leave empty while a member)').inputValue()).toBe('2026-09-30');
    await manage.close();
  });

  it('updates other open pages live when a record changes', async () => {
    const panel = await ext().context.newPage();
    await panel.goto(ext().extensionUrl('sidepanel.html'));
    await waitForReady(panel);
    await panel.getByRole('button', { name: 'New meeting' }).click();
    const choices = panel.getByLabel('Partnership', { exact: true }).locator('option');
    expect(await choices.allTextContents()).not.toContain('Westbrook Youth Partnership');

    const manage = await ManagePage.open(ext());
    await manage.partnership.selectOption({ label: '+ New partnership' });
    await manage.createPartnership({ name: 'Westbrook Youth Partnership' });

    // No reload: the panel hears of the new partnership through the BroadcastChannel.
    await expect.poll(() => choices.allTextContents()).toContain('Westbrook Youth Partnership');
    await manage.close();
    await panel.close();
  });

  it('loads the sample data and removes exactly it again', async () => {
    const manage = await ManagePage.open(ext());
    await manage.page.getByRole('button', { name: 'Load sample data' }).click();
    await manage.expectText('Sample data loaded.');
    const options = manage.partnership.locator('option');
    await expect.poll(() => options.count()).toBe(5); // the user's two, two sample, "+ New partnership"

    await manage.page.getByRole('button', { name: 'Remove sample data' }).click();
    await manage.expectText('Sample data removed.');
    await expect
      .poll(() => options.allTextContents())
      .toEqual(['Riverside Food Partnership', 'Westbrook Youth Partnership', '+ New partnership']);
    await manage.close();
  });

  it('refuses the sample data while connected to a workspace not set up for it, saying why, and stores none of it', async () => {
    const manage = await ManagePage.open(ext());
    const page = manage.page;
    const server = 'http://127.0.0.1:9';
    // Connected as the connect screen leaves it, sharing a real partnership (not a sample one).
    await page.evaluate(
      (server) =>
        chrome.storage.local.set({
          workspace: { server, prefix: 'pp-', user: 'ana', partnershipIds: ['e1111111-1111-4111-8111-111111111111'] },
        }),
      server,
    );
    const options = manage.partnership.locator('option');
    const before = await options.allTextContents();
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await manage.expectText('Sample data was not loaded: this browser is connected to a shared workspace');
    await manage.reload();
    expect(await manage.partnership.locator('option').allTextContents()).toEqual(before);
    await page.evaluate(() => chrome.storage.local.remove('workspace'));
    // The background may have tried that server meanwhile: nothing went anywhere else.
    for (const url of ext().takeUnexpectedRequests()) expect(url.startsWith(server)).toBe(true);
    await manage.close();
  });

  it('refuses a partnership or organisation name of 501 characters typed in, says so at the field, keeps the text, stores nothing', async () => {
    const manage = await ManagePage.open(ext());
    const page = manage.page;
    const long = 'P'.repeat(501);
    await manage.partnership.selectOption({ label: '+ New partnership' });
    const before = await manage.partnership.locator('option').count();
    const name = page.getByLabel('Name', { exact: true });
    await name.fill(long);
    await manage.submitPartnership();
    await manage.expectText('name is too long (501, at most 500)');
    expect(await name.inputValue()).toBe(long);
    await manage.reload();
    expect(await manage.partnership.locator('option').count()).toBe(before);

    await manage.partnership.selectOption({ label: '+ New partnership' });
    await manage.createPartnership({ name: 'Limits Partnership' });
    const organisation = page.getByLabel('Organisation name');
    await organisation.fill('O'.repeat(501));
    await page.getByRole('button', { name: 'Add to partnership' }).click();
    await manage.expectText('name is too long (501, at most 500)');
    expect(await organisation.inputValue()).toBe('O'.repeat(501));
    await manage.reload();
    await manage.partnership.selectOption({ label: 'Limits Partnership' });
    await manage.expectText('Members of Limits Partnership');
    expect(await manage.members.count()).toBe(0);
    await manage.close();
  });

  it('says a bad workspace address or prefix at its field, moves the focus there, asks no permission and stores nothing', async () => {
    const manage = await ManagePage.open(ext());
    const page = manage.page;
    const section = page.getByRole('region', { name: 'Shared workspace' });
    const server = section.getByLabel('Server address');
    const prefix = section.getByLabel('Database name prefix');
    const connect = section.getByRole('button', { name: 'Connect' });
    const connection = () => page.evaluate(async () => (await chrome.storage.local.get('workspace')).workspace ?? null);

    // Nothing typed: the address field says what to type, and has the focus to type it.
    await connect.click();
    await expect.poll(() => server.getAttribute('aria-invalid')).toBe('true');
    expect(await section.locator('#workspace-server-error').textContent()).toBe(
      "Enter the server's address, starting with https:// (for example https://couch.example.org). Plain http:// is taken only for a server on this computer (localhost): over a network anyone on the way could read your password and every record.",
    );
    expect(await server.evaluate((field) => field === document.activeElement)).toBe(true);

    // A good address and a bad prefix: said at the prefix, before any permission prompt or request.
    await server.fill('https://couch.example.org');
    await prefix.fill('Bad Prefix');
    await connect.click();
    await expect.poll(() => prefix.getAttribute('aria-invalid')).toBe('true');
    expect(await section.locator('#workspace-prefix-error').textContent()).toBe(
      'The prefix takes lower-case letters, digits and _$()+/- only, and starts with a letter.',
    );
    expect(await prefix.evaluate((field) => field === document.activeElement)).toBe(true);
    expect(await server.getAttribute('aria-invalid')).toBeNull();
    expect(await connection()).toBeNull();
    await manage.close();
  });
});
