import { describe, expect, it } from 'vitest';
import type { Browser } from '#imports';
import { routeHtml, tabIdOf, waitFor } from '../harness';
import { useExtension } from '../harness/vitest';

declare const chrome: typeof Browser;

const ext = useExtension();

async function panelOptions(tabId: number) {
  return ext().serviceWorker.evaluate((id) => chrome.sidePanel.getOptions({ tabId: id }), tabId);
}

describe('the side panel', () => {
  it('is bound to each call or calendar tab, and switched off everywhere else', async () => {
    await routeHtml(ext().context, 'https://meet.google.com/**', '<title>Meet</title>');
    await routeHtml(ext().context, 'https://news.example/**', '<title>Elsewhere</title>');
    const call = await ext().context.newPage();
    await call.goto('https://meet.google.com/abc-defg-hij');
    const other = await ext().context.newPage();
    await other.goto('https://news.example/today');
    const callTab = await tabIdOf(call);
    const otherTab = await tabIdOf(other);

    await waitFor(async () => (await panelOptions(callTab)).enabled === true, {
      message: () => 'the panel to be switched on for the Meet tab',
    });
    expect(await panelOptions(callTab)).toMatchObject({ enabled: true, path: `sidepanel.html?tab=${callTab}` });
    expect((await panelOptions(otherTab)).enabled).toBe(false);
    expect((await ext().serviceWorker.evaluate(() => chrome.sidePanel.getOptions({}))).enabled).toBe(false);

    // Leaving the call for another site switches the panel off for that tab.
    await call.goto('https://news.example/after-the-call');
    await waitFor(async () => (await panelOptions(callTab)).enabled === false, {
      message: () => 'the panel to be switched off after leaving the call',
    });
    await call.close();
    await other.close();
  });
});
