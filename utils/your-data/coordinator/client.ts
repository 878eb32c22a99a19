import { browser } from '#imports';
import type { PulseDatabase } from '../../db/schema';
import type { ExportScope } from '../bundle/export';
import type { ExportedFile, PublishedImport } from '../transfer';
import { collectCoordinatorFile, coordinatorFileName, coordinatorFileToBlob } from './export';
import { looksLikeCoordinatorFile } from './format';
import { importCoordinatorFile } from './import';

/** The page's services for the coordinator summary (wired by components/your-data). */

function appVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return 'unknown';
  }
}

export async function exportCoordinatorSummary(
  db: PulseDatabase,
  scope: ExportScope,
  options: { includeComments: boolean },
): Promise<ExportedFile> {
  const file = await collectCoordinatorFile(db, scope, { includeComments: options.includeComments, app: appVersion() });
  const name = scope === 'all' ? undefined : (await db.get('partnerships', scope.partnershipId))?.name;
  return { blob: coordinatorFileToBlob(file), fileName: coordinatorFileName(file, name) };
}

/** A coordinator summary writes `format` then `kind` first: the first bytes tell. */
export async function isCoordinatorSummary(file: Blob): Promise<boolean> {
  return looksLikeCoordinatorFile(await file.slice(0, 512).text());
}

export function importCoordinatorSummary(db: PulseDatabase, file: File): Promise<PublishedImport> {
  return importCoordinatorFile(db, file);
}
