import AxeBuilder from '@axe-core/playwright';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeInvite } from '../../utils/pulse/invite';
import { sealResponse } from '../../utils/pulse/response-code';
import { waitForReady } from '../harness';
import { setUpPartnership } from '../harness/pages/manage';
import { addPeople, paste, reportLines } from '../harness/pages/pulse';
import { answerTrust, serveWidgetAt } from '../harness/pages/widget';
import { useExtension } from '../harness/vitest';

// One voice per seat, end to end: the lead invites four people, each answers in the built
// widget from their own link, one answers twice (the second replaces the first), and a code
// minted from the public key alone is refused. Results appear only at the close.

const ext = useExtension();
const PARTNERSHIP = 'Kestrel Valley Partnership';
const MEMBERS = [
  ['Kestrel Food Bank', 'lead'],
  ['Kestrel Borough Council', 'core'],
  ['Kestrel Mutual Aid', 'wider'],
] as const;
const SEATS = [
  ['Priya Raman', 'Kestrel Food Bank (Lead)'],
  ['Tom Fairbairn', 'Kestrel Borough Council (Core)'],
  ['Ade Okoro', 'Kestrel Borough Council (Core)'],
  ['Grace Mensah', 'Kestrel Mutual Aid (Wider)'],
] as const;
const HOST = 'https://pulse.kestrelcvs.example/pulse.html';

beforeAll(async () => {
  // The widget on the lead's own website: a real https address serving the built pulse.html.
  await serveWidgetAt(ext().context, 'https://pulse.kestrelcvs.example');
  const manage = await setUpPartnership(ext(), PARTNERSHIP, MEMBERS, { widgetHost: HOST });
  await manage.close();
});

