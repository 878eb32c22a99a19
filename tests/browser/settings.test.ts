import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readLiveState, routeFixture, tabIdOf, waitForLiveState, waitForReady } from '../harness';
import { useExtension } from '../harness/vitest';

const ext = useExtension();

async function setMeetEnabled(options: Page, enabled: boolean): Promise<void> {
  const box = options.getByRole('checkbox', { name: 'Google Meet' });
  if (enabled) await box.check();
  else await box.uncheck();
}

describe('switching a platform off in the settings', () => {
  it('stops its content script reading the page, and switching it on again starts it', async () => {
    const options = await ext().context.newPage();
    await options.goto(ext().extensionUrl('options.html'));
    await waitForReady(options);
    await setMeetEnabled(options, false);

    const call = await ext().context.newPage();
    await routeFixture(call, 'https://meet.google.com/**', 'tests/fixtures/meet/small-call.html');
    await call.goto('https://meet.google.com/xkr-pqnd-tws');
    const tabId = await tabIdOf(call);
    // The watcher sends within a second of reading a page; give it three.
    await call.waitForTimeout(3_000);
    expect(await readLiveState(ext(), tabId)).toBeUndefined();

    await setMeetEnabled(options, true);
    const state = await waitForLiveState(ext(), tabId, (s) => (s.call?.participants.length ?? 0) > 0);
    expect(state.call?.callKey).toBe('meet:xkr-pqnd-tws');
    await call.close();
    await options.close();
  });
});
