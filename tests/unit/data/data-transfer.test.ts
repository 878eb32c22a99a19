import { describe, expect, it } from 'vitest';
import { BUNDLE_STORES, type BundleStore } from '../../../utils/bundle/format';
import type { StoreCounts } from '../../../utils/bundle/plan';
import { importKind, importTotals } from '../../../utils/models/data-transfer';

describe('importKind', () => {
  it('reads .csv files (or text/csv) as tables and anything else as a bundle', () => {
    expect(importKind({ name: 'survey.csv', type: '' })).toBe('csv');
    expect(importKind({ name: 'SURVEY.CSV', type: '' })).toBe('csv');
    expect(importKind({ name: 'export', type: 'text/csv' })).toBe('csv');
    expect(importKind({ name: 'partnership-pulse-2026-01-01.json', type: 'application/json' })).toBe('bundle');
    expect(importKind({ name: 'notes.txt', type: 'text/plain' })).toBe('bundle');
    expect(importKind({ name: 'csv.json', type: '' })).toBe('bundle');
  });
});

describe('importTotals', () => {
  it('adds up every store, each kind of count on its own', () => {
    const counts = Object.fromEntries(
      BUNDLE_STORES.map((store, i) => [
        store,
        { add: i, update: 2 * i, unchanged: 1, keepLocal: i % 2, conflict: i === 5 ? 3 : 0 },
      ]),
    ) as Record<BundleStore, StoreCounts>;
    expect(importTotals(counts)).toEqual({ add: 28, update: 56, unchanged: 8, keepLocal: 4, conflict: 3 });
  });
});
