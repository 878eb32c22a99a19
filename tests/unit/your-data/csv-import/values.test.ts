import { describe, expect, it } from 'vitest';
import {
  guessDateOrder,
  guessScale,
  readAnswer,
  readDate,
  readPartnerType,
} from '../../../../utils/your-data/csv-import/values';

const local = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => new Date(y, m - 1, d, h, min, s).getTime();

describe('readDate', () => {
  it('reads the forms the survey tools write', () => {
    expect(readDate('2024-03-15', 'dmy')).toBe(local(2024, 3, 15));
    expect(readDate('2024-03-15T10:22:33Z', 'dmy')).toBe(Date.UTC(2024, 2, 15, 10, 22, 33));
    expect(readDate('2024-03-15 10:22:33+01:00', 'dmy')).toBe(Date.UTC(2024, 2, 15, 9, 22, 33));
    expect(readDate('2024/03/15 10:22:33 pm GMT+1', 'dmy')).toBe(Date.UTC(2024, 2, 15, 21, 22, 33));
    expect(readDate('2024/03/15 10:22:33 AM GMT', 'mdy')).toBe(Date.UTC(2024, 2, 15, 10, 22, 33));
    expect(readDate('15/03/2024 10:22:33', 'dmy')).toBe(local(2024, 3, 15, 10, 22, 33));
    expect(readDate('3/15/24 9:04 AM', 'mdy')).toBe(local(2024, 3, 15, 9, 4));
    expect(readDate('12/04/2024 12:30 am', 'mdy')).toBe(local(2024, 12, 4, 0, 30));
    expect(readDate('15.03.2024', 'dmy')).toBe(local(2024, 3, 15));
    expect(readDate('15 March 2024, 10:00', 'dmy')).toBe(local(2024, 3, 15, 10));
  });

  it('refuses what is not a real date or time', () => {
    for (const text of [
      '',
      'yesterday',
      '2024-02-30',
      '31/04/2024',
      '15/03/2024 25:00',
      '3/15/2024',
      '2024-03-15 13:00 pm',
      '44927',
    ]) {
      expect(readDate(text, 'dmy'), text).toBeNull();
    }
  });
});

describe('guessDateOrder', () => {
  it('settles the order from a day above 12, else from the language', () => {
    expect(guessDateOrder(['03/04/2024', '25/04/2024'], 'en-US')).toBe('dmy');
    expect(guessDateOrder(['03/04/2024', '04/25/2024'], 'en-GB')).toBe('mdy');
    expect(guessDateOrder(['03/04/2024'], 'en-US')).toBe('mdy');
    expect(guessDateOrder(['03/04/2024'], 'en-GB')).toBe('dmy');
  });
});

describe('readAnswer', () => {
  it('reads 1–5 as numbers or agreement words, and prefer not to say as null', () => {
    const read = (text: string) => readAnswer(text, 'agree5');
    expect(read('4')).toEqual({ ok: true, value: 4 });
    expect(read(' 5 - Strongly agree ')).toEqual({ ok: true, value: 5 });
    expect(read('STRONGLY DISAGREE')).toEqual({ ok: true, value: 1 });
    expect(read('Neither agree nor disagree')).toEqual({ ok: true, value: 3 });
    expect(read('Prefer not to say')).toEqual({ ok: true, value: null });
    expect(read('I’d rather not say')).toEqual({ ok: true, value: null });
    expect(read('')).toEqual({ ok: true, value: undefined });
    for (const bad of ['0', '6', '4.5', 'constructor', 'maybe'])
      expect(read(bad), bad).toEqual({ ok: false, problem: 'notOnScale' });
  });

  it('maps 1–10 and 0–10 linearly onto 1–5, rounded', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => readAnswer(String(n), 'oneTen'))).toEqual(
      [1, 1, 2, 2, 3, 3, 4, 4, 5, 5].map((value) => ({ ok: true, value })),
    );
    expect([0, 1, 2, 5, 8, 10].map((n) => readAnswer(String(n), 'zeroTen'))).toEqual(
      [1, 1, 2, 3, 4, 5].map((value) => ({ ok: true, value })),
    );
    expect(readAnswer('0', 'oneTen')).toEqual({ ok: false, problem: 'notOnScale' });
    expect(readAnswer('11', 'zeroTen')).toEqual({ ok: false, problem: 'notOnScale' });
    expect(readAnswer('Agree', 'oneTen')).toEqual({ ok: false, problem: 'notOnScale' });
  });
});

describe('guessScale and readPartnerType', () => {
  it('guess the scale from the header, else from the answers', () => {
    expect(guessScale(['3'], 'How useful (0-10)?')).toBe('zeroTen');
    expect(guessScale(['3'], 'Trust (1 – 10)')).toBe('oneTen');
    expect(guessScale(['3', '8', '0'])).toBe('zeroTen');
    expect(guessScale(['3', '8'])).toBe('oneTen');
    expect(guessScale(['Agree', '4'])).toBe('agree5');
  });

  it('read lead, core and wider in any case, with "partner" or "organisation" after them', () => {
    expect(['Lead', 'core partner', 'WIDER ORGANISATION', ' core '].map((cell) => readPartnerType(cell))).toEqual([
      'lead',
      'core',
      'wider',
      'core',
    ]);
    expect(['', 'partner', 'funder'].map((cell) => readPartnerType(cell))).toEqual([undefined, undefined, undefined]);
  });
});
