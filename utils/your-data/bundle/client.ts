import { browser } from '#imports';
import { t } from '../../i18n/messages';
import type { ImportChoices, ImportResult } from './apply';
import type { ExportScope } from './export';
import type { BundleRecords, ErrorLogEntry } from './format';
import type { ImportPlan } from './plan';
import { ImportRejected, relocalise } from './problems';
import type { WorkerReply, WorkerRequest } from './worker-protocol';
// Vite bundles the worker from this import. (`new Worker(new URL('./bundle.worker.ts', import.meta.url))`
// is not seen by Vite here: WXT defines import.meta.url as self.location.href before Vite looks.)
import BundleWorker from './bundle.worker.ts?worker';

export type { ImportChoices, ImportResult } from './apply';
export type { ExportScope } from './export';
export type Progress = (done: number, total: number) => void;

/** A checked and planned import, waiting for the user: apply it with their choices, or cancel. */
export interface ImportPreview {
  plan: Omit<ImportPlan, 'bundle'>;
  /** The plan again with these choices: its counts are what apply(choices) will do. */
  replan(choices: ImportChoices): Promise<Omit<ImportPlan, 'bundle'>>;
  apply(choices: ImportChoices, onProgress?: Progress): Promise<ImportResult>;
  cancel(): void;
}

/**
 * Raised on the page for an unexpected failure in the worker (not a refused file: that is
 * ImportRejected). Its message is shown to the user, so what the client words itself comes
 * from the messages; `detail` keeps the browser's own (untranslated) words for debugging.
 */
export class BundleWorkerError extends Error {
  constructor(
    message: string,
    readonly workerErrorName: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'BundleWorkerError';
  }
}

function appVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return 'unknown';
  }
}

function startWorker(): Worker {
  return new BundleWorker();
}

/** Sends one request and resolves with the reply of type `expected`; progress on the way. */
function ask<T extends WorkerReply['type']>(
  worker: Worker,
  message: WorkerRequest,
  expected: T,
  onProgress?: Progress,
): Promise<Extract<WorkerReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent<WorkerReply>) => {
      const data = event.data;
      if (data.type === 'progress') {
        onProgress?.(data.done, data.total);
        return;
      }
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      if (data.type === expected) resolve(data as Extract<WorkerReply, { type: T }>);
      else if (data.type === 'rejected') reject(new ImportRejected(relocalise(data.problems)));
      else if (data.type === 'failed') reject(new BundleWorkerError(data.message, data.name));
      else
        reject(new BundleWorkerError(t('dataWorkerUnexpectedReply'), 'UnexpectedReply', `${expected} ≠ ${data.type}`));
    };
    const onError = (event: ErrorEvent) => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      reject(new BundleWorkerError(t('dataWorkerFailedToStart'), 'WorkerError', event.message || undefined));
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    worker.postMessage(message);
  });
}

const alreadySettled = () => new BundleWorkerError(t('dataImportSettled'), 'Settled');

async function preview(message: WorkerRequest, onProgress?: Progress): Promise<ImportPreview> {
  const worker = startWorker();
  let planned: Extract<WorkerReply, { type: 'planned' }>;
  try {
    planned = await ask(worker, message, 'planned', onProgress);
  } catch (error) {
    worker.terminate();
    throw error;
  }
  let settled = false;
  // One request at a time: a reply is matched to the request waiting for it.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => {});
    return next;
  };
  return {
    plan: planned.plan,
    replan(choices) {
      if (settled) return Promise.reject(alreadySettled());
      return inTurn(async () => (await ask(worker, { type: 'replan', choices }, 'planned')).plan);
    },
    async apply(choices, onApplyProgress) {
      if (settled) throw alreadySettled();
      settled = true;
      try {
        return await inTurn(
          async () => (await ask(worker, { type: 'apply', choices }, 'applied', onApplyProgress)).result,
        );
      } finally {
        // The worker announced the changes on a BroadcastChannel just before replying: give
        // that message a moment to leave before the worker goes.
        setTimeout(() => worker.terminate(), 1_000);
      }
    },
    cancel() {
      if (settled) return;
      settled = true;
      worker.terminate();
    },
  };
}

/** Reads, checks and plans a bundle file in the worker. Rejects with ImportRejected for a bad file. */
export function previewBundleFile(file: File, onProgress?: Progress): Promise<ImportPreview> {
  return preview({ type: 'preview-file', file, fileName: file.name, app: appVersion() }, onProgress);
}

/** Records made on the page (a CSV import), checked and planned like a bundle's. */
export function previewRecords(
  records: Partial<BundleRecords>,
  fileName: string,
  onProgress?: Progress,
): Promise<ImportPreview> {
  return preview({ type: 'preview-records', records, fileName, app: appVersion() }, onProgress);
}

/** Everything, or one partnership, as a bundle file made in the worker. */
export async function exportBundleFile(
  scope: ExportScope,
  options: { errorLog?: ErrorLogEntry[]; onProgress?: Progress } = {},
): Promise<{ blob: Blob; fileName: string }> {
  const worker = startWorker();
  try {
    const { blob, fileName } = await ask(
      worker,
      { type: 'export', scope, errorLog: options.errorLog, app: appVersion() },
      'exported',
      options.onProgress,
    );
    return { blob, fileName };
  } finally {
    worker.terminate();
  }
}
