import { describe, expect, it } from 'vitest';
import { parseEventTimes } from '../../../utils/platforms/when';

const GB = { referenceYear: 2025, dayFirst: true };
const US = { referenceYear: 2025, dayFirst: false };
const at = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).toISOString();

describe('parseEventTimes', () => {
  it.each([
    ['Tuesday, 13 May⋅10:00 – 11:30', GB, at(2025, 5, 13, 10), at(2025, 5, 13, 11, 30)],
    ['Tuesday, 13 May 2025⋅10:00 – 11:30', GB, at(2025, 5, 13, 10), at(2025, 5, 13, 11, 30)],
    ['Tuesday, May 13⋅10:00 – 11:30am', US, at(2025, 5, 13, 10), at(2025, 5, 13, 11, 30)],
    ['Thursday, 3 July 2025⋅2 – 3:30pm', GB, at(2025, 7, 3, 14), at(2025, 7, 3, 15, 30)],
    ['Friday, 16 May⋅11:30am – 1pm', GB, at(2025, 5, 16, 11, 30), at(2025, 5, 16, 13)],
    ['Friday, 16 May⋅11 – 1pm', GB, at(2025, 5, 16, 11), at(2025, 5, 16, 13)],
    ['Tue 13/05/2025 10:00 - 11:30', GB, at(2025, 5, 13, 10), at(2025, 5, 13, 11, 30)],
    ['Thu 7/3/2025 2:00 PM - 3:30 PM', US, at(2025, 7, 3, 14), at(2025, 7, 3, 15, 30)],
    ['Thu 7/3/2025 2:00 PM - 3:30 PM', GB, at(2025, 3, 7, 14), at(2025, 3, 7, 15, 30)],
    ['2025-05-13 10:00 to 11:00', GB, at(2025, 5, 13, 10), at(2025, 5, 13, 11)],
    ['Tuesday, 13 May 2025, 23:00 – Wednesday, 14 May 2025, 01:00', GB, at(2025, 5, 13, 23), at(2025, 5, 14, 1)],
    ['Tuesday, 13 May⋅23:00 – 00:30', GB, at(2025, 5, 13, 23), at(2025, 5, 14, 0, 30)],
    ['Wednesday, 31 December 2025⋅12pm – 12:30pm', GB, at(2025, 12, 31, 12), at(2025, 12, 31, 12, 30)],
  ])('%s', (text, options, start, end) => {
    expect(parseEventTimes(text, options)).toEqual({ start, end });
  });

  it.each([
    'Tuesday, 13 May', // all day
    '13 – 16 May 2025', // several days, no times
    'Every 6 weeks on Tuesday',
    'Tuesday, 31 June⋅10:00 – 11:00', // no such day
    'Tuesday, 13 May⋅25:00 – 26:00',
    'Tuesday, 13 May⋅10:00 – 10:00',
    '10:00 – 11:00', // no date
    '',
  ])('%s → nulls', (text) => {
    expect(parseEventTimes(text, GB)).toEqual({ start: null, end: null });
  });

  it('uses the reference year only when the text has none', () => {
    expect(parseEventTimes('Tuesday, 13 May⋅10:00 – 11:00', { ...GB, referenceYear: 2031 }).start).toBe(
      at(2031, 5, 13, 10),
    );
    expect(parseEventTimes('13 May 2024⋅10:00 – 11:00', { ...GB, referenceYear: 2031 }).start).toBe(
      at(2024, 5, 13, 10),
    );
  });
});
