import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildDemoData } from '../../../utils/demo/build';
import { tableToCsv, type ChartTable } from '../../../utils/dashboard/table';
import {
  attendanceView,
  cadenceView,
  dimensionView,
  partnerTypeView,
  pointsOf,
  responseRateView,
  type ViewContext,
} from '../../../utils/dashboard/views';
import { DEFAULT_FILTERS } from '../../../utils/dashboard/filters';
import { dateIn } from '../../../utils/time/calendar';

// The unit tests' browser speaks en-GB (tests/setup.ts).
const NOW = Date.UTC(2026, 5, 30, 12);
const data = buildDemoData(NOW);
const context: ViewContext = { timeZone: 'Europe/London', asOf: NOW };
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** How an en-GB reader writes a calendar day, worked out here rather than by the code under test. */
const enGB = (isoDay: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(`${isoDay}T00:00:00Z`));

/** The table as the page shows it (DataTable) and as the CSV holds it. */
async function shownAndCsv(table: ChartTable) {
  const { render } = await import('preact');
  const { DataTable } = await import('../../../components/dashboard/DataTable');
  const host = document.createElement('div');
  render(<DataTable id="t" caption="c" table={table} />, host);
  const shown = [...host.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''),
  );
  const csv = Papa.parse<string[]>(tableToCsv(table), { skipEmptyLines: true }).data.slice(1);
  return { shown, csv };
}

describe('dates in the dashboard: in the reader’s locale on the page, ISO 8601 in the CSV', () => {
  it('pulse results over time: the Date column', async () => {
    const view = dimensionView('trust', pointsOf(data.pulses), data.pulses, data.partnerships, {}, context);
    const { shown, csv } = await shownAndCsv(view.table);
    expect(csv.length).toBeGreaterThan(3);
    for (const [i, row] of csv.entries()) {
      expect(row[1]).toMatch(ISO_DAY);
      expect(shown[i]![1]).toBe(enGB(row[1]!));
      expect(shown[i]![1]).not.toMatch(/\d{4}-\d{2}/);
    }
  });

  it('response rates: the Date column and the bars’ labels', async () => {
    const view = responseRateView(data.pulses, data.partnerships, data.memberships, {}, context);
    const { shown, csv } = await shownAndCsv(view.table);
    expect(csv.length).toBeGreaterThan(3);
    for (const [i, row] of csv.entries()) {
      expect(row[1]).toMatch(ISO_DAY);
      expect(shown[i]![1]).toBe(enGB(row[1]!));
      expect(view.labels[i]).toBe(`${row[0]} · ${enGB(row[1]!)}`);
    }
  });

  it('cadence: the Date column', async () => {
    const view = cadenceView({ meetings: data.meetings, previous: new Map() }, data.partnerships, {}, context);
    const { shown, csv } = await shownAndCsv(view.table);
    expect(csv.length).toBeGreaterThan(3);
    for (const [i, row] of csv.entries()) {
      expect(row[1]).toMatch(ISO_DAY);
      expect(shown[i]![1]).toBe(enGB(row[1]!));
    }
  });

  it('attendance: "Left on" a day', async () => {
    const left = data.memberships.find((m) => m.leftOn)!;
    const view = attendanceView(
      data,
      data.partnerships,
      { ...DEFAULT_FILTERS, attendanceId: left.partnershipId },
      context,
    );
    const { shown, csv } = await shownAndCsv(view.table);
    const at = csv.findIndex((row) => row[7]?.startsWith('Left on'));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(csv[at]![7]).toBe(`Left on ${left.leftOn}`);
    expect(shown[at]![7]).toBe(`Left on ${enGB(left.leftOn!)}`);
  });

  it('a later wording of the questions: "wording from" a day', () => {
    const pulse = data.pulses.find((p) => p.partnershipId === data.partnerships[0]!.id)!;
    const reworded = {
      ...pulse,
      id: 'reworded',
      createdAt: pulse.createdAt + 86_400_000,
      questions: pulse.questions.map((q) =>
        q.dimension === 'trust' ? { ...q, seriesId: 'trust-reworded', wording: `${q.wording} Now.` } : q,
      ),
    };
    const pulses = [pulse, reworded];
    const view = dimensionView('trust', pointsOf(pulses), pulses, data.partnerships, {}, context);
    const labels = view.series.map((s) => s.label);
    expect(labels).toHaveLength(2);
    expect(labels[1]).toBe(
      `${data.partnerships[0]!.name} (wording from ${enGB(dateIn(reworded.createdAt, context.timeZone))})`,
    );
  });
});

describe('months and quarters', () => {
  it('are named in the reader’s locale on the page and kept as keys in the CSV', async () => {
    const points = pointsOf(data.pulses);
    for (const period of ['month', 'quarter'] as const) {
      const view = partnerTypeView(points, { dimension: 'trust', period }, context);
      const { shown, csv } = await shownAndCsv(view.table);
      expect(csv.length).toBeGreaterThan(1);
      for (const [i, row] of csv.entries()) {
        const [year, part] = row[0]!.split('-');
        const expected =
          period === 'month'
            ? new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
                Date.UTC(Number(year), Number(part) - 1, 1),
              )
            : `${part} ${year}`;
        expect(row[0]).toMatch(period === 'month' ? /^\d{4}-\d{2}$/ : /^\d{4}-Q[1-4]$/);
        expect(shown[i]![0]).toBe(expected);
        expect(view.periods[i]).toBe(expected);
      }
    }
  });
});
