import { DIMENSIONS, type Pulse, type QuestionScale } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import { startPulseDraftKey, type StartFormError, type StartPulseDraft } from '../../utils/pulse/start-form';
import { StartPulseModel, startPulseStart } from '../../utils/pulse/start-pulse-model';
import type { DraftModel } from '../../utils/models/draft';
import { MAX_SEAT_NAME, MAX_SEATS, type AddSeatError } from '../../utils/pulse/seat-list';
import { MAX_EXTRA_QUESTIONS } from '../../utils/pulse/questions';
import { MIN_ANONYMITY_THRESHOLD } from '../../utils/settings/settings';
import { t } from '../../utils/i18n/messages';
import { formatDate, formatNumber } from '../../utils/i18n/format';
import { dimensionLabel, partnerTypeLabel, scaleLabel } from '../../utils/i18n/labels';
import { CheckboxGroup, SelectField, TextField } from '../shared/fields';
import { useFocusOnMount } from '../shared/hooks/useFocusOnMount';
import { useDraft } from '../shared/hooks/useDraft';
import { useModelFor } from '../shared/hooks/useModelFor';
import { LIMITS } from '../../utils/db/limits';
import { plural } from '../../utils/i18n/plural';

const SCALES: QuestionScale[] = ['agree5', 'zeroTen', 'text'];

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
  if (error === 'tooMany') return plural('seatErrorTooMany', MAX_SEATS, formatNumber(MAX_SEATS));
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
  const draftKey = startPulseDraftKey({ meetingId, partnershipId: defaultPartnershipId });
  const draft = useDraft<StartPulseDraft>(db, draftKey, () =>
    startPulseStart(db, records, { meetingId, defaultPartnershipId }),
  );
  return draft && <StartPulseForm {...props} draft={draft} draftKey={draftKey} />;
}

function StartPulseForm(props: StartPulseProps & { draft: DraftModel<StartPulseDraft>; draftKey: string }) {
  const { db, records, onStarted, onCancel, draft, draftKey } = props;
  const model = useModelFor(() => new StartPulseModel(db, records, draft), draftKey);
  const { form, seatName } = draft.values.value;
  const { partnershipId, meetingId, periodStart, periodEnd, wording, extras, invited, days, threshold } = form;
  const errors = model.errors.value;
  const groups = model.groups.value;
  const meetings = model.meetings.value;
  const meetingOptions = meetings.map((m) => ({ value: m.id, label: `${m.title} (${formatDate(m.startAt)})` }));
  const seatOrganisationOptions = groups.map((group) => ({
    value: group.organisationId,
    label: `${group.organisationName} (${partnerTypeLabel(group.partnerType)})`,
  }));
  // Always opened by an action ("Start a pulse", here or on a meeting): the form's heading takes the focus.
  const heading = useFocusOnMount<HTMLHeadingElement>(true);

  const submit = async (event: Event) => {
    event.preventDefault();
    const pulse = await model.start();
    if (pulse) onStarted(pulse);
    // Focus the first field with an error once it is rendered.
    else if (model.invalid.value)
      setTimeout(() => (document.querySelector('.start-pulse [aria-invalid="true"]') as HTMLElement | null)?.focus());
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
        error={errorText(errors.partnership)}
        options={[
          { value: '', label: t('choosePartnership') },
          ...records.partnerships.value.map((p) => ({ value: p.id, label: p.name })),
        ]}
        onChange={(id) => void model.choosePartnership(id)}
      />
      <SelectField
        id="pulse-meeting"
        label={t('pulseMeeting')}
        value={meetingId}
        // A native select cuts a long title, and the date after it: the chosen meeting is shown whole under it.
        hint={meetingOptions.find((option) => option.value === meetingId)?.label}
        options={[{ value: '', label: t('pulseNoMeeting') }, ...meetingOptions]}
        onChange={model.chooseMeeting}
      />
      {!meetingId && (
        <div class="row">
          <TextField
            id="pulse-period-start"
            type="date"
            label={t('pulsePeriodStart')}
            value={periodStart}
            onInput={model.setPeriodStart}
            error={errorText(errors.period)}
          />
          <TextField
            id="pulse-period-end"
            type="date"
            label={t('pulsePeriodEnd')}
            value={periodEnd}
            onInput={model.setPeriodEnd}
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
            error={errorText(errors.wording[dimension])}
            onInput={(value) => model.setWording(dimension, value)}
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
            error={errorText(errors.extras[index])}
            onInput={(value) => model.setExtraWording(index, value)}
          />
          <SelectField
            id={`pulse-extra-scale-${index}`}
            label={t('pulseExtraScale', formatNumber(index + 1))}
            value={extra.scale}
            options={SCALES.map((scale) => ({ value: scale, label: scaleLabel(scale) }))}
            onChange={(value) => model.setExtraScale(index, value as QuestionScale)}
          />
          <button type="button" onClick={() => model.removeExtra(index)}>
            {t('pulseRemoveQuestion', formatNumber(index + 1))}
          </button>
        </fieldset>
      ))}
      {extras.length < MAX_EXTRA_QUESTIONS && (
        <button type="button" onClick={model.addExtra}>
          {t('pulseAddQuestion')}
        </button>
      )}
      <CheckboxGroup
        name="pulse-invited"
        legend={t('pulseInvited')}
        values={invited}
        options={model.inviteOptions.value}
        onChange={model.setInvited}
      >
        <p class="hint">{t('pulseInvitedHint')}</p>
      </CheckboxGroup>
      <fieldset
        class="choices seat-groups"
        onKeyDown={(event) => {
          // Enter in the name field adds the person; it must not start the pulse.
          if (event.key === 'Enter' && (event.target as HTMLElement).id === 'pulse-seat-name') {
            event.preventDefault();
            model.addSeat();
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
              onChange={(keys) => model.setTicked(group.organisationId, keys)}
            />
          ))}
        {groups.length > 0 && (
          <div class="row">
            <TextField
              id="pulse-seat-name"
              label={t('seatAddName')}
              value={seatName}
              error={seatErrorText(model.seatError.value)}
              onInput={model.setSeatName}
            />
            <SelectField
              id="pulse-seat-organisation"
              label={t('seatAddOrganisation')}
              value={model.seatOrganisation.value}
              // A native select cuts a long name at 320 px: the chosen organisation is shown whole under it.
              hint={seatOrganisationOptions.find((option) => option.value === model.seatOrganisation.value)?.label}
              options={seatOrganisationOptions}
              onChange={model.setSeatOrganisation}
            />
            <button type="button" onClick={model.addSeat}>
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
          onInput={model.setDays}
          error={errorText(errors.days)}
        />
        <TextField
          id="pulse-threshold"
          type="number"
          min={MIN_ANONYMITY_THRESHOLD}
          label={t('pulseThreshold')}
          hint={t('pulseThresholdHint')}
          value={threshold}
          onInput={model.setThreshold}
          error={errorText(errors.threshold)}
        />
      </div>
      <button type="submit" class="primary" disabled={model.busy.value}>
        {t('pulseStartButton')}
      </button>
      <button type="button" class="link" onClick={onCancel}>
        {t('cancel')}
      </button>
    </form>
  );
}
