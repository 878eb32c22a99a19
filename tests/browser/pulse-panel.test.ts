import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openPanel, repoPath, routeHtml, tabIdOf, waitForLiveState, waitForReady } from './support';
import { useExtension } from './support/vitest';
import { decodeInvite, type PulseInvite } from '../../utils/pulse/invite';
import { sealResponse, type ResponsePayload } from '../../utils/pulse/response-code';
import type { PartnerType } from '../../utils/db/records';

const ext = useExtension();
const PARTNERSHIP = 'Hartside Food Partnership';
const MEMBERS = [
  ['Hartside Food Bank', 'lead'],
  ['Hartside City Council', 'core'],
  ['Hartside Mutual Aid', 'wider'],
] as const;
const WIDGET_HOST = 'https://intranet.hartsidecvs.example/pulse.html';

async function openSidePanel(): Promise<Page> {
  const page = await ext().context.newPage();
  await page.setViewportSize({ width: 360, height: 900 });
  await page.goto(ext().extensionUrl('sidepanel.html'));
  await waitForReady(page);
  return page;
}

async function setWidgetHost(host: string): Promise<void> {
  const page = await ext().context.newPage();
  await page.goto(ext().extensionUrl('options.html'));
  await waitForReady(page);
  await page.getByLabel("Address of pulse.html on your organisation's website").fill(host);
  await page.close();
}

/** What a partner's widget makes: a code sealed to the pulse's public key, from the invite in the link. */
function code(invite: PulseInvite, overrides: Partial<ResponsePayload> = {}): Promise<string> {
  return sealResponse(invite.publicKey, {
    v: 1,
    pulseId: invite.pulseId,
    responseId: crypto.randomUUID(),
    partnerType: 'core',
    answers: { trust: 4, equity: 3, flexibility: 4, communication: 5 },
    answeredAt: Date.now(),
    ...overrides,
  });
}

/** The invite of the pulse shown in the panel, read off its partner link as a partner would. */
async function inviteFromLink(panel: Page): Promise<PulseInvite> {
  const link = await panel.getByLabel('Partner link').inputValue();
  expect(link.startsWith(`${WIDGET_HOST}#`)).toBe(true);
  const decoded = decodeInvite(new URL(link).hash);
  if (!decoded.ok) throw new Error(`The partner link does not decode: ${decoded.error}`);
  return decoded.invite;
}