describe('a personal-link pulse', () => {
  it('is answered by four seats in the built widget: a resend replaces, a minted code is refused, results wait for the close', async () => {
    const panel = await ext().context.newPage();
    await panel.setViewportSize({ width: 360, height: 900 });
    await panel.goto(ext().extensionUrl('sidepanel.html'));
    await waitForReady(panel);
    await panel.getByRole('button', { name: 'Pulses' }).click();
    await panel.getByRole('button', { name: 'Start a pulse' }).click();
    await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: PARTNERSHIP });
    await expect.poll(() => panel.getByLabel('Kestrel Mutual Aid (Wider)').isChecked()).toBe(true);

    // Invite by name, per organisation; one person added by mistake is unticked.
    await addPeople(panel, [...SEATS, ['Not Coming', 'Kestrel Mutual Aid (Wider)']]);
    // The same name twice for one organisation is refused with a message.
    await panel.getByLabel('Add a person by name').fill('priya raman');
    await panel.getByLabel('Organisation of the person').selectOption({ label: 'Kestrel Food Bank (Lead)' });
    await panel.getByRole('button', { name: 'Add person' }).click();
    await panel.getByText('This person is on the list for that organisation already.').waitFor();
    // Enter in the name field adds the person, and does not start the pulse.
    await panel.getByLabel('Add a person by name').fill('Also Not Coming');
    await panel.getByLabel('Add a person by name').press('Enter');
    await panel.getByLabel('Also Not Coming', { exact: true }).waitFor();
    expect(await panel.getByRole('heading', { name: 'Start a pulse' }).count()).toBe(1);
    await panel.getByLabel('Also Not Coming', { exact: true }).uncheck();
    await panel.getByLabel('Not Coming', { exact: true }).uncheck();
    await panel.getByRole('button', { name: 'Start pulse' }).click();
    await panel.getByText('Pulse started. Send the partners the link.').waitFor();

    // One link per seat, and no shared link.
    await panel.getByText('0 of 4 people have answered').waitFor();
    expect(await panel.getByLabel('Partner link').count()).toBe(0);
    expect(await panel.getByLabel('Link for Not Coming').count()).toBe(0);
    const links = new Map<string, string>();
    for (const [name] of SEATS) links.set(name, await panel.getByLabel(`Link for ${name}`).inputValue());
    const invites = [...links.values()].map((link) => {
      expect(link.startsWith(`${HOST}#`)).toBe(true);
      const decoded = decodeInvite(new URL(link).hash);
      if (!decoded.ok) throw new Error(`A personal link does not decode: ${decoded.error}`);
      return decoded.invite;
    });
    expect(new Set(invites.map((invite) => invite.seat?.token)).size).toBe(4);
    // The label a partner sees is the organisation, never a person's name.
    expect(invites[0]!.seat?.label).toBe('Kestrel Food Bank');

    // The per-seat links: no serious or critical accessibility violation.
    const { violations } = await new AxeBuilder({ page: panel }).include('.seat-links').analyze();
    expect(
      violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`),
    ).toEqual([]);

    // Copy all: "name – link" lines for a mail merge; a mailto: per person with the link in the body.
    await ext().context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // A copy the clipboard refuses hands nothing out: the token stays, and "copy all" below still gives Priya's link.
    await panel.evaluate(() => {
      const real = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = () => {
        navigator.clipboard.writeText = real;
        return Promise.reject(new DOMException('Refused', 'NotAllowedError'));
      };
    });
    await panel.getByRole('button', { name: "Copy Priya Raman's link" }).click();
    await panel.getByText("Couldn't copy – select the link and copy it.").waitFor();
    expect(await panel.locator('.seat-handed-out').count()).toBe(0);
    await panel.getByRole('button', { name: 'Copy all as "name – link" lines' }).click();
    await panel.getByText('All links copied.').waitFor();
    // By organisation, then by name.
    expect(await panel.evaluate(() => navigator.clipboard.readText())).toBe(
      ['Ade Okoro', 'Tom Fairbairn', 'Priya Raman', 'Grace Mensah']
        .map((name) => `${name} – ${links.get(name)}`)
        .join('\n'),
    );
    // Handed out, so only the hashes stay: the panel says a second hand-out replaces the link.
    await panel
      .getByText(
        "Tom Fairbairn's link was handed out, so this browser keeps only a hash of it. Copying or emailing a link again gives Tom Fairbairn a new one, and the earlier link for Tom Fairbairn stops working.",
      )
      .waitFor();
    // A second copy is a new link; the first one Tom was given is refused from now on.
    const replacedLink = links.get('Tom Fairbairn')!;
    await panel.getByRole('button', { name: "Copy Tom Fairbairn's link" }).click();
    await panel.getByText('New link for Tom Fairbairn handed out: their earlier link no longer works.').waitFor();
    const newLink = await panel.evaluate(() => navigator.clipboard.readText());
    expect(newLink.startsWith(`${HOST}#`)).toBe(true);
    expect(newLink).not.toBe(replacedLink);
    links.set('Tom Fairbairn', newLink);
    // Grace's mail (not opened here) would carry a new link too, never the one she was given.
    const mailto = await panel.getByRole('link', { name: 'Email Grace Mensah' }).getAttribute('href');
    expect(mailto?.startsWith('mailto:?subject=')).toBe(true);
    const mailBody = decodeURIComponent(mailto!.split('&body=')[1]!);
    expect(mailBody).toContain(`${HOST}#`);
    expect(mailBody).not.toContain(links.get('Grace Mensah'));

    // Each partner answers from their own link; Priya answers twice, changing her mind.
    const first = await answerTrust(ext().context, links.get('Priya Raman')!, 1);
    const others = [
      await answerTrust(ext().context, links.get('Tom Fairbairn')!, 4),
      await answerTrust(ext().context, links.get('Ade Okoro')!, 4),
      await answerTrust(ext().context, links.get('Grace Mensah')!, 3),
    ];
    await paste(panel, [first, ...others].join('\n\n'));
    await expect.poll(() => reportLines(panel)).toEqual(['4: added']);
    await panel.getByText('4 of 4 people have answered').waitFor();

    // Whole seconds in a code: her second answer is a later second.
    await panel.waitForTimeout(1100);
    const second = await answerTrust(ext().context, links.get('Priya Raman')!, 5);
    // Anyone holding a link has the public key: a code sealed with it, without a token, claiming to be the lead.
    const minted = await sealResponse(
      invites[0]!.publicKey,
      {
        v: 2,
        pulseId: invites[0]!.pulseId,
        responseId: crypto.randomUUID(),
        partnerType: 'lead',
        answers: { trust: 1 },
        answeredAt: Date.now(),
      },
      invites[0]!.questions.map((q) => q.id),
    );
    const fromReplaced = await answerTrust(ext().context, replacedLink, 1);
    await paste(panel, `${second}\n${minted}\n${first}\n${fromReplaced}`);
    await expect
      .poll(() => reportLines(panel))
      .toEqual([
        "1: added – it replaces this person's earlier answer",
        '1: already added',
        '1: from a link you replaced with a new one – refused',
        '1: not from a personal link – this pulse takes personal links only – refused',
      ]);
    expect(await panel.locator('.live-state .response-count').textContent()).toBe(
      'Responses: 4 · invited organisations: 3',
    );
    await panel.getByText('4 of 4 people have answered').waitFor();

    // Open: no results, only counts.
    expect(await panel.locator('.question-result').count()).toBe(0);
    expect(await panel.locator('.results-pending').count()).toBe(1);

    // At the close: Priya's second answer (5) with Tom's and Ade's 4 and Grace's 3, and nothing of the minted code.
    await panel.getByRole('button', { name: 'Close the pulse now' }).click();
    const trust = panel.locator('.question-result[data-question="trust"] [data-group="all"] .shown-group');
    await expect.poll(() => trust.textContent()).toBe('4.0 (from 4 responses)');
    await panel.close();
  });
});
