import { useState } from 'preact/hooks';
import { DIMENSIONS, type Meeting, type Pulse, type QuestionScale } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import { getMeeting, listMeetings } from '../../utils/db/meetings';
import { createPulse, DEFAULT_PULSE_DAYS, latestPulse } from '../../utils/db/pulses';
import {
  defaultInvited,
  emptyStartForm,
  hasStartFormErrors,
  startFormErrors,
  startFormToPulse,
  startPulseDraft,
  startPulseDraftKey,
  type StartFormError,
  type StartFormValues,
  type StartPulseDraft,
} from '../../utils/pulse/start-form';
import type { DraftModel } from '../../utils/models/draft';
import { generatePulseKeys } from '../../utils/pulse/keys';
import { addSeats } from '../../utils/db/seats';
import {
  addSeatError,
  chosenSeats,
  makeSeats,
  MAX_SEAT_NAME,
  MAX_SEATS,
  seatGroups,
  type AddSeatError,
} from '../../utils/pulse/seat-list';
import { coreWording, defaultCoreWording, MAX_EXTRA_QUESTIONS } from '../../utils/pulse/questions';
import { anonymityThreshold, MIN_ANONYMITY_THRESHOLD } from '../../utils/settings/settings';
import { t } from '../../utils/i18n/messages';
import { formatDate, formatNumber } from '../../utils/i18n/format';
import { dimensionLabel, partnerTypeLabel, scaleLabel } from '../../utils/i18n/labels';
import { CheckboxGroup, SelectField, TextField } from '../shared/fields';
import { useFocusOnMount } from '../shared/hooks/useFocusOnMount';
import { useLiveQuery } from '../shared/hooks/useLiveQuery';
import { useDraft } from '../shared/hooks/useDraft';
import { LIMITS } from '../../utils/db/limits';

const SCALES: QuestionScale[] = ['agree5', 'zeroTen', 'text'];
/** Shown while a partnership's meetings are read (one list, so nothing downstream sees a new one each render). */
const NO_MEETINGS: readonly Meeting[] = [];

/** The message for each of the form's error codes. */
function errorText(error: StartFormError | undefined): string | undefined {
  if (error === 'required') return t('errorRequired');
  if (error === 'periodOrder') return t('errorPeriodOrder');
  if (error === 'days') return t('errorPulseDays');
  if (error === 'threshold')
    return t('errorThreshold', formatNumber(MIN_ANONYMITY_THRESHOLD), formatNumber(LIMITS.threshold));
  return undefined;
}

/** The message for each reason a person cannot be added to the seats. */
function seatErrorText(error: AddSeatError | undefined): string | undefined {
  if (error === 'required') return t('seatErrorRequired');
  if (error === 'tooLong') return t('seatErrorTooLong', formatNumber(MAX_SEAT_NAME));
  if (error === 'duplicate') return t('seatErrorDuplicate');
  if (error === 'organisation') return t('seatErrorOrganisation');
  if (error === 'tooMany') return t('seatErrorTooMany', formatNumber(MAX_SEATS));
  return undefined;
}

interface StartPulseProps {
  db: PulseDatabase;
  records: RecordsModel;
  meetingId?: string;
  defaultPartnershipId: string;
  onStarted: (pulse: Pulse) => void;
  onCancel: () => void;
}

/**
 * Start a pulse after a meeting (its organisations present are invited) or for a partnership
 * and a period (its current members are). The wording starts from the partnership's last pulse.
 * The form's rules are in utils/pulse/start-form.ts.
 */
