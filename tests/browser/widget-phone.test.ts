// The partner's thirty seconds (issue 15): the built widget on a 390×844 touch phone, every
// tap counted and any scroll caught. A partner's answer takes at most six taps (partner type,
// four ratings, Submit) and no scrolling; a personal link skips the partner type.
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../../utils/db/records';
import { DEFAULT_STATEMENTS } from '../../utils/pulse/default-statements';
import { encodeInvite, type PulseInvite } from '../../utils/pulse/invite';
import { generatePulseKeys } from '../../utils/pulse/keys';
import { makeSeatToken } from '../../utils/pulse/seats';
import { checkCode } from '../../utils/pulse/check-code';
import { strings } from '../../widget/strings';
import { openInviteCode, testInvite, widgetUrl } from '../harness/pages/widget';
import { useExtension } from '../harness/vitest';

const PHONE = { width: 390, height: 844 };
/** The goal: partner type, four ratings and Submit. */
const TAP_GOAL = 6;
/** The pulse a lead sends by default: the four core statements in their default wording. */
const QUESTIONS: PulseInvite['questions'] = DIMENSIONS.map((dimension) => ({
  id: `${dimension}-1`,
  wording: DEFAULT_STATEMENTS[dimension],
  scale: 'agree5',
  dimension,
}));

const ext = useExtension({ viewport: PHONE, hasTouch: true, isMobile: true });
let keys: Awaited<ReturnType<typeof generatePulseKeys>>;

beforeAll(async () => {
  keys = await generatePulseKeys();
});

const makeInvite = (overrides: Partial<PulseInvite> = {}) => testInvite(keys.publicKeyJwk, QUESTIONS, overrides);

interface Phone {
  page: Page;
  /** Taps like a finger (touch events), and counts the tap. */
  tap(target: Locator): Promise<void>;
  taps(): number;
  /** Scroll events seen by the page (the document's or any element's) since it opened. */
  scrolls(): Promise<number>;
}

/**
 * The widget opened from a link on the phone. The page counts every scroll event, so a tap
 * that needed a scroll (Playwright scrolls its target into view first) is caught too.
 */
async function openOnPhone(invite: PulseInvite, setup?: () => void): Promise<Phone> {
  const page = await ext().context.newPage();
  await page.addInitScript(() => {
    const counted = window as unknown as { scrollEvents: number };
    counted.scrollEvents = 0;
    addEventListener('scroll', () => (counted.scrollEvents += 1), { capture: true, passive: true });
  });
  if (setup) await page.addInitScript(setup);
  await page.goto(widgetUrl(encodeInvite(invite)));
  await page.getByRole('button', { name: strings.submit }).waitFor();
  let taps = 0;
  return {
    page,
    tap: async (target) => {
      taps += 1;
      await target.tap();
    },
    taps: () => taps,
    scrolls: () => page.evaluate(() => (window as unknown as { scrollEvents: number }).scrollEvents),
  };
}

/** Fails with what sticks out if `target` is not wholly on the phone's screen as it is. */
async function expectOnScreen(target: Locator, what: string): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error(`${what} is not shown`);
  const outside = box.y < 0 || box.x < 0 || box.y + box.height > PHONE.height || box.x + box.width > PHONE.width;
  expect(
    outside,
    `${what} is at x ${box.x}–${box.x + box.width}, y ${box.y}–${box.y + box.height}, outside ${PHONE.width}×${PHONE.height}`,
  ).toBe(false);
}

const statement = (page: Page, index: number) => page.getByRole('group', { name: QUESTIONS[index]!.wording });
const focusedName = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLInputElement | HTMLButtonElement | null)?.name ?? '');

async function openCode(invite: PulseInvite, code: string) {
  const opened = await openInviteCode(code, invite, keys.privateKey);
  if (!opened.ok) throw new Error(`The code did not open: ${opened.error}`);
  return opened.payload;
}

/** Every rating row and Submit (and the partner type, on a shared link) on screen before the first tap. */
async function expectEverythingOnScreen(phone: Phone, partnerType: boolean): Promise<void> {
  const { page } = phone;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  const types = page.getByRole('group', { name: strings.partnerTypeLegend });
  expect(await types.count()).toBe(partnerType ? 1 : 0);
  if (partnerType) await expectOnScreen(types, 'The partner type');
  for (let index = 0; index < QUESTIONS.length; index += 1) {
    await expectOnScreen(statement(page, index), `Statement ${index + 1}`);
  }
  const submit = page.getByRole('button', { name: strings.submit });
  await expectOnScreen(submit, 'Submit');
  const box = (await submit.boundingBox())!;
  console.log(`Submit's bottom edge at ${box.y + box.height} px of ${PHONE.height}`);
}

