import { clampThreshold, MIN_ANONYMITY_THRESHOLD } from '../db/threshold';
import { widgetBaseUrl } from './settings';

/**
 * The settings form's rules, apart from the page: what a field's text means for the stored
 * setting. A text that means nothing storable is shown with an error and stores nothing.
 */

/** The threshold a field's text stores: a whole number at or above the minimum; null otherwise ('' included). */
export function thresholdOf(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isInteger(n) && n >= MIN_ANONYMITY_THRESHOLD ? clampThreshold(n) : null;
}

/** The threshold field shows an error: something typed that is not a threshold. */
export function thresholdInvalid(text: string): boolean {
  return text !== '' && thresholdOf(text) === null;
}

/** The widget address a field's text stores: '' (none) or a usable address, trimmed; null otherwise. */
export function widgetHostOf(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' || widgetBaseUrl(trimmed) ? trimmed : null;
}

/** The widget address field shows an error: an address the panel must not link to. */
export function widgetHostInvalid(text: string): boolean {
  return widgetHostOf(text) === null;
}

/**
 * A field's text once its setting is read or changed in another page: kept while it already
 * stands for that value (so "04" or a trailing space being typed is not rewritten under the
 * caret), otherwise the stored value's own text.
 */
export function fieldText<T>(
  text: string,
  stored: T,
  read: (text: string) => T | null,
  show: (value: T) => string,
): string {
  return read(text) === stored ? text : show(stored);
}