export function StartPulse(props: StartPulseProps) {
  const { db, records, meetingId, defaultPartnershipId } = props;
  // Everything typed or chosen survives closing the panel, until the pulse starts.
  const draft = useDraft<StartPulseDraft>(
    db,
    startPulseDraftKey({ meetingId, partnershipId: defaultPartnershipId }),
    async () => {
      // The partnership (from the meeting, else the default), its wording and the threshold setting.
      const today = Date.now();
      const [meeting, stored] = await Promise.all([
        meetingId ? getMeeting(db, meetingId) : undefined,
        anonymityThreshold.getValue(),
      ]);
      const id = meeting?.partnershipId ?? defaultPartnershipId;
      const form = {
        ...emptyStartForm(today, defaultCoreWording(), DEFAULT_PULSE_DAYS),
        threshold: String(stored),
        partnershipId: id,
      };
      if (!id) return startPulseDraft(form);
      const last = await latestPulse(db, id);
      return startPulseDraft({
        ...form,
        wording: { ...defaultCoreWording(), ...(last ? coreWording(last.questions) : {}) },
        meetingId: meeting?.id ?? '',
        invited: defaultInvited(records.memberships.value, id, today, meeting),
      });
    },
  );
  return draft && <StartPulseForm {...props} draft={draft} />;
}

