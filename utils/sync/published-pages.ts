import { onChange } from '../db/changes';
import type { PulseDatabase, StoreName } from '../db/schema';
import { publishReleased } from '../pulse/publish-released';
import { shareCommentsWith } from '../settings/settings';
import { syncStatus, workspaceConnection } from './background';
import { CouchClient } from './http';
import { pullPublished } from './published-pull';
import { notePublishedRefusals } from './published-status';

/**
 * Published results on the pages: every open extension page (the side panel, the management
 * page, the dashboard) publishes the lead's released pulses (the background's sync then pushes
 * them, woken by the store's change), and the dashboard pulls the workspace's published results
 * for its charts, now and after every sync that finishes. The results that pull refuses are
 * listed in the sync status (published-status.ts).
 *
 * The pages also keep each pulse not released yet's pending result (utils/db/pending.ts), made
 * again whenever what it is made of changes: the background's sync publishes it at the release
 * when no page is open, without aggregating anything (its 12 KB budget could not hold
 * publishPulse: issue 14; docs/workspace.md).
 */

/**
 * Stores whose changes (here, in another page, or pulled by the sync) may change a pending result;
 * seats too, as a pulse with none was answered through the shared link, which its result says.
 */
const MADE_OF: ReadonlySet<StoreName> = new Set(['pulses', 'responses', 'partnerships', 'seats']);

/** setTimeout's longest wait: a longer one (a pulse closing in years) would fire at once. */
export const MAX_WAIT_MS = 2 ** 31 - 1;

/** The lock of publishing, shared by every page of the extension. */
const PUBLISH_LOCK = 'pp-publish';
/** Where Web Locks are missing (the unit tests): one publisher at a time within this page. */
let turn: Promise<unknown> = Promise.resolve();

/**
 * Runs `work` alone: pages opened together would each find a pulse unpublished and write its
 * result with a stamp of their own (one push each); the second now waits for the first and
 * finds the figures it wrote.
 */
function alone<T>(work: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  if (locks) return locks.request(PUBLISH_LOCK, work) as Promise<T>;
  const mine = turn.then(work);
  turn = mine.catch(() => undefined);
  return mine;
}

/**
 * Publishes this browser's released pulses whose figures changed (none when nothing did), and
 * only while a workspace is connected: without one there is no one to publish to, and the work
 * (every released pulse's responses read) would only slow the page. One page publishes at a
 * time. `nextRelease` is told when the next pulse is released (see publishReleased).
 */
export async function publishNow(db: PulseDatabase, now?: number, nextRelease?: (at: number) => void): Promise<number> {
  if (!(await workspaceConnection.getValue())) return 0;
  const shareWith = await shareCommentsWith.getValue();
  return alone(
    async () =>
      (
        await publishReleased(db, {
          now: now ?? Date.now(),
          shareCommentsWith: shareWith,
          ...(nextRelease ? { nextRelease } : {}),
        })
      ).length,
  );
}

/**
 * Every extension page keeps this browser's results published, and its pending results made,
 * while it is open: now, when the next pulse is released (a pulse closing while only the side
 * panel is open), whenever a workspace sync finishes (a connection made, the alarm's sync), and
 * whenever a pulse, a response, a partnership or the comments choice changes. The dashboard also pulls the
 * workspace's published results for its charts (`pull`). Returns the stop function.
 */
export function keepPublished(db: PulseDatabase, onError: (error: unknown) => void, pull = false): () => void {
  let running: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const releasedAt = (at: number) => {
    clearTimeout(timer);
    // Just after it: a pulse is released once the clock has passed its release.
    timer = setTimeout(run, Math.min(Math.max(at - Date.now() + 1, 0), MAX_WAIT_MS));
  };
  /** A run waits to start: a change meanwhile is read by it, so none is added. */
  let queued = false;
  const run = () => {
    if (queued) return;
    queued = true;
    running = running.then(async () => {
      queued = false;
      await publishNow(db, undefined, releasedAt);
      if (!pull) return;
      const connection = await workspaceConnection.getValue();
      if (!connection) return;
      const pulled = await pullPublished(db, new CouchClient(connection.server), connection);
      // Shown in the sync status with the sync's own refusals (a database not opened is the sync's to report).
      await notePublishedRefusals(pulled.refused, Date.now());
    });
    running = running.catch(onError);
  };
  run();
  const unwatch = syncStatus.watch((status, before) => {
    if (status.lastSyncedAt !== undefined && status.lastSyncedAt !== before?.lastSyncedAt) run();
  });
  const unlisten = onChange((change) => {
    if (MADE_OF.has(change.store)) run();
  });
  const unwatchComments = shareCommentsWith.watch(run);
  return () => {
    unwatch();
    unlisten();
    unwatchComments();
    clearTimeout(timer);
  };
}
