import { boundSnapshot } from './bound';
import { snapshotFingerprint } from './fingerprint';
import type { PlatformReader, Snapshot } from './snapshot';

/**
 * One read of the page: the snapshot (within the limits the background checks: ./bound), its
 * fingerprint and whether it differs from the last one.
 */
export function observerPass<S extends Snapshot>(
  reader: PlatformReader<S>,
  doc: Document,
  url: string,
  previousFingerprint: string | null,
): { snapshot: S; fingerprint: string; changed: boolean } {
  const snapshot = boundSnapshot(reader.read(doc, url));
  const fingerprint = snapshotFingerprint(snapshot);
  return { snapshot, fingerprint, changed: fingerprint !== previousFingerprint };
}

export interface WatchOptions<S extends Snapshot> {
  reader: PlatformReader<S>;
  onSnapshot: (snapshot: S) => void;
  /** At most one read per this many milliseconds, however busy the page is. */
  throttleMs?: number;
  doc?: Document;
  getUrl?: () => string;
  /** Addresses on the site that must not be read (Outlook's mail): nothing is read or sent there. */
  shouldRead?: (url: string) => boolean;
}

// Attributes the readers look at. Classes and styles are left out: pages flip them many times a
// second (speaking rings, hover states) and a person joining or leaving always changes nodes.
const WATCHED_ATTRIBUTES = [
  'aria-label',
  'title',
  'href',
  'datetime',
  'data-participant-id',
  'data-self-name',
  'data-meeting-title',
  'data-hovercard-id',
  'data-tid',
  'data-cid',
  'data-email',
  'data-eventid',
  'data-app-section',
];

/**
 * Reads the page now, then again after changes to it, at most once per `throttleMs`, and calls
 * `onSnapshot` only when what it read changed. Returns `stop()`.
 */
export function watchPage<S extends Snapshot>(options: WatchOptions<S>): () => void {
  const {
    reader,
    onSnapshot,
    throttleMs = 1000,
    doc = document,
    getUrl = () => doc.location?.href ?? '',
    shouldRead = () => true,
  } = options;
  let fingerprint: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastPassAt = Number.NEGATIVE_INFINITY;
  let stopped = false;

  const pass = () => {
    timer = undefined;
    if (stopped) return;
    lastPassAt = Date.now();
    const url = getUrl();
    if (!shouldRead(url)) {
      fingerprint = null; // coming back sends again
      return;
    }
    try {
      const result = observerPass(reader, doc, url, fingerprint);
      if (!result.changed) return;
      fingerprint = result.fingerprint;
      onSnapshot(result.snapshot);
    } catch {
      // A page caught half-way through re-rendering: the next change reads it again.
    }
  };

  const schedule = () => {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(pass, Math.max(0, lastPassAt + throttleMs - Date.now()));
  };

  const observer = new MutationObserver(schedule);
  observer.observe(doc, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: WATCHED_ATTRIBUTES,
  });
  // Single-page apps change address without a load; popstate and hashchange cover back/forward.
  const win = doc.defaultView;
  win?.addEventListener('popstate', schedule);
  win?.addEventListener('hashchange', schedule);
  pass();

  return () => {
    stopped = true;
    observer.disconnect();
    clearTimeout(timer);
    win?.removeEventListener('popstate', schedule);
    win?.removeEventListener('hashchange', schedule);
  };
}
