import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  calendarDate,
  dateIn,
  daysBetween,
  isCalendarDate,
  isIsoStamp,
  isoDateTime,
  periodOf,
  periodOfDate,
  startOfDate,
  utcCalendarDate,
  zoneOffsetMs,
} from '../../../utils/time/calendar';

const HOUR = 3_600_000;
const originalTz = process.env.TZ;

afterEach(() => {
  process.env.TZ = originalTz;
});

describe('calendar dates in a time zone', () => {
  it("puts an instant near midnight on the zone's own date", () => {
    // 23:30 UTC on 29 March 2026 is 00:30 BST on the 30th (the clocks went forward that morning).
    const lateEvening = Date.UTC(2026, 2, 29, 23, 30);
    expect(dateIn(lateEvening, 'UTC')).toBe('2026-03-29');
    expect(dateIn(lateEvening, 'Europe/London')).toBe('2026-03-30');
    expect(dateIn(lateEvening, 'America/New_York')).toBe('2026-03-29');
    expect(dateIn(lateEvening, 'Asia/Tokyo')).toBe('2026-03-30');
    // The day before, London was still on GMT: 23:30 UTC is 23:30 there.
    expect(dateIn(Date.UTC(2026, 2, 28, 23, 30), 'Europe/London')).toBe('2026-03-28');
  });

  it('gives the same answers whatever the process time zone', () => {
    const at = Date.UTC(2026, 9, 25, 0, 30);
    process.env.TZ = 'Pacific/Auckland';
    const inAuckland = [dateIn(at, 'Europe/London'), startOfDate('2026-10-25', 'Europe/London')];
    process.env.TZ = 'America/Los_Angeles';
    expect([dateIn(at, 'Europe/London'), startOfDate('2026-10-25', 'Europe/London')]).toEqual(inAuckland);
    expect(inAuckland).toEqual(['2026-10-25', Date.UTC(2026, 9, 24, 23, 0)]);
  });

  it('reads the offset on both sides of a daylight-saving change', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 2, 29, 0, 59), 'Europe/London')).toBe(0);
    expect(zoneOffsetMs(Date.UTC(2026, 2, 29, 1, 0), 'Europe/London')).toBe(HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 1), 'America/New_York')).toBe(-4 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 1), 'America/New_York')).toBe(-5 * HOUR);
  });

  it('finds local midnight, so days around a change are 23 or 25 hours long', () => {
    expect(startOfDate('2026-03-29', 'Europe/London')).toBe(Date.UTC(2026, 2, 29, 0, 0));
    expect(startOfDate('2026-03-30', 'Europe/London')).toBe(Date.UTC(2026, 2, 29, 23, 0));
    expect(startOfDate('2026-03-30', 'Europe/London') - startOfDate('2026-03-29', 'Europe/London')).toBe(23 * HOUR);
    expect(startOfDate('2026-10-26', 'Europe/London') - startOfDate('2026-10-25', 'Europe/London')).toBe(25 * HOUR);
    expect(startOfDate('2026-03-08', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 5, 0));
    expect(startOfDate('2026-03-09', 'America/New_York')).toBe(Date.UTC(2026, 2, 9, 4, 0));
  });

  it('starts a day whose midnight the clocks skip at its first real minute', () => {
    // Chile springs forward at midnight: 6 September 2026 begins at 01:00 (UTC−3).
    expect(startOfDate('2026-09-06', 'America/Santiago')).toBe(Date.UTC(2026, 8, 6, 4, 0));
    expect(dateIn(startOfDate('2026-09-06', 'America/Santiago') - 1, 'America/Santiago')).toBe('2026-09-05');
  });

  it('counts calendar days, not 24-hour spans', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-01-31', '2026-01-01')).toBe(-30);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('adds months, keeping to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-05-15', -12)).toBe('2025-05-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('checks calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-28')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
  });

  it('takes an ISO 8601 stamp only when its day is on the calendar and its time on the clock', () => {
    for (const stamp of [
      '2026-12-06T23:30:00Z',
      '2026-12-06T23:30:00.123Z',
      '2024-02-29T00:00:00+01:00',
      '2026-06-01T11:30:00-05:30',
      isoDateTime(Date.UTC(2026, 4, 12, 10, 30)),
    ])
      expect(isIsoStamp(stamp), stamp).toBe(true);
    // Attacker: a day off the calendar that Date.parse rolls over into the next month, a time
    // off the clock, an offset no zone has, the date alone, a zone missing, spaces.
    for (const stamp of [
      '2025-02-30T10:00:00Z',
      '2025-04-31T10:00:00Z',
      '2025-13-45T10:00:00Z',
      '2025-01-01T24:00:00Z',
      '2025-01-01T10:60:00Z',
      '2025-01-01T10:00:60Z',
      '2025-01-01T10:00:00+25:00',
      '2025-01-01T10:00:00+01:60',
      '2025-01-01',
      '2025-01-01T10:00:00',
      ' 2025-01-01T10:00:00Z',
    ])
      expect(isIsoStamp(stamp), stamp).toBe(false);
  });
});

