import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { t } from '../../../utils/i18n/messages';
import { formatNumber } from '../../../utils/i18n/format';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('messages', () => {
  it('reads a message by key', () => {
    expect(t('extensionName')).toBe('Partnership Pulse');
  });
  it('formats numbers through Intl', () => {
    expect(formatNumber(1234.5)).toBe('1,234.5');
  });
});

describe('the messages file', () => {
  /** Top-level keys as written, found by the text itself: a repeated key survives no parse. */
  function topLevelKeys(text: string): string[] {
    return [...text.matchAll(/^\s{2}"([^"\\]+)"\s*:/gm)].map((m) => m[1]!);
  }

  it('names each message once: a key written twice would silently replace the first', () => {
    const text = readFileSync(path.join(ROOT, 'public/_locales/en/messages.json'), 'utf8');
    const keys = topLevelKeys(text);
    expect(keys.length).toBe(Object.keys(JSON.parse(text) as object).length + duplicates(keys).length);
    expect(duplicates(keys)).toEqual([]);
  });

  it('writes a dollar sign as $$: the browser reads $ and what follows as a placeholder and drops them', () => {
    const en = JSON.parse(readFileSync(path.join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<
      string,
      { message: string }
    >;
    const loose = Object.entries(en).filter(([, { message }]) => bareDollars(message));
    expect(loose.map(([key]) => key)).toEqual([]);
    expect(bareDollars('letters and _$()+/- only')).toBe(true);
    expect(bareDollars('$1 of $2, at $$3 each')).toBe(false);
  });

  it('never writes a count\'s plural as "(s)": "1 partnership(s)" reads as unfinished, so a count comes after a label', () => {
    const en = JSON.parse(readFileSync(path.join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<
      string,
      { message: string }
    >;
    const halfPlural = Object.entries(en).filter(([, { message }]) => /\w\(s\)/.test(message));
    expect(halfPlural.map(([key]) => key)).toEqual([]);
  });

  it('shows $$ as one dollar sign, as the browser does', () => {
    expect(t('workspaceProblem_badPrefix')).toBe(
      'The prefix takes lower-case letters, digits and _$()+/- only, and starts with a letter.',
    );
  });

  it('finds a repeated key in a file that has one', () => {
    const text = '{\n  "a": {"message": "one"},\n  "b": {"message": "two"},\n  "a": {"message": "three"}\n}\n';
    expect(duplicates(topLevelKeys(text))).toEqual(['a']);
  });
});

function duplicates(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(keys.filter((key) => seen.has(key) || !seen.add(key)))];
}

/** A $ that is neither a substitution ($1…$9) nor a written dollar ($$). */
function bareDollars(message: string): boolean {
  return /\$(?![1-9$])/.test(message.replace(/\$\$/g, ''));
}
