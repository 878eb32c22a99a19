import type { PulseDatabase } from '../../db/schema';
import { applyImport, type ImportChoices, type ImportResult } from './apply';
import { bundleFileName, collectBundle, type ExportScope } from './export';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle, type BundleRecords, type ErrorLogEntry } from './format';
import { planImport, type ImportPlan } from './plan';
import { ProblemList } from './problems';
import { checkFileSize, parseBundle } from './read';
import { bundleToBlob } from './export';
import { checkBackup, checkRecords } from './validate';

/**
 * What the bundle worker does for the page, as plain async functions (so they can be unit
 * tested without a Worker): read and check a file, plan, apply, export.
 */

export type Progress = (done: number, total: number) => void;

/** A file read, checked and planned: steps 0…3. */
export async function planFile(
  db: PulseDatabase,
  file: Blob,
  fileName: string,
  onProgress: Progress = () => {},
): Promise<ImportPlan> {
  onProgress(0, 3);
  checkFileSize(file.size, fileName);
  const text = await file.text();
  onProgress(1, 3);
  const bundle = parseBundle(text, fileName);
  onProgress(2, 3);
  const plan = await planImport(db, bundle, fileName);
  onProgress(3, 3);
  return plan;
}

/** Records made elsewhere (a CSV import), checked like a bundle's, then planned. */
export async function planRecords(
  db: PulseDatabase,
  records: Partial<BundleRecords>,
  fileName: string,
  app: string,
  onProgress: Progress = () => {},
): Promise<ImportPlan> {
  onProgress(0, 2);
  const problems = new ProblemList(fileName);
  const checked = checkRecords(records, problems);
  problems.throwIfAny();
  onProgress(1, 2);
  const bundle: Bundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: new Date().toISOString(),
    app,
    scope: 'all',
    ...checked,
  };
  const plan = await planImport(db, bundle, fileName);
  onProgress(2, 2);
  return plan;
}

/** The same bundle planned again with the user's choices, so the preview's counts say what apply will do. */
export function replan(db: PulseDatabase, plan: ImportPlan, choices: ImportChoices): Promise<ImportPlan> {
  return planImport(db, plan.bundle, plan.fileName, choices);
}

export function applyPlan(
  db: PulseDatabase,
  plan: ImportPlan,
  choices: ImportChoices,
  onProgress?: Progress,
): Promise<ImportResult> {
  return applyImport(db, plan, choices, onProgress);
}

export async function exportFile(
  db: PulseDatabase,
  scope: ExportScope,
  options: { errorLog?: ErrorLogEntry[]; app: string; onProgress?: Progress },
): Promise<{ blob: Blob; fileName: string }> {
  const bundle = await collectBundle(db, scope, options);
  const partnershipName = scope === 'all' ? undefined : bundle.partnerships[0]?.name;
  const fileName = bundleFileName(bundle, partnershipName);
  // A backup that would not import is refused here, saying what and where, rather than saved.
  checkBackup(bundle, fileName);
  return { blob: bundleToBlob(bundle), fileName };
}
