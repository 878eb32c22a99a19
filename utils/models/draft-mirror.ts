import type { Draft } from '../db/records';

/**
 * A synchronous copy of a draft in localStorage, written on every change and
 * dropped once IndexedDB has committed the same change. An IndexedDB write
 * still in flight when the panel closes can be lost; this copy cannot.
 */
const PREFIX = 'pp-draft:';

export function writeMirror<T>(key: string, draft: Draft<T>): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: IndexedDB still gets the write.
  }
}

export function readMirror<T>(key: string): Draft<T> | undefined {
  try {
    const text = localStorage.getItem(PREFIX + key);
    return text ? (JSON.parse(text) as Draft<T>) : undefined;
  } catch {
    return undefined;
  }
}

/** Drops the copy only if it is the version that was committed (a newer one may have been written since). */
export function clearMirror(key: string, committedAt?: number): void {
  try {
    if (committedAt === undefined || readMirror(key)?.updatedAt === committedAt) localStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing to clear.
  }
}

/** The newer of the stored draft and its copy. */
export function newestDraft<T>(stored: Draft<T> | undefined, mirror: Draft<T> | undefined): Draft<T> | undefined {
  if (!stored) return mirror;
  if (!mirror) return stored;
  return mirror.updatedAt >= stored.updatedAt ? mirror : stored;
}
