import type { Answer } from '../../db/records';
import { t } from '../../i18n/messages';

/** Cell values shared by the CSV exports: dates in ISO 8601, yes / no and answers as words. */

export const yesNo = (value: boolean): string => t(value ? 'csvYes' : 'csvNo');

/** A rating as a number, "prefer not to say" in words, nothing when the question was not answered. */
export function answerCell(answer: Answer | undefined): string | number {
  if (answer === undefined) return '';
  if (answer === null) return t('csvPreferNotToSay');
  return answer;
}