describe('periods', () => {
  it('names months and quarters with their first and last days', () => {
    expect(periodOfDate('2026-02-14', 'month')).toEqual({ key: '2026-02', first: '2026-02-01', last: '2026-02-28' });
    expect(periodOfDate('2026-05-31', 'quarter')).toEqual({ key: '2026-Q2', first: '2026-04-01', last: '2026-06-30' });
    expect(periodOfDate('2026-12-31', 'quarter')).toEqual({ key: '2026-Q4', first: '2026-10-01', last: '2026-12-31' });
  });

  it("puts an instant at the end of a quarter in the zone's quarter", () => {
    const at = Date.UTC(2026, 2, 31, 23, 30); // 00:30 on 1 April in London (BST)
    expect(periodOf(at, 'quarter', 'UTC').key).toBe('2026-Q1');
    expect(periodOf(at, 'quarter', 'Europe/London').key).toBe('2026-Q2');
    expect(periodOf(at, 'month', 'Europe/London').key).toBe('2026-04');
    expect(periodOf(at, 'month', 'America/Chicago').key).toBe('2026-03');
  });
});

describe('dateIn on days with and without a change of offset', () => {
  it('agrees with Intl minute by minute across a change, and on ordinary days', () => {
    for (const [timeZone, start] of [
      ['Europe/London', Date.UTC(2026, 2, 28, 20)],
      ['Europe/London', Date.UTC(2026, 9, 24, 20)],
      ['America/St_Johns', Date.UTC(2026, 2, 8, 0)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 10)],
      ['Asia/Kathmandu', Date.UTC(2026, 5, 1, 0)],
    ] as const) {
      // One formatter per zone: making one per minute took most of this test's time on a busy machine.
      const intl = new Intl.DateTimeFormat('en-CA', { timeZone });
      for (let at = start; at < start + 36 * 3_600_000; at += 60_000)
        expect(dateIn(at, timeZone), `${timeZone} ${new Date(at).toISOString()}`).toBe(intl.format(at));
    }
  });
});

describe('dates and stamps of an instant', () => {
  it('calendarDate: the local calendar date, the form membership dates take', () => {
    expect(calendarDate(new Date(2025, 0, 9, 23, 59).getTime())).toBe('2025-01-09');
    expect(calendarDate(new Date(2025, 11, 31, 0, 1).getTime())).toBe('2025-12-31');
  });

  it('utcCalendarDate: the date in UTC, whatever the local zone', () => {
    expect(utcCalendarDate(Date.UTC(2025, 0, 9, 23, 59))).toBe('2025-01-09');
    expect(utcCalendarDate(Date.UTC(2024, 1, 29, 0, 0))).toBe('2024-02-29');
  });

  it('isoDateTime: local wall-clock time with its offset, naming the same instant', () => {
    const at = new Date(2025, 4, 12, 11, 30, 5).getTime();
    const stamp = isoDateTime(at);
    expect(stamp).toMatch(/^2025-05-12T11:30:05(Z|[+-]\d{2}:\d{2})$/);
    expect(Date.parse(stamp)).toBe(at);
  });
});
