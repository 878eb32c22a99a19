/**
 * Calendar dates in an explicit time zone. Trends count days and periods as the user's
 * calendar does, so a meeting at 00:30 local time belongs to that day even when it is still
 * the day before in UTC, and a day across a daylight-saving change is still one day.
 * Dates are 'YYYY-MM-DD' strings, the form membership dates take.
 */

export const DAY_MS = 86_400_000;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatIn(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

// Per zone and UTC day: the zone's offset if it is the same all that day, else null (a change
// that day). Asking Intl for every instant is slow when thousands of meetings are dated.
const steadyOffsets = new Map<string, Map<number, number | null>>();

function offsetAt(epochMs: number, timeZone: string): number {
  let days = steadyOffsets.get(timeZone);
  if (!days) steadyOffsets.set(timeZone, (days = new Map()));
  const day = Math.floor(epochMs / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    const first = zoneOffsetMs(day * DAY_MS, timeZone);
    offset = first === zoneOffsetMs((day + 1) * DAY_MS - 1, timeZone) ? first : null;
    days.set(day, offset);
  }
  return offset ?? zoneOffsetMs(epochMs, timeZone);
}

/** The calendar date of an instant in a time zone. */
export function dateIn(epochMs: number, timeZone: string): string {
  const local = new Date(epochMs + offsetAt(epochMs, timeZone));
  if (local.getUTCFullYear() < 0 || local.getUTCFullYear() > 9999) {
    const { year, month, day } = wallClock(epochMs, timeZone);
    return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  }
  return local.toISOString().slice(0, 10);
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (whole seconds). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const c = wallClock(epochMs, timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

function parseDate(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a calendar date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The local calendar date (YYYY-MM-DD) of an instant, the form membership dates take. */
export function calendarDate(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The calendar date of an instant in UTC (the same on every machine: the sample data's dates). */
export function utcCalendarDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** ISO 8601 with the local offset (2025-05-12T11:30:00+01:00): the time the user saw, unambiguous anywhere. */
export function isoDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  const offset = -date.getTimezoneOffset();
  const whole = (value: number) => pad(Math.trunc(Math.abs(value)));
  const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${whole(offset / 60)}:${whole(offset % 60)}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${calendarDate(epochMs)}T${time}${zone}`;
}

export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return utc.toISOString().slice(0, 10) === value;
}

const ISO_STAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 stamp as isoDateTime and toISOString write it (2025-05-12T11:30:00+01:00,
 * 2025-05-12T10:30:00.000Z): its day on the calendar, its time on the clock, its offset one a
 * zone can have. Date.parse alone takes 2025-02-30 and rolls it into March.
 */
export function isIsoStamp(value: string): boolean {
  const match = ISO_STAMP.exec(value);
  if (!match || !isCalendarDate(match[1]!)) return false;
  const [hours, minutes, seconds, offsetHours, offsetMinutes] = match.slice(2).map((part) => Number(part ?? 0));
  return hours! <= 23 && minutes! <= 59 && seconds! <= 59 && offsetHours! <= 14 && offsetMinutes! <= 59;
}

/**
 * The first instant of a calendar date in a time zone. Where the clocks skip midnight
 * (a few zones change at 00:00), the first instant that is on that date.
 */
export function startOfDate(date: string, timeZone: string): number {
  const [year, month, day] = parseDate(date);
  const midnightUtc = Date.UTC(year, month - 1, day);
  let guess = midnightUtc - zoneOffsetMs(midnightUtc, timeZone);
  // The offset at the guess may differ (a change between UTC midnight and local midnight).
  guess = midnightUtc - zoneOffsetMs(guess, timeZone);
  if (dateIn(guess, timeZone) !== date) {
    // Midnight does not exist on that day: step forward to the first minute of the date.
    while (dateIn(guess, timeZone) < date) guess += 60_000;
  } else {
    while (dateIn(guess - 60_000, timeZone) === date) guess -= 60_000;
  }
  return guess;
}

/** Whole calendar days from one date to another (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parseDate(from);
  const [ty, tm, td] = parseDate(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The same day `months` later (or earlier), clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parseDate(date);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

export type PeriodSize = 'month' | 'quarter';
export const PERIOD_SIZES: readonly PeriodSize[] = ['month', 'quarter'];

export interface Period {
  /** '2026-03' or '2026-Q1'. */
  key: string;
  /** Its first and last calendar dates. */
  first: string;
  last: string;
}

/** The month or quarter a calendar date falls in. */
export function periodOfDate(date: string, size: PeriodSize): Period {
  const [year, month] = parseDate(date);
  const firstMonth = size === 'month' ? month : Math.floor((month - 1) / 3) * 3 + 1;
  const months = size === 'month' ? 1 : 3;
  const first = `${pad(year, 4)}-${pad(firstMonth)}-01`;
  const last = addDays(addMonths(first, months), -1);
  const key = size === 'month' ? `${pad(year, 4)}-${pad(month)}` : `${pad(year, 4)}-Q${(firstMonth + 2) / 3}`;
  return { key, first, last };
}

/** The month or quarter an instant falls in, on the zone's calendar. */
export function periodOf(epochMs: number, size: PeriodSize, timeZone: string): Period {
  return periodOfDate(dateIn(epochMs, timeZone), size);
}
