import { signal } from '@preact/signals';
import type { PulseDatabase } from '../db/schema';
import { deleteDraft, getDraft, putDraft } from '../db/drafts';
import { clearMirror, newestDraft, readMirror, writeMirror } from './draft-mirror';

/**
 * Anything the user is typing (a meeting form, a quick round), with every change
 * written to its draft at once, so closing the panel, reloading or restarting the
 * browser loses nothing.
 */
export async function createDraftModel<T>(db: PulseDatabase, draftKey: string, initial: () => T | Promise<T>) {
  const draft = newestDraft(await getDraft<T>(db, draftKey), readMirror<T>(draftKey));
  const values = signal<T>(draft ? draft.value : await initial());
  const restoredFromDraft = !!draft;
  let writes = Promise.resolve();
  let lastStamp = draft?.updatedAt ?? 0;

  function update(change: (current: T) => T): void {
    const next = change(values.value);
    if (next === values.value) return;
    values.value = next;
    // Strictly increasing, so each version can be told from the one before.
    const updatedAt = (lastStamp = Math.max(Date.now(), lastStamp + 1));
    writeMirror(draftKey, { key: draftKey, value: next, updatedAt });
    // Writes go in order, so the last keystroke is the one that stays.
    writes = writes
      .then(() => putDraft(db, draftKey, next, updatedAt))
      .then(() => clearMirror(draftKey, updatedAt))
      .catch((error: unknown) => console.error(error));
  }

  async function discardDraft(): Promise<void> {
    await writes;
    await deleteDraft(db, draftKey);
    clearMirror(draftKey);
  }

  /** Resolves when every change so far is stored. */
  const flushed = () => writes;

  return { draftKey, values, update, discardDraft, flushed, restoredFromDraft };
}

export type DraftModel<T> = Awaited<ReturnType<typeof createDraftModel<T>>>;
