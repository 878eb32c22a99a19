import { browser } from '#imports';
import { formatNumber, locale } from './format';
import { t, type MessageKey } from './messages';

/**
 * A message with a count: its key holds the "other" form ("$1 guests") and `<key>_one` the "one"
 * form ("$1 guest"); a locale with more forms adds `<key>_few`, `<key>_many`… (chrome.i18n has no
 * plurals). `count` picks the form through Intl.PluralRules; the substitutions fill it as in t().
 */
export type PluralKey = { [K in MessageKey]: `${K}_one` extends MessageKey ? K : never }[MessageKey];

const rules = new Map<string, Intl.PluralRules>();

function category(count: number): Intl.LDMLPluralRule {
  const language = locale();
  let made = rules.get(language);
  if (!made) {
    made = new Intl.PluralRules(language);
    rules.set(language, made);
  }
  return made.select(count);
}

export function plural(key: PluralKey, count: number, ...substitutions: Array<string | number>): string {
  const form = category(count);
  if (form !== 'other') {
    const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
    const text = getMessage(`${key}_${form}`, substitutions.map(String));
    if (text) return text;
  }
  return t(key, ...substitutions);
}

/** A count and its noun alone ("1 response", "12 responses"), from a message whose only substitution is the count. */
export function counted(key: PluralKey, count: number): string {
  return plural(key, count, formatNumber(count));
}
