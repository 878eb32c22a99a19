import { storePublishedResults } from '../db/published';
import type { PublishedResult } from '../db/records';
import type { PulseDatabase } from '../db/schema';
import { t } from '../i18n/messages';
import { ProblemList, describeProblem } from '../your-data/bundle/problems';
import { recordLabel } from '../your-data/bundle/validate';
import { checkResult } from '../your-data/coordinator/read';
import { readDoc } from './documents';
import { workspaceDbs, type Refused, type WorkspaceTarget } from './engine';
import { SyncError, type CouchClient } from './http';
import { PUBLISHED_STORE } from './layout';

/**
 * Published results from the workspace, for the pages that chart them (the dashboard). Each
 * shared partnership's database is read for its `publishedResults:` documents, and each one is
 * checked exactly as a coordinator file's result is (coordinator/read.ts: aggregates only, every
 * shown group at or above the threshold, figures that add up, closed, nothing from the future,
 * this partnership's) before it is stored; newer `updatedAt` wins.
 *
 * Here rather than in the background's sync: those checks would take the background's sync
 * past its 12 KB budget, and only a page that charts results needs them. A result is one small
 * document per pulse, so each pass reads them all.
 */

export interface PublishedPull {
  /** Results added or replaced here. */
  stored: number;
  /** Results not stored, and answers not understood, with the reason. */
  refused: Refused[];
  /** Databases the server would not open (not a member, not created yet): the sync reports those too. */
  unreadable: Refused[];
}

interface Row {
  doc?: unknown;
}

export async function pullPublished(
  db: PulseDatabase,
  client: CouchClient,
  target: Pick<WorkspaceTarget, 'prefix' | 'partnershipIds'>,
  now: number = Date.now(),
): Promise<PublishedPull> {
  const outcome: PublishedPull = { stored: 0, refused: [], unreadable: [] };
  for (const { name, scope } of workspaceDbs(target)) {
    if (scope.kind !== 'partnership') continue;
    const range = `startkey=${encodeURIComponent(`"${PUBLISHED_STORE}:"`)}&endkey=${encodeURIComponent(`"${PUBLISHED_STORE}:\ufff0"`)}`;
    let rows: unknown;
    try {
      const answer = await client.request('GET', `/${encodeURIComponent(name)}/_all_docs?include_docs=true&${range}`);
      rows = (answer as { rows?: unknown } | null)?.rows;
    } catch (error) {
      if (!(error instanceof SyncError)) throw error;
      // Not shared with this user, or not created yet: the other partnerships still count.
      outcome.unreadable.push({ db: name, direction: 'pull', reason: error.detail });
      continue;
    }
    if (!Array.isArray(rows)) {
      outcome.refused.push({ db: name, direction: 'pull', reason: t('syncNoRows', `GET ${name}/_all_docs`) });
      continue;
    }
    const problems = new ProblemList(name);
    const passed: PublishedResult[] = [];
    (rows as Row[]).forEach((row, index) => {
      const read = readDoc(row?.doc, scope, now);
      if (!read.ok) {
        if (!('skip' in read)) outcome.refused.push({ db: name, id: read.id, direction: 'pull', reason: read.reason });
        return;
      }
      if (read.store !== PUBLISHED_STORE) return;
      if (checkResult(read.record, recordLabel(PUBLISHED_STORE, index, read.record), problems, now, true)) {
        passed.push(read.record as unknown as PublishedResult);
      }
    });
    for (const problem of problems.problems) {
      outcome.refused.push({ db: name, direction: 'pull', reason: describeProblem(problem) });
    }
    if (passed.length > 0) {
      const { added, updated } = await storePublishedResults(db, passed);
      outcome.stored += added + updated;
    }
  }
  return outcome;
}
