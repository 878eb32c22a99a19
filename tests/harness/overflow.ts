import type { Locator, Page } from 'playwright-core';

/**
 * Every shown element whose text is cut off, as "what: why" lines: a control or an element with
 * text of its own whose content is wider than its box (an input's value, a label, a select's
 * chosen option), or that sticks out of the viewport. Inside a box that scrolls sideways (a wide
 * table), the box is checked against the viewport, its content is not. `within`: one part of the page.
 */
export function cutOffText(page: Page, within?: Locator): Promise<string[]> {
  const check = (root: Element) => {
    const found: string[] = [];
    const viewport = document.documentElement.clientWidth;
    const canvas = document.createElement('canvas').getContext('2d')!;
    const name = (el: HTMLElement) => {
      const text =
        (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : el.textContent) ?? '';
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${text.trim().replace(/\s+/g, ' ').slice(0, 50)}"`;
    };
    const inScroller = (el: HTMLElement) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
        if (/auto|scroll/.test(getComputedStyle(up).overflowX)) return true;
      return false;
    };
    const controls =
      'input:not([type=checkbox],[type=radio],[type=file],[type=range],[type=color]),textarea,select,button';
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (!(el instanceof HTMLElement)) continue;
      const box = el.getBoundingClientRect();
      // Not shown, or shown only to screen readers (a 1 px clipped box).
      if (box.width <= 1 || box.height <= 1 || el.closest('.visually-hidden')) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!ownText && !el.matches(controls)) continue;
      if (!inScroller(el) && (box.right > viewport + 1 || box.left < -1))
        found.push(
          `${name(el)}: ${Math.round(box.left)}–${Math.round(box.right)} px, outside the ${viewport} px viewport`,
        );
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
        found.push(`${name(el)}: ${el.scrollWidth} px of text in a ${el.clientWidth} px box`);
      // A select drawn natively (not `appearance: base-select`, whose choice wraps) never wraps its choice.
      if (
        el instanceof HTMLSelectElement &&
        el.selectedOptions[0] &&
        getComputedStyle(el).appearance !== 'base-select'
      ) {
        const style = getComputedStyle(el);
        canvas.font = style.font;
        const text = canvas.measureText(el.selectedOptions[0].text).width;
        const arrow = 20;
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow;
        if (text > room + 1) found.push(`${name(el)}: its option is ${Math.round(text)} px in ${Math.round(room)} px`);
      }
    }
    return found;
  };
  return within ? within.evaluate(check) : page.locator('body').evaluate(check);
}
