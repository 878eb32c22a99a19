import type { Page } from 'playwright-core';
import { decodeInvite, type PulseInvite } from '../../../utils/pulse/invite';
import { sealResponse, type ResponsePayload } from '../../../utils/pulse/response-code';

/**
 * A code as a partner's widget seals it to the pulse's public key: a core partner's answer
 * to the four statements by default, answered now.
 */
export function sealedCode(invite: PulseInvite, overrides: Partial<ResponsePayload> = {}): Promise<string> {
  return sealResponse(
    invite.publicKey,
    {
      v: 2,
      pulseId: invite.pulseId,
      responseId: crypto.randomUUID(),
      partnerType: 'core',
      answers: { trust: 4, equity: 3, flexibility: 4, communication: 5 },
      answeredAt: Date.now(),
      ...overrides,
    },
    invite.questions.map((q) => q.id),
  );
}

/** The paste box's summary: one line per outcome, "count: what happened". */
export const reportLines = (page: Page): Promise<string[]> =>
  page.locator('.code-report li > span:first-child').allTextContents();

/** Pastes `text` into the page's (first) paste box and adds it. */
export async function paste(page: Page, text: string): Promise<void> {
  await page.getByLabel('Paste response codes').fill(text);
  await page.getByRole('button', { name: 'Add responses' }).click();
}

/**
 * The invite of the pulse shown in the panel, read off its partner link as a partner would;
 * with `host`, the link must be on that address.
 */
export async function inviteFromLink(panel: Page, host?: string): Promise<PulseInvite> {
  const link = await panel.getByLabel('Partner link').inputValue();
  if (host !== undefined && !link.startsWith(`${host}#`))
    throw new Error(`The partner link is not on ${host}: ${link}`);
  const decoded = decodeInvite(new URL(link).hash);
  if (!decoded.ok) throw new Error(`The partner link does not decode: ${decoded.error}`);
  return decoded.invite;
}

/** On the start-a-pulse form: adds each person, by name, to an organisation's seats ("Name (Type)"), and waits for their box. */
export async function addPeople(
  panel: Page,
  people: ReadonlyArray<readonly [name: string, organisation: string]>,
): Promise<void> {
  for (const [name, organisation] of people) {
    await panel.getByLabel('Add a person by name').fill(name);
    await panel.getByLabel('Organisation of the person').selectOption({ label: organisation });
    await panel.getByRole('button', { name: 'Add person' }).click();
    await panel.getByLabel(name, { exact: true }).waitFor();
  }
}

/** In the panel's Pulses section: opens the folded list of pulses and picks one, by a text of its label or its place. */
export async function choosePulse(panel: Page, which: string | number): Promise<void> {
  const picker = panel.locator('details.pulse-picker');
  if (!(await picker.evaluate((d) => (d as HTMLDetailsElement).open))) await picker.locator('summary').click();
  const buttons = picker.locator('.pulse-list button');
  await (typeof which === 'number' ? buttons.nth(which) : buttons.filter({ hasText: which })).click();
}
