import { browser } from '#imports';
import type en from '../../public/_locales/en/messages.json';

/** Every user-facing string goes through here: keys are checked against the English messages. */
export type MessageKey = keyof typeof en;

export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  // MessageKey already checks the key; WXT's own key type lags until `wxt prepare` runs again.
  const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
  const text = getMessage(key, substitutions.map(String));
  // An empty answer means a missing key: show the key so the gap is visible, never a blank.
  return text || key;
}