/** Taps 4, 2, 5 and 3 on the four statements; each tap moves the focus on by itself. */
async function rateAll(phone: Phone, ratings: number[]): Promise<void> {
  const { page, tap } = phone;
  for (const [index, rating] of ratings.entries()) {
    await tap(statement(page, index).getByText(String(rating), { exact: true }));
    expect(await statement(page, index).getByRole('radio', { checked: true }).getAttribute('value')).toBe(
      String(rating),
    );
    // On to the next statement's first answer, or to Submit after the last.
    await expect.poll(() => focusedName(page)).toBe(index + 1 < ratings.length ? `q${index + 1}` : '');
  }
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(strings.submit);
}

describe('a partner answering on a 390×844 touch phone', () => {
  it(`answers a shared link in ≤ ${TAP_GOAL} taps with no scrolling, and Submit copies the code`, async () => {
    await ext().context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const invite = makeInvite();
    const phone = await openOnPhone(invite);
    const { page, tap } = phone;
    expect(await page.evaluate(() => [innerWidth, innerHeight, navigator.maxTouchPoints > 0])).toEqual([
      PHONE.width,
      PHONE.height,
      true,
    ]);
    await expectEverythingOnScreen(phone, true);
    await page.evaluate(() => navigator.clipboard.writeText('something else'));

    // One tap for the partner type, and the focus is on the first statement.
    await tap(page.getByText(strings.partnerTypes.core[0]));
    await expect.poll(() => focusedName(page)).toBe('q0');
    await rateAll(phone, [4, 2, 5, 3]);
    await tap(page.getByRole('button', { name: strings.submit }));

    const code = await page.getByLabel(strings.codeLabel).inputValue();
    expect(await page.getByRole('status').textContent()).toBe(strings.copiedOnSubmit);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    const { partnerType, answers } = await openCode(invite, code);
    expect({ partnerType, answers }).toEqual({
      partnerType: 'core',
      answers: { 'trust-1': 4, 'equity-1': 2, 'flexibility-1': 5, 'communication-1': 3 },
    });
    expect(phone.taps(), 'taps for a shared link').toBeLessThanOrEqual(TAP_GOAL);
    expect(await phone.scrolls(), 'scroll events while answering').toBe(0);
    console.log(`Shared link on a phone: ${phone.taps()} taps, ${await phone.scrolls()} scrolls`);
    await page.close();
  });

  it(`answers a personal link in ≤ ${TAP_GOAL - 1} taps: the first tap is the first rating`, async () => {
    await ext().context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const token = makeSeatToken();
    const invite = makeInvite({ seat: { token, label: 'Kestrel Food Bank' } });
    const phone = await openOnPhone(invite);
    const { page, tap } = phone;
    await expectEverythingOnScreen(phone, false);
    expect(await page.getByText(strings.answeringFor('Kestrel Food Bank')).isVisible()).toBe(true);

    await rateAll(phone, [5, 4, 4, 1]);
    await tap(page.getByRole('button', { name: strings.submit }));

    const code = await page.getByLabel(strings.codeLabel).inputValue();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    const payload = await openCode(invite, code);
    expect(payload.token).toBe(token);
    expect(payload.answers).toEqual({ 'trust-1': 5, 'equity-1': 4, 'flexibility-1': 4, 'communication-1': 1 });
    expect(phone.taps(), 'taps for a personal link').toBeLessThanOrEqual(TAP_GOAL - 1);
    expect(await phone.scrolls(), 'scroll events while answering').toBe(0);
    console.log(`Personal link on a phone: ${phone.taps()} taps, ${await phone.scrolls()} scrolls`);
    await page.close();
  });

  it('a tap on "prefer not to say" moves on too, and a changed mind is one more tap', async () => {
    const invite = makeInvite({ seat: { token: makeSeatToken(), label: 'Kestrel Food Bank' } });
    const phone = await openOnPhone(invite);
    const { page, tap } = phone;
    await tap(statement(page, 0).getByText(strings.preferNotToSay));
    await expect.poll(() => focusedName(page)).toBe('q1');
    await tap(statement(page, 0).getByText('3', { exact: true }));
    await expect.poll(() => focusedName(page)).toBe('q1');
    await tap(page.getByRole('button', { name: strings.submit }));
    const payload = await openCode(invite, await page.getByLabel(strings.codeLabel).inputValue());
    expect(payload.answers).toEqual({ 'trust-1': 3, 'equity-1': null, 'flexibility-1': null, 'communication-1': null });
    expect(await phone.scrolls()).toBe(0);
    await page.close();
  });

  it('shows who reads the answer and the check code above Submit, on screen before any tap', async () => {
    for (const invite of [makeInvite(), makeInvite({ seat: { token: makeSeatToken(), label: 'Kestrel Food Bank' } })]) {
      const phone = await openOnPhone(invite);
      const { page } = phone;
      const expected = await checkCode(keys.publicKeyJwk);
      const code = page.locator('#check-code');
      await expect.poll(() => code.textContent()).toBe(strings.checkCodeShort(expected));
      const sealedLine = page.getByText(strings.sealedFor);
      const submit = (await page.getByRole('button', { name: strings.submit }).boundingBox())!;
      for (const [what, target] of [
        ['Who reads the answer', sealedLine],
        ['The check code', code],
      ] as const) {
        await expectOnScreen(target, what);
        const box = (await target.boundingBox())!;
        expect(box.y + box.height, `${what} ends below Submit's top edge`).toBeLessThanOrEqual(submit.y);
      }
      // One line: the lead and the code side by side, the code never split.
      const line = (await sealedLine.boundingBox())!;
      const lineHeight = await sealedLine.evaluate((p) => parseFloat(getComputedStyle(p).lineHeight));
      expect(line.height, 'the sealed-for line wraps').toBeLessThan(lineHeight * 1.5);
      expect(await phone.scrolls()).toBe(0);
      // The longer word on who reads what stays below, and the counter the tap tests rely on does see a scroll.
      await page.getByText(strings.checkCodeHelp).scrollIntoViewIfNeeded();
      await expect.poll(() => phone.scrolls()).toBeGreaterThan(0);
      expect(await page.getByText(strings.whoReads).isVisible()).toBe(true);
      await page.close();
    }
  });

  it('copies the finished text where the browser takes no ClipboardItem still being sealed', async () => {
    await ext().context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const invite = makeInvite({ seat: { token: makeSeatToken(), label: 'Kestrel Food Bank' } });
    const phone = await openOnPhone(invite, () => {
      Object.defineProperty(Clipboard.prototype, 'write', {
        value: () => Promise.reject(new DOMException('Type text/plain not supported on write.', 'NotAllowedError')),
      });
    });
    const { page, tap } = phone;
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    await tap(statement(page, 0).getByText('5', { exact: true }));
    await tap(page.getByRole('button', { name: strings.submit }));
    const code = await page.getByLabel(strings.codeLabel).inputValue();
    expect(await page.getByRole('status').textContent()).toBe(strings.copiedOnSubmit);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    await page.close();
  });

  it('when the browser refuses the copy, the code is selected and the partner is told', async () => {
    const invite = makeInvite({ seat: { token: makeSeatToken(), label: 'Kestrel Food Bank' } });
    const phone = await openOnPhone(invite, () => {
      const refuse = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
      Object.defineProperty(Clipboard.prototype, 'write', { value: refuse });
      Object.defineProperty(Clipboard.prototype, 'writeText', { value: refuse });
    });
    const { page, tap } = phone;
    await tap(statement(page, 0).getByText('2', { exact: true }));
    await tap(page.getByRole('button', { name: strings.submit }));

    const codeBox = page.getByLabel(strings.codeLabel);
    const code = await codeBox.inputValue();
    expect(code).toMatch(/^PP2\./);
    expect(await page.getByRole('status').textContent()).toBe(strings.copyRefused);
    expect(
      await codeBox.evaluate((area: HTMLTextAreaElement) => [
        area === document.activeElement,
        area.selectionStart,
        area.selectionEnd,
      ]),
    ).toEqual([true, 0, code.length]);
    await page.close();
  });

  it('shares the code through the phone’s share sheet, and shows no Share button without one', async () => {
    const invite = makeInvite({ seat: { token: makeSeatToken(), label: 'Kestrel Food Bank' } });
    const phone = await openOnPhone(invite, () => {
      const shared: ShareData[] = [];
      Object.defineProperty(window, 'sharedData', { value: shared });
      Object.defineProperty(Navigator.prototype, 'share', {
        configurable: true,
        value: (data: ShareData) => (shared.push(data), Promise.resolve()),
      });
    });
    const { page, tap } = phone;
    await tap(statement(page, 0).getByText('4', { exact: true }));
    await tap(page.getByRole('button', { name: strings.submit }));
    const code = await page.getByLabel(strings.codeLabel).inputValue();
    await tap(page.getByRole('button', { name: strings.share }));
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { sharedData: ShareData[] }).sharedData))
      .toEqual([{ text: code }]);
    await page.close();

    const without = await openOnPhone(invite, () => {
      delete (Navigator.prototype as Partial<Navigator>).share;
    });
    await without.tap(statement(without.page, 0).getByText('4', { exact: true }));
    await without.tap(without.page.getByRole('button', { name: strings.submit }));
    await without.page.getByLabel(strings.codeLabel).waitFor();
    expect(await without.page.getByRole('button', { name: strings.copy }).isVisible()).toBe(true);
    expect(await without.page.getByRole('button', { name: strings.share }).count()).toBe(0);
    await without.page.close();
  });
});
