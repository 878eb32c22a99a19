import { beforeAll, describe, expect, it } from 'vitest';
import { decodeInvite } from '../../utils/pulse/invite';
import { sealResponse } from '../../utils/pulse/response-code';
import { waitForReady } from '../harness';
import { useExtension } from '../harness/vitest';
import { setUpPartnership } from '../harness/pages/manage';
import { openPulses } from '../harness/pages/panel';
import { addPeople } from '../harness/pages/pulse';

// Nothing typed is lost: the start-a-pulse form (with its seat choices) and the paste box keep a
// draft through closing the panel page, and drop it once the pulse starts / the codes are added.

const ext = useExtension();
const PARTNERSHIP = 'Heron Estuary Partnership';
const MEMBERS = [
  ['Heron Food Bank', 'lead'],
  ['Heron Borough Council', 'core'],
] as const;
const HOST = 'https://pulse.heroncvs.example/pulse.html';
const RESTORED = 'Your unsaved draft was restored.';

beforeAll(async () => {
  const manage = await setUpPartnership(ext(), PARTNERSHIP, MEMBERS, { widgetHost: HOST });
  await manage.close();
});

describe('drafts on the pulse path', () => {
  it('keeps the start form, seats included, through closing the panel, and drops it when the pulse starts', async () => {
    let panel = await openPulses(ext());
    await panel.getByRole('button', { name: 'Start a pulse' }).click();
    expect(await panel.getByText(RESTORED).count()).toBe(0);
    await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: PARTNERSHIP });
    await expect.poll(() => panel.getByLabel('Heron Borough Council (Core)').first().isChecked()).toBe(true);
    await panel.getByLabel('Open for (days)').fill('9');
    await addPeople(panel, [
      ['Priya Raman', 'Heron Food Bank (Lead)'],
      ['Not Coming', 'Heron Borough Council (Core)'],
    ]);
    await panel.getByLabel('Not Coming', { exact: true }).uncheck();
    await panel.getByLabel('Add a person by name').fill('Tom Fair');
    await panel.close();

    panel = await openPulses(ext());
    await panel.getByRole('button', { name: 'Start a pulse' }).click();
    await panel.getByText(RESTORED).waitFor();
    expect(await panel.getByLabel('Partnership', { exact: true }).inputValue()).not.toBe('');
    expect(await panel.getByLabel('Partnership', { exact: true }).locator('option:checked').textContent()).toBe(
      PARTNERSHIP,
    );
    expect(await panel.getByLabel('Open for (days)').inputValue()).toBe('9');
    expect(await panel.getByLabel('Priya Raman', { exact: true }).isChecked()).toBe(true);
    expect(await panel.getByLabel('Not Coming', { exact: true }).isChecked()).toBe(false);
    expect(await panel.getByLabel('Add a person by name').inputValue()).toBe('Tom Fair');

    await panel.getByLabel('Add a person by name').fill('');
    await panel.getByRole('button', { name: 'Start pulse' }).click();
    await panel.getByText('Pulse started. Send the partners the link.').waitFor();
    // The restored choices are the ones that took effect: one seat, Priya's.
    await panel.getByText('0 of 1 person has answered').waitFor();
    await panel.close();

    panel = await openPulses(ext());
    await panel.getByRole('button', { name: 'Start a pulse' }).click();
    await panel.getByRole('heading', { name: 'Start a pulse' }).waitFor();
    await panel.getByLabel('Open for (days)').waitFor();
    expect(await panel.getByText(RESTORED).count()).toBe(0);
    expect(await panel.getByLabel('Open for (days)').inputValue()).not.toBe('9');
    expect(await panel.getByLabel('Priya Raman', { exact: true }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.close();
  });

  it("keeps the panel's paste box per pulse and the dashboard's, and drops a box's draft once its codes are added", async () => {
    let panel = await openPulses(ext());
    const box = () => panel.getByLabel('Paste response codes');
    await box().fill('first half of an email with codes');
    await panel.close();

    // The dashboard's box (for any pulse) has its own draft.
    let dashboard = await ext().context.newPage();
    await dashboard.goto(ext().extensionUrl('dashboard.html'));
    await waitForReady(dashboard);
    expect(await dashboard.getByLabel('Paste response codes').inputValue()).toBe('');
    await dashboard.getByLabel('Paste response codes').fill('codes from another email');
    await dashboard.close();

    panel = await openPulses(ext());
    await panel.getByText(RESTORED).waitFor();
    expect(await box().inputValue()).toBe('first half of an email with codes');
    // A code sealed with the link's public key (no token): the box reports it, and the text goes.
    const decoded = decodeInvite(new URL(await panel.getByLabel('Link for Priya Raman').inputValue()).hash);
    if (!decoded.ok) throw new Error(`The link does not decode: ${decoded.error}`);
    const { invite } = decoded;
    const minted = await sealResponse(
      invite.publicKey,
      {
        v: 2,
        pulseId: invite.pulseId,
        responseId: crypto.randomUUID(),
        partnerType: 'lead',
        answers: { trust: 3 },
        answeredAt: Date.now(),
      },
      invite.questions.map((q) => q.id),
    );
    await box().fill(minted);
    await panel.getByRole('button', { name: 'Add responses' }).click();
    await panel.locator('.code-report li').first().waitFor();
    expect(await box().inputValue()).toBe('');
    await panel.close();

    panel = await openPulses(ext());
    await box().waitFor();
    expect(await box().inputValue()).toBe('');
    expect(await panel.getByText(RESTORED).count()).toBe(0);
    await panel.close();

    dashboard = await ext().context.newPage();
    await dashboard.goto(ext().extensionUrl('dashboard.html'));
    await waitForReady(dashboard);
    await dashboard.getByText(RESTORED).waitFor();
    expect(await dashboard.getByLabel('Paste response codes').inputValue()).toBe('codes from another email');
    await dashboard.close();
  });
});
