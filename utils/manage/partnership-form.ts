import { DEFAULT_CADENCE, type CadenceTargets, type Partnership } from '../db/records';
import type { SaveInput } from '../db/stamp';
import { calendarDate, isCalendarDate } from '../time/calendar';

/**
 * The partnership form's rules, apart from the page: what the form holds, what is wrong with it,
 * and the partnership a valid form saves.
 */

export const CADENCE_KEYS: ReadonlyArray<keyof CadenceTargets> = [
  'coreMinDays',
  'coreMaxDays',
  'widerDays',
  'reviewDays',
];

/** As typed: the numbers are checked by partnershipFormErrors. */
export interface PartnershipFormValues {
  name: string;
  startDate: string;
  cadence: Record<keyof CadenceTargets, string>;
}

export type PartnershipField = 'name' | 'startDate' | keyof CadenceTargets;
export type PartnershipFormError = 'required' | 'invalidDay' | 'positiveDays' | 'cadenceOrder';
export type PartnershipFormErrors = Partial<Record<PartnershipField, PartnershipFormError>>;

/** The form's starting values: the partnership's own, or a new one's (today, the default cadence). */
export function partnershipFormValues(partnership: Partnership | null, now: number): PartnershipFormValues {
  const c = partnership?.cadence ?? DEFAULT_CADENCE;
  return {
    name: partnership?.name ?? '',
    startDate: partnership?.startDate ?? calendarDate(now),
    cadence: {
      coreMinDays: String(c.coreMinDays),
      coreMaxDays: String(c.coreMaxDays),
      widerDays: String(c.widerDays),
      reviewDays: String(c.reviewDays),
    },
  };
}

export function partnershipFormErrors(values: PartnershipFormValues): PartnershipFormErrors {
  const found: PartnershipFormErrors = {};
  if (!values.name.trim()) found.name = 'required';
  if (!isCalendarDate(values.startDate)) found.startDate = 'invalidDay';
  for (const key of CADENCE_KEYS) {
    const value = Number(values.cadence[key]);
    if (!Number.isInteger(value) || value < 1) found[key] = 'positiveDays';
  }
  if (
    !found.coreMinDays &&
    !found.coreMaxDays &&
    Number(values.cadence.coreMinDays) > Number(values.cadence.coreMaxDays)
  )
    found.coreMaxDays = 'cadenceOrder';
  return found;
}

/** What a valid form saves (call partnershipFormErrors first): the name trimmed, the days as numbers. */
export function partnershipFormToInput(values: PartnershipFormValues, id: string | undefined): SaveInput<Partnership> {
  const cadence = {} as CadenceTargets;
  for (const key of CADENCE_KEYS) cadence[key] = Number(values.cadence[key]);
  return { id, name: values.name.trim(), startDate: values.startDate, cadence };
}
