import type { Answer } from '../../db/records';
import { t } from '../../i18n/messages';

/** Cell values shared by the CSV exports: dates in ISO 8601, yes / no and answers as words. */

const pad = (value: number, width = 2) => String(Math.trunc(Math.abs(value))).padStart(width, '0');

/** ISO 8601 with the local offset (2025-05-12T11:30:00+01:00): the time the user saw, unambiguous anywhere. */
export function isoDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  const offset = -date.getTimezoneOffset();
  const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${zone}`
  );
}

export const yesNo = (value: boolean): string => t(value ? 'csvYes' : 'csvNo');

/** A rating as a number, "prefer not to say" in words, nothing when the question was not answered. */
export function answerCell(answer: Answer | undefined): string | number {
  if (answer === undefined) return '';
  if (answer === null) return t('csvPreferNotToSay');
  return answer;
}
