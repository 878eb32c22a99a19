import type { Locator, Page } from 'playwright-core';

/**
 * Counts a flow's actions as a new user spends them: each click, each field typed into (one
 * action however many keys), each dropdown opened and each option chosen, and a scroll whenever
 * the control is not in the viewport when it is needed. Every action is logged, so a failing
 * budget says where the actions went.
 */
export interface ActionCounter {
  readonly count: number;
  readonly log: readonly string[];
  /** An action outside the page, such as opening the panel from the toolbar, or reading the form. */
  note(what: string): void;
  click(target: Locator, what?: string): Promise<void>;
  fill(target: Locator, text: string, what?: string): Promise<void>;
  /** A native dropdown: open it, choose. */
  select(target: Locator, option: { label: string } | string, what?: string): Promise<void>;
  check(target: Locator, what?: string): Promise<void>;
  /** Reading: counts a scroll for each target out of view; reading itself is counted by note(). */
  see(target: Locator, what?: string): Promise<void>;
}

export function countActions(page: Page): ActionCounter {
  const log: string[] = [];
  const add = (entry: string) => log.push(entry);

  /** A scroll, if the control is not (fully enough) in the viewport. */
  async function reach(target: Locator, what: string) {
    await target.waitFor({ state: 'visible' });
    const box = await target.boundingBox();
    const viewport = page.viewportSize();
    if (!box || !viewport) throw new Error(`${what}: not on screen`);
    // Covered by the sticky save bar counts as out of view too.
    const covered = await target.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 10), 0), innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      return !!top && top !== el && !el.contains(top) && !(el as HTMLElement).closest('label')?.contains(top);
    });
    const inView = box.y >= 0 && box.y + Math.min(box.height, 20) <= viewport.height && !covered;
    if (!inView) {
      add(`scroll to ${what}`);
      await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    }
  }

  return {
    get count() {
      return log.length;
    },
    log,
    note: add,
    async click(target, what = 'button') {
      await reach(target, what);
      add(`click ${what}`);
      await target.click();
    },
    async fill(target, text, what = 'field') {
      await reach(target, what);
      add(`type into ${what}`);
      await target.fill(text);
    },
    async select(target, option, what = 'dropdown') {
      await reach(target, what);
      add(`open ${what}`);
      add(`choose in ${what}`);
      await target.selectOption(option);
    },
    async check(target, what = 'checkbox') {
      await reach(target, what);
      add(`tick ${what}`);
      await target.check();
    },
    async see(target, what = 'it') {
      await reach(target, what);
    },
  };
}
