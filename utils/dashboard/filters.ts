import {
  DIMENSIONS,
  MEETING_KINDS,
  PARTNER_TYPES,
  type Dimension,
  type MeetingKind,
  type PartnerType,
} from '../db/records';
import { DEFAULT_DRIFT_AFTER } from './trends/attendance';
import { addDays, addMonths, isCalendarDate, PERIOD_SIZES, type PeriodSize } from '../time/calendar';

/**
 * The dashboard's filters, kept in the page's query string so a view can be bookmarked:
 * `dashboard.html?partnership=<id>&partnership=<id>&from=2026-01-01&to=2026-06-30&type=wider&kind=core`
 * (and `dimension`, `period`, `drift`, `attendance` for the settings of single charts).
 * Defaults are left out of the URL: without `from` / `to` a bookmark means "the last 12
 * months" whenever it is opened. Anything unreadable falls back to its default.
 */
export interface DashboardFilters {
  /** Empty: every partnership. */
  partnershipIds: string[];
  /** Calendar dates, both included. */
  from?: string;
  to?: string;
  partnerType?: PartnerType;
  kind?: MeetingKind;
  /** The dimension the partner-type chart splits. */
  dimension: Dimension;
  period: PeriodSize;
  /** Missed this many expected meetings in a row: drifting away. */
  driftAfter: number;
  /** The partnership whose organisations the attendance chart lists (default: the first chosen). */
  attendanceId?: string;
}

export const DEFAULT_RANGE_MONTHS = 12;
export const MAX_DRIFT_AFTER = 20;

export const DEFAULT_FILTERS: DashboardFilters = {
  partnershipIds: [],
  dimension: 'equity',
  period: 'month',
  driftAfter: DEFAULT_DRIFT_AFTER,
};

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

/** The filters that are either set or left out (cleared: the default, and absent from the URL). */
export type OptionalFilter = 'from' | 'to' | 'partnerType' | 'kind';

const OPTIONAL_READERS: { [K in OptionalFilter]: (value: string) => DashboardFilters[K] } = {
  from: (value) => (isCalendarDate(value) ? value : undefined),
  to: (value) => (isCalendarDate(value) ? value : undefined),
  partnerType: (value) => oneOf(PARTNER_TYPES, value),
  kind: (value) => oneOf(MEETING_KINDS, value),
};

/**
 * The filters with one optional filter set to a field's value, or cleared when the value is ''
 * (or is not one it can take: a forged option or date clears it rather than being kept).
 */
export function withFilter<K extends OptionalFilter>(
  filters: DashboardFilters,
  key: K,
  value: string,
): DashboardFilters {
  const next = { ...filters };
  const read = OPTIONAL_READERS[key](value);
  if (read === undefined) delete next[key];
  else next[key] = read;
  return next;
}

export function parseFilters(search: string): DashboardFilters {
  const params = new URLSearchParams(search);
  const partnershipIds = [...new Set(params.getAll('partnership').filter((id) => id.trim() !== ''))];
  const date = (name: string) => {
    const value = params.get(name);
    return value !== null && isCalendarDate(value) ? value : undefined;
  };
  let from = date('from');
  let to = date('to');
  if (from && to && from > to) [from, to] = [to, from];
  const drift = Number(params.get('drift'));
  const filters: DashboardFilters = {
    partnershipIds,
    dimension: oneOf(DIMENSIONS, params.get('dimension')) ?? DEFAULT_FILTERS.dimension,
    period: oneOf(PERIOD_SIZES, params.get('period')) ?? DEFAULT_FILTERS.period,
    driftAfter: Number.isInteger(drift) && drift >= 1 && drift <= MAX_DRIFT_AFTER ? drift : DEFAULT_FILTERS.driftAfter,
  };
  const attendanceId = params.get('attendance');
  if (attendanceId) filters.attendanceId = attendanceId;
  const partnerType = oneOf(PARTNER_TYPES, params.get('type'));
  const kind = oneOf(MEETING_KINDS, params.get('kind'));
  if (from) filters.from = from;
  if (to) filters.to = to;
  if (partnerType) filters.partnerType = partnerType;
  if (kind) filters.kind = kind;
  return filters;
}

/** The query string for the filters ('' when all are defaults), in a stable order. */
export function filtersToSearch(filters: DashboardFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  for (const id of filters.partnershipIds) params.append('partnership', id);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.partnerType) params.set('type', filters.partnerType);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.dimension !== DEFAULT_FILTERS.dimension) params.set('dimension', filters.dimension);
  if (filters.period !== DEFAULT_FILTERS.period) params.set('period', filters.period);
  if (filters.driftAfter !== DEFAULT_FILTERS.driftAfter) params.set('drift', String(filters.driftAfter));
  if (filters.attendanceId) params.set('attendance', filters.attendanceId);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The dates the filters cover: from/to, or the 12 months up to today. */
export function dateRange(filters: Pick<DashboardFilters, 'from' | 'to'>, today: string): { from: string; to: string } {
  const to = filters.to ?? (filters.from && filters.from > today ? filters.from : today);
  const from = filters.from ?? addDays(addMonths(to, -DEFAULT_RANGE_MONTHS), 1);
  return { from, to };
}

/** `dashboard.html?view=review&partnership=<id>&year=2026`: the annual review pack of one partnership. */
export interface ReviewParams {
  partnershipId: string | null;
  year: number;
}

export function isReviewView(search: string): boolean {
  return new URLSearchParams(search).get('view') === 'review';
}

/** The partnership and year of a review pack; the year defaults to the current one. */
export function parseReviewParams(search: string, today: string): ReviewParams {
  const params = new URLSearchParams(search);
  const year = Number(params.get('year'));
  return {
    partnershipId: params.get('partnership') || null,
    year: Number.isInteger(year) && year >= 1970 && year <= 9999 ? year : Number(today.slice(0, 4)),
  };
}

export function reviewSearch(partnershipId: string, year: number): string {
  return `?${new URLSearchParams({ view: 'review', partnership: partnershipId, year: String(year) }).toString()}`;
}

/** The dashboard filters a review pack reads with: its partnership and its calendar year. */
export function reviewFilters(params: ReviewParams): DashboardFilters {
  return {
    ...DEFAULT_FILTERS,
    partnershipIds: params.partnershipId ? [params.partnershipId] : [],
    from: `${params.year}-01-01`,
    to: `${params.year}-12-31`,
    period: 'quarter',
  };
}
