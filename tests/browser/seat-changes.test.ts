import { beforeAll, describe, expect, it } from 'vitest';
import { waitForReady } from '../harness';
import { readRecords } from '../harness/db';
import { checkCode } from '../../utils/pulse/check-code';
import { decodeInvite } from '../../utils/pulse/invite';
import { setUpPartnership } from '../harness/pages/manage';
import { openPulses } from '../harness/pages/panel';
import { addPeople, paste, reportLines } from '../harness/pages/pulse';
import { answerTrust, serveWidgetAt } from '../harness/pages/widget';
import { useExtension } from '../harness/vitest';

// Changing who is invited after a pulse has started, in the panel: a seat for a person of an
// organisation the pulse did not invite (its partner type from the records), a withdrawn seat
// whose link is then refused with its own message, a seat that answered and so cannot be
// withdrawn, and the "invite someone else" form kept as a draft.

const ext = useExtension();
const PARTNERSHIP = 'Plover Estuary Partnership';
const MEMBERS = [
  ['Plover Food Bank', 'lead'],
  ['Plover District Council', 'core'],
  ['Plover Sea Scouts', 'wider'],
] as const;
const HOST = 'https://pulse.ploverestuary.example/pulse.html';
const RESTORED = 'Your unsaved draft was restored.';

beforeAll(async () => {
  await serveWidgetAt(ext().context, 'https://pulse.ploverestuary.example');
  await (await setUpPartnership(ext(), PARTNERSHIP, MEMBERS, { widgetHost: HOST })).close();
});

