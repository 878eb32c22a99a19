/**
 * Reads the date and time range a calendar prints for an event, in the English forms Google
 * Calendar and Outlook use, e.g.
 *   "Tuesday, 14 May⋅10:00 – 11:00am", "Tuesday, May 14, 2025⋅2 – 3:30pm",
 *   "Tue 14/05/2025 10:00 - 11:00", "Tuesday, 14 May 2025, 23:00 – Wednesday, 15 May 2025, 01:00".
 * Returns ISO strings for the browser's time zone (the one the calendar shows), or nulls when the
 * text is not a timed range it can read without guessing.
 */

export interface WhenOptions {
  /** The year to use when the text has none (calendars omit the current year). */
  referenceYear: number;
  /** For numeric dates like 05/06/2025: true reads day first (en-GB), false month first (en-US). */
  dayFirst: boolean;
}

export interface EventTimes {
  start: string | null;
  end: string | null;
}

interface DatePart {
  year: number | null;
  month: number;
  day: number;
}

interface TimePart {
  hour: number;
  minute: number;
  meridiem: 'am' | 'pm' | null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_NAME}(?:,?\\s+(\\d{4}))?\\b`, 'i');
const MONTH_DAY = new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'i');
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const NUMERIC_DATE = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/;
const TIME = /\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?(?![a-z])|\b(\d{1,2})[:.](\d{2})\b/i;
const RANGE_SEPARATOR = /\s+(?:[-–—]|to|until)\s+/i;

export function parseEventTimes(text: string, options: WhenOptions): EventTimes {
  const none: EventTimes = { start: null, end: null };
  const normalised = text
    .replace(/[⋅·•|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const sides = normalised.split(RANGE_SEPARATOR);
  if (sides.length !== 2) return none;
  const [left = '', right = ''] = sides;

  const startDate = readDate(left, options);
  if (!startDate) return none;
  const startTime = readTime(withoutDate(left));
  const endDate = readDate(right, options);
  const endTime = readTime(endDate ? withoutDate(right) : right);
  if (!startTime || !endTime) return none;

  // "10:00 – 11:00am": the start takes the end's am/pm unless that would put it after the end.
  if (!startTime.meridiem && endTime.meridiem) {
    startTime.meridiem = endTime.meridiem;
    if (!endDate && to24(startTime) > to24(endTime)) startTime.meridiem = endTime.meridiem === 'pm' ? 'am' : 'pm';
  }
  const start = toDate(startDate, startTime, options.referenceYear);
  const end = toDate(endDate ?? startDate, endTime, options.referenceYear);
  if (!start || !end) return none;
  // Past midnight without a second date: it ends the next day.
  if (!endDate && end.getTime() < start.getTime()) end.setDate(end.getDate() + 1);
  if (end.getTime() <= start.getTime()) return none;
  return { start: start.toISOString(), end: end.toISOString() };
}

function readDate(text: string, { dayFirst }: WhenOptions): DatePart | null {
  let match = ISO_DATE.exec(text);
  if (match) return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  match = NUMERIC_DATE.exec(text);
  if (match) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    const [day, month] = dayFirst ? [a, b] : [b, a];
    return { year: Number(match[3]), month, day };
  }
  match = DAY_MONTH.exec(text);
  if (match) return { year: match[3] ? Number(match[3]) : null, month: monthNumber(match[2]), day: Number(match[1]) };
  match = MONTH_DAY.exec(text);
  if (match) return { year: match[3] ? Number(match[3]) : null, month: monthNumber(match[1]), day: Number(match[2]) };
  return null;
}

function withoutDate(text: string): string {
  return text.replace(ISO_DATE, ' ').replace(NUMERIC_DATE, ' ').replace(DAY_MONTH, ' ').replace(MONTH_DAY, ' ');
}

function readTime(text: string): TimePart | null {
  const match = TIME.exec(text);
  if (!match) {
    // "2 – 3:30pm": a bare hour, only as the last thing on its side of the range.
    const bare = /(?:^|\s)(\d{1,2})$/.exec(text.trim());
    return bare ? { hour: Number(bare[1]), minute: 0, meridiem: null } : null;
  }
  if (match[3]) {
    return {
      hour: Number(match[1]),
      minute: match[2] ? Number(match[2]) : 0,
      meridiem: match[3].toLowerCase() === 'a' ? 'am' : 'pm',
    };
  }
  return { hour: Number(match[4]), minute: Number(match[5]), meridiem: null };
}

function to24({ hour, minute, meridiem }: TimePart): number {
  const h = meridiem === null ? hour : (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  return h * 60 + minute;
}

function monthNumber(name: string | undefined): number {
  return MONTHS.indexOf((name ?? '').slice(0, 3).toLowerCase()) + 1;
}

function toDate(date: DatePart, time: TimePart, referenceYear: number): Date | null {
  const year = date.year ?? referenceYear;
  if (time.meridiem ? time.hour < 1 || time.hour > 12 : time.hour > 23) return null;
  if (time.minute > 59) return null;
  const minutes = to24(time);
  const result = new Date(year, date.month - 1, date.day, Math.floor(minutes / 60), minutes % 60);
  // Reject dates the Date constructor rolled over (31 June → 1 July).
  return result.getMonth() === date.month - 1 && result.getDate() === date.day ? result : null;
}
