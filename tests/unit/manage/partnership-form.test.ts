import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import {
  partnershipFormErrors,
  partnershipFormToInput,
  partnershipFormValues,
  type PartnershipFormValues,
} from '../../../utils/manage/partnership-form';
import { partnership, T0 } from '../../factories';

const valid = (): PartnershipFormValues => ({
  name: ' Healthy Lives ',
  startDate: '2025-04-01',
  cadence: { coreMinDays: '28', coreMaxDays: '42', widerDays: '90', reviewDays: '365' },
});

describe('the partnership form’s rules', () => {
  it('starts a new partnership today with the default cadence, and an existing one from its own values', () => {
    const fresh = partnershipFormValues(null, Date.UTC(2026, 11, 6, 12));
    expect(fresh).toEqual({
      name: '',
      startDate: '2026-12-06',
      cadence: {
        coreMinDays: String(DEFAULT_CADENCE.coreMinDays),
        coreMaxDays: String(DEFAULT_CADENCE.coreMaxDays),
        widerDays: String(DEFAULT_CADENCE.widerDays),
        reviewDays: String(DEFAULT_CADENCE.reviewDays),
      },
    });
    const own = partnershipFormValues(
      partnership({
        id: 'p1',
        name: 'Food Share',
        startDate: '2023-02-03',
        cadence: { coreMinDays: 7, coreMaxDays: 14, widerDays: 60, reviewDays: 300 },
      }),
      T0,
    );
    expect(own).toEqual({
      name: 'Food Share',
      startDate: '2023-02-03',
      cadence: { coreMinDays: '7', coreMaxDays: '14', widerDays: '60', reviewDays: '300' },
    });
  });

  it('finds nothing wrong with a valid form', () => {
    expect(partnershipFormErrors(valid())).toEqual({});
  });

  it('requires a name (blanks are no name) and a calendar day', () => {
    expect(partnershipFormErrors({ ...valid(), name: '   ', startDate: '1 April' })).toEqual({
      name: 'required',
      startDate: 'invalidDay',
    });
  });

  it('attacker: refuses a start day that is not on the calendar, or whose year is still being typed', () => {
    for (const startDate of ['2025-13-45', '2025-02-29', '0002-04-01', '0020-04-01'])
      expect(partnershipFormErrors({ ...valid(), startDate })).toEqual({ startDate: 'invalidDay' });
    expect(partnershipFormErrors({ ...valid(), startDate: '2024-02-29' })).toEqual({});
  });

  it('refuses cadence days that are not whole positive numbers, each at its own field', () => {
    const errors = partnershipFormErrors({
      ...valid(),
      cadence: { coreMinDays: '0', coreMaxDays: '4.5', widerDays: '', reviewDays: '1e400' },
    });
    expect(errors).toEqual({
      coreMinDays: 'positiveDays',
      coreMaxDays: 'positiveDays',
      widerDays: 'positiveDays',
      reviewDays: 'positiveDays',
    });
  });

  it('refuses a core minimum above the core maximum, said at the maximum', () => {
    expect(
      partnershipFormErrors({ ...valid(), cadence: { ...valid().cadence, coreMinDays: '50', coreMaxDays: '42' } }),
    ).toEqual({ coreMaxDays: 'cadenceOrder' });
    expect(
      partnershipFormErrors({ ...valid(), cadence: { ...valid().cadence, coreMinDays: '42', coreMaxDays: '42' } }),
    ).toEqual({});
  });

  it('saves the name trimmed and the days as numbers, under the partnership’s id', () => {
    expect(partnershipFormToInput(valid(), 'p1')).toEqual({
      id: 'p1',
      name: 'Healthy Lives',
      startDate: '2025-04-01',
      cadence: { coreMinDays: 28, coreMaxDays: 42, widerDays: 90, reviewDays: 365 },
    });
  });
});