/** Every response stored, read straight from IndexedDB. */
async function storedResponses(page: Page): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(
    () =>
      new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
        const open = indexedDB.open('partnership-pulse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('responses').objectStore('responses').getAll();
          request.onsuccess = () => {
            resolve(request.result as Array<Record<string, unknown>>);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

const responseCount = (panel: Page) => panel.locator('.live-state .response-count').textContent();
const reportLines = (panel: Page) => panel.locator('.code-report li span').allTextContents();

async function startPeriodPulse(panel: Page, threshold = '3'): Promise<PulseInvite> {
  await panel.getByRole('button', { name: 'Pulses' }).click();
  await panel.getByRole('button', { name: 'Start a pulse' }).click();
  await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: PARTNERSHIP });
  await expect.poll(() => panel.getByLabel('Hartside Mutual Aid (Wider)').isChecked()).toBe(true);
  await panel.getByLabel('Anonymity threshold').fill(threshold);
  await panel.getByRole('button', { name: 'Start pulse' }).click();
  await panel.getByText('Pulse started. Send the partners the link.').waitFor();
  return inviteFromLink(panel);
}

beforeAll(async () => {
  const page = await ext().context.newPage();
  await page.goto(ext().extensionUrl('options.html'));
  await waitForReady(page);
  await page.getByLabel('Name', { exact: true }).fill(PARTNERSHIP);
  await page.getByRole('button', { name: 'Create partnership' }).click();
  await page.getByText(`Members of ${PARTNERSHIP}`).waitFor();
  for (const [name, type] of MEMBERS) {
    await page.getByLabel('Organisation name').fill(name);
    await page.getByLabel('Partner type').last().selectOption(type);
    await page.getByRole('button', { name: 'Add to partnership' }).click();
    await page.locator('#members-heading + ul strong', { hasText: name }).waitFor();
  }
  await page.close();
});

describe('starting a pulse', () => {
  it('starts from a logged meeting, invites the organisations present, and saves pulse.html with the pulse in it', async () => {
    const panel = await openSidePanel();
    await panel.getByRole('button', { name: 'New meeting' }).click();
    await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: PARTNERSHIP });
    await panel.getByLabel('Title').fill('Core partners, March');
    for (const [person, organisation] of [
      ['Priya Raman', 'Hartside Food Bank'],
      ['Tom Fairbairn', 'Hartside City Council'],
    ]) {
      await panel.getByLabel('Add someone by name').fill(person!);
      await panel.getByLabel('Their organisation').selectOption({ label: organisation! });
      await panel.getByRole('button', { name: 'Add attendee' }).click();
    }
    await panel.getByRole('button', { name: 'Save meeting' }).click();
    const item = panel.locator('.meeting-list li', { hasText: 'Core partners, March' });
    await item.waitFor();

    await item.getByRole('button', { name: 'Start a pulse' }).click();
    await panel.getByRole('heading', { name: 'Start a pulse' }).waitFor();
    await expect.poll(() => panel.getByLabel('After the meeting').locator('option:checked').textContent()).toContain('Core partners, March');
    // The organisations present are invited; the member who was not there is not.
    await expect.poll(() => panel.getByLabel('Hartside Food Bank (Lead)').isChecked()).toBe(true);
    expect(await panel.getByLabel('Hartside City Council (Core)').isChecked()).toBe(true);
    expect(await panel.getByLabel('Hartside Mutual Aid (Wider)').isChecked()).toBe(false);
    expect(await panel.getByLabel('Trust', { exact: true }).inputValue()).toBe('I trust the other partners to do what they say they will do.');
    expect(await panel.getByLabel('Open for (days)').inputValue()).toBe('7');
    expect(await panel.getByLabel('Anonymity threshold').inputValue()).toBe('3');
    await panel.getByRole('button', { name: 'Add a question' }).click();
    await panel.getByLabel('Extra question 1', { exact: true }).fill('What should we change?');
    await panel.getByLabel('Answers to extra question 1').selectOption({ label: 'Free text' });
    await panel.getByRole('button', { name: 'Start pulse' }).click();

    await panel.getByText('Pulse started. Send the partners the link.').waitFor();
    await panel.getByRole('heading', { name: /^Core partners, March, / }).waitFor();
    expect(await responseCount(panel)).toBe('Responses: 0 · invited organisations: 2');
    expect(await panel.locator('.live-state .time-left').textContent()).toBe('Open – closes in 7 days');

    // No host for the widget yet: the panel saves the file itself, with the pulse written in.
    const [download] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Save pulse.html for this pulse' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^pulse-hartside-food-partnership-\d{4}-\d{2}-\d{2}\.html$/);
    const html = readFileSync((await download.path())!, 'utf8');
    const saved = decodeInvite(/<meta name="pp-invite" content="([^"]*)">/.exec(html)?.[1] ?? '');
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.invite.partnershipName).toBe(PARTNERSHIP);
    expect(saved.invite.questions.map((q) => q.id)).toEqual(['trust', 'equity', 'flexibility', 'communication', 'x1']);
    expect(saved.invite.questions[4]).toMatchObject({ wording: 'What should we change?', scale: 'text' });
    expect(saved.invite.organisations.map((o) => o.name).sort()).toEqual(['Hartside City Council', 'Hartside Food Bank']);
    expect(saved.invite.publicKey).not.toHaveProperty('d');

    // With a host, the link to paste in the chat carries the same pulse after '#'.
    await setWidgetHost(WIDGET_HOST);
    const invite = await inviteFromLink(panel);
    expect(invite.pulseId).toBe(saved.invite.pulseId);
    expect(await panel.getByRole('button', { name: 'Save pulse.html for this pulse' }).count()).toBe(0);
    await panel.close();
  });
});
