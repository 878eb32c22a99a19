import { useEffect, useState } from 'preact/hooks';
import { DIMENSIONS, type Dimension, type Meeting, type Pulse, type QuestionScale } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import { getMeeting, listMeetings } from '../../utils/db/meetings';
import { createPulse, DEFAULT_PULSE_DAYS, latestPulse } from '../../utils/db/pulses';
import { generatePulseKeys } from '../../utils/pulse/keys';
import { buildQuestions, coreWording, defaultCoreWording, MAX_EXTRA_QUESTIONS } from '../../utils/pulse/questions';
import { anonymityThreshold, MIN_ANONYMITY_THRESHOLD } from '../../utils/settings/settings';
import { t } from '../../utils/i18n/messages';
import { formatDate, formatNumber } from '../../utils/i18n/format';
import { partnerTypeLabel } from '../../utils/i18n/labels';
import { CheckboxGroup, SelectField, TextField } from '../shared/fields';
import { useFocusOnMount } from '../shared/hooks/useFocusOnMount';
import { dimensionLabel, scaleLabel } from './labels';

const DAY = 24 * 60 * 60 * 1000;
const SCALES: QuestionScale[] = ['agree5', 'zeroTen', 'text'];

interface Extra {
  wording: string;
  scale: QuestionScale;
}

const isoDate = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
/** A calendar date in local time, from its start (or, with `endOfDay`, its last millisecond). */
const dateToMs = (date: string, endOfDay = false) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d! + (endOfDay ? 1 : 0)).getTime() - (endOfDay ? 1 : 0);
};

/**
 * Start a pulse after a meeting (its organisations present are invited) or for a partnership
 * and a period (its current members are). The wording starts from the partnership's last pulse.
 */
export function StartPulse(props: {
  db: PulseDatabase;
  records: RecordsModel;
  meetingId?: string;
  defaultPartnershipId: string;
  onStarted: (pulse: Pulse) => void;
  onCancel: () => void;
}) {
  const { db, records, onStarted, onCancel } = props;
  const today = Date.now();
  const [partnershipId, setPartnershipId] = useState('');
  const [meetingId, setMeetingId] = useState(props.meetingId ?? '');
  const [meetings, setMeetings] = useState<Meeting[]>([]);
  const [periodStart, setPeriodStart] = useState(isoDate(today - 28 * DAY));
  const [periodEnd, setPeriodEnd] = useState(isoDate(today));
  const [wording, setWording] = useState<Record<Dimension, string>>(defaultCoreWording);
  const [extras, setExtras] = useState<Extra[]>([]);
  const [invited, setInvited] = useState<string[]>([]);
  const [days, setDays] = useState(String(DEFAULT_PULSE_DAYS));
  const [threshold, setThreshold] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  // Always opened by an action ("Start a pulse", here or on a meeting): the form's heading takes the focus.
  const heading = useFocusOnMount<HTMLHeadingElement>(true);

  const currentMembers = (id: string) =>
    records.memberships.value
      .filter((m) => m.partnershipId === id && (m.leftOn === undefined || m.leftOn >= isoDate(today)))
      .map((m) => m.organisationId);

  // The partnership (from the meeting, else the default), its wording and the threshold setting.
  useEffect(() => {
    void (async () => {
      const [meeting, stored] = await Promise.all([
        props.meetingId ? getMeeting(db, props.meetingId) : undefined,
        anonymityThreshold.getValue(),
      ]);
      setThreshold(String(stored));
      const id = meeting?.partnershipId ?? props.defaultPartnershipId;
      await choosePartnership(id, meeting);
    })();
    // Set up once, from the props the form was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function choosePartnership(id: string, meeting?: Meeting) {
    setPartnershipId(id);
    if (!id) return;
    const [last, recent] = await Promise.all([latestPulse(db, id), listMeetings(db, { partnershipId: id, limit: 20 })]);
    setWording({ ...defaultCoreWording(), ...(last ? coreWording(last.questions) : {}) });
    setMeetings(meeting && !recent.some((m) => m.id === meeting.id) ? [meeting, ...recent] : recent);
    if (meeting) {
      setMeetingId(meeting.id);
      setInvited(meeting.organisationIds);
    } else {
      setMeetingId('');
      setInvited(currentMembers(id));
    }
  }

  function chooseMeeting(id: string) {
    setMeetingId(id);
    const meeting = meetings.find((m) => m.id === id);
    setInvited(meeting ? meeting.organisationIds : currentMembers(partnershipId));
  }

  const meeting = meetings.find((m) => m.id === meetingId);
  const organisationOptions = [
    ...new Set([...currentMembers(partnershipId), ...(meeting?.organisationIds ?? []), ...invited]),
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

  const daysValue = Number(days);
  const thresholdValue = Number(threshold);
  const errors = {
    partnership: !partnershipId ? t('errorRequired') : undefined,
    period:
      !meetingId && (!periodStart || !periodEnd)
        ? t('errorRequired')
        : !meetingId && periodEnd < periodStart
          ? t('errorPeriodOrder')
          : undefined,
    wording: Object.fromEntries(
      DIMENSIONS.map((d) => [d, wording[d].trim() ? undefined : t('errorRequired')]),
    ) as Record<Dimension, string | undefined>,
    extras: extras.map((extra) => (extra.wording.trim() ? undefined : t('errorRequired'))),
    days: !Number.isInteger(daysValue) || daysValue < 1 ? t('errorPulseDays') : undefined,
    threshold:
      !Number.isInteger(thresholdValue) || thresholdValue < MIN_ANONYMITY_THRESHOLD
        ? t('errorThreshold', formatNumber(MIN_ANONYMITY_THRESHOLD))
        : undefined,
  };
  const shown = <T,>(error: T) => (submitted ? error : undefined);
  const invalid =
    errors.partnership ||
    errors.period ||
    DIMENSIONS.some((d) => errors.wording[d]) ||
    errors.extras.some(Boolean) ||
    errors.days ||
    errors.threshold;

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
      const pulse = await createPulse(
        db,
        {
          partnershipId,
          ...(meetingId ? { meetingId } : { periodStart: dateToMs(periodStart), periodEnd: dateToMs(periodEnd, true) }),
          questions: buildQuestions(wording, extras),
          invitedOrganisationIds: invited,
          expiresAt: Date.now() + daysValue * DAY,
          threshold: thresholdValue,
        },
        generatePulseKeys,
      );
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
            onInput={setPeriodStart}
            error={shown(errors.period)}
          />
          <TextField
            id="pulse-period-end"
            type="date"
            label={t('pulsePeriodEnd')}
            value={periodEnd}
            onInput={setPeriodEnd}
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
            onInput={(value) => setWording((current) => ({ ...current, [dimension]: value }))}
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
        onChange={setInvited}
      >
        <p class="hint">{t('pulseInvitedHint')}</p>
      </CheckboxGroup>
      <div class="row">
        <TextField
          id="pulse-days"
          type="number"
          min={1}
          label={t('pulseOpenDays')}
          value={days}
          onInput={setDays}
          error={shown(errors.days)}
        />
        <TextField
          id="pulse-threshold"
          type="number"
          min={MIN_ANONYMITY_THRESHOLD}
          label={t('pulseThreshold')}
          hint={t('pulseThresholdHint')}
          value={threshold}
          onInput={setThreshold}
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
