import { announceChange } from './changes';
import type { Draft } from './records';
import type { PulseDatabase } from './schema';

/** Unsaved forms, written on every keystroke so nothing is lost when the panel closes. */

export async function getDraft<T = unknown>(db: PulseDatabase, key: string): Promise<Draft<T> | undefined> {
  return (await db.get('drafts', key)) as Draft<T> | undefined;
}

export async function putDraft<T>(
  db: PulseDatabase,
  key: string,
  value: T,
  updatedAt: number = Date.now(),
): Promise<Draft<T>> {
  const draft: Draft<T> = { key, value, updatedAt };
  await db.put('drafts', draft);
  announceChange({ store: 'drafts', ids: [key] });
  return draft;
}

export async function deleteDraft(db: PulseDatabase, key: string): Promise<void> {
  await db.delete('drafts', key);
  announceChange({ store: 'drafts', ids: [key] });
}
