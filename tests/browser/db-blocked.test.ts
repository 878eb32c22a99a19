import { describe, expect, it } from 'vitest';
import { waitForReady } from '../harness';
import { useExtension } from '../harness/vitest';

// Its own browser: the test leaves the database at a version no other test expects.
const ext = useExtension();

describe('another page holding the database', () => {
  it('shows a visible message instead of hanging when a newer version needs the database', async () => {
    const panel = await ext().context.newPage();
    await panel.goto(ext().extensionUrl('sidepanel.html'));
    await waitForReady(panel);
    expect(await panel.getByRole('alert').count()).toBe(0);

    // A newer build opening the database in another page.
    const newer = await ext().context.newPage();
    await newer.goto(ext().extensionUrl('options.html'));
    const upgraded = await newer.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const request = indexedDB.open('partnership-pulse', 1000);
          request.onsuccess = () => {
            resolve(request.result.version);
            request.result.close();
          };
          request.onerror = () => reject(request.error);
        }),
    );
    // It went through: the panel let go of its connection rather than blocking the upgrade…
    expect(upgraded).toBe(1000);
    // …and says so plainly, with a way out.
    await panel.getByText('A newer version of Partnership Pulse needs this page to reload.').waitFor();
    expect(await panel.getByRole('button', { name: 'Reload' }).count()).toBe(1);
    await newer.close();
    await panel.close();
  });
});
