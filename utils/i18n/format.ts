import { browser } from 'wxt/browser';

/** Dates and numbers in the user's locale, through Intl. */

function locale(): string {
  try {
    return browser.i18n.getUILanguage() || navigator.language;
  } catch {
    return navigator.language;
  }
}

export function formatDate(epochMs: number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return new Intl.DateTimeFormat(locale(), options).format(epochMs);
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
  return new Intl.NumberFormat(locale(), options).format(value);
}
