// Attacker's test: a plain-http workspace address over a network (a man in the middle reads the
// password and every record, and can answer in the server's place) is refused at the connect
// screen, before the browser is asked for anything and before anything is sent.
import { describe, expect, it } from 'vitest';
import type { Browser } from '#imports';
import { ManagePage } from '../harness/pages/manage';
import { useExtension } from '../harness/vitest';

declare const chrome: typeof Browser;

const ext = useExtension();

describe('connecting to a workspace over plain http', () => {
  it('is refused for a server on the network, saying why, with no request to it', async () => {
    const asked: string[] = [];
    await ext().context.route('http://couch.example.org/**', async (route) => {
      asked.push(route.request().url());
      await route.abort();
    });
    const manage = await ManagePage.open(ext());
    const page = manage.page;
    await page.getByLabel('Server address').fill('http://couch.example.org');
    await page.getByLabel('User name').fill('pp-test-ana');
    await page.getByLabel('Password', { exact: true }).fill('ana-password');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByText(/Plain http:\/\/ is taken only for a server on this computer/).waitFor();
    expect(asked).toEqual([]);
    // Nothing saved: no connection, and the password nowhere in the extension's storage.
    const stored = await ext().serviceWorker.evaluate(() => chrome.storage.local.get(null));
    expect(stored.workspace ?? null).toBeNull();
    expect(JSON.stringify(stored)).not.toContain('ana-password');
    await manage.close();
  });
});
