import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { widgetWithInvite } from '../../utils/pulse/embed';
import { encodeInvite, type PulseInvite } from '../../utils/pulse/invite';
import { generatePulseKeys } from '../../utils/pulse/keys';
import { checkCode } from '../../utils/pulse/check-code';
import { makeSeatToken } from '../../utils/pulse/seats';
import { strings } from '../../widget/strings';
import { EXTENSION_DIR, routeHtml } from '../harness';
import { fileUrl, openInviteCode, testInvite, WIDGET_FILE } from '../harness/pages/widget';
import { useExtension } from '../harness/vitest';

const DAY = 24 * 60 * 60 * 1000;
const QUESTIONS: PulseInvite['questions'] = [
  {
    id: 'trust-1',
    wording: 'I trust the other partners to do what they say they will do.',
    scale: 'agree5',
    dimension: 'trust',
  },
  { id: 'equity-1', wording: 'Decisions in this partnership are shared fairly.', scale: 'agree5', dimension: 'equity' },
  { id: 'nps', wording: 'How much would you want to keep working together?', scale: 'zeroTen' },
  { id: 'change', wording: 'What one thing should change?', scale: 'text' },
];

const ext = useExtension();
let keys: Awaited<ReturnType<typeof generatePulseKeys>>;

beforeAll(async () => {
  keys = await generatePulseKeys();
});

const makeInvite = (overrides: Partial<PulseInvite> = {}) => testInvite(keys.publicKeyJwk, QUESTIONS, overrides);

/** A page at phone width that records every request it makes. */
async function widgetPage(): Promise<{ page: Page; requests: string[] }> {
  const page = await ext().context.newPage();
  await page.setViewportSize({ width: 320, height: 720 });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => requests.push(`page error: ${error.message}`));
  // A CSP violation (an inline style or script the policy does not allow) shows up here too.
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) requests.push(`CSP: ${message.text()}`);
  });
  return { page, requests };
}

async function expectProblem(page: Page, message: string) {
  await expect.poll(() => page.getByRole('alert').textContent()).toContain(message);
  expect(await page.locator('form, input, textarea, select, button').count()).toBe(0);
}

