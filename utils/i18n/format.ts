import { browser } from '#imports';

/** Dates and numbers in the user's locale, through Intl. */

export function locale(): string {
  try {
    return browser.i18n.getUILanguage() || navigator.language;
  } catch {
    return navigator.language;
  }
}

/**
 * Formatters made once per locale and options: making one costs far more than using it, and a
 * dashboard redraw formats thousands of numbers.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(
  make: (locale: string, options: object | undefined) => T,
  kind: string,
  options: object | undefined,
): T {
  const language = locale();
  const key = `${kind}|${language}|${JSON.stringify(options ?? {})}`;
  let made = formatters.get(key) as T | undefined;
  if (!made) {
    made = make(language, options);
    formatters.set(key, made);
  }
  return made;
}

export function formatDate(epochMs: number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return formatter((l, o) => new Intl.DateTimeFormat(l, o), 'date', options).format(epochMs);
}

/** A calendar date (YYYY-MM-DD) in the user's words: read at UTC midnight, shown in UTC, so no zone shifts the day. */
export function formatCalendarDay(isoDate: string): string {
  return formatDate(Date.parse(`${isoDate}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
}

export function formatDateTime(epochMs: number): string {
  return formatDate(epochMs, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatTime(epochMs: number): string {
  return formatDate(epochMs, { timeStyle: 'short' });
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return formatter((l, o) => new Intl.NumberFormat(l, o), 'number', options).format(value);
}
