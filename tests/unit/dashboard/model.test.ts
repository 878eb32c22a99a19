import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveMeeting } from '../../../utils/db/meetings';
import { createPulse, defaultExpiry } from '../../../utils/db/pulses';
import { generatePulseKeys } from '../../../utils/pulse/keys';
import { checkEntry } from '../../../utils/pulse/entry';
import { LATE_GRACE_MS } from '../../../utils/pulse/release';
import { addResponses } from '../../../utils/db/responses';
import type { PulseDatabase } from '../../../utils/db/schema';
import { loadDemoData } from '../../../utils/demo/load';
import type { DemoData } from '../../../utils/demo/build';
import { DashboardModel } from '../../../utils/dashboard/model';
import { DEFAULT_FILTERS } from '../../../utils/dashboard/filters';
import { buildQuestions, defaultCoreWording } from '../../../utils/pulse/questions';
import { freshDb } from '../db/helpers';

let db: PulseDatabase;
let data: DemoData;
let model: DashboardModel;
let stores: string[][];

beforeEach(async () => {
  db = await freshDb('dashboard-model');
  data = await loadDemoData(db, Date.now());
  stores = [];
  const transaction = IDBDatabase.prototype.transaction;
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, names, ...rest) {
    stores.push(typeof names === 'string' ? [names] : [...names]);
    return transaction.call(this, names, ...rest);
  });
  model = new DashboardModel(db, { ...DEFAULT_FILTERS }, { timeZone: 'Europe/London' });
  await model.start();
});

afterEach(() => {
  model[Symbol.dispose]();
  vi.restoreAllMocks();
});

const hardship = () => data.partnerships.find((p) => p.name.startsWith('Northmoor Hardship'))!;
/** Saves a core meeting of the hardship partnership, held an hour ago (a write from elsewhere). */
const heldAnHourAgo = (title: string) =>
  saveMeeting(db, {
    partnershipId: hardship().id,
    status: 'held',
    platform: 'phone',
    title,
    startAt: Date.now() - 3_600_000,
    kind: 'core',
    purposeTagIds: [],
    agenda: 'yes',
    attendees: [],
    decisions: '',
    notes: '',
  });

