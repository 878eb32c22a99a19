import { computed, createModel, effect, signal } from '@preact/signals';
import type { Dimension, Meeting, Pulse, QuestionScale } from '../db/records';
import type { PulseDatabase } from '../db/schema';
import type { DraftModel } from '../models/draft';
import type { RecordsModel } from '../models/records';
import { getMeeting, listMeetings } from '../db/meetings';
import { createPulse, DEFAULT_PULSE_DAYS, latestPulse } from '../db/pulses';
import { addSeats } from '../db/seats';
import { subscribeLiveQuery } from '../db/live-query';
import { anonymityThreshold } from '../settings/settings';
import { partnerTypeLabel } from '../i18n/labels';
import { generatePulseKeys } from './keys';
import { coreWording, defaultCoreWording } from './questions';
import { addSeatError, chosenSeats, makeSeats, seatGroups, type AddSeatError } from './seat-list';
import {
  defaultInvited,
  emptyStartForm,
  hasStartFormErrors,
  inviteOptions,
  startFormErrors,
  startFormToPulse,
  startPulseDraft,
  untickedAfter,
  type StartFormErrors,
  type StartFormValues,
  type StartPulseDraft,
} from './start-form';
import { readonly } from '../models/readonly';

type Records = Pick<RecordsModel, 'memberships' | 'organisations' | 'people'>;

/** Shown while a partnership's meetings are read (one list, so nothing downstream sees a new one each render). */
const NO_MEETINGS: readonly Meeting[] = [];
const NO_ERRORS: StartFormErrors = { wording: {}, extras: [] };

/** The wording a partnership's next pulse starts from: its last pulse's, over the defaults. */
async function wordingOf(db: PulseDatabase, partnershipId: string): Promise<Record<Dimension, string>> {
  const last = await latestPulse(db, partnershipId);
  return { ...defaultCoreWording(), ...(last ? coreWording(last.questions) : {}) };
}

/**
 * The start form's first values, when there is no draft: the partnership (the meeting's, else
 * the default), its last pulse's wording, the threshold setting and who is invited by default.
 */
export async function startPulseStart(
  db: PulseDatabase,
  records: Pick<RecordsModel, 'memberships'>,
  opened: { meetingId?: string; defaultPartnershipId: string },
): Promise<StartPulseDraft> {
  const today = Date.now();
  const [meeting, stored] = await Promise.all([
    opened.meetingId ? getMeeting(db, opened.meetingId) : undefined,
    anonymityThreshold.getValue(),
  ]);
  const id = meeting?.partnershipId ?? opened.defaultPartnershipId;
  const form = {
    ...emptyStartForm(today, defaultCoreWording(), DEFAULT_PULSE_DAYS),
    threshold: String(stored),
    partnershipId: id,
  };
  if (!id) return startPulseDraft(form);
  return startPulseDraft({
    ...form,
    wording: await wordingOf(db, id),
    meetingId: meeting?.id ?? '',
    invited: defaultInvited(records.memberships.value, id, today, meeting),
  });
}

/**
 * The start-a-pulse form over its draft (everything typed or chosen is kept until the pulse
 * starts): the partnership's meetings (read live), the invite options, the seat groups, the
 * errors (shown once a start was tried) and one action per field. The rules are in
 * start-form.ts and seat-list.ts. `new StartPulseModel(db, records, draft)`, disposed with its
 * component (the draft is the caller's).
 */
