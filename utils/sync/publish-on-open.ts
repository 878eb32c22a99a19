import type { PulseDatabase } from '../db/schema';

/**
 * Every extension page publishes the lead's released pulses while it is open (keepPublished,
 * utils/sync/published-pages.ts), loaded on demand: a page's first load carries only this.
 */
export function publishWhileOpen(db: PulseDatabase, onError: (error: unknown) => void): void {
  import('./published-pages').then((pages) => {
    window.addEventListener('pagehide', pages.keepPublished(db, onError));
  }, onError);
}
