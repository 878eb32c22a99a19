import { describe, expect, it } from 'vitest';
import { dateRange, DEFAULT_FILTERS, filtersToSearch, parseFilters } from '../../../utils/models/dashboard-filters';

describe('dashboard filters in the URL', () => {
  it('reads every filter', () => {
    expect(
      parseFilters('?partnership=a&partnership=b&from=2026-01-01&to=2026-06-30&type=wider&kind=core&dimension=trust&period=quarter&drift=2&attendance=b'),
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
    expect(parseFilters('?from=2026-02-30&to=yesterday&type=partner&kind=party&dimension=joy&period=week&drift=0&partnership=')).toEqual(
      DEFAULT_FILTERS,
    );
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
