import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from '#imports';
import { counted, plural } from '../../../utils/i18n/plural';

const ROOT = path.resolve(__dirname, '../../..');
type Messages = Record<string, { message: string }>;
const en = JSON.parse(readFileSync(path.join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Messages;

describe('plural()', () => {
  it('says one guest and two guests, and zero guests, by the English rules', () => {
    expect(plural('eventGuests', 1, '1')).toBe('1 guest');
    expect(plural('eventGuests', 2, '2')).toBe('2 guests');
    expect(plural('eventGuests', 0, '0')).toBe('0 guests');
    expect(counted('countDays', 1)).toBe('1 day');
    expect(counted('countDays', 1234)).toBe('1,234 days');
  });

  it("picks the form by the locale's Intl.PluralRules, not by count === 1", () => {
    // In French, 0 and 1.5 take the "one" form as 1 does.
    fakeBrowser.i18n.getUILanguage = () => 'fr';
    expect(plural('eventGuests', 0, '0')).toBe('0 guest');
    expect(plural('eventGuests', 1.5, '1,5')).toBe('1,5 guest');
    expect(plural('eventGuests', 2, '2')).toBe('2 guests');
    // Arabic's "few" has no message of its own here: the "other" form stands in.
    fakeBrowser.i18n.getUILanguage = () => 'ar';
    expect(new Intl.PluralRules('ar').select(3)).toBe('few');
    expect(plural('eventGuests', 3, '3')).toBe('3 guests');
  });
});

/** Nouns that a count stands beside in a message: "$1 guests", "$2 invited organisations". */
const NOUNS =
  'guests|organisations|people|participants|answers|codes|meetings|days|partnerships|seats|responses|pulses|rows|changes|members|problems|cells|links|comments|minutes';
const COUNTED = new RegExp(String.raw`\$(\d)\)? (?:(?!of )[a-z][\w-]* ){0,2}?(?:${NOUNS})\b`);
/** Messages whose placeholder before the noun is a name, not a count. */
const NOT_COUNTS: Record<string, string> = { dashColTypeAnswers: '"Lead answers": $1 is a partner type' };

/** Messages with a count beside a plural noun that have no `_one` form. */
function withoutPluralForms(messages: Messages): string[] {
  return Object.keys(messages).filter(
    (key) =>
      !/_(one|few|many|two|zero)$/.test(key) &&
      !(key in NOT_COUNTS) &&
      COUNTED.test(messages[key]!.message) &&
      !(`${key}_one` in messages),
  );
}

const sources = (dir: string) =>
  readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));

/** Calls of t() with a message that has plural forms: `file: key`. */
function pluralsThroughT(files: readonly string[], messages: Messages): string[] {
  const found: string[] = [];
  for (const file of files) {
    for (const [, key] of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w]+)'/g)) {
      if (`${key}_one` in messages || /_one$/.test(key!)) found.push(`${path.relative(ROOT, file)}: ${key}`);
    }
  }
  return found;
}

describe('every count shown beside a noun goes through plural()', () => {
  it('gives each message with a count beside a plural noun a "_one" form, worded alike', () => {
    expect(withoutPluralForms(en)).toEqual([]);
    for (const key of Object.keys(en).filter((k) => k.endsWith('_one'))) {
      const base = en[key.slice(0, -4)];
      expect(base, `${key} has no "other" form`).toBeDefined();
      const placeholders = (message: string) => [...message.matchAll(/\$\d/g)].map((m) => m[0]).sort();
      expect(placeholders(en[key]!.message), key).toEqual(placeholders(base!.message));
    }
  });

  it('calls no message with plural forms through t(), which would say "1 guests"', () => {
    const files = ['components', 'utils', 'entrypoints'].flatMap(sources);
    expect(files.length).toBeGreaterThan(100);
    expect(pluralsThroughT(files, en)).toEqual([]);
  });

  it('finds a count without a "_one" form, and a plural message called through t()', () => {
    const messages: Messages = {
      guests: { message: '$1 guests' },
      late: { message: 'Add $1 late answers' },
      named: { message: '$1 partners' },
      rate: { message: 'Response rate: $1 ($2, $3)' },
      share: { message: '$1 of invited organisations' },
      kept: { message: '$1 pulses' },
      kept_one: { message: '$1 pulse' },
    };
    expect(withoutPluralForms(messages)).toEqual(['guests', 'late']);
    const file = path.join(ROOT, 'tests/unit/i18n/plural.test.ts');
    expect(pluralsThroughT([file], { eventGuests: { message: '' }, eventGuests_one: { message: '' } })).toEqual([
      'tests/unit/i18n/plural.test.ts: eventGuests',
    ]);
  });
});

// Read by the last check above: a call as product code must never write it.
export const exampleOfAMistake = (t: (key: string, count: string) => string) => t('eventGuests', '1');
