import type { BrowserContext, FileChooser, Locator, Page } from 'playwright-core';

/**
 * Driving a page by keyboard alone: Tab / Shift+Tab to move, and checks that the focus is where
 * it should be and can be seen. Locators only read here; nothing is clicked or focused directly.
 */

/** What the focused element is, and whether it shows that it has the focus (an outline on it or on what draws it). */
export function focusState(page: Page): Promise<{ description: string; visible: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { description: '(nothing)', visible: false };
    const outlined = (el: Element | null | undefined) => {
      if (!el) return false;
      const style = getComputedStyle(el);
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    };
    const label =
      element.getAttribute('aria-label') ??
      (element as HTMLInputElement).labels?.[0]?.textContent ??
      element.textContent ??
      '';
    return {
      description: `<${element.tagName.toLowerCase()}> "${label.trim().slice(0, 60)}"`,
      // Inputs drawn by their label (the widget's answer buttons) show the ring on what is drawn.
      visible: outlined(element) || outlined(element.nextElementSibling) || outlined(element.closest('label')),
    };
  });
}

export const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement).catch(() => false);

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus; every element passed on the way
 * must show its focus. Fails with the path taken if the target is never reached.
 */
export async function tabTo(page: Page, target: Locator, options: { backwards?: boolean; max?: number } = {}) {
  const { backwards = false, max = 250 } = options;
  const path: string[] = [];
  for (let step = 0; step <= max; step += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const { description, visible } = await focusState(page);
    path.push(description);
    if (description !== '(nothing)' && !visible) {
      throw new Error(`The focus on ${description} is not visible (after ${path.join(' → ')})`);
    }
  }
  throw new Error(`Never reached ${target} by ${backwards ? 'Shift+Tab' : 'Tab'}: ${path.join(' → ')}`);
}

/**
 * Waits until `target` has the focus (after an action that should move it there, or keep it)
 * and checks that the focus shows. Fails with what has the focus instead.
 */
export async function expectFocusOn(page: Page, target: Locator, timeout = 5_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await isFocused(target))) {
    if (Date.now() > deadline) {
      throw new Error(`Expected the focus on ${target}, but it is on ${(await focusState(page)).description}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { description, visible } = await focusState(page);
  if (!visible) throw new Error(`The focus on ${description} is not visible`);
}

export const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim());

const chosenText = (select: Locator) =>
  select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? '');

/**
 * With the focus on a closed select, moves its choice with the arrow keys (down, then up)
 * until the chosen option's text is `option`; the select fires a change for every step.
 */
export async function arrowTo(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  if (!(await isFocused(select))) throw new Error(`${select} does not have the focus`);
  const matches = (text: string) => (typeof option === 'string' ? text === option : option.test(text));
  const count = await select.locator('option').count();
  for (const key of ['ArrowDown', 'ArrowUp']) {
    for (let i = 0; i < count; i += 1) {
      if (matches(await chosenText(select))) return;
      await page.keyboard.press(key);
    }
  }
  if (!matches(await chosenText(select))) throw new Error(`No option ${option} in ${select}`);
}

export type DateOrder = Array<'day' | 'month' | 'year'>;

/**
 * The order of a date field's parts as this browser draws them (it follows the process's
 * locale, which the machine may not have): found by typing into a bare field on a blank page.
 */
export async function dateOrder(context: BrowserContext): Promise<DateOrder> {
  const probe = await context.newPage();
  try {
    await probe.setContent('<input type="date" aria-label="probe">');
    await probe.keyboard.press('Tab');
    await probe.keyboard.type('01022003');
    const value = await probe.getByLabel('probe').inputValue();
    if (value === '2003-02-01') return ['day', 'month', 'year'];
    if (value === '2003-01-02') return ['month', 'day', 'year'];
    throw new Error(`A date field of an order these tests do not know: 01 02 2003 made ${value}`);
  } finally {
    await probe.close();
  }
}

/** Types an ISO date into the focused date field, part by part as the field orders them. */
export async function typeDate(page: Page, order: DateOrder, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  const parts = { day, month, year };
  for (const part of order) await page.keyboard.type(parts[part]);
}

/**
 * Presses `key` on the focused file input and answers the file dialog it opens with `files`.
 * Playwright turns on the dialog's interception without waiting for the browser to confirm it,
 * so under load the first press can open the real (unanswerable) dialog before it is on: the
 * press is repeated, up to three times, until a chooser arrives.
 */
export async function chooseFileByKey(
  page: Page,
  key: 'Space' | 'Enter',
  files: Parameters<FileChooser['setFiles']>[0],
): Promise<void> {
  let chosen: FileChooser | undefined;
  const onChooser = (chooser: FileChooser) => {
    chosen ??= chooser;
  };
  page.on('filechooser', onChooser);
  try {
    // A round trip after subscribing gives the interception time to reach the browser.
    await page.evaluate(() => 0);
    for (let attempt = 0; attempt < 3 && !chosen; attempt += 1) {
      await page.keyboard.press(key);
      const deadline = Date.now() + 5_000;
      while (!chosen && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    page.off('filechooser', onChooser);
  }
  if (!chosen) throw new Error(`Pressing ${key} on the focused element opened no file chooser`);
  await chosen.setFiles(files);
}
