import { isThreshold } from '../db/threshold';
import { widgetBaseUrl } from './settings';

/**
 * The settings form's rules, apart from the page: what a field's text means for the stored
 * setting. A text that means nothing storable is shown with an error and stores nothing.
 */

/** The threshold a field's text stores (isThreshold); null otherwise ('' included). */
export function thresholdOf(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return isThreshold(n) ? n : null;
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

export interface OwnWrites<T> {
  write(value: T): boolean;
  failed(value: T): void;
  isEcho(value: T): boolean;
}

/**
 * A typed field's own writes not yet come back as changes. A change event arrives after later
 * keys were typed: an echo of an earlier write must not rewrite the field (the next key would
 * then be added to the older text and what was typed lost). A value equal to the last one
 * known is not written, so every write listed has an echo to come; a write that fails is taken
 * off the list (`failed`), as it never echoes.
 */
export function ownWrites<T>(): OwnWrites<T> {
  const pending: T[] = [];
  let last: T | undefined;
  return {
    /** Whether to write `value`; listed as a write to come back if so. */
    write(value: T): boolean {
      if (value === last) return false;
      pending.push(value);
      last = value;
      return true;
    },
    /**
     * A write of `value` failed: it has no echo to come, so a later change to that value made in
     * another page is shown, and typing it again writes it again.
     */
    failed(value: T): void {
      const at = pending.lastIndexOf(value);
      if (at >= 0) pending.splice(at, 1);
      if (last === value) last = undefined;
    },
    /** A stored value seen: true when it is this page's own write coming back (with every one before it). */
    isEcho(value: T): boolean {
      const at = pending.indexOf(value);
      if (at >= 0) pending.splice(0, at + 1);
      else last = value;
      return at >= 0;
    },
  };
}
