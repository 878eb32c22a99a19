import { describe, expect, it } from 'vitest';
import { ReviewLinkModel, reviewLinkView } from '../../../utils/dashboard/review-link';
import { partnership } from '../../factories';

const old = partnership({ id: 'old', startDate: '2023-05-01' });
const recent = partnership({ id: 'recent', startDate: '2026-02-01' });
const none = { partnershipId: null, year: null };

describe('the review-pack link’s rule', () => {
  it('offers the first partnership’s years back to its start, newest first, and opens this year', () => {
    expect(reviewLinkView([old, recent], 2026, none)).toEqual({
      partnership: old,
      years: [2026, 2025, 2024, 2023],
      year: 2026,
      href: '/dashboard.html?view=review&partnership=old&year=2026',
    });
  });

  it('shows nothing without a partnership', () => {
    expect(reviewLinkView([], 2026, none)).toBeNull();
  });

  it('falls back to the first partnership when the one picked is gone', () => {
    expect(reviewLinkView([recent], 2026, { partnershipId: 'old', year: null })?.partnership).toBe(recent);
  });

  it('never opens a year from before the partnership began: a year picked for another one falls back to this year', () => {
    const view = reviewLinkView([old, recent], 2026, { partnershipId: 'recent', year: 2024 });
    expect(view?.years).toEqual([2026]);
    expect(view?.year).toBe(2026);
    expect(view?.href).toContain('year=2026');
  });

  it('offers this year alone for a partnership starting later, or with an unreadable start', () => {
    expect(reviewLinkView([partnership({ id: 'next', startDate: '2027-01-01' })], 2026, none)?.years).toEqual([2026]);
    expect(reviewLinkView([partnership({ id: 'odd', startDate: 'soon' })], 2026, none)?.years).toEqual([2026]);
  });
});

describe('the review-pack link’s model', () => {
  it('keeps the picks while the dashboard shows other partnerships, and ignores a year that is no year', () => {
    const model = new ReviewLinkModel([old, recent], 2026);
    model.pickPartnership('old');
    model.pickYear('2024');
    model.pickYear('20x4');
    expect(model.view.value?.href).toBe('/dashboard.html?view=review&partnership=old&year=2024');
    model.show([recent, old], 2026);
    expect(model.view.value?.partnership).toBe(old);
    expect(model.view.value?.year).toBe(2024);
    model.pickPartnership('recent');
    expect(model.view.value?.year).toBe(2026);
    model[Symbol.dispose]();
  });
});
