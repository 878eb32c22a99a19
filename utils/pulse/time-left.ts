import { browser } from '#imports';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The unit a person would use for a gap of `ms` (negative: in the past), rounded. */
export function relativeParts(ms: number): { value: number; unit: 'minute' | 'hour' | 'day' } {
  const size = Math.abs(ms);
  if (size < HOUR) return { value: Math.round(ms / MINUTE), unit: 'minute' };
  if (size < DAY) return { value: Math.round(ms / HOUR), unit: 'hour' };
  return { value: Math.round(ms / DAY), unit: 'day' };
}

/** "in 6 days", "3 hours ago", in the user's language (Intl.RelativeTimeFormat). */
export function formatRelative(target: number, now: number = Date.now(), locale: string = uiLocale()): string {
  const { value, unit } = relativeParts(target - now);
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(value, unit);
}

function uiLocale(): string {
  try {
    return browser.i18n.getUILanguage() || navigator.language;
  } catch {
    return navigator.language;
  }
}
