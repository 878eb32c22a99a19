import type { ImportChoices, ImportResult } from './apply';
import type { ExportScope } from './export';
import type { BundleRecords, ErrorLogEntry } from './format';
import type { ImportPlan } from './plan';
import type { Problem } from './problems';

/** Messages between the page (client.ts) and the bundle worker (bundle.worker.ts). */

export type WorkerRequest =
  | { type: 'preview-file'; file: Blob; fileName: string; app: string }
  | { type: 'preview-records'; records: Partial<BundleRecords>; fileName: string; app: string }
  /** The preview again, as the import would go with these choices (the merges the user ticked). */
  | { type: 'replan'; choices: ImportChoices }
  | { type: 'apply'; choices: ImportChoices }
  | { type: 'export'; scope: ExportScope; errorLog?: ErrorLogEntry[]; app: string };

export type WorkerReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'planned'; plan: Omit<ImportPlan, 'bundle'> }
  | { type: 'applied'; result: ImportResult }
  | { type: 'exported'; blob: Blob; fileName: string }
  | { type: 'rejected'; problems: Problem[] }
  | { type: 'failed'; name: string; message: string };
