import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { encodeInvite, type PulseInvite } from '../../../utils/pulse/invite';
import { openResponseCode } from '../../../utils/pulse/response-code';
import { strings } from '../../../widget/strings';
import { OUTPUT_DIR } from '../paths';

/** The built partner widget (one file) and the invites the tests open it with. */

export const WIDGET_FILE = path.join(OUTPUT_DIR, 'widget', 'pulse.html');

/** A file's address with an optional fragment (the widget's invite travels in the fragment). */
export const fileUrl = (file: string, fragment = ''): string =>
  pathToFileURL(file).href + (fragment ? `#${fragment}` : '');

/** The built widget's address, with an invite (already encoded) in its fragment. */
export const widgetUrl = (fragment = ''): string => fileUrl(WIDGET_FILE, fragment);

const WEEK = 7 * 24 * 60 * 60 * 1000;

/** A version 2 invite for `questions`, sealed to `publicKey`, open for a week from now. */
export function testInvite(
  publicKey: JsonWebKey,
  questions: PulseInvite['questions'],
  overrides: Partial<PulseInvite> = {},
): PulseInvite {
  return {
    v: 2,
    pulseId: crypto.randomUUID(),
    partnershipName: 'Northside Hardship Partnership',
    questions,
    expiresAt: Date.now() + WEEK,
    publicKey,
    ...overrides,
  };
}

/** The built widget opened with `invite` in a new page of `context` at `viewport`, once its heading shows. */
export async function openWidget(
  context: BrowserContext,
  invite: PulseInvite,
  viewport = { width: 320, height: 720 },
): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(widgetUrl(encodeInvite(invite)));
  await page.getByRole('heading', { level: 1, name: strings.heading }).waitFor();
  return page;
}

/** Opens a code the widget made for `invite`, as the lead's extension does with the pulse's private key. */
export const openInviteCode = (code: string, invite: PulseInvite, privateKey: CryptoKey) =>
  openResponseCode(code, {
    id: invite.pulseId,
    privateKey,
    expiresAt: invite.expiresAt,
    questionIds: invite.questions.map((q) => q.id),
  });

/** The built widget served on the lead's own website: `origin` (https) answers every path with pulse.html. */
export async function serveWidgetAt(context: BrowserContext, origin: string): Promise<void> {
  const html = readFileSync(WIDGET_FILE, 'utf8');
  await context.route(`${origin}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
}

/** A partner opens their link, rates trust and submits; resolves to the code the widget shows. */
export async function answerTrust(context: BrowserContext, link: string, trust: number): Promise<string> {
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: strings.heading }).waitFor();
  await page
    .getByRole('group', { name: 'I trust the other partners to do what they say they will do.' })
    .getByText(String(trust), { exact: true })
    .click();
  await page.getByRole('button', { name: strings.submit }).click();
  const code = await page.getByLabel(strings.codeLabel).inputValue();
  await page.close();
  return code;
}
