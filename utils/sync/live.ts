import { readChanges } from './engine';
import { SyncError, type CouchClient } from './http';

/**
 * Live sync while an extension page is open: one `_changes?feed=longpoll` per database of the
 * workspace, each answered when something changes on the server, which starts a sync. With no
 * page open nothing is held open (the alarm syncs instead). CouchDB answers an empty page at the
 * `timeout` (and so does the stand-in); a server holding a longpoll longer is fine too. Closing
 * the last page aborts it.
 */

/** Asked of CouchDB; a server that answers earlier or later is fine. */
export const LONGPOLL_TIMEOUT_MS = 25_000;
/** After a failed longpoll (the server away), the next waits this long. */
export const LIVE_RETRY_MS = 15_000;

export interface LiveTarget {
  client: CouchClient;
  /** The databases to watch. */
  dbs: readonly string[];
  /** Where the last sync's pull stopped: changes after it answer at once. */
  sinceOf(db: string): Promise<string | number | undefined>;
}

/** Watches until `signal` aborts; `changed` is called for every answer with changes. */
export async function watchChanges(target: LiveTarget, changed: () => void, signal: AbortSignal): Promise<void> {
  await Promise.all(target.dbs.map((db) => watchOne(target, db, changed, signal)));
}

async function watchOne(target: LiveTarget, db: string, changed: () => void, signal: AbortSignal): Promise<void> {
  let since: string | number | undefined;
  while (!signal.aborted) {
    try {
      since ??= (await target.sinceOf(db)) ?? 'now';
      const query = `feed=longpoll&since=${encodeURIComponent(since)}&timeout=${LONGPOLL_TIMEOUT_MS}`;
      const body = await target.client.request('GET', `/${encodeURIComponent(db)}/_changes?${query}`, { signal });
      const page = readChanges(body, `GET ${db}/_changes`);
      since = page.lastSeq;
      if (page.results.length > 0) changed();
    } catch (error) {
      if (signal.aborted) return;
      // Signed out, or not a member: the scheduled syncs say so; watching would only repeat it.
      if (error instanceof SyncError && ['signed-out', 'forbidden', 'missing'].includes(error.kind)) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, LIVE_RETRY_MS);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  }
}

export interface LivePages {
  opened(): void;
  closed(): void;
  /** Watches anew (the connection changed), if a page is open. */
  restart(): void;
}

/**
 * Counts the open pages: `watch` runs while there is one, and again when the connection changes.
 * State in the closure, whose names minify (the background's sync budget).
 */
export function livePages(watch: (signal: AbortSignal) => Promise<void>): LivePages {
  let pages = 0;
  let controller: AbortController | undefined;
  const stop = () => {
    controller?.abort();
    controller = undefined;
  };
  const restart = () => {
    stop();
    if (pages === 0) return;
    void watch((controller = new AbortController()).signal).catch(() => {});
  };
  return {
    opened() {
      pages += 1;
      if (pages === 1) restart();
    },
    closed() {
      pages = Math.max(0, pages - 1);
      if (pages === 0) stop();
    },
    restart,
  };
}
