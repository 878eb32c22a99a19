import { describe, expect, it } from 'vitest';
import {
  emailDomain,
  isPersonalEmailDomain,
  normaliseDomain,
  normaliseEmail,
  normaliseName,
} from '../../../utils/db/normalise';

describe('normaliseName', () => {
  it.each([
    ['Sam Okafor', 'sam okafor'],
    ['  Sam   Okafor ', 'sam okafor'],
    ['Sam Okafor (You)', 'sam okafor'],
    ['Sam Okafor (Guest)', 'sam okafor'],
    ['Sam Okafor (External)', 'sam okafor'],
    ['Sam Okafor Presenting', 'sam okafor'],
    ['Sam Okafor is presenting', 'sam okafor'],
    ['Sam Okafor (Host, me)', 'sam okafor'],
    ['Sam Okafor (they/them) (Guest)', 'sam okafor'],
    ['Sam Okafor [Unverified]', 'sam okafor'],
    ['ＳＡＭ　ＯＫＡＦＯＲ', 'sam okafor'], // full-width letters and space (NFKC)
    ['Sam\u200B Okafor\u202E', 'sam okafor'], // hidden zero-width and bidi characters
  ])('%j → %j', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it('keeps brackets that are part of the name', () => {
    expect(normaliseName('Chen Wei (Northmoor Food)')).toBe('chen wei (northmoor food)');
    expect(normaliseName('陈伟')).toBe('陈伟');
    expect(normaliseName('Siobhán Kelly')).toBe('siobhán kelly');
  });

  it('treats composed and decomposed accents alike', () => {
    expect(normaliseName('Siobha\u0301n')).toBe(normaliseName('Siobh\u00e1n'));
  });
});

describe('emails', () => {
  it('takes the lower-case domain of an address', () => {
    expect(emailDomain('Sam.Okafor@CA-Northmoor.Example')).toBe('ca-northmoor.example');
    expect(emailDomain(' someone@sub.ageuk.example. ')).toBe('sub.ageuk.example');
  });
  it('returns undefined for things that are not addresses', () => {
    expect(emailDomain('Sam Okafor')).toBeUndefined();
    expect(emailDomain('@ageuk.example')).toBeUndefined();
    expect(emailDomain('sam@localhost')).toBeUndefined();
    expect(emailDomain('sam@')).toBeUndefined();
  });
  it('normalises addresses and domains as typed', () => {
    expect(normaliseEmail(' Sam@AgeUK.example ')).toBe('sam@ageuk.example');
    expect(normaliseDomain('@AgeUK.Example ')).toBe('ageuk.example');
  });
  it('knows public mail providers', () => {
    expect(isPersonalEmailDomain('gmail.com')).toBe(true);
    expect(isPersonalEmailDomain('@Hotmail.co.uk')).toBe(true);
    expect(isPersonalEmailDomain('ageuk-northmoor.example')).toBe(false);
  });
});
