import type { PulseDatabase } from '../db/schema';
import { publishReleased } from '../pulse/publish-released';
import { shareCommentsWith } from '../settings/settings';
import { syncStatus, workspaceConnection } from './background';
import { CouchClient } from './http';
import { pullPublished } from './published-pull';
import { notePublishedRefusals } from './published-status';

/**
 * Published results on the pages: the lead's released pulses are published (the background's
 * sync then pushes them, woken by the store's change), and a connected browser pulls the
 * workspace's published results for the dashboard, now and after every sync that finishes. The
 * results that pull refuses are listed in the sync status (published-status.ts).
 */

/**
 * Publishes this browser's released pulses whose figures changed (none when nothing did), and
 * only while a workspace is connected: without one there is no one to publish to, and the work
 * (every released pulse's responses read) would only slow the page.
 */
export async function publishNow(db: PulseDatabase, now: number = Date.now()): Promise<number> {
  if (!(await workspaceConnection.getValue())) return 0;
  return (await publishReleased(db, { now, shareCommentsWith: await shareCommentsWith.getValue() })).length;
}

/** Publishes and pulls now, and again whenever a workspace sync finishes; returns the stop function. */
export function keepPublished(db: PulseDatabase, onError: (error: unknown) => void): () => void {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      await publishNow(db);
      const connection = await workspaceConnection.getValue();
      if (!connection) return;
      const pulled = await pullPublished(db, new CouchClient(connection.server), connection);
      // Shown in the sync status with the sync's own refusals (a database not opened is the sync's to report).
      await notePublishedRefusals(pulled.refused, Date.now());
    });
    running = running.catch(onError);
  };
  run();
  return syncStatus.watch((status, before) => {
    if (status.lastSyncedAt !== undefined && status.lastSyncedAt !== before?.lastSyncedAt) run();
  });
}
