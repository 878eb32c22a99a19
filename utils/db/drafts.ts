import { announceChange } from './changes';
import type { Draft } from './records';
import type { PulseDatabase } from './schema';

/** Unsaved forms, written on every keystroke so nothing is lost when the panel closes. */

/**
 * The drafts kept for one pulse, by kind: its paste box (utils/pulse/paste-draft.ts), its
 * "invite someone else" form (utils/pulse/seat-changes.ts) and its quick round
 * (utils/pulse/quick-round.ts). Their keys are built here, once, so deleting the pulse
 * (utils/db/pulse-delete.ts) removes every one of them.
 */
export const PULSE_DRAFT_KINDS = ['paste', 'seat-add', 'quick-round'] as const;
export type PulseDraftKind = (typeof PULSE_DRAFT_KINDS)[number];

export function pulseDraftKey(kind: PulseDraftKind, pulseId: string): string {
  return `${kind}:${pulseId}`;
}

/** Every draft key a pulse can have. */
export function pulseDraftKeys(pulseId: string): string[] {
  return PULSE_DRAFT_KINDS.map((kind) => pulseDraftKey(kind, pulseId));
}

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
