import type { Page } from 'playwright-core';

export interface WorkspaceLogin {
  /** The server's address, e.g. the stand-in's `couch.url`. */
  url: string;
  prefix: string;
  name: string;
  password: string;
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
  await page.getByLabel('Server address').fill(login.url);
  await page.getByLabel('Database name prefix').fill(login.prefix);
  await page.getByLabel('User name').fill(login.name);
  await page.getByLabel('Password', { exact: true }).fill(login.password);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByText(`as ${login.name}.`).waitFor({ timeout: 30_000 });
  await page.getByRole('checkbox', { name: partnership }).check();
  await page.getByRole('button', { name: 'Save what is shared' }).click();
  await page.getByText(/Last synced/).waitFor({ timeout: syncTimeout });
}
