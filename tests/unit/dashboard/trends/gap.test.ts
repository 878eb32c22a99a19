import { describe, expect, it } from 'vitest';
import {
  byConcern,
  gapDirection,
  leadWiderGap,
  leadWiderSpread,
  partnershipGaps,
  type GapPoint,
} from '../../../../utils/dashboard/trends/gap';
import { pulsePoints, type TrendMean } from '../../../../utils/dashboard/trends/pulse-points';
import { answer, pulseWith, repeat } from './helpers';

const shown = (n: number, mean: number): TrendMean => ({ hidden: false, n, mean });
const hidden: TrendMean = { hidden: true, reason: 'below-threshold', threshold: 3 };

const jan = Date.UTC(2026, 0, 15, 10);
const apr = Date.UTC(2026, 3, 15, 10);
const may = Date.UTC(2026, 4, 15, 10);
const jul = Date.UTC(2026, 6, 15, 10);

/** A pulse of one partnership: three lead answers of `lead` and three wider answers of `wider`. */
function pulseOf(id: string, partnershipId: string, createdAt: number, lead: number, wider: number) {
  return pulseWith([...repeat(3, () => answer('lead', lead)), ...repeat(3, () => answer('wider', wider))], {
    id,
    partnershipId,
    createdAt,
  });
}

describe('leadWiderGap', () => {
  it('is lead − wider', () => {
    expect(leadWiderGap({ lead: shown(3, 4.6), core: shown(3, 4), wider: shown(4, 2.9) })).toBeCloseTo(1.7, 10);
    expect(leadWiderGap({ lead: shown(3, 3), core: hidden, wider: shown(4, 4) })).toBe(-1);
  });

  it('is blank when the wider group is hidden, never lead − core', () => {
    expect(leadWiderGap({ lead: shown(3, 4.6), core: shown(3, 3), wider: hidden })).toBeNull();
    expect(leadWiderGap({ lead: hidden, core: shown(3, 3), wider: shown(3, 2) })).toBeNull();
  });
});

describe('leadWiderSpread', () => {
  it('names the higher of lead and wider, and is blank when wider is hidden', () => {
    expect(leadWiderSpread({ lead: shown(3, 2.5), core: shown(3, 5), wider: shown(3, 4) })).toEqual({
      highest: { partnerType: 'wider', mean: 4 },
      lowest: { partnerType: 'lead', mean: 2.5 },
      gap: 1.5,
    });
    expect(leadWiderSpread({ lead: shown(3, 4.6), core: shown(3, 2), wider: hidden })).toBeNull();
  });
});

describe('gapDirection', () => {
  const point = (at: number, gap: number | null): GapPoint => ({ pulseId: String(at), at, gap, threshold: 3 });

  it('says widening, by how much and since which quarter', () => {
    const direction = gapDirection([point(apr, 0.5), point(may, null), point(jul, 1.1)], 'Europe/London');
    expect(direction).toEqual({ trend: 'widening', change: 0.6, since: expect.objectContaining({ key: '2026-Q2' }) });
  });

  it('says narrowing and steady, and compares sizes (a gap that flips sign and grows widens)', () => {
    expect(gapDirection([point(jan, 1.5), point(jul, 0.5)], 'UTC')).toMatchObject({ trend: 'narrowing', change: -1 });
    expect(gapDirection([point(jan, 1), point(jul, 1.05)], 'UTC')).toMatchObject({ trend: 'steady' });
    expect(gapDirection([point(jan, 0.2), point(jul, -0.9)], 'UTC')).toMatchObject({ trend: 'widening', change: 0.7 });
  });

  it('has no direction with fewer than two shown gaps', () => {
    expect(gapDirection([point(jan, 1), point(jul, null)], 'UTC')).toBeNull();
    expect(gapDirection([], 'UTC')).toBeNull();
  });
});

describe('partnershipGaps', () => {
  // A widens, B narrows: pooled together they would look flat.
  const pulses = [
    pulseOf('a1', 'A', apr, 4, 3.5),
    pulseOf('a2', 'A', jul, 5, 3),
    pulseOf('b1', 'B', apr, 5, 3),
    pulseOf('b2', 'B', jul, 4, 3.5),
  ];
  const points = pulses.flatMap(pulsePoints);

  it('keeps each partnership its own line, so opposite trends do not cancel out', () => {
    const [a, b] = partnershipGaps(points, 'trust', ['A', 'B'], 'UTC');
    expect(a!.points.map((p) => [p.pulseId, p.gap])).toEqual([
      ['a1', 0.5],
      ['a2', 2],
    ]);
    expect(a!.direction).toMatchObject({ trend: 'widening', change: 1.5, since: { key: '2026-Q2' } });
    expect(b!.direction).toMatchObject({ trend: 'narrowing', change: -1.5 });
    expect([b!, a!].sort(byConcern).map((g) => g.partnershipId)).toEqual(['A', 'B']);
  });

  it('leaves a pulse with too few wider answers as a gap in the line', () => {
    const fewWider = pulseWith(
      [...repeat(3, () => answer('lead', 5)), ...repeat(3, () => answer('core', 2)), answer('wider', 1)],
      { id: 'c1', partnershipId: 'C', createdAt: may },
    );
    const [c] = partnershipGaps(pulsePoints(fewWider), 'trust', ['C'], 'UTC');
    expect(c!.points).toEqual([{ pulseId: 'c1', at: may, gap: null, threshold: 3 }]);
    expect(c!.direction).toBeNull();
  });

  it('compares only the latest wording of the statement', () => {
    const reworded = pulseOf('a3', 'A', Date.UTC(2026, 7, 1), 5, 1);
    reworded.questions = reworded.questions.map((q) =>
      q.dimension === 'trust' ? { ...q, seriesId: 'trust:agree5:new' } : q,
    );
    const [a] = partnershipGaps([...points, ...pulsePoints(reworded)], 'trust', ['A'], 'UTC');
    expect(a!.points.map((p) => p.pulseId)).toEqual(['a3']);
    expect(a!.direction).toBeNull();
  });

  it('gives a partnership with no pulses an empty line, in the order asked for', () => {
    expect(
      partnershipGaps(points, 'equity', ['none', 'B'], 'UTC').map((g) => [g.partnershipId, g.points.length]),
    ).toEqual([
      ['none', 0],
      ['B', 2],
    ]);
  });
});