describe('the partner widget, opened from disk', () => {
  it('carries a CSP that allows only its own script and style, and no connections', async () => {
    const html = readFileSync(WIDGET_FILE, 'utf8');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    for (const directive of [
      "default-src 'none'",
      "connect-src 'none'",
      "form-action 'none'",
      "base-uri 'none'",
      "script-src 'sha256-",
      "style-src 'sha256-",
    ]) {
      expect(policy).toContain(directive);
    }
    expect(policy).not.toContain('unsafe');
    // A script slipped into a saved copy does not run.
    const dir = mkdtempSync(path.join(tmpdir(), 'pp-csp-'));
    const tampered = path.join(dir, 'pulse.html');
    writeFileSync(tampered, html.replace('</body>', '<script>document.title = "ran"</script></body>'));
    const { page } = await widgetPage();
    await page.goto(fileUrl(tampered, encodeInvite(makeInvite())));
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.title()).toBe(strings.pageTitle);
    await page.close();
  });

  it('on a personal link, shows the seat, the check code and who reads the answer, and seals the token', async () => {
    const token = makeSeatToken();
    const invite = makeInvite({ seat: { token, label: 'Kestrel Food Bank' } });
    const { page, requests } = await widgetPage();
    await page.goto(fileUrl(WIDGET_FILE, encodeInvite(invite)));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(strings.heading);
    expect(await page.getByText(strings.answeringFor('Kestrel Food Bank')).isVisible()).toBe(true);
    expect(await page.getByText(strings.whoReads).isVisible()).toBe(true);
    const expected = await checkCode(keys.publicKeyJwk);
    await expect.poll(() => page.locator('#check-code').textContent()).toBe(strings.checkCodeShort(expected));
    // No partner type to choose: the seat says it.
    expect(await page.getByRole('radio', { name: new RegExp(strings.partnerTypes.lead[0]) }).count()).toBe(0);
    // Each rating reads out its words ("4 Agree"); the screen shows the number.
    const agree = page.getByRole('group', { name: QUESTIONS[0]!.wording }).getByRole('radio', { name: /^4 Agree$/ });
    expect(await agree.count()).toBe(1);
    await page.getByRole('group', { name: QUESTIONS[0]!.wording }).getByText('4', { exact: true }).click();
    expect(await agree.isChecked()).toBe(true);
    await page.getByRole('button', { name: strings.submit }).click();
    const code = await page.getByLabel(strings.codeLabel).inputValue();
    expect(code.length).toBeLessThanOrEqual(200);
    const opened = await openInviteCode(code, invite, keys.privateKey);
    expect(opened.ok && opened.payload.token).toBe(token);
    expect(opened.ok && 'partnerType' in opened.payload).toBe(false);
    expect(requests).toEqual([fileUrl(WIDGET_FILE, encodeInvite(invite)).replace(/#.*$/, '')]);
    await page.close();
  });

  it('is answered by keyboard alone, and the code it shows opens to exactly those answers', async () => {
    const invite = makeInvite();
    const { page, requests } = await widgetPage();
    await page.goto(fileUrl(WIDGET_FILE, encodeInvite(invite)));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(strings.heading);
    expect(await page.getByText(invite.partnershipName).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // Partner type: Tab reaches the group on its first choice; an arrow picks the next (core).
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    // Trust: from "1", three steps right is 4. Equity: left from "1" wraps to "prefer not to say".
    await page.keyboard.press('Tab');
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
    // Keys keep the focus where they are pressed: only a tap moves on by itself.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('q0');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowLeft');
    // 0–10: from "0", nine steps right is 9.
    await page.keyboard.press('Tab');
    for (let i = 0; i < 9; i += 1) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Shorter meetings, please.');
    // The comment is folded away: Enter on its summary opens it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(strings.addComment);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Thanks — “really” <useful>.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(strings.submit);
    await ext().context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    const before = Date.now();
    await page.keyboard.press('Enter');

    const codeBox = page.getByLabel(strings.codeLabel);
    await codeBox.waitFor();
    const code = await codeBox.inputValue();
    expect(code).toMatch(/^PP2\.[A-Za-z0-9_-]+$/);
    expect(await page.getByText(strings.whereToPaste(invite.partnershipName)).isVisible()).toBe(true);
    expect(await page.getByText(strings.longCode).count()).toBe(0);
    // Submit copied the code in the same key press.
    expect(await page.getByRole('status').textContent()).toBe(strings.copiedOnSubmit);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

    // Copy again: Tab from the heading to the code, then to the button.
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toBe(strings.copied);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

    const opened = await openInviteCode(code, invite, keys.privateKey);
    if (!opened.ok) throw new Error(`The code did not open: ${opened.error}`);
    const { responseId, answeredAt, ...rest } = opened.payload;
    expect(rest).toEqual({
      v: 2,
      pulseId: invite.pulseId,
      partnerType: 'core',
      answers: { 'trust-1': 4, 'equity-1': null, nps: 9, change: 'Shorter meetings, please.' },
      comment: 'Thanks — “really” <useful>.',
    });
    expect(responseId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Whole seconds in the code.
    expect(answeredAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(answeredAt).toBeLessThanOrEqual(Date.now());

    // Nothing but the file itself was requested: no fonts, images or scripts from anywhere.
    expect(requests).toEqual([fileUrl(WIDGET_FILE)]);
    await page.close();
  });

  it('asks for the partner type before sealing anything', async () => {
    const { page } = await widgetPage();
    await page.goto(fileUrl(WIDGET_FILE, encodeInvite(makeInvite())));
    await page.getByRole('button', { name: strings.submit }).click();
    expect(await page.getByText(strings.partnerTypeRequired).isVisible()).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('partner-type');
    expect(await page.getByLabel(strings.codeLabel).count()).toBe(0);
    // Choosing one takes the message away.
    await page.getByText(strings.partnerTypes.wider[0]).click();
    expect(await page.getByText(strings.partnerTypeRequired).isVisible()).toBe(false);
    expect(await page.getByRole('group', { name: strings.partnerTypeLegend }).getAttribute('aria-invalid')).toBeNull();
    await page.close();
  });

  it('shows a message and no form for a damaged link, a missing one and a newer version', async () => {
    const { page, requests } = await widgetPage();
    const fragment = encodeInvite(makeInvite());
    await page.goto(fileUrl(WIDGET_FILE, fragment.slice(0, fragment.length - 10)));
    await expectProblem(page, strings.damaged);
    await page.goto(fileUrl(WIDGET_FILE, 'PP1.not-an-invite'));
    await expectProblem(page, strings.damaged);
    await page.goto(fileUrl(WIDGET_FILE));
    await expectProblem(page, strings.missing);
    const newer = Buffer.from(JSON.stringify({ ...makeInvite(), v: 2 })).toString('base64url');
    await page.goto(fileUrl(WIDGET_FILE, newer));
    await expectProblem(page, strings.unsupportedVersion);
    expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    await page.close();
  });

  it('says the pulse has closed once it has expired', async () => {
    const { page } = await widgetPage();
    const expiresAt = Date.now() - DAY;
    await page.goto(fileUrl(WIDGET_FILE, encodeInvite(makeInvite({ expiresAt }))));
    const date = await page.evaluate(
      (at) => new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' }).format(at),
      expiresAt,
    );
    await expectProblem(page, strings.expired(date));
    await page.close();
  });

  it('opens ready to answer from a saved copy with the pulse written in, without a fragment', async () => {
    const invite = makeInvite({ partnershipName: '"><script>document.title="owned"</script> Riverside & Co' });
    const dir = mkdtempSync(path.join(tmpdir(), 'pp-widget-'));
    const copy = path.join(dir, 'Riverside pulse.html');
    writeFileSync(copy, widgetWithInvite(readFileSync(WIDGET_FILE, 'utf8'), invite));

    const { page, requests } = await widgetPage();
    await page.goto(fileUrl(copy));
    expect(await page.getByText(invite.partnershipName).isVisible()).toBe(true);
    expect(await page.title()).toBe(strings.pageTitle);
    await page.getByText(strings.partnerTypes.wider[0]).click();
    await page.getByRole('group', { name: QUESTIONS[0]!.wording }).getByText('2', { exact: true }).click();
    const comment = 'We need the agenda a week ahead, and the notes within two days. '.repeat(5).trim();
    await page.getByText(strings.addComment).click();
    await page.getByLabel(strings.commentLabel).fill(comment);
    await page.getByRole('button', { name: strings.submit }).click();
    const code = await page.getByLabel(strings.codeLabel).inputValue();
    // A long comment makes a code too long for some chats: the page says so.
    expect(code.length).toBeGreaterThan(500);
    expect(await page.getByText(strings.longCode).isVisible()).toBe(true);

    const opened = await openInviteCode(code, invite, keys.privateKey);
    expect(opened.ok && opened.payload.partnerType).toBe('wider');
    expect(opened.ok && opened.payload.comment).toBe(comment);
    expect(opened.ok && opened.payload.answers).toEqual({ 'trust-1': 2, 'equity-1': null, nps: null, change: null });
    expect(opened.ok && 'organisationId' in opened.payload).toBe(false);
    expect(requests).toEqual([fileUrl(copy)]);
    await page.close();
  });
});

describe('the partner widget, hosted', () => {
  const html = () => readFileSync(WIDGET_FILE, 'utf8');

  it('works from a static https host and inside an iframe of an intranet page', async () => {
    const fragment = encodeInvite(makeInvite());
    await routeHtml(ext().context, 'https://static.example/**', html());
    await routeHtml(
      ext().context,
      'https://intranet.example/**',
      `<h1>Intranet</h1><iframe title="Pulse" style="width:340px;height:600px" src="https://static.example/pulse.html#${fragment}"></iframe>`,
    );
    const { page } = await widgetPage();
    await page.goto(`https://static.example/pulse.html#${fragment}`);
    expect(await page.getByRole('button', { name: strings.submit }).isVisible()).toBe(true);
    await page.goto('https://intranet.example/');
    const frame = page.frameLocator('iframe');
    await frame.getByText(strings.partnerTypes.lead[0]).click();
    await frame.getByRole('button', { name: strings.submit }).click();
    expect(await frame.getByLabel(strings.codeLabel).inputValue()).toMatch(/^PP2\./);
    await page.close();
  });

  it('refuses to show the form where WebCrypto is missing (a plain http:// page)', async () => {
    await routeHtml(ext().context, 'http://insecure.example/**', html());
    const { page } = await widgetPage();
    await page.goto(`http://insecure.example/pulse.html#${encodeInvite(makeInvite())}`);
    expect(await page.evaluate(() => typeof crypto.subtle)).toBe('undefined');
    await expectProblem(page, strings.noCrypto);
    await page.close();
  });
});

describe('the widget in the extension', () => {
  it("is the lead's preview page, and the extension carries the standalone file for saved copies", async () => {
    const invite = makeInvite();
    const { page } = await widgetPage();
    await page.goto(ext().extensionUrl(`pulse.html#${encodeInvite(invite)}`));
    expect(await page.getByText(invite.partnershipName).isVisible()).toBe(true);
    expect(await page.getByRole('group', { name: QUESTIONS[1]!.wording }).isVisible()).toBe(true);
    expect(readFileSync(path.join(EXTENSION_DIR, 'widget', 'pulse.html'), 'utf8')).toBe(
      readFileSync(WIDGET_FILE, 'utf8'),
    );
    await page.close();
  });
});
