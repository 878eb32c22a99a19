import { batch, computed, createModel, effect, signal, type ReadonlySignal } from '@preact/signals';
import { subscribeLiveQuery } from '../db/live-query';
import type { PulseDatabase } from '../db/schema';
import { collectChatCodes, previewChatCodes, type CodeReport } from './collect';
import { readonly } from '../models/readonly';

/** How many of a paste's reports are answers it adds (a new one, or a seat's newer answer). */
export function newCodeCount(reports: readonly CodeReport[]): number {
  return reports.filter((r) => r.outcome === 'added' || r.outcome === 'replaced').length;
}

/**
 * The response codes seen in the call chat (`text`, one per line): how many are new, and adding
 * them through the paste box's own path (collectChatCodes), so nothing the paste box would
 * refuse is added (`setText` when the chat shows more). When `auto` is true (the lead's setting, undefined until read) new codes are
 * added at once; one add runs at a time, and the same code seen twice is added once.
 * `new ChatCodesModel(db, firstText, auto)`, disposed with its component.
 */
export const ChatCodesModel = createModel(
  (db: PulseDatabase, firstText: string, auto: ReadonlySignal<boolean | undefined>) => {
    const text = signal(firstText);
    // What adding would do now, read again when responses, pulses or seats change (codes added
    // another way are no longer new); undefined until read and right after an add.
    const preview = signal<readonly CodeReport[] | undefined>(undefined);
    const added = signal<number | null>(null);
    let adding: Promise<void> | null = null;

    effect(() => {
      const codes = text.value;
      preview.value = undefined;
      return codes
        ? subscribeLiveQuery(
            () => previewChatCodes(db, codes),
            ['responses', 'pulses', 'seats'],
            (reports) => {
              preview.value = reports;
            },
          )
        : undefined;
    });
    const count = computed(() => (preview.value ? newCodeCount(preview.value) : 0));

    function add(): Promise<void> {
      if (adding) return adding;
      const codes = text.peek();
      adding = collectChatCodes(db, codes)
        .then((reports) =>
          batch(() => {
            added.value = newCodeCount(reports);
            // Nothing new is known until the next read; a newer chat's read is kept.
            if (text.peek() === codes) preview.value = undefined;
          }),
        )
        .finally(() => {
          adding = null;
          // The chat showed more codes while this add ran: they are added in turn.
          if (text.peek() !== codes && auto.peek() === true && count.peek() > 0) void add();
        });
      return adding;
    }

    effect(() => {
      if (auto.value === true && count.value > 0) void add();
    });

    return {
      /** New codes to offer: none until the setting is read, nor when they are added without asking. */
      fresh: computed(() => (auto.value === false ? count.value : 0)),
      /** How many the last add added; null before any. */
      added: readonly(added),
      add,
      /** The chat's codes changed (a new message): read them again; what was added stays said. */
      setText(next: string) {
        text.value = next;
      },
    };
  },
);

export type ChatCodesModel = InstanceType<typeof ChatCodesModel>;
