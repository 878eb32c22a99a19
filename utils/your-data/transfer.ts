import { createModel, effect, signal } from '@preact/signals';
import type { ImportChoices, ImportPreview, ImportResult, Progress } from './bundle/client';
import type { ExportScope } from './bundle/export';
import { BUNDLE_STORES, type BundleStore, type ErrorLogEntry } from './bundle/format';
import type { StoreCounts } from './bundle/plan';
import { ImportRejected, type Problem } from './bundle/problems';
import { readonly } from '../models/readonly';

/**
 * The dashboard's "Your data" state: one export and one import at a time, each a small state
 * machine, plus what the browser says about storage. The services are passed in, so the page
 * wires the real bundle client, CSV export and download, and nothing here touches the DOM.
 */

/** `coordinator`: the coordinator summary (no individual answers); `bundle`: the personal backup (every answer). */
export type ExportFormat = 'coordinator' | 'bundle' | CsvKind;
export type CsvKind = 'meetings' | 'attendance' | 'responses';

export interface ExportRequest {
  scope: ExportScope;
  format: ExportFormat;
  includeErrorLog: boolean;
  /** Coordinator summary: comments of groups that pass the threshold. */
  includeComments?: boolean;
}

export type ExportState =
  | { step: 'idle' }
  /** total 0: not known yet (the bar shows as busy). */
  | { step: 'running'; done: number; total: number }
  | { step: 'saved'; fileName: string; withheld?: number }
  | { step: 'failed'; message: string };

export type ImportState =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string; done: number; total: number }
  /** A CSV file: its own flow maps the columns, then hands over a preview. */
  | { step: 'csv'; file: File }
  /**
   * counts: as planned again with `merge` and `deleteResponses` (until then, the preview's own).
   * deleteResponses: the user ticked the box to let the file delete responses stored here.
   */
  | {
      step: 'preview';
      preview: ImportPreview;
      merge: ImportChoices['mergeOrganisations'];
      deleteResponses: boolean;
      counts?: Record<BundleStore, StoreCounts>;
    }
  | { step: 'applying'; fileName: string; done: number; total: number }
  | { step: 'imported'; fileName: string; result: ImportResult }
  /** A coordinator summary, checked and stored as published results. */
  | { step: 'published'; fileName: string; outcome: PublishedImport }
  | { step: 'rejected'; fileName: string; problems: Problem[] }
  | { step: 'failed'; fileName: string; message: string };

export interface StorageState {
  /** null: the browser does not say. */
  persistent: boolean | null;
  usage: number | null;
  quota: number | null;
}

export interface ExportedFile {
  blob: Blob;
  fileName: string;
  /** A responses CSV: pulses left out to keep answers anonymous. */
  withheld?: number;
}

/** What importing a coordinator summary did. */
export interface PublishedImport {
  results: number;
  added: number;
  updated: number;
  kept: number;
}

export interface DataTransferServices {
  previewBundleFile(file: File, onProgress?: Progress): Promise<ImportPreview>;
  exportBundleFile(
    scope: ExportScope,
    options?: { errorLog?: ErrorLogEntry[]; onProgress?: Progress },
  ): Promise<ExportedFile>;
  exportCsv(kind: CsvKind, scope: ExportScope): Promise<ExportedFile>;
  /** The coordinator summary: closed pulses, suppressed, no individual answers. */
  exportCoordinatorFile(scope: ExportScope, options: { includeComments: boolean }): Promise<ExportedFile>;
  /** Whether a chosen JSON file is a coordinator summary (by its first bytes). */
  isCoordinatorFile?(file: File): Promise<boolean>;
  /** Checks a coordinator summary and stores its results, or throws ImportRejected. */
  importCoordinatorFile?(file: File): Promise<PublishedImport>;
  readErrorLog(): Promise<ErrorLogEntry[]>;
  save(blob: Blob, fileName: string): void;
  lastBackup: {
    getValue(): Promise<number | null>;
    setValue(value: number | null): Promise<void>;
    /** A backup made on another page shows here too; returns the function that stops watching. */
    watch?(callback: (value: number | null) => void): () => void;
  };
  /** navigator.storage where the browser has it. */
  storage?: Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;
  now(): number;
}

