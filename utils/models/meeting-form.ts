import { signal } from '@preact/signals';
import type { PulseDatabase } from '../db/schema';
import { deleteDraft, getDraft, putDraft } from '../db/drafts';
import type { MeetingFormValues } from '../meeting-form/form';

/**
 * A meeting form whose every change is written to its draft at once, so
 * closing the panel, reloading or restarting the browser loses nothing.
 */
export async function createMeetingFormModel(
  db: PulseDatabase,
  draftKey: string,
  initial: () => MeetingFormValues | Promise<MeetingFormValues>,
) {
  const draft = await getDraft<MeetingFormValues>(db, draftKey);
  const values = signal<MeetingFormValues>(draft ? draft.value : await initial());
  const restoredFromDraft = !!draft;
  let writes = Promise.resolve();

  function update(change: (current: MeetingFormValues) => MeetingFormValues): void {
    const next = change(values.value);
    if (next === values.value) return;
    values.value = next;
    // Writes go in order, so the last keystroke is the one that stays.
    writes = writes
      .then(() => putDraft(db, draftKey, next))
      .then(() => undefined)
      .catch((error: unknown) => console.error(error));
  }

  async function discardDraft(): Promise<void> {
    await writes;
    await deleteDraft(db, draftKey);
  }

  /** Resolves when every change so far is stored. */
  const flushed = () => writes;

  return { draftKey, values, update, discardDraft, flushed, restoredFromDraft };
}

export type MeetingFormModel = Awaited<ReturnType<typeof createMeetingFormModel>>;