function StartPulseForm(props: StartPulseProps & { draft: DraftModel<StartPulseDraft> }) {
  const { db, records, onStarted, onCancel, draft } = props;
  const today = Date.now();
  const { form, addedSeats, unticked, seatName, seatOrganisation } = draft.values.value;
  const setForm = (change: (current: StartFormValues) => StartFormValues) =>
    draft.update((current) => ({ ...current, form: change(current.form) }));
  const update = (changes: Partial<StartFormValues>) => setForm((current) => ({ ...current, ...changes }));
  const setSeats = (changes: Partial<Omit<StartPulseDraft, 'form'>>) =>
    draft.update((current) => ({ ...current, ...changes }));
  const { partnershipId, meetingId, periodStart, periodEnd, wording, extras, invited, days, threshold } = form;
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [seatError, setSeatError] = useState<AddSeatError | undefined>(undefined);
  // Always opened by an action ("Start a pulse", here or on a meeting): the form's heading takes the focus.
  const heading = useFocusOnMount<HTMLHeadingElement>(true);

  const invitedBy = (id: string, meeting?: Meeting) => defaultInvited(records.memberships.value, id, today, meeting);

  // The partnership's recent meetings, and the chosen one even if it is older; read again when a
  // meeting changes (here or in another page). The chosen meeting is read when the partnership
  // changes (it is one of the list after that).
  const meetings =
    useLiveQuery(
      async () => {
        if (!partnershipId) return [];
        const [chosen, recent] = await Promise.all([
          meetingId ? getMeeting(db, meetingId) : undefined,
          listMeetings(db, { partnershipId, limit: 20 }),
        ]);
        const extra = chosen && chosen.partnershipId === partnershipId && !recent.some((m) => m.id === chosen.id);
        return extra ? [chosen, ...recent] : recent;
      },
      ['meetings'],
      partnershipId,
    ) ?? NO_MEETINGS;

  async function choosePartnership(id: string) {
    update({ partnershipId: id, meetingId: '' });
    if (!id) return;
    const last = await latestPulse(db, id);
    update({
      wording: { ...defaultCoreWording(), ...(last ? coreWording(last.questions) : {}) },
      invited: invitedBy(id),
    });
  }

  function chooseMeeting(id: string) {
    update({
      meetingId: id,
      invited: invitedBy(
        partnershipId,
        meetings.find((m) => m.id === id),
      ),
    });
  }

  const meeting = meetings.find((m) => m.id === meetingId);
  const organisationOptions = [
    ...new Set([...invitedBy(partnershipId), ...(meeting?.organisationIds ?? []), ...invited]),
  ].flatMap((id) => {
    const organisation = records.organisations.value.find((o) => o.id === id);
    if (!organisation) return [];
    const membership = records.memberships.value.find(
      (m) => m.partnershipId === partnershipId && m.organisationId === id,
    );
    return [
      {
        value: id,
        label: membership ? `${organisation.name} (${partnerTypeLabel(membership.partnerType)})` : organisation.name,
      },
    ];
  });

  const groups = seatGroups({
    partnershipId,
    invited,
    organisations: records.organisations.value,
    memberships: records.memberships.value,
    people: records.people.value,
    added: addedSeats,
    unticked,
  });
  const addSeat = () => {
    const organisationId = seatOrganisation || groups[0]?.organisationId || '';
    const error = addSeatError(groups, seatName, organisationId);
    setSeatError(error);
    if (error) return;
    draft.update((current) => ({
      ...current,
      addedSeats: [
        ...current.addedSeats,
        { key: `added:${crypto.randomUUID()}`, name: seatName.trim(), organisationId },
      ],
      seatName: '',
    }));
  };

  const errors = startFormErrors(form);
  const shown = (error: StartFormError | undefined) => (submitted ? errorText(error) : undefined);
  const invalid = hasStartFormErrors(errors);
  const setExtras = (change: (list: StartFormValues['extras']) => StartFormValues['extras']) =>
    setForm((current) => ({ ...current, extras: change(current.extras) }));

  const submit = async (event: Event) => {
    event.preventDefault();
    setSubmitted(true);
    if (invalid || busy) {
      // Focus the first field with an error once it is rendered.
      setTimeout(() => (document.querySelector('.start-pulse [aria-invalid="true"]') as HTMLElement | null)?.focus());
      return;
    }
    setBusy(true);
    try {
      const chosen = chosenSeats(groups);
      const pulse = await createPulse(db, startFormToPulse(form, Date.now()), generatePulseKeys);
      // Stored before any link is shown: no code can reach the pulse before its seats exist.
      if (chosen.length > 0) await addSeats(db, pulse.id, await makeSeats(chosen));
      await draft.discardDraft();
      onStarted(pulse);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="start-pulse" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="start-pulse-heading">
      <h2 id="start-pulse-heading" tabIndex={-1} ref={heading}>
        {t('startPulseHeading')}
      </h2>
      {draft.restoredFromDraft.value && (
        <p class="status" role="status">
          {t('draftRestored')}
        </p>
      )}
      <SelectField
        id="pulse-partnership"
        label={t('meetingPartnership')}
        value={partnershipId}
        required
        error={shown(errors.partnership)}
        options={[
          { value: '', label: t('choosePartnership') },
          ...records.partnerships.value.map((p) => ({ value: p.id, label: p.name })),
        ]}
        onChange={(id) => void choosePartnership(id)}
      />
      <SelectField
        id="pulse-meeting"
        label={t('pulseMeeting')}
        value={meetingId}
        options={[
          { value: '', label: t('pulseNoMeeting') },
          ...meetings.map((m) => ({ value: m.id, label: `${m.title} (${formatDate(m.startAt)})` })),
        ]}
        onChange={chooseMeeting}
      />
      {!meetingId && (
        <div class="row">
          <TextField
            id="pulse-period-start"
            type="date"
            label={t('pulsePeriodStart')}
            value={periodStart}
            onInput={(value) => update({ periodStart: value })}
            error={shown(errors.period)}
          />
          <TextField
            id="pulse-period-end"
            type="date"
            label={t('pulsePeriodEnd')}
            value={periodEnd}
            onInput={(value) => update({ periodEnd: value })}
          />
        </div>
      )}
      <fieldset class="choices">
        <legend>{t('pulseQuestionsLegend')}</legend>
        <p class="hint">{t('pulseWordingHint')}</p>
        {DIMENSIONS.map((dimension) => (
          <TextField
            key={dimension}
            id={`pulse-wording-${dimension}`}
            label={dimensionLabel(dimension)}
            multiline
            value={wording[dimension]}
            error={shown(errors.wording[dimension])}
            onInput={(value) =>
              setForm((current) => ({ ...current, wording: { ...current.wording, [dimension]: value } }))
            }
          />
        ))}
      </fieldset>
      {extras.map((extra, index) => (
        <fieldset class="choices" key={index}>
          <legend>{t('pulseExtraQuestion', formatNumber(index + 1))}</legend>
          <TextField
            id={`pulse-extra-${index}`}
            label={t('pulseExtraQuestion', formatNumber(index + 1))}
            value={extra.wording}
            error={shown(errors.extras[index])}
            onInput={(value) => setExtras((list) => list.map((e, i) => (i === index ? { ...e, wording: value } : e)))}
          />
          <SelectField
            id={`pulse-extra-scale-${index}`}
            label={t('pulseExtraScale', formatNumber(index + 1))}
            value={extra.scale}
            options={SCALES.map((scale) => ({ value: scale, label: scaleLabel(scale) }))}
            onChange={(value) =>
              setExtras((list) => list.map((e, i) => (i === index ? { ...e, scale: value as QuestionScale } : e)))
            }
          />
          <button type="button" onClick={() => setExtras((list) => list.filter((_, i) => i !== index))}>
            {t('pulseRemoveQuestion', formatNumber(index + 1))}
          </button>
        </fieldset>
      ))}
      {extras.length < MAX_EXTRA_QUESTIONS && (
        <button type="button" onClick={() => setExtras((list) => [...list, { wording: '', scale: 'agree5' }])}>
          {t('pulseAddQuestion')}
        </button>
      )}
      <CheckboxGroup
        name="pulse-invited"
        legend={t('pulseInvited')}
        values={invited}
        options={organisationOptions}
        onChange={(ids) => update({ invited: ids })}
      >
        <p class="hint">{t('pulseInvitedHint')}</p>
      </CheckboxGroup>
      <fieldset
        class="choices seat-groups"
        onKeyDown={(event) => {
          // Enter in the name field adds the person; it must not start the pulse.
          if (event.key === 'Enter' && (event.target as HTMLElement).id === 'pulse-seat-name') {
            event.preventDefault();
            addSeat();
          }
        }}
      >
        <legend>{t('seatsLegend')}</legend>
        <p class="hint">{t('seatsHint')}</p>
        {groups.every((group) => group.choices.length === 0) && <p class="hint">{t('seatNoPeople')}</p>}
        {groups
          .filter((group) => group.choices.length > 0)
          .map((group) => (
            <CheckboxGroup
              key={group.organisationId}
              name={`pulse-seats-${group.organisationId}`}
              legend={t('seatGroupLegend', group.organisationName, partnerTypeLabel(group.partnerType))}
              values={group.choices.filter((c) => c.ticked).map((c) => c.key)}
              options={group.choices.map((c) => ({ value: c.key, label: c.name }))}
              onChange={(keys) =>
                draft.update((current) => ({
                  ...current,
                  unticked: [
                    ...current.unticked.filter((key) => !group.choices.some((c) => c.key === key)),
                    ...group.choices.filter((c) => !keys.includes(c.key)).map((c) => c.key),
                  ],
                }))
              }
            />
          ))}
        {groups.length > 0 && (
          <div class="row">
            <TextField
              id="pulse-seat-name"
              label={t('seatAddName')}
              value={seatName}
              error={seatErrorText(seatError)}
              onInput={(value) => setSeats({ seatName: value })}
            />
            <SelectField
              id="pulse-seat-organisation"
              label={t('seatAddOrganisation')}
              value={seatOrganisation || groups[0]!.organisationId}
              options={groups.map((group) => ({
                value: group.organisationId,
                label: `${group.organisationName} (${partnerTypeLabel(group.partnerType)})`,
              }))}
              onChange={(value) => setSeats({ seatOrganisation: value })}
            />
            <button type="button" onClick={addSeat}>
              {t('seatAddButton')}
            </button>
          </div>
        )}
      </fieldset>
      <div class="row">
        <TextField
          id="pulse-days"
          type="number"
          min={1}
          label={t('pulseOpenDays')}
          value={days}
          onInput={(value) => update({ days: value })}
          error={shown(errors.days)}
        />
        <TextField
          id="pulse-threshold"
          type="number"
          min={MIN_ANONYMITY_THRESHOLD}
          label={t('pulseThreshold')}
          hint={t('pulseThresholdHint')}
          value={threshold}
          onInput={(value) => update({ threshold: value })}
          error={shown(errors.threshold)}
        />
      </div>
      <button type="submit" class="primary" disabled={busy}>
        {t('pulseStartButton')}
      </button>
      <button type="button" class="link" onClick={onCancel}>
        {t('cancel')}
      </button>
    </form>
  );
}
