import { beforeAll, describe, expect, it } from 'vitest';
import { waitForReady } from '../harness';
import { useExtension } from '../harness/vitest';
import { setUpPartnership } from '../harness/pages/manage';
import { openPulses } from '../harness/pages/panel';

// The start-a-pulse form reads its partnership's meetings through the one live-query helper
// (useLiveQuery): a meeting saved in another page while the form is open joins its list at once.

const ext = useExtension();
const PARTNERSHIP = 'Curlew Valley Partnership';
const MEMBERS = [
  ['Curlew Food Bank', 'lead'],
  ['Curlew District Council', 'core'],
] as const;

beforeAll(async () => {
  const manage = await setUpPartnership(ext(), PARTNERSHIP, MEMBERS);
  await manage.close();
});

describe("the start-a-pulse form's meetings", () => {
  it('lists a meeting saved in another page while the form is open, without a reload', async () => {
    const panel = await openPulses(ext());
    await panel.getByRole('button', { name: 'Start a pulse' }).click();
    await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: PARTNERSHIP });
    const options = panel.getByLabel('After the meeting').locator('option');
    await expect.poll(() => options.allTextContents()).toEqual(['None – a period instead']);

    const other = await ext().context.newPage();
    await other.goto(ext().extensionUrl('sidepanel.html'));
    await waitForReady(other);
    await other.getByRole('button', { name: 'New meeting' }).click();
    await other.getByLabel('Partnership', { exact: true }).selectOption({ label: PARTNERSHIP });
    await other.getByLabel('Title').fill('Curlew core partners call');
    await other.getByLabel('Start').fill('2026-11-20T14:00');
    await other.getByLabel('Add someone by name').fill('Ana Ward');
    await other.getByRole('button', { name: 'Add attendee' }).click();
    await other.getByRole('button', { name: 'Save meeting' }).click();
    await other.locator('.meeting-list li', { hasText: 'Curlew core partners call' }).waitFor({ timeout: 60_000 });

    await expect
      .poll(async () => (await options.allTextContents()).map((text) => text.replace(/ \(.*\)$/, '')), {
        timeout: 30_000,
      })
      .toEqual(['None – a period instead', 'Curlew core partners call']);
    await other.close();
    await panel.close();
  }, 180_000);
});