/** A file the user chose, by what it holds: a CSV table or (anything else) a JSON bundle. */
export function importKind(file: Pick<File, 'name' | 'type'>): 'csv' | 'bundle' {
  return /\.csv$/i.test(file.name) || file.type === 'text/csv' ? 'csv' : 'bundle';
}

export interface ImportTotals {
  add: number;
  update: number;
  unchanged: number;
  keepLocal: number;
  conflict: number;
}

/** The counts of every store added up. */
export function importTotals(counts: Record<BundleStore, StoreCounts>): ImportTotals {
  const totals: ImportTotals = { add: 0, update: 0, unchanged: 0, keepLocal: 0, conflict: 0 };
  for (const store of BUNDLE_STORES) {
    const c = counts[store];
    totals.add += c.add;
    totals.update += c.update;
    totals.unchanged += c.unchanged;
    totals.keepLocal += c.keepLocal;
    totals.conflict += c.conflict;
  }
  return totals;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `new DataTransferModel(services)`; disposing it (`model[Symbol.dispose]()`, done with its page)
 * stops watching the last backup.
 */
export const DataTransferModel = createModel((services: DataTransferServices) => {
  const exportState = signal<ExportState>({ step: 'idle' });
  const importState = signal<ImportState>({ step: 'idle' });
  const storage = signal<StorageState>({ persistent: null, usage: null, quota: null });
  /** undefined until read. */
  const lastBackupAt = signal<number | null | undefined>(undefined);
  // An effect, so the model's disposal stops the watch.
  effect(() =>
    services.lastBackup.watch?.((value) => {
      lastBackupAt.value = value ?? null;
    }),
  );

  async function estimateSpace(): Promise<void> {
    if (!services.storage) return;
    try {
      const { usage, quota } = await services.storage.estimate();
      storage.value = { ...storage.value, usage: usage ?? null, quota: quota ?? null };
    } catch {
      // Unknown space is shown as nothing rather than as an error.
    }
  }

  /** Once per page: ask for persistent storage, then read the space used and the last backup. */
  async function start(): Promise<void> {
    const asked = (async () => {
      if (!services.storage) return;
      try {
        const persistent = (await services.storage.persisted()) || (await services.storage.persist());
        storage.value = { ...storage.value, persistent };
      } catch {
        storage.value = { ...storage.value, persistent: null };
      }
    })();
    lastBackupAt.value = await services.lastBackup.getValue();
    await Promise.all([asked, estimateSpace()]);
  }

  async function runExport(request: ExportRequest): Promise<void> {
    if (exportState.value.step === 'running') return;
    exportState.value = { step: 'running', done: 0, total: 0 };
    const onProgress: Progress = (done, total) => {
      exportState.value = { step: 'running', done, total };
    };
    try {
      let file: ExportedFile;
      if (request.format === 'coordinator') {
        file = await services.exportCoordinatorFile(request.scope, {
          includeComments: request.includeComments === true,
        });
      } else if (request.format === 'bundle') {
        const errorLog = request.includeErrorLog ? await services.readErrorLog() : undefined;
        file = await services.exportBundleFile(request.scope, { ...(errorLog ? { errorLog } : {}), onProgress });
      } else {
        file = await services.exportCsv(request.format, request.scope);
      }
      services.save(file.blob, file.fileName);
      if (request.format === 'bundle' && request.scope === 'all') {
        const at = services.now();
        await services.lastBackup.setValue(at);
        lastBackupAt.value = at;
      }
      exportState.value = {
        step: 'saved',
        fileName: file.fileName,
        ...(file.withheld ? { withheld: file.withheld } : {}),
      };
    } catch (error) {
      exportState.value = { step: 'failed', message: messageOf(error) };
    }
  }

  const busy = () => ['reading', 'applying'].includes(importState.value.step);

  function cancelPreview(): void {
    const state = importState.value;
    if (state.step === 'preview') state.preview.cancel();
  }

  /** The user chose a file: a bundle is read and planned; a CSV goes to its mapping step first. */
  async function chooseFile(file: File): Promise<void> {
    if (busy()) return;
    cancelPreview();
    if (importKind(file) === 'csv') {
      importState.value = { step: 'csv', file };
      return;
    }
    importState.value = { step: 'reading', fileName: file.name, done: 0, total: file.size };
    try {
      if (services.importCoordinatorFile && (await services.isCoordinatorFile?.(file))) {
        const outcome = await services.importCoordinatorFile(file);
        importState.value = { step: 'published', fileName: file.name, outcome };
        void estimateSpace();
        return;
      }
      const preview = await services.previewBundleFile(file, (done, total) => {
        if (importState.value.step === 'reading')
          importState.value = { step: 'reading', fileName: file.name, done, total };
      });
      showPreview(preview);
    } catch (error) {
      importState.value =
        error instanceof ImportRejected
          ? { step: 'rejected', fileName: file.name, problems: error.problems }
          : { step: 'failed', fileName: file.name, message: messageOf(error) };
    }
  }

  /** A preview is ready (from a bundle, or handed over by the CSV flow). */
  function showPreview(preview: ImportPreview): void {
    importState.value = { step: 'preview', preview, merge: {}, deleteResponses: false };
  }

  function rejectFile(fileName: string, problems: Problem[]): void {
    importState.value = { step: 'rejected', fileName, problems };
  }

  function setMerge(incomingId: string, existingId: string, chosen: boolean): void {
    const state = importState.value;
    if (state.step !== 'preview') return;
    const merge = { ...state.merge };
    if (chosen) merge[incomingId] = existingId;
    else delete merge[incomingId];
    // A merge can fold memberships into ones here: the counts shown follow the choices.
    replanWith({ ...state, merge });
  }

  /** The file's deletions of responses stored here are applied only with this ticked. */
  function setDeleteResponses(chosen: boolean): void {
    const state = importState.value;
    if (state.step !== 'preview' || state.deleteResponses === chosen) return;
    replanWith({ ...state, deleteResponses: chosen });
  }

  function replanWith(next: Extract<ImportState, { step: 'preview' }>): void {
    importState.value = next;
    next.preview.replan(choicesOf(next)).then(
      (plan) => {
        const now = importState.value;
        if (now === next) importState.value = { ...now, counts: plan.counts };
      },
      () => {
        // The counts stay as they were; applying reports any problem.
      },
    );
  }

  async function applyPreview(): Promise<void> {
    const state = importState.value;
    if (state.step !== 'preview') return;
    const { fileName } = state.preview.plan;
    importState.value = { step: 'applying', fileName, done: 0, total: 0 };
    try {
      const result = await state.preview.apply(choicesOf(state), (done, total) => {
        importState.value = { step: 'applying', fileName, done, total };
      });
      importState.value = { step: 'imported', fileName, result };
      void estimateSpace();
    } catch (error) {
      importState.value =
        error instanceof ImportRejected
          ? { step: 'rejected', fileName, problems: error.problems }
          : { step: 'failed', fileName, message: messageOf(error) };
    }
  }

  /** Back to choosing a file; a pending preview is dropped (nothing was written). */
  function resetImport(): void {
    if (busy()) return;
    cancelPreview();
    importState.value = { step: 'idle' };
  }

  return {
    exportState: readonly(exportState),
    importState: readonly(importState),
    storage: readonly(storage),
    lastBackupAt: readonly(lastBackupAt),
    start,
    runExport,
    chooseFile,
    showPreview,
    rejectFile,
    setMerge,
    setDeleteResponses,
    applyPreview,
    resetImport,
    now: services.now,
  };
});

export type DataTransferModel = InstanceType<typeof DataTransferModel>;

/** The choices a preview's state stands for: the merges ticked, and consent to delete responses. */
function choicesOf(state: { merge: ImportChoices['mergeOrganisations']; deleteResponses: boolean }): ImportChoices {
  return state.deleteResponses
    ? { mergeOrganisations: state.merge, deleteResponses: true }
    : { mergeOrganisations: state.merge };
}
