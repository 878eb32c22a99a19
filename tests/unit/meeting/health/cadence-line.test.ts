import { describe, expect, it } from 'vitest';
import { cadenceStatus } from '../../../../utils/dashboard/trends/cadence';
import { cadenceLine } from '../../../../utils/meeting/health/cadence-line';
import type { Partnership } from '../../../../utils/db/records';

const asOf = Date.UTC(2026, 10, 22, 12);
const partnership: Pick<Partnership, 'id' | 'cadence' | 'startDate'> = {
  id: 'p1',
  startDate: '2026-11-01',
  cadence: { coreMinDays: 28, coreMaxDays: 42, widerDays: 91, reviewDays: 365 },
};
const statuses = (last: Parameters<typeof cadenceStatus>[1]) =>
  cadenceStatus(partnership, last, { timeZone: 'Europe/London', asOf });

describe("the health strip's cadence lines", () => {
  it('says "none yet" for a kind never held, counting from the start as "started N days ago"', () => {
    const [core, wider, review] = statuses({ core: Date.UTC(2026, 10, 15, 10) }).map(cadenceLine);
    expect(core).toBe('Core meeting: 7 days ago (target: every 42 days)');
    expect(wider).toBe('Wider meeting: none yet – started 21 days ago (target: every 91 days)');
    expect(review).toBe('Agreement review: none yet – started 21 days ago (target: every 365 days)');
  });

  it('never calls the start a meeting, even when a never-held kind is overdue', () => {
    const late = cadenceStatus({ ...partnership, startDate: '2026-07-01' }, {}, { timeZone: 'Europe/London', asOf });
    const lines = late.map(cadenceLine);
    expect(lines[0]).toBe('Core meeting: none yet – started 144 days ago (target: every 42 days) – overdue');
    expect(lines[1]).toBe('Wider meeting: none yet – started 144 days ago (target: every 91 days) – overdue');
    expect(lines.join(' ')).not.toMatch(/: \d+ days ago/);
  });

  it('says "1 day ago", not "1 days ago"', () => {
    const [core] = statuses({ core: Date.UTC(2026, 10, 21, 10) }).map(cadenceLine);
    expect(core).toBe('Core meeting: 1 day ago (target: every 42 days)');
  });

  it('a kind held on the day says "today", not "0 days ago" or "none yet"', () => {
    expect(cadenceLine(statuses({ wider: asOf - 3_600_000 })[1]!)).toBe('Wider meeting: today (target: every 91 days)');
  });

  it('says the target in days, so "42" is never a bare number', () => {
    const lines = statuses({ core: Date.UTC(2026, 10, 15, 10) }).map(cadenceLine);
    for (const line of lines) expect(line).toMatch(/\(target: every \d+ days\)$/);
  });
});