export const StartPulseModel = createModel(
  (db: PulseDatabase, records: Records, draft: DraftModel<StartPulseDraft>) => {
    const submitted = signal(false);
    const busy = signal(false);
    const seatError = signal<AddSeatError | undefined>(undefined);
    const meetings = signal<readonly Meeting[]>(NO_MEETINGS);
    const form = computed(() => draft.values.value.form);
    const partnershipId = computed(() => form.value.partnershipId);

    // The partnership's recent meetings, and the chosen one even if it is older; read again when a
    // meeting changes (here or in another page) and when the partnership changes.
    effect(() => {
      const id = partnershipId.value;
      meetings.value = NO_MEETINGS;
      return subscribeLiveQuery(
        async () => {
          if (!id) return [];
          const meetingId = form.peek().meetingId;
          const [chosen, recent] = await Promise.all([
            meetingId ? getMeeting(db, meetingId) : undefined,
            listMeetings(db, { partnershipId: id, limit: 20 }),
          ]);
          const extra = chosen && chosen.partnershipId === id && !recent.some((m) => m.id === chosen.id);
          return extra ? [chosen, ...recent] : recent;
        },
        ['meetings'],
        (list) => (meetings.value = list),
      );
    });

    const setForm = (change: (current: StartFormValues) => StartFormValues) =>
      draft.update((current) => ({ ...current, form: change(current.form) }));
    const update = (changes: Partial<StartFormValues>) => setForm((current) => ({ ...current, ...changes }));
    const setExtras = (change: (list: StartFormValues['extras']) => StartFormValues['extras']) =>
      setForm((current) => ({ ...current, extras: change(current.extras) }));
    const invitedBy = (id: string, meeting?: Meeting) =>
      defaultInvited(records.memberships.peek(), id, Date.now(), meeting);

    const groups = computed(() =>
      seatGroups({
        partnershipId: partnershipId.value,
        invited: form.value.invited,
        organisations: records.organisations.value,
        memberships: records.memberships.value,
        people: records.people.value,
        added: draft.values.value.addedSeats,
        unticked: draft.values.value.unticked,
      }),
    );
    const allErrors = computed(() => startFormErrors(form.value));
    /** The organisation a person typed in is added to: the one chosen, else the first listed. */
    const seatOrganisation = computed(
      () => draft.values.value.seatOrganisation || groups.value[0]?.organisationId || '',
    );

    return {
      values: computed(() => draft.values.value),
      meetings: readonly(meetings),
      groups,
      seatOrganisation,
      inviteOptions: computed(() =>
        inviteOptions({
          partnershipId: partnershipId.value,
          memberships: records.memberships.value,
          organisations: records.organisations.value,
          today: Date.now(),
          meeting: meetings.value.find((m) => m.id === form.value.meetingId),
          invited: form.value.invited,
          label: (name, type) => (type ? `${name} (${partnerTypeLabel(type)})` : name),
        }),
      ),
      /** Each field's error, once a start was tried. */
      errors: computed(() => (submitted.value ? allErrors.value : NO_ERRORS)),
      invalid: computed(() => hasStartFormErrors(allErrors.value)),
      seatError: readonly(seatError),
      busy: readonly(busy),

      async choosePartnership(id: string) {
        update({ partnershipId: id, meetingId: '' });
        if (!id) return;
        const wording = await wordingOf(db, id);
        update({ wording, invited: invitedBy(id) });
      },
      chooseMeeting(id: string) {
        update({
          meetingId: id,
          invited: invitedBy(
            partnershipId.peek(),
            meetings.peek().find((m) => m.id === id),
          ),
        });
      },
      setPeriodStart: (periodStart: string) => update({ periodStart }),
      setPeriodEnd: (periodEnd: string) => update({ periodEnd }),
      setDays: (days: string) => update({ days }),
      setThreshold: (threshold: string) => update({ threshold }),
      setInvited: (invited: string[]) => update({ invited }),
      setWording(dimension: Dimension, text: string) {
        setForm((current) => ({ ...current, wording: { ...current.wording, [dimension]: text } }));
      },
      addExtra: () => setExtras((list) => [...list, { wording: '', scale: 'agree5' }]),
      setExtraWording(index: number, wording: string) {
        setExtras((list) => list.map((e, i) => (i === index ? { ...e, wording } : e)));
      },
      setExtraScale(index: number, scale: QuestionScale) {
        setExtras((list) => list.map((e, i) => (i === index ? { ...e, scale } : e)));
      },
      removeExtra: (index: number) => setExtras((list) => list.filter((_, i) => i !== index)),

      /** One organisation's people ticked for a personal link. */
      setTicked(organisationId: string, ticked: readonly string[]) {
        const group = groups.peek().find((g) => g.organisationId === organisationId);
        if (!group) return;
        const keys = group.choices.map((c) => c.key);
        draft.update((current) => ({ ...current, unticked: untickedAfter(current.unticked, keys, ticked) }));
      },
      setSeatName: (seatName: string) => draft.update((current) => ({ ...current, seatName })),
      setSeatOrganisation: (id: string) => draft.update((current) => ({ ...current, seatOrganisation: id })),
      /** Adds the typed name to its organisation's seats (ticked), or says why not and keeps it. */
      addSeat() {
        const organisationId = seatOrganisation.peek();
        const { seatName } = draft.values.peek();
        const error = addSeatError(groups.peek(), seatName, organisationId);
        seatError.value = error;
        if (error) return;
        draft.update((current) => ({
          ...current,
          addedSeats: [
            ...current.addedSeats,
            { key: `added:${crypto.randomUUID()}`, name: seatName.trim(), organisationId },
          ],
          seatName: '',
        }));
      },

      /**
       * Starts the pulse (its seats stored before any link is shown) and drops the draft: the
       * pulse, or null when the form has errors or a start is under way (the draft kept).
       */
      async start(): Promise<Pulse | null> {
        submitted.value = true;
        if (hasStartFormErrors(allErrors.peek()) || busy.peek()) return null;
        busy.value = true;
        try {
          const chosen = chosenSeats(groups.peek());
          const pulse = await createPulse(db, startFormToPulse(form.peek(), Date.now()), generatePulseKeys);
          // Stored before any link is shown: no code can reach the pulse before its seats exist.
          if (chosen.length > 0) await addSeats(db, pulse.id, await makeSeats(chosen));
          await draft.discardDraft();
          return pulse;
        } finally {
          busy.value = false;
        }
      },
    };
  },
);

export type StartPulseModel = InstanceType<typeof StartPulseModel>;