describe('the dashboard model', () => {
  it('reads the pulses and the meetings of the last 12 months, and never the responses', async () => {
    expect(model.pulses.value).toHaveLength(data.pulses.length);
    const tomorrow = model.range.value.toMs;
    expect(model.meetings.value?.map((m) => m.id).sort()).toEqual(
      data.meetings
        .filter((m) => m.startAt < tomorrow)
        .map((m) => m.id)
        .sort(),
    );
    expect(model.loading.value).toBe(false);
    expect(stores.flat()).toContain('pulses');
    expect(stores.flat()).toContain('meetings');
    expect(stores.flat()).not.toContain('responses');
  });

  it('reads nothing again for a change of partner type or meeting kind, and reads one partnership when chosen', async () => {
    const before = stores.length;
    model.setFilters({ ...model.filters.value, partnerType: 'wider', kind: 'core' });
    expect(stores.length).toBe(before);
    model.setFilters({ ...model.filters.value, partnershipIds: [hardship().id] });
    await vi.waitFor(() => expect(model.loading.value).toBe(false));
    expect(stores.length).toBeGreaterThan(before);
    expect(new Set(model.pulses.value!.map((p) => p.partnershipId))).toEqual(new Set([hardship().id]));
    expect(new Set(model.meetings.value!.map((m) => m.partnershipId))).toEqual(new Set([hardship().id]));
  });

  it("takes in a pulse's new responses through its summary, without reading the responses", async () => {
    const pulse = await createPulse(
      db,
      {
        partnershipId: hardship().id,
        questions: buildQuestions(defaultCoreWording()),
        invitedOrganisationIds: [],
        expiresAt: defaultExpiry(),
        threshold: 3,
      },
      generatePulseKeys,
    );
    await vi.waitFor(() => expect(model.pulses.value!.some((p) => p.id === pulse.id)).toBe(true));
    stores = [];
    await addResponses(
      db,
      pulse.id,
      [1, 2, 3].map((n) => ({
        responseId: `response-${n}-aaaa`,
        partnerType: 'core' as const,
        answers: { trust: n + 2 },
      })),
      { check: checkEntry },
    );
    await vi.waitFor(() => expect(model.pulses.value!.find((p) => p.id === pulse.id)?.summary?.responses).toBe(3));
    // Only the write (responses and the pulse's local-only totals together) and the dashboard's read of the pulse.
    expect(stores.filter((names) => names.includes('responses'))).toEqual([['pulses', 'responses', 'pulseSecrets']]);
  });

  it('shows an open pulse nowhere: checking after each answer gives nothing away, and the pulse appears at close', async () => {
    // Attacker: a coordinator (or anyone at the lead's screen) reads the dashboard after each
    // answer arrives, to difference one partner's answer out of the running totals.
    model.setFilters({ ...model.filters.value, partnershipIds: [hardship().id] });
    await vi.waitFor(() => expect(model.loading.value).toBe(false));
    // Released 1.5 s from now: closed, and the grace for codes in transit (utils/pulse/release.ts) over.
    const closesAt = Date.now() - LATE_GRACE_MS + 1500;
    const pulse = await createPulse(
      db,
      {
        partnershipId: hardship().id,
        questions: buildQuestions(defaultCoreWording()),
        invitedOrganisationIds: [],
        expiresAt: closesAt,
        threshold: 3,
      },
      generatePulseKeys,
    );
    await vi.waitFor(() => expect(model.pulses.value!.some((p) => p.id === pulse.id)).toBe(true));
    const seen = () => ({
      points: model.points.value.filter((p) => p.pulseId === pulse.id),
      released: model.released.value!.some((p) => p.id === pulse.id),
      dimensions: JSON.stringify(model.views.dimensions.value),
      rates: JSON.stringify(model.views.responseRates.value),
      review: JSON.stringify(model.views.review.value),
    });
    const before = seen();
    for (const n of [1, 2, 3, 4]) {
      await addResponses(
        db,
        pulse.id,
        [{ responseId: `live-${n}-aaaaaaaa`, partnerType: 'core', answers: { trust: n, equity: 5 } }],
        { check: checkEntry },
      );
      await vi.waitFor(() => expect(model.pulses.value!.find((p) => p.id === pulse.id)?.summary?.responses).toBe(n));
      expect(seen()).toEqual(before);
      expect(seen().points).toEqual([]);
    }
    // At close, without any other change, the results appear.
    await vi.waitFor(() => expect(model.points.value.some((p) => p.pulseId === pulse.id)).toBe(true), {
      timeout: 5000,
    });
    expect(Date.now()).toBeGreaterThan(closesAt + LATE_GRACE_MS);
    expect(model.released.value!.some((p) => p.id === pulse.id)).toBe(true);
  });

  it('takes in a meeting saved elsewhere, and leaves out one deleted', async () => {
    const meeting = await heldAnHourAgo('Extra call');
    await vi.waitFor(() => expect(model.meetings.value!.some((m) => m.id === meeting.id)).toBe(true));
    await saveMeeting(db, { ...meeting, deletedAt: Date.now() });
    await vi.waitFor(() => expect(model.meetings.value!.some((m) => m.id === meeting.id)).toBe(false));
  });

  it('works out again only the views a filter change touches', () => {
    const { views } = model;
    const before = {
      dimensions: views.dimensions.value,
      partnerTypes: views.partnerTypes.value,
      responseRates: views.responseRates.value,
      attendance: views.attendance.value,
      cadence: views.cadence.value,
      purposes: views.purposes.value,
      agenda: views.agenda.value,
    };
    const dayCells = before.dimensions!.map((view) => view.table.rows.map((row) => row[1]));
    expect(dayCells.flat().length).toBeGreaterThan(0);
    model.setFilters({ ...model.filters.value, partnerType: 'wider' });
    expect(views.dimensions.value).not.toBe(before.dimensions);
    // Only the means were picked again: the rows' day cells are the ones worked out before.
    expect(views.dimensions.value!.map((view) => view.table.rows.map((row) => row[1]))).toEqual(dayCells);
    views.dimensions.value!.forEach((view, d) =>
      view.table.rows.forEach((row, r) => expect(row[1]).toBe(dayCells[d]![r])),
    );
    expect(views.partnerTypes.value).not.toBe(before.partnerTypes);
    expect(views.responseRates.value).not.toBe(before.responseRates);
    expect(views.attendance.value).not.toBe(before.attendance);
    expect(views.cadence.value).toBe(before.cadence);
    expect(views.purposes.value).toBe(before.purposes);
    expect(views.agenda.value).toBe(before.agenda);

    const typed = { dimensions: views.dimensions.value, rates: views.responseRates.value };
    model.setFilters({ ...model.filters.value, kind: 'core' });
    expect(views.dimensions.value).toBe(typed.dimensions);
    expect(views.responseRates.value).toBe(typed.rates);
    expect(views.purposes.value).not.toBe(before.purposes);
    expect(views.cadence.value).not.toBe(before.cadence);
  });

  it('gives each partnership its own lead–wider gap line, kept through a change of partner type or kind', () => {
    const gaps = model.views.gaps.value!;
    expect(gaps.dimension).toBe(model.filters.value.dimension);
    const ids = gaps.partnerships.map((g) => g.partnershipId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => data.partnerships.some((p) => p.id === id))).toBe(true);
    // Each line is one partnership's pulses, oldest first.
    for (const line of gaps.partnerships) {
      const own = data.pulses.filter((p) => p.partnershipId === line.partnershipId).length;
      expect(line.points.length).toBeGreaterThan(0);
      expect(line.points.length).toBeLessThanOrEqual(own);
      expect(line.points.map((p) => p.at)).toEqual([...line.points.map((p) => p.at)].sort((a, b) => a - b));
      expect(line.table.rows).toHaveLength(line.points.length);
    }
    model.setFilters({ ...model.filters.value, partnerType: 'core', kind: 'wider' });
    expect(model.views.gaps.value).toBe(gaps);
    model.setFilters({ ...model.filters.value, dimension: 'trust' === gaps.dimension ? 'equity' : 'trust' });
    expect(model.views.gaps.value).not.toBe(gaps);
  });

  it('gives the annual review its figures only with one partnership chosen', async () => {
    expect(model.views.review.value).toBeNull();
    model.setFilters({ ...model.filters.value, partnershipIds: [hardship().id] });
    await vi.waitFor(() => expect(model.loading.value).toBe(false));
    const figures = model.views.review.value;
    expect(figures?.pulses).toBe(model.released.value!.length);
    expect(figures?.meetingsHeld).toBe(
      model.meetings.value!.filter((m) => m.status === 'held' && m.startAt <= model.context.value.asOf).length,
    );
  });

  it('stops taking in changes once disposed', async () => {
    const own = new DashboardModel(db, { ...DEFAULT_FILTERS }, { timeZone: 'Europe/London' });
    await own.start();
    own[Symbol.dispose]();
    const meeting = await heldAnHourAgo('After the page closed');
    // The live model takes it in; the disposed one never does.
    await vi.waitFor(() => expect(model.meetings.value!.some((m) => m.id === meeting.id)).toBe(true));
    expect(own.meetings.value!.some((m) => m.id === meeting.id)).toBe(false);
  });
});
