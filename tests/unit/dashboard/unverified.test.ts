import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { pulseIdsWithSeats } from '../../../utils/db/seats';
import { buildDemoData } from '../../../utils/demo/build';
import { reviewFigures } from '../../../utils/dashboard/review';
import { tableToCsv } from '../../../utils/dashboard/table';
import { publishedPoints } from '../../../utils/dashboard/trends/pulse-points';
import {
  dimensionView,
  gapView,
  partnerTypeView,
  pointsOf,
  responseRateView,
  type ViewContext,
} from '../../../utils/dashboard/views';
import { publishedResult, seat, uuid } from '../../factories';
import { freshDb } from '../db/helpers';

// Issue 12: a pulse answered through the shared link (no personal-link seats) is marked
// "not verified" on every chart's data and CSV; a personal-link pulse's points are not.
const NOW = Date.UTC(2026, 5, 30, 12);
const data = buildDemoData(NOW);
const context: ViewContext = { timeZone: 'Europe/London', asOf: NOW };
const partnership = data.partnerships[0]!;
const own = data.pulses.filter((p) => p.partnershipId === partnership.id);
/** The first pulse has seats (personal links); the others went out through the shared link. */
const personal = own[0]!;
const seated = new Set([personal.id]);
const MARK = 'shared link';

describe('the not-verified mark on the dashboard', () => {
  it('marks a shared-link pulse’s points and leaves a personal-link pulse’s alone', () => {
    const points = pointsOf(own, seated);
    expect(points.filter((p) => p.pulseId === personal.id).every((p) => p.unverified === undefined)).toBe(true);
    const shared = points.filter((p) => p.pulseId !== personal.id);
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.every((p) => p.unverified === true)).toBe(true);
    // Without the seats read, nothing is claimed either way.
    expect(pointsOf(own).some((p) => p.unverified)).toBe(false);
  });

  it('adds a Not verified column to the dimension table and its CSV, one mark per shared-link row', () => {
    const view = dimensionView('trust', pointsOf(own, seated), own, [partnership], {}, context);
    expect(view.unverified).toBe(true);
    expect(view.table.columns.at(-1)).toBe('Not verified');
    const personalDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(personal.createdAt);
    const csv = Papa.parse<string[]>(tableToCsv(view.table), { skipEmptyLines: true }).data;
    expect(csv[0]!.at(-1)).toBe('Not verified');
    const rows = csv.slice(1);
    expect(rows).toHaveLength(own.length);
    for (const row of rows) expect(row.at(-1)).toBe(row[1] === personalDay ? '' : MARK);
    expect(rows.filter((row) => row.at(-1) === '')).toHaveLength(1);
    // The chart's points say the same as the table.
    const drawn = view.series.flatMap((s) => s.points);
    expect(drawn.filter((p) => !p.unverified)).toHaveLength(1);
  });

  it('leaves the tables as they were when every pulse has seats', () => {
    const all = new Set(own.map((p) => p.id));
    const view = dimensionView('trust', pointsOf(own, all), own, [partnership], {}, context);
    expect(view.unverified).toBe(false);
    expect(view.table.columns).toEqual(['Partnership', 'Date', 'Responses', 'Mean', 'Answers']);
    const rates = responseRateView(own, [partnership], data.memberships, {}, context, all);
    expect(rates.table.columns).not.toContain('Not verified');
    expect(rates.unverified.some(Boolean)).toBe(false);
  });

  it('marks response-rate bars, gap points and partner-type periods of shared-link pulses', () => {
    const rates = responseRateView(own, [partnership], data.memberships, {}, context, seated);
    expect(rates.unverified.filter((u) => !u)).toHaveLength(1);
    expect(rates.table.rows.map((row) => row.at(-1))).toEqual(rates.unverified.map((u) => (u ? MARK : '')));

    const points = pointsOf(own, seated);
    const [gaps] = gapView(points, [partnership], 'trust', context).partnerships;
    expect(gaps!.points.some((p) => p.unverified)).toBe(true);
    expect(gaps!.table.rows.map((row) => row.at(-1))).toEqual(gaps!.points.map((p) => (p.unverified ? MARK : '')));

    const types = partnerTypeView(points, { dimension: 'trust', period: 'month' }, context);
    expect(types.unverified.some(Boolean)).toBe(true);
    expect(types.table.rows.map((row) => row.at(-1))).toEqual(types.unverified.map((u) => (u ? MARK : '')));
    // Only the personal-link pulse: no period is marked.
    const alone = partnerTypeView(pointsOf([personal], seated), { dimension: 'trust', period: 'month' }, context);
    expect(alone.unverified.some(Boolean)).toBe(false);
    expect(alone.table.columns).not.toContain('Not verified');
  });

  it('counts the shared-link pulses in the annual review', () => {
    const figures = (ids: Set<string>) =>
      reviewFigures(
        { ...data, pulses: own },
        pointsOf(own, ids),
        partnership.id,
        { from: '2025-07-01', to: '2026-06-30' },
        context,
      );
    expect(figures(seated).unverifiedPulses).toBe(own.length - 1);
    expect(figures(new Set(own.map((p) => p.id))).unverifiedPulses).toBe(0);
  });

  it('marks a published result answered through the shared link, or with answers refused as unverified', () => {
    const clean = publishedResult({ id: uuid(1), partnershipId: uuid(2), unverified: 0 });
    const refused = publishedResult({ id: uuid(3), partnershipId: uuid(2), unverified: 2 });
    // A shared-link pulse that stayed within its cap: nothing refused, still not verified.
    const shared = publishedResult({ id: uuid(4), partnershipId: uuid(2), unverified: 0, sharedLink: true });
    expect(publishedPoints(clean).length).toBeGreaterThan(0);
    expect(publishedPoints(clean).some((p) => p.unverified)).toBe(false);
    expect(publishedPoints(refused).every((p) => p.unverified)).toBe(true);
    expect(publishedPoints(shared).length).toBeGreaterThan(0);
    expect(publishedPoints(shared).every((p) => p.unverified)).toBe(true);
  });
});

describe('pulseIdsWithSeats', () => {
  it('names each pulse with seats once, from the seats’ index keys, and no other', async () => {
    const db = await freshDb('unverified-seats');
    for (const record of [
      seat({ id: uuid(11), pulseId: 'pulse-a', organisationId: 'o1', partnerType: 'core' }),
      seat({ id: uuid(12), pulseId: 'pulse-a', organisationId: 'o2', partnerType: 'wider' }),
      seat({ id: uuid(13), pulseId: 'pulse-b', organisationId: 'o1', partnerType: 'lead' }),
    ])
      await db.put('seats', record);
    expect([...(await pulseIdsWithSeats(db))].sort()).toEqual(['pulse-a', 'pulse-b']);
    const empty = await freshDb('unverified-none');
    expect((await pulseIdsWithSeats(empty)).size).toBe(0);
    db.close();
    empty.close();
  });
});
