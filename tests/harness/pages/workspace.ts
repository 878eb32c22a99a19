import type { Page } from 'playwright-core';

export interface WorkspaceLogin {
  /** The server's address, e.g. the stand-in's `couch.url`. */
  url: string;
  prefix: string;
  name: string;
  password: string;
}

/**
 * On the management page: connects to the workspace and waits until it says who is signed in.
 * When that does not come, the error carries what the workspace section shows instead.
 */
export async function signIn(page: Page, login: WorkspaceLogin): Promise<void> {
  await page.getByLabel('Server address').fill(login.url);
  await page.getByLabel('Database name prefix').fill(login.prefix);
  await page.getByLabel('User name').fill(login.name);
  await page.getByLabel('Password', { exact: true }).fill(login.password);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page
    .getByText(`as ${login.name}.`)
    .waitFor({ timeout: 30_000 })
    .catch(async (error: unknown) => {
      const shown = await page
        .locator('section[aria-labelledby="workspace-heading"]')
        .innerText()
        .catch(() => '');
      throw new Error(`${String(error)}\nThe workspace section shows: ${shown}`);
    });
}

export interface ShareOptions {
  /** The one partnership to tick (by its label); every one offered when absent. */
  partnership?: string;
  syncTimeout?: number;
}

/** Ticks the partnerships to share, saves, and waits for the first sync to be done ("Last synced"). */
export async function shareAndSync(
  page: Page,
  { partnership, syncTimeout = 60_000 }: ShareOptions = {},
): Promise<void> {
  if (partnership !== undefined) await page.getByRole('checkbox', { name: partnership }).check();
  else {
    const boxes = page.getByRole('group', { name: 'Partnerships to share' }).getByRole('checkbox');
    for (const box of await boxes.all()) await box.check();
  }
  await page.getByRole('button', { name: 'Save what is shared' }).click();
  await page.getByText(/Last synced/).waitFor({ timeout: syncTimeout });
}

/**
 * On the management page, as a lead does: connects to the workspace, ticks `partnership` among
 * those to share, saves, and waits for the first sync to be done ("Last synced").
 */
export async function connectWorkspace(
  page: Page,
  login: WorkspaceLogin,
  partnership: string,
  { syncTimeout = 60_000 }: { syncTimeout?: number } = {},
): Promise<void> {
  await signIn(page, login);
  await shareAndSync(page, { partnership, syncTimeout });
}
