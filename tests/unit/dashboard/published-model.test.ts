import type { ChartTable } from '../../../utils/dashboard/table';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DashboardModel } from '../../../utils/dashboard/model';
import { DEFAULT_FILTERS } from '../../../utils/dashboard/filters';
import { storePublishedResults } from '../../../utils/db/published';
import { loadDemoData } from '../../../utils/demo/load';
import { buildCoordinatorFile } from '../../../utils/your-data/coordinator/export';
import { freshDb } from '../db/helpers';

const models: DashboardModel[] = [];
afterEach(() => {
  for (const model of models.splice(0)) model[Symbol.dispose]();
});

/** Waits for what must happen: the reads can take longer than any fixed wait on a loaded machine. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });
async function settled(model: DashboardModel): Promise<void> {
  await until(() => {
    expect(model.loading.value).toBe(false);
    expect(model.reference.value).not.toBeNull();
  });
}

describe("a coordinator's dashboard", { timeout: 30_000 }, () => {
  it("charts imported published results as the lead's dashboard charts the lead's own pulses", async () => {
    const now = Date.now();
    const leadDb = await freshDb('lead');
    const data = await loadDemoData(leadDb, now);
    const lead = new DashboardModel(leadDb, { ...DEFAULT_FILTERS }, { timeZone: 'Europe/London', now: () => now });
    models.push(lead);
    await lead.start();

    const file = buildCoordinatorFile(data, { includeComments: false, now, app: 'test' });
    const coordinatorDb = await freshDb('coordinator');
    const coordinator = new DashboardModel(
      coordinatorDb,
      { ...DEFAULT_FILTERS },
      { timeZone: 'Europe/London', now: () => now },
    );
    models.push(coordinator);
    await coordinator.start();
    expect(coordinator.reference.value?.partnerships).toEqual([]);

    await storePublishedResults(coordinatorDb, file.publishedResults);
    const names = (model: DashboardModel) => model.reference.value!.partnerships.map((p) => p.name).sort();
    const charted = new Set(file.publishedResults.map((r) => r.partnershipName));
    // The stored results are announced and read again: wait for the reread, then for it to finish.
    await until(() => expect(names(coordinator)).toEqual(names(lead).filter((name) => charted.has(name))));
    await settled(coordinator);
    expect(names(coordinator)).toEqual(names(lead).filter((name) => charted.has(name)));
    // The figures match, and so does the "not verified" mark: the lead's sample pulses have no
    // seats (shared link), so each published result says `sharedLink: true`.
    expect(file.publishedResults.length).toBeGreaterThan(0);
    expect(file.publishedResults.every((r) => r.sharedLink === true && r.unverified === 0)).toBe(true);
    const figures = (table: ChartTable) => {
      const marker = table.columns.indexOf('Not verified');
      return {
        columns: table.columns.filter((_, i) => i !== marker),
        rows: table.rows.map((row) => row.filter((_, i) => i !== marker)),
      };
    };
    expect(lead.views.dimensions.value!.every((view) => view.unverified)).toBe(true);
    expect(coordinator.views.dimensions.value!.every((view) => view.unverified)).toBe(true);
    expect(coordinator.views.dimensions.value!.map((view) => view.table.columns.at(-1))).toEqual(
      lead.views.dimensions.value!.map((view) => view.table.columns.at(-1)),
    );
    const rows = (model: DashboardModel) =>
      model.views.dimensions.value!.map((view) =>
        figures(view.table)
          .rows.map((row) => JSON.stringify(row))
          .sort(),
      );
    expect(rows(coordinator)).toEqual(rows(lead));
    expect(rows(coordinator).flat().length).toBeGreaterThan(0);
    expect(figures(coordinator.views.partnerTypes.value!.table)).toEqual(figures(lead.views.partnerTypes.value!.table));
    // Every other view works with partnerships known only from their results (no meetings, no members).
    for (const [name, view] of Object.entries(coordinator.views)) expect(() => view.value, name).not.toThrow();

    // Through a workspace the pulses come too, without their keys or totals: their published
    // results still stand for them, with the same figures.
    const workspaceDb = await freshDb('workspace-coordinator');
    await storePublishedResults(workspaceDb, file.publishedResults);
    for (const pulse of data.pulses) {
      const { privateKey: _key, summary: _summary, refusedOverCap: _refused, ...record } = pulse;
      await workspaceDb.put('pulses', record);
    }
    const fromWorkspace = new DashboardModel(
      workspaceDb,
      { ...DEFAULT_FILTERS },
      { timeZone: 'Europe/London', now: () => now },
    );
    models.push(fromWorkspace);
    await fromWorkspace.start();
    await settled(fromWorkspace);
    expect(await workspaceDb.count('pulses')).toBe(data.pulses.length);
    expect(rows(fromWorkspace)).toEqual(rows(lead));
  });
});
