import { describe, expect, it } from 'vitest';
import {
  dateRange,
  DEFAULT_FILTERS,
  filtersToSearch,
  isReviewView,
  parseFilters,
  parseReviewParams,
  reviewFilters,
  reviewSearch,
  withFilter,
} from '../../../utils/dashboard/filters';

describe('dashboard filters in the URL', () => {
  it('reads every filter', () => {
    expect(
      parseFilters(
        '?partnership=a&partnership=b&from=2026-01-01&to=2026-06-30&type=wider&kind=core&dimension=trust&period=quarter&drift=2&attendance=b',
      ),
    ).toEqual({
      partnershipIds: ['a', 'b'],
      from: '2026-01-01',
      to: '2026-06-30',
      partnerType: 'wider',
      kind: 'core',
      dimension: 'trust',
      period: 'quarter',
      driftAfter: 2,
      attendanceId: 'b',
    });
  });

  it('falls back to the defaults for anything missing or unreadable', () => {
    expect(parseFilters('')).toEqual(DEFAULT_FILTERS);
    expect(
      parseFilters(
        '?from=2026-02-30&to=yesterday&type=partner&kind=party&dimension=joy&period=week&drift=0&partnership=',
      ),
    ).toEqual(DEFAULT_FILTERS);
    expect(parseFilters('?drift=21').driftAfter).toBe(3);
    expect(parseFilters('?drift=2.5').driftAfter).toBe(3);
  });

  it('swaps a range given backwards', () => {
    expect(parseFilters('?from=2026-06-30&to=2026-01-01')).toMatchObject({ from: '2026-01-01', to: '2026-06-30' });
  });

  it('writes only what differs from the defaults, and reads back what it wrote', () => {
    expect(filtersToSearch(DEFAULT_FILTERS)).toBe('');
    const filters = {
      ...DEFAULT_FILTERS,
      partnershipIds: ['x y', 'b&c'],
      from: '2025-12-01',
      partnerType: 'core' as const,
      period: 'quarter' as const,
      attendanceId: 'b&c',
    };
    const search = filtersToSearch(filters);
    expect(search).toBe('?partnership=x+y&partnership=b%26c&from=2025-12-01&type=core&period=quarter&attendance=b%26c');
    expect(parseFilters(search)).toEqual(filters);
    expect(filtersToSearch(DEFAULT_FILTERS, { view: 'review' })).toBe('?view=review');
  });

  it('defaults the range to the 12 months up to today', () => {
    expect(dateRange({}, '2026-05-20')).toEqual({ from: '2025-05-21', to: '2026-05-20' });
    expect(dateRange({ to: '2026-02-28' }, '2026-05-20')).toEqual({ from: '2025-03-01', to: '2026-02-28' });
    expect(dateRange({ from: '2026-01-01' }, '2026-05-20')).toEqual({ from: '2026-01-01', to: '2026-05-20' });
    expect(dateRange({ from: '2026-07-01' }, '2026-05-20')).toEqual({ from: '2026-07-01', to: '2026-07-01' });
  });
});

describe('the annual review pack in the URL', () => {
  it('reads the partnership and year, with this year by default', () => {
    expect(isReviewView('?view=review&partnership=a&year=2025')).toBe(true);
    expect(isReviewView('?partnership=a')).toBe(false);
    expect(parseReviewParams('?view=review&partnership=a&year=2025', '2026-05-20')).toEqual({
      partnershipId: 'a',
      year: 2025,
    });
    expect(parseReviewParams('?view=review&year=twenty', '2026-05-20')).toEqual({ partnershipId: null, year: 2026 });
    expect(parseReviewParams(reviewSearch('x&y', 2024), '2026-05-20')).toEqual({ partnershipId: 'x&y', year: 2024 });
  });

  it("reads the partnership's calendar year by quarter", () => {
    expect(reviewFilters({ partnershipId: 'a', year: 2025 })).toEqual({
      ...DEFAULT_FILTERS,
      partnershipIds: ['a'],
      from: '2025-01-01',
      to: '2025-12-31',
      period: 'quarter',
    });
    // No partnership: nothing chosen, so the pack asks for one rather than showing them all.
    expect(reviewFilters({ partnershipId: null, year: 2025 }).partnershipIds).toEqual([]);
  });
});

describe('setting or clearing one filter', () => {
  const base = { ...DEFAULT_FILTERS, partnershipIds: ['a'], from: '2026-01-01', kind: 'core' as const };

  it('sets each optional filter from its field and keeps the others', () => {
    expect(withFilter(base, 'to', '2026-03-31')).toEqual({ ...base, to: '2026-03-31' });
    expect(withFilter(base, 'from', '2025-12-01')).toEqual({ ...base, from: '2025-12-01' });
    expect(withFilter(base, 'partnerType', 'wider')).toEqual({ ...base, partnerType: 'wider' });
    expect(withFilter(base, 'kind', 'one-to-one')).toEqual({ ...base, kind: 'one-to-one' });
  });

  it('clears a filter set to empty, leaving it out of the URL', () => {
    const cleared = withFilter(base, 'kind', '');
    expect('kind' in cleared).toBe(false);
    expect('from' in withFilter(base, 'from', '')).toBe(false);
    expect(filtersToSearch(cleared)).toBe('?partnership=a&from=2026-01-01');
  });

  it('clears rather than keeps a forged option or date', () => {
    expect('partnerType' in withFilter({ ...base, partnerType: 'core' }, 'partnerType', 'admin')).toBe(false);
    expect('kind' in withFilter(base, 'kind', '<img src=x>')).toBe(false);
    expect('from' in withFilter(base, 'from', '2026-13-45')).toBe(false);
  });

  it('changes nothing in the filters it was given', () => {
    const before = structuredClone(base);
    withFilter(base, 'kind', '');
    withFilter(base, 'to', '2026-03-31');
    expect(base).toEqual(before);
  });
});
