import { PARTNER_TYPES, type Answer, type PartnerType } from '../../db/records';
import { partnerTypeLabel } from '../../i18n/labels';

/** Reading one cell of an earlier survey: a date, a rating on its scale, a partner type. */

/** 1–5 (numbers or agreement words), or 1–10 / 0–10 mapped linearly onto 1–5. */
export type ImportScale = 'agree5' | 'oneTen' | 'zeroTen';
export const IMPORT_SCALES: readonly ImportScale[] = ['agree5', 'oneTen', 'zeroTen'];

/** Day before month (15/03/2024) or month before day (03/15/2024), for dates with slashes or dots. */
export type DateOrder = 'dmy' | 'mdy';

const normalise = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\u2019']/g, '')
    .replace(/\s+/g, ' ');

const AGREEMENT: Record<string, number | null> = {
  'strongly disagree': 1,
  disagree: 2,
  'somewhat disagree': 2,
  'neither agree nor disagree': 3,
  'neither agree or disagree': 3,
  neutral: 3,
  'somewhat agree': 4,
  agree: 4,
  'strongly agree': 5,
  'prefer not to say': null,
  'rather not say': null,
  'id rather not say': null,
  'dont know': null,
};

export type CellValue<T> = { ok: true; value: T } | { ok: false; problem: 'notOnScale' };

/**
 * An answer on the 1–5 agreement scale; `undefined` for an empty cell (not answered). 1–10 and
 * 0–10 are mapped linearly and rounded to the nearest point, so they sit on the same 1–5 scale
 * as the core questions and join their trends.
 */
export function readAnswer(cell: string, scale: ImportScale): CellValue<Answer | undefined> {
  const text = normalise(cell);
  if (text === '') return { ok: true, value: undefined };
  if (Object.hasOwn(AGREEMENT, text) && scale === 'agree5') return { ok: true, value: AGREEMENT[text]! };
  if (AGREEMENT[text] === null) return { ok: true, value: null };
  // "5 - Strongly agree" and "4.0" are 5 and 4.
  const match = /^(\d+)(?:[.,]0+)?(?:\s*[-–:)]\s*\D.*)?$/.exec(text);
  if (!match) return { ok: false, problem: 'notOnScale' };
  const n = Number(match[1]);
  const [min, max] = scale === 'agree5' ? [1, 5] : scale === 'oneTen' ? [1, 10] : [0, 10];
  if (n < min || n > max) return { ok: false, problem: 'notOnScale' };
  return { ok: true, value: Math.round(1 + ((n - min) * 4) / (max - min)) };
}

/** The scale a column's answers look like. */
export function guessScale(cells: readonly string[], header = ''): ImportScale {
  const head = normalise(header);
  if (/\b0 ?[-–] ?10\b/.test(head)) return 'zeroTen';
  if (/\b1 ?[-–] ?10\b/.test(head)) return 'oneTen';
  const numbers = cells.map((cell) => /^\d+/.exec(cell.trim())).flatMap((m) => (m ? [Number(m[0])] : []));
  if (numbers.some((n) => n > 5)) return numbers.includes(0) ? 'zeroTen' : 'oneTen';
  return 'agree5';
}

/** Each partner type's label, normalised: read once per import, not once per row. */
export function partnerTypeNames(): Map<string, PartnerType> {
  const names = new Map<string, PartnerType>();
  for (const type of PARTNER_TYPES) {
    names.set(type, type);
    names.set(normalise(partnerTypeLabel(type)), type);
  }
  return names;
}

/** lead / core / wider, in English or as the labels read ("Core partner" is core). */
export function readPartnerType(
  cell: string,
  names: ReadonlyMap<string, PartnerType> = partnerTypeNames(),
): PartnerType | undefined {
  const text = normalise(cell)
    .replace(/\b(partners?|organi[sz]ations?|members?)\b/g, '')
    .trim();
  return text === '' ? undefined : names.get(text);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A date and time as the survey tools write them, in local time unless the cell says its zone:
 * 2024-03-15, 2024-03-15T10:22:33Z, 2024/03/15 10:22:33 pm GMT+1 (Google Forms),
 * 15/03/2024 10:22:33 or 3/15/24 10:22 AM (by `order`), 15 Mar 2024. Null when it does not parse
 * or is not a real date.
 */
export function readDate(cell: string, order: DateOrder): number | null {
  const text = cell.trim().replace(/\s+/g, ' ');
  let year: number, month: number, day: number, rest: string;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](.*))?$/.exec(text);
  if (m) {
    [year, month, day, rest] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? ''];
  } else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:,? (.*))?$/.exec(text))) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    [day, month] = order === 'dmy' ? [a, b] : [b, a];
    year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    rest = m[4] ?? '';
  } else if ((m = /^(\d{1,2}) ([a-z]{3})[a-z]* (\d{4})(?:,? (.*))?$/i.exec(text))) {
    [day, month, year, rest] = [Number(m[1]), MONTHS.indexOf(m[2]!.toLowerCase()) + 1, Number(m[3]), m[4] ?? ''];
  } else return null;
  if (month < 1 || month > 12 || day < 1 || day > new Date(year, month, 0).getDate()) return null;
  const time = readTime(rest);
  if (!time) return null;
  const { hours, minutes, seconds, offsetMinutes } = time;
  if (offsetMinutes === undefined) return new Date(year, month - 1, day, hours, minutes, seconds).getTime();
  return Date.UTC(year, month - 1, day, hours, minutes, seconds) - offsetMinutes * 60_000;
}

function readTime(text: string): { hours: number; minutes: number; seconds: number; offsetMinutes?: number } | null {
  const rest = text.trim();
  if (rest === '') return { hours: 0, minutes: 0, seconds: 0 };
  const m =
    /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?: ?([ap]\.?m\.?))?(?: ?(?:(Z)|(?:GMT|UTC)?([+-]\d{1,2})(?::?(\d{2}))?|(GMT|UTC)))?$/i.exec(
      rest,
    );
  if (!m) return null;
  let hours = Number(m[1]);
  const [minutes, seconds] = [Number(m[2]), Number(m[3] ?? 0)];
  const meridiem = m[4]?.toLowerCase().replace(/\./g, '');
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  let offsetMinutes: number | undefined;
  if (m[5] || m[8]) offsetMinutes = 0;
  else if (m[6]) {
    const sign = m[6].startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Math.abs(Number(m[6])) * 60 + Number(m[7] ?? 0));
  }
  return { hours, minutes, seconds, ...(offsetMinutes === undefined ? {} : { offsetMinutes }) };
}

/**
 * Day or month first: a first number above 12 settles it, so does a second one; otherwise the
 * order the user's language writes dates in.
 */
export function guessDateOrder(cells: readonly string[], locale: string): DateOrder {
  for (const cell of cells) {
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}/.exec(cell.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) return 'dmy';
    if (Number(m[2]) > 12) return 'mdy';
  }
  const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(
    new Date(2024, 2, 15),
  );
  const types = parts.map((p) => p.type);
  return types.indexOf('month') < types.indexOf('day') ? 'mdy' : 'dmy';
}
