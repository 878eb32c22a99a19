import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StorageStatus } from '../../../components/your-data/StorageStatus';
import { BUNDLE_STORES, type BundleStore } from '../../../utils/your-data/bundle/format';
import type { ImportPreview } from '../../../utils/your-data/bundle/client';
import type { StoreCounts } from '../../../utils/your-data/bundle/plan';
import {
  DataTransferModel,
  importKind,
  importTotals,
  type DataTransferServices,
} from '../../../utils/your-data/transfer';

/** Services that refuse everything a test does not give them. */
function transferServices(overrides: Partial<DataTransferServices> = {}): DataTransferServices {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    previewBundleFile: unused,
    exportBundleFile: unused,
    exportCoordinatorFile: unused,
    exportCsv: unused,
    readErrorLog: () => Promise.resolve([]),
    save: () => {},
    lastBackup: { getValue: () => Promise.resolve(null), setValue: () => Promise.resolve() },
    now: () => 0,
    ...overrides,
  };
}

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

describe('persistent storage and the space used', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** navigator.storage as a browser has it: not persistent until persist() is granted. */
  function stubStorage(usage: number, quota: number) {
    let persisted = false;
    const storage = {
      persisted: vi.fn(() => Promise.resolve(persisted)),
      persist: vi.fn(() => Promise.resolve((persisted = true))),
      estimate: vi.fn(() => Promise.resolve({ usage, quota })),
    };
    vi.stubGlobal('navigator', { ...navigator, storage });
    return storage;
  }

  /** The model as the dashboard makes it, on a page load. */
  function pageModel() {
    return new DataTransferModel(
      transferServices({ storage: navigator.storage, now: () => Date.UTC(2026, 10, 25, 12) }),
    );
  }

  it('asks for persistence when not persisted, and not again once it is; the space used comes from estimate()', async () => {
    const storage = stubStorage(3_000_000, 200_000_000);
    const first = pageModel();
    expect(first.storage.value).toEqual({ persistent: null, usage: null, quota: null });
    await first.start();
    expect(storage.persist).toHaveBeenCalledTimes(1);
    expect(first.storage.value).toEqual({ persistent: true, usage: 3_000_000, quota: 200_000_000 });

    const host = document.createElement('div');
    render(<StorageStatus model={first} hasData />, host);
    expect(host.querySelector('.space-used')?.getAttribute('data-usage')).toBe(String(3_000_000));
    expect(host.querySelector('.space-used')?.textContent).toMatch(
      /^Space used: 3 MB of 200 MB available \(1\.5%\)\.$/,
    );
    expect(host.querySelector('[data-persistent]')?.getAttribute('data-persistent')).toBe('true');
    render(null, host);

    // The next page load: already persistent, so persist() is not asked again.
    const second = pageModel();
    await second.start();
    expect(storage.persisted).toHaveBeenCalledTimes(2);
    expect(storage.persist).toHaveBeenCalledTimes(1);
    expect(storage.estimate).toHaveBeenCalledTimes(2);
    expect(second.storage.value.persistent).toBe(true);
  });

  it('shows not persistent when the browser refuses', async () => {
    const storage = stubStorage(1024, 2048);
    storage.persist.mockResolvedValue(false);
    const model = pageModel();
    await model.start();
    expect(storage.persist).toHaveBeenCalledTimes(1);
    expect(model.storage.value).toEqual({ persistent: false, usage: 1024, quota: 2048 });
  });
});

describe('merge choices in the preview', () => {
  const counts = (memberships: Partial<StoreCounts>) =>
    Object.fromEntries(
      BUNDLE_STORES.map((store) => [
        store,
        { add: 0, update: 0, unchanged: 0, keepLocal: 0, conflict: 0, ...(store === 'memberships' ? memberships : {}) },
      ]),
    ) as Record<BundleStore, StoreCounts>;

  it('shows the counts planned again with the merges ticked, and ignores an answer overtaken by another tick', async () => {
    const replies: Array<(plan: ImportPreview['plan']) => void> = [];
    const plan = {
      fileName: 'b.json',
      counts: counts({ add: 1 }),
      conflicts: [],
      organisationMatches: [],
      responseDeletions: 0,
      changes: [],
    };
    const preview: ImportPreview = {
      plan,
      replan: vi.fn(() => new Promise<ImportPreview['plan']>((resolve) => replies.push(resolve))),
      apply: vi.fn(),
      cancel: vi.fn(),
    };
    const model = new DataTransferModel(transferServices({ previewBundleFile: () => Promise.resolve(preview) }));
    await model.chooseFile(new File(['{}'], 'b.json'));
    const shown = () => {
      const state = model.importState.value;
      return state.step === 'preview' ? (state.counts ?? state.preview.plan.counts).memberships : undefined;
    };
    expect(shown()).toMatchObject({ add: 1, keepLocal: 0 });

    model.setMerge('b-org', 'a-org', true);
    expect(preview.replan).toHaveBeenLastCalledWith({ mergeOrganisations: { 'b-org': 'a-org' } });
    model.setMerge('b-org', 'a-org', false);
    expect(preview.replan).toHaveBeenLastCalledWith({ mergeOrganisations: {} });
    // The answer for the first tick comes last but one: it is not shown.
    replies[0]!({ ...plan, counts: counts({ keepLocal: 1 }) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(shown()).toMatchObject({ add: 1, keepLocal: 0 });

    model.setMerge('b-org', 'a-org', true);
    replies[2]!({ ...plan, counts: counts({ keepLocal: 1 }) });
    await vi.waitFor(() => expect(shown()).toMatchObject({ add: 0, keepLocal: 1 }));
  });

  it('deletes responses only once the box is ticked: the choice goes to replan and apply', async () => {
    const plan = {
      fileName: 'b.json',
      counts: counts({}),
      conflicts: [],
      organisationMatches: [],
      responseDeletions: 3,
      changes: [],
    };
    const preview: ImportPreview = {
      plan,
      replan: vi.fn(() => Promise.resolve(plan)),
      apply: vi.fn(() => Promise.resolve({ written: 0, counts: plan.counts })),
      cancel: vi.fn(),
    };
    const model = new DataTransferModel(transferServices({ previewBundleFile: () => Promise.resolve(preview) }));
    await model.chooseFile(new File(['{}'], 'b.json'));
    model.setDeleteResponses(true);
    expect(preview.replan).toHaveBeenLastCalledWith({ mergeOrganisations: {}, deleteResponses: true });
    model.setDeleteResponses(false);
    expect(preview.replan).toHaveBeenLastCalledWith({ mergeOrganisations: {} });
    await model.applyPreview();
    expect(preview.apply).toHaveBeenLastCalledWith({ mergeOrganisations: {} }, expect.any(Function));
  });
});

describe('DataTransferModel disposal', () => {
  it('shows a backup made elsewhere until disposed, then stops watching', () => {
    let listener: ((value: number | null) => void) | undefined;
    const model = new DataTransferModel(
      transferServices({
        lastBackup: {
          getValue: () => Promise.resolve(null),
          setValue: () => Promise.resolve(),
          watch: (callback) => {
            listener = callback;
            return () => (listener = undefined);
          },
        },
      }),
    );
    listener?.(1000);
    expect(model.lastBackupAt.value).toBe(1000);
    model[Symbol.dispose]();
    expect(listener).toBeUndefined();
  });
});
