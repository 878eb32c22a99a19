import { storage } from '#imports';
import type { ErrorLogEntry } from '../your-data/bundle/format';

/** Entries kept: the newest, oldest dropped first. */
export const ERROR_LOG_LIMIT = 50;

// In extension storage, not IndexedDB: the log must still work when the database is what fails.
const errorLog = storage.defineItem<ErrorLogEntry[]>('local:errorLog', { fallback: [] });

// Each write waits for the one before, so errors reported together are all kept.
let queue: Promise<unknown> = Promise.resolve();

function inTurn<T>(write: () => Promise<T>): Promise<T> {
  const next = queue.then(write);
  queue = next.catch(() => undefined);
  return next;
}

/** Oldest first. */
export function readErrorLog(): Promise<ErrorLogEntry[]> {
  return errorLog.getValue();
}

export function recordError(entry: ErrorLogEntry): Promise<void> {
  return inTurn(async () => {
    const entries = await errorLog.getValue();
    await errorLog.setValue([...entries, entry].slice(-ERROR_LOG_LIMIT));
  });
}

export function clearErrorLog(): Promise<void> {
  return inTurn(() => errorLog.removeValue());
}