describe('changing invitees after the start', () => {
  it('adds a seat of a newly invited organisation, withdraws an unused seat, and never one that answered', async () => {
    let panel = await openPulses(ext());
    await panel.getByRole('button', { name: 'Start a pulse' }).click();
    await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: PARTNERSHIP });
    await expect.poll(() => panel.getByLabel('Plover Sea Scouts (Wider)').first().isChecked()).toBe(true);
    // The Sea Scouts are not invited at the start.
    await panel.getByLabel('Plover Sea Scouts (Wider)').first().uncheck();
    await addPeople(panel, [
      ['Priya Raman', 'Plover Food Bank (Lead)'],
      ['Tom Fairbairn', 'Plover District Council (Core)'],
      ['Ade Okoro', 'Plover District Council (Core)'],
    ]);
    await panel.getByRole('button', { name: 'Start pulse' }).click();
    await panel.getByText('0 of 3 people have answered').waitFor();
    expect(await panel.locator('.live-state .response-count').textContent()).toBe(
      'Responses: 0 · invited organisations: 2',
    );
    const adeLink = await panel.getByLabel('Link for Ade Okoro').inputValue();
    const tomLink = await panel.getByLabel('Link for Tom Fairbairn').inputValue();
    // The check code under the personal links is the one the widget shows for this key.
    const seatInvite = decodeInvite(new URL(tomLink).hash);
    if (!seatInvite.ok) throw new Error(seatInvite.error);
    await expect
      .poll(() => panel.locator('[data-check-code]').getAttribute('data-check-code'))
      .toBe(await checkCode(seatInvite.invite.publicKey));

    // Half-typed, then the panel is closed: the form comes back as it was.
    const form = () => panel.locator('form.seat-add');
    await form().getByLabel('Organisation', { exact: true }).selectOption({
      label: 'Plover Sea Scouts (Wider, not invited yet)',
    });
    await form().getByText('Adding a seat invites Plover Sea Scouts to this pulse').waitFor();
    await form().getByLabel('Name', { exact: true }).fill('Grace Men');
    await panel.waitForTimeout(300);
    await panel.close();

    panel = await openPulses(ext());
    await form().getByText(RESTORED).waitFor();
    expect(await form().getByLabel('Name', { exact: true }).inputValue()).toBe('Grace Men');
    expect(await form().getByLabel('Organisation', { exact: true }).locator('option:checked').textContent()).toBe(
      'Plover Sea Scouts (Wider, not invited yet)',
    );
    // A name the organisation has a seat for is refused with a message, and nothing changes.
    await form().getByLabel('Organisation', { exact: true }).selectOption({ label: 'Plover District Council (Core)' });
    await form().getByLabel('Name', { exact: true }).fill('tom fairbairn');
    await form().getByRole('button', { name: 'Add a seat' }).click();
    await form().getByText('This organisation already has a seat for that name.').waitFor();
    await panel.getByText('0 of 3 people have answered').waitFor();

    await form().getByLabel('Organisation', { exact: true }).selectOption({
      label: 'Plover Sea Scouts (Wider, not invited yet)',
    });
    await form().getByLabel('Name', { exact: true }).fill('Grace Mensah');
    await form().getByRole('button', { name: 'Add a seat' }).click();
    await panel.getByText('0 of 4 people have answered').waitFor();
    await form().getByText('Grace Mensah has a seat: copy their link above.').waitFor();
    expect(await form().getByLabel('Name', { exact: true }).inputValue()).toBe('');
    await expect
      .poll(() => panel.locator('.live-state .response-count').textContent())
      .toBe('Responses: 0 · invited organisations: 3');
    const graceLink = await panel.getByLabel('Link for Grace Mensah').inputValue();

    // Tom answers: his seat cannot be withdrawn, and the panel says his answer stays.
    const codes = [
      await answerTrust(ext().context, tomLink, 4),
      await answerTrust(ext().context, graceLink, 2),
      await answerTrust(ext().context, adeLink, 5),
    ];
    await paste(panel, codes.slice(0, 2).join('\n'));
    await expect.poll(() => reportLines(panel)).toEqual(['2: added']);
    const tom = panel.locator('li[data-seat="Tom Fairbairn"]');
    await tom
      .getByText('Tom Fairbairn has answered: their seat cannot be withdrawn, and their answer stays in the results.')
      .waitFor();
    expect(await tom.getByRole('button', { name: "Withdraw Tom Fairbairn's seat" }).count()).toBe(0);

    // Ade's seat is withdrawn (after a confirmation); the answer from his link is then refused.
    await panel.getByRole('button', { name: "Withdraw Ade Okoro's seat" }).click();
    await panel.getByText("Withdraw Ade Okoro's seat? Their link will stop working").waitFor();
    await panel.getByRole('button', { name: "Yes, withdraw Ade Okoro's seat" }).click();
    await panel.getByText("Ade Okoro's seat is withdrawn: their link no longer works.").waitFor();
    await panel.getByText('2 of 3 people have answered').waitFor();
    expect(await panel.getByLabel('Link for Ade Okoro').count()).toBe(0);
    await paste(panel, codes[2]!);
    await expect.poll(() => reportLines(panel)).toEqual(['1: from the link of a seat you withdrew – refused']);
    expect(await panel.locator('.live-state .response-count').textContent()).toBe(
      'Responses: 2 · invited organisations: 3',
    );
    expect(await panel.locator('.live-state .response-unverified').count()).toBe(0);

    // A quick round on a personal-link pulse is not verified: the live count keeps it apart, never in N.
    await panel.locator('.quick-round input').first().focus();
    await panel.keyboard.type('3');
    await panel.getByRole('button', { name: 'Save quick round' }).click();
    await expect
      .poll(() => panel.locator('.live-state .response-unverified').textContent())
      .toBe('+ 1 not verified (quick round on a personal-link pulse): counted in no result');
    expect(await panel.locator('.live-state .response-count').textContent()).toBe(
      'Responses: 2 · invited organisations: 3',
    );

    // Closed: who is invited can no longer change.
    await panel.getByRole('button', { name: 'Close the pulse now' }).click();
    await panel.getByText('Partner link, paste box and quick round').click();
    expect(await panel.locator('form.seat-add').count()).toBe(0);
    expect(await panel.getByRole('button', { name: /^Withdraw / }).count()).toBe(0);
    await panel.close();
  });

  it('deletes a started pulse after a confirmation that counts its answers; its codes are refused afterwards', async () => {
    const panel = await openPulses(ext());
    await panel.getByRole('button', { name: 'Start a pulse' }).click();
    await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: PARTNERSHIP });
    await expect.poll(() => panel.getByLabel('Plover Sea Scouts (Wider)').first().isChecked()).toBe(true);
    await addPeople(panel, [
      ['Nia Cole', 'Plover Food Bank (Lead)'],
      ['Sam Reid', 'Plover Sea Scouts (Wider)'],
    ]);
    await panel.getByRole('button', { name: 'Start pulse' }).click();
    await panel.getByText('0 of 2 people have answered').waitFor();
    const nia = await answerTrust(ext().context, await panel.getByLabel('Link for Nia Cole').inputValue(), 2);
    const sam = await answerTrust(ext().context, await panel.getByLabel('Link for Sam Reid').inputValue(), 5);
    await paste(panel, nia);
    await panel.getByText('1 of 2 people have answered').waitFor();
    // Half-typed when the pulse is deleted: Sam's code in the paste box, a name in the invite form.
    await panel.getByLabel('Paste response codes').fill(sam);
    await panel.locator('form.seat-add').getByLabel('Name', { exact: true }).fill('Wren Ashby');
    const pulses = await readRecords<{ id: string; createdAt: number }>(panel, 'pulses');
    const pulseId = pulses.sort((a, b) => b.createdAt - a.createdAt)[0]!.id;
    const draftsOf = async () =>
      (await readRecords<{ key: string }>(panel, 'drafts')).map((d) => d.key).filter((key) => key.endsWith(pulseId));
    await expect.poll(draftsOf).toEqual([`paste:${pulseId}`, `seat-add:${pulseId}`]);

    // Cancelled first: nothing goes.
    await panel.getByRole('button', { name: 'Delete this pulse' }).first().click();
    await panel
      .getByText(
        'Delete this pulse? 1 answer goes with it (0 waiting in the late queue), and its personal links stop working.',
      )
      .waitFor();
    await panel.getByRole('button', { name: 'Keep the pulse' }).click();
    await panel.getByText('1 of 2 people have answered').waitFor();

    await panel.getByRole('button', { name: 'Delete this pulse' }).first().click();
    await panel.getByRole('button', { name: 'Yes, delete the pulse and its 1 answer' }).click();
    await expect.poll(() => panel.getByText('1 of 2 people have answered').count()).toBe(0);
    // Its drafts went with it: nothing half-typed for a deleted pulse stays in the database or the page's copy.
    expect(await draftsOf()).toEqual([]);
    const mirrors = await panel.evaluate(() => Object.keys(localStorage));
    expect(mirrors.filter((key) => key.includes(pulseId))).toEqual([]);
    await panel.close();

    // Codes for it, pasted on the dashboard (any pulse), are refused with their own message.
    const dashboard = await ext().context.newPage();
    await dashboard.goto(ext().extensionUrl('dashboard.html'));
    await waitForReady(dashboard);
    await dashboard.getByLabel('Paste response codes').fill(`${nia}\n${sam}`);
    await dashboard.getByRole('button', { name: 'Add responses' }).click();
    await expect.poll(() => reportLines(dashboard)).toEqual(['2: for a pulse you deleted – refused']);
    await dashboard.close();
  });

  it('offers a seat to someone typed by hand into a saved meeting', async () => {
    const page = await ext().context.newPage();
    await page.setViewportSize({ width: 360, height: 900 });
    await page.goto(ext().extensionUrl('sidepanel.html'));
    await waitForReady(page);
    await page.getByRole('button', { name: 'New meeting' }).click();
    await page.getByLabel('Partnership', { exact: true }).selectOption({ label: PARTNERSHIP });
    await page.getByLabel('Title').fill('Estuary walk');
    await page.getByLabel('Start').fill('2026-11-20T14:00');
    await page.getByLabel('Add someone by name').fill('Wren Ashby');
    await page.getByLabel('Their organisation').selectOption({ label: 'Plover Sea Scouts' });
    await page.getByRole('button', { name: 'Add attendee' }).click();
    await page.getByRole('button', { name: 'Save meeting' }).click();
    await page.locator('.meeting-list li', { hasText: 'Estuary walk' }).waitFor();

    await page.getByRole('button', { name: 'Pulses' }).click();
    await page.getByRole('button', { name: 'Start a pulse' }).click();
    await page.getByLabel('Partnership', { exact: true }).selectOption({ label: PARTNERSHIP });
    // Remembered as a person of the Sea Scouts: offered a seat, ticked.
    await expect.poll(() => page.getByLabel('Wren Ashby', { exact: true }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.close();
  });
});
