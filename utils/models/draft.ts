import { createModel, signal, type Model, type ReadonlySignal } from '@preact/signals';
import type { PulseDatabase } from '../db/schema';
import { deleteDraft, getDraft, putDraft } from '../db/drafts';
import { clearMirror, newestDraft, readMirror, writeMirror } from './draft-mirror';

/** Where a draft model starts: a stored draft (with its stamp) or fresh initial values. */
export interface DraftStart<T> {
  value: T;
  updatedAt?: number;
  restored: boolean;
}

export interface DraftShape<T> {
  values: ReadonlySignal<T>;
  /** Whether the values came from a stored draft rather than from the initial values. */
  restoredFromDraft: ReadonlySignal<boolean>;
  update(change: (current: T) => T): void;
  discardDraft(): Promise<void>;
  /** Resolves when every change so far is stored. */
  flushed(): Promise<void>;
}

/**
 * Anything the user is typing (a meeting form, a quick round), with every change
 * written to its draft at once, so closing the panel, reloading or restarting the
 * browser loses nothing. Disposing the model lets writes under way finish.
 */
function draftModel<T>(db: PulseDatabase, draftKey: string, start: DraftStart<T>): DraftShape<T> {
  const values = signal<T>(start.value);
  const restoredFromDraft = signal(start.restored);
  let writes = Promise.resolve();
  let lastStamp = start.updatedAt ?? 0;

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

  return { values, restoredFromDraft, update, discardDraft, flushed: () => writes };
}

export type DraftModel<T> = Model<DraftShape<T>>;
// createModel loses the factory's type parameter; the cast gives it back.
export const DraftModel = createModel(draftModel) as unknown as new <T>(
  db: PulseDatabase,
  draftKey: string,
  start: DraftStart<T>,
) => DraftModel<T>;

/** The draft model for a key: its stored draft (or the newer copy of it) if there is one, else `initial()`. */
export async function openDraft<T>(
  db: PulseDatabase,
  draftKey: string,
  initial: () => T | Promise<T>,
): Promise<DraftModel<T>> {
  const draft = newestDraft(await getDraft<T>(db, draftKey), readMirror<T>(draftKey));
  const start: DraftStart<T> = draft
    ? { value: draft.value, updatedAt: draft.updatedAt, restored: true }
    : { value: await initial(), restored: false };
  return new DraftModel<T>(db, draftKey, start);
}
