import { describe, expect, it } from 'vitest';
import { waitForReady } from '../harness';
import { useExtension } from '../harness/vitest';

const ext = useExtension();

describe("the panel's health strip", () => {
  it("shows the chosen partnership's last pulse and days since each kind of meeting, live", async () => {
    const options = await ext().context.newPage();
    await options.goto(ext().extensionUrl('options.html'));
    await waitForReady(options);
    await options.getByRole('button', { name: 'Load sample data' }).click();
    await options.getByText('Sample data loaded.').waitFor();

    const panel = await ext().context.newPage();
    await panel.setViewportSize({ width: 360, height: 800 });
    await panel.goto(ext().extensionUrl('sidepanel.html'));
    await waitForReady(panel);
    await panel.getByRole('button', { name: 'New meeting' }).click();
    await panel
      .getByLabel('Partnership', { exact: true })
      .selectOption({ label: 'Northmoor Hardship Crisis Partnership' });
    const strip = panel.getByRole('region', { name: 'How Northmoor Hardship Crisis Partnership is doing' });
    await strip.waitFor();

    // The last held core meeting, straight from the database, against what the strip says.
    const lastCoreDays = await panel.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('partnership-pulse');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('partnerships').objectStore('partnerships').getAll();
            request.onsuccess = () => {
              const partnership = request.result.find(
                (p: { name: string }) => p.name === 'Northmoor Hardship Crisis Partnership',
              );
              const meetings = open.result
                .transaction('meetings')
                .objectStore('meetings')
                .index('by-partnership-start')
                .getAll(IDBKeyRange.bound([partnership.id, 0], [partnership.id, Date.now()]));
              meetings.onsuccess = () => {
                const core = meetings.result.filter(
                  (m: { kind: string; status: string; deletedAt?: number }) =>
                    m.kind === 'core' && m.status === 'held' && !m.deletedAt,
                );
                const last = Math.max(...core.map((m: { startAt: number }) => m.startAt));
                const day = (ms: number) => {
                  const d = new Date(ms);
                  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
                };
                resolve(Math.round((day(Date.now()) - day(last)) / 86_400_000));
              };
            };
          };
        }),
    );
    await expect
      .poll(() => strip.textContent())
      .toContain(`Core meeting: ${lastCoreDays} days ago (target: every 42 days)`);
    // The sample data's last pulse for this partnership: each dimension has a value or the threshold label.
    const pulseLine = await strip.locator('p').textContent();
    for (const dimension of ['Trust', 'Equity', 'Flexibility', 'Communication'])
      expect(pulseLine).toMatch(new RegExp(`${dimension} (\\d\\.\\d|fewer than \\d responses)`));

    // A core meeting logged today moves the strip without a reload.
    await panel.getByLabel('Title').fill('Core partners check-in');
    await panel.getByLabel('Kind of meeting').selectOption({ label: 'Core meeting' });
    await panel.getByRole('button', { name: 'Save meeting' }).click();
    await panel.getByRole('button', { name: 'New meeting' }).click();
    await panel
      .getByLabel('Partnership', { exact: true })
      .selectOption({ label: 'Northmoor Hardship Crisis Partnership' });
    await expect.poll(() => strip.textContent()).toContain('Core meeting: today (target: every 42 days)');
    await panel.close();
    await options.close();
  });
});
