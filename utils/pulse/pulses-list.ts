import { batch, computed, createModel, effect, signal } from '@preact/signals';
import { subscribeLiveQuery } from '../db/live-query';
import { getMeeting } from '../db/meetings';
import { listPulses } from '../db/pulses';
import type { Meeting, Pulse } from '../db/records';
import type { PulseDatabase } from '../db/schema';
import { readonly } from '../models/readonly';

/** The pulses listed, with the meetings they were started for. */
export interface PulsesListed {
  pulses: Pulse[];
  meetings: Record<string, Meeting | undefined>;
}

/** Every pulse and the meetings they name, each meeting read once. */
export async function loadPulsesListed(db: PulseDatabase): Promise<PulsesListed> {
  const pulses = await listPulses(db);
  const meetingIds = [...new Set(pulses.flatMap((p) => (p.meetingId ? [p.meetingId] : [])))];
  const found = await Promise.all(meetingIds.map((id) => getMeeting(db, id)));
  return { pulses, meetings: Object.fromEntries(meetingIds.map((id, i) => [id, found[i]])) };
}

/** The pulse shown: the one picked while it is listed, else the first (newest); none in an empty list. */
export function selectedPulse(pulses: readonly Pulse[] | null, selectedId: string | null): Pulse | undefined {
  return pulses?.find((p) => p.id === selectedId) ?? pulses?.[0];
}

/**
 * The panel's Pulses section: the pulses read live, the one shown, and the start-a-pulse form
 * open or not (open at once for `startForMeetingId`). `new PulsesListModel(db, startForMeetingId)`,
 * disposed with its component.
 */
export const PulsesListModel = createModel((db: PulseDatabase, startForMeetingId?: string) => {
  const listed = signal<PulsesListed | null>(null);
  const starting = signal<{ meetingId?: string } | null>(startForMeetingId ? { meetingId: startForMeetingId } : null);
  const selectedId = signal<string | null>(null);
  const justStarted = signal(false);

  effect(() =>
    subscribeLiveQuery(
      () => loadPulsesListed(db),
      ['pulses', 'meetings'],
      (value) => {
        listed.value = value;
      },
    ),
  );

  const pulses = computed(() => listed.value?.pulses ?? null);
  const selected = computed(() => selectedPulse(pulses.value, selectedId.value));
  return {
    /** null until read. */
    pulses,
    meetings: computed(() => listed.value?.meetings ?? {}),
    /** The start-a-pulse form, with the meeting it starts from; null while closed. */
    starting: readonly(starting),
    selected,
    /** The pulse picked, listed or not yet (a pulse just started is picked before it is read again). */
    selectedId: readonly(selectedId),
    /** "Pulse started" shows on the pulse just started, until another is picked. */
    showStarted: computed(
      () => justStarted.value && selected.value !== undefined && selected.value.id === selectedId.value,
    ),
    start(meetingId?: string) {
      starting.value = meetingId ? { meetingId } : {};
    },
    started(pulse: Pulse) {
      batch(() => {
        starting.value = null;
        selectedId.value = pulse.id;
        justStarted.value = true;
      });
    },
    cancel() {
      starting.value = null;
    },
    select(id: string) {
      batch(() => {
        selectedId.value = id;
        justStarted.value = false;
      });
    },
  };
});

export type PulsesListModel = InstanceType<typeof PulsesListModel>;
