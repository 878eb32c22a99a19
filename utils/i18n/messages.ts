import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';

/** Every user-facing string goes through here: keys are checked against the English messages. */
export type MessageKey = keyof typeof en;

export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  const text = browser.i18n.getMessage(key, substitutions.map(String));
  // An empty answer means a missing key: show the key so the gap is visible, never a blank.
  return text || key;
}
