import { computed, createModel, signal } from '@preact/signals';
import type { Partnership } from '../db/records';
import { reviewSearch } from './filters';

/** What the review-pack link offers and opens for the partnerships shown and what was picked. */
export interface ReviewLinkView {
  partnership: Partnership;
  /** Newest first: this year back to the partnership's first (this year alone for a start in the future). */
  years: number[];
  year: number;
  href: string;
}

/**
 * The partnership picked (the first when the pick is not among them), its years, and the year
 * picked when it is one of them, else this year: a year picked for another partnership never
 * opens a review from before this one began. null with no partnership.
 */
export function reviewLinkView(
  partnerships: readonly Partnership[],
  thisYear: number,
  picked: { partnershipId: string | null; year: number | null },
): ReviewLinkView | null {
  const partnership = partnerships.find((p) => p.id === picked.partnershipId) ?? partnerships[0];
  if (!partnership) return null;
  const firstYear = Math.min(thisYear, Number(partnership.startDate.slice(0, 4)) || thisYear);
  const years = Array.from({ length: thisYear - firstYear + 1 }, (_, i) => thisYear - i);
  const year = picked.year !== null && years.includes(picked.year) ? picked.year : thisYear;
  return { partnership, years, year, href: `/dashboard.html${reviewSearch(partnership.id, year)}` };
}

/**
 * The review-pack link's picks over the partnerships and year the dashboard shows:
 * `new ReviewLinkModel(partnerships, thisYear)`, told of new ones with `show`.
 */
export const ReviewLinkModel = createModel((firstPartnerships: readonly Partnership[], firstYear: number) => {
  const shown = signal({ partnerships: firstPartnerships, thisYear: firstYear });
  const partnershipId = signal<string | null>(null);
  const year = signal<number | null>(null);
  return {
    view: computed(() =>
      reviewLinkView(shown.value.partnerships, shown.value.thisYear, {
        partnershipId: partnershipId.value,
        year: year.value,
      }),
    ),
    show(partnerships: readonly Partnership[], thisYear: number) {
      shown.value = { partnerships, thisYear };
    },
    pickPartnership(id: string) {
      partnershipId.value = id;
    },
    /** A year by its select's value; one that is not a year changes nothing. */
    pickYear(value: string) {
      const n = Number(value);
      if (Number.isInteger(n)) year.value = n;
    },
  };
});

export type ReviewLinkModel = InstanceType<typeof ReviewLinkModel>;
