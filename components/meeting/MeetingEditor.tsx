import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import { useContext, useEffect, useRef } from 'preact/hooks';
import type { Attendee, Meeting } from '../../utils/db/records';
import { AGENDA_STATES, MEETING_KINDS, MEETING_PLATFORMS } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import type { LiveCall } from '../../utils/meeting/attendance/live-call';
import type { RecordsModel } from '../../utils/models/records';
import type { DraftModel } from '../../utils/models/draft';
import {
  addAttendee,
  emptyForm,
  formToMeetingInput,
  guestMatches,
  isAttending,
  mergeGuest,
  mergeLiveAttendees,
  mergeTargets,
  removeAttendee,
  validateForm,
  type FormErrors,
  type GuestMatch,
  type MeetingFormValues,
} from '../../utils/meeting/form/form';
import {
  assignFirst,
  firstListed,
  forgetRow,
  formRowKeys,
  type RowKeyMemory,
  mergeSamePeople,
  partnershipMembers,
  peopleToRemember,
  resolveFormAttendees,
  samePersonOffers,
} from '../../utils/meeting/form/attendees';
import { carrySeries, dropSeries, seriesSource } from '../../utils/meeting/form/series';
import { fromLocalInput, toLocalInput } from '../../utils/time/local-time';
import { guessPartnership, type GuessReason } from '../../utils/meeting/matching/guess-partnership';
import { expectedButAbsent } from '../../utils/meeting/matching/expected';
import { saveMeeting } from '../../utils/db/meetings';
import { RecordTooLarge } from '../../utils/db/limits';
import { rememberPerson } from '../../utils/db/people';
import { saveOrganisation } from '../../utils/db/organisations';
import { addPurposeTag } from '../../utils/db/purpose-tags';
import { t, type MessageKey } from '../../utils/i18n/messages';
import { agendaLabel, kindLabel, platformLabel } from '../../utils/i18n/labels';
import { formatDate, formatNumber, formatTime } from '../../utils/i18n/format';
import { markReady } from '../../utils/perf/ready';
import { RadioGroup, SelectField, TextField } from '../shared/fields';
import { AttendeeList } from './AttendeeList';
import { InvitedList } from './InvitedList';
import { mergeTargetsOf, type MergeChoice } from './MergeOffer';
import { rowDetails } from '../../utils/meeting/form/row-details';
import { FirstRun } from './FirstRun';
import { PurposeTagPicker } from './PurposeTagPicker';
import { HealthStrip } from './HealthStrip';
import { StartPulseContext } from '../pulse/start-pulse-context';
import { plural } from '../../utils/i18n/plural';

const GUESS_HINTS: Record<GuessReason, MessageKey> = {
  call: 'guessedFromCallLink',
  name: 'guessedFromName',
  title: 'guessedFromTitles',
  organisations: 'guessedFromOrganisations',
};

/** The fields a series carries: once the lead sets one, no series is carried over it. */
const CARRIED: ReadonlyArray<keyof MeetingFormValues> = ['kind', 'purposeTagIds', 'agenda', 'chairName'];

/** "Core partners · 3 Dec, 10:00–11:00 · Google Meet": what the folded fields hold. */
function summaryText(values: MeetingFormValues): string {
  const start = fromLocalInput(values.start);
  const end = values.end ? fromLocalInput(values.end) : null;
  const when =
    start === null
      ? ''
      : `${formatDate(start, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}${
          end === null ? '' : `–${formatTime(end)}`
        }`;
  return [values.title.trim(), when, platformLabel(values.platform)].filter(Boolean).join(' · ');
}

const ERROR_KEYS: Record<NonNullable<FormErrors[keyof FormErrors]>, MessageKey> = {
  required: 'errorRequired',
  invalid: 'errorInvalidDate',
  endBeforeStart: 'errorEndBeforeStart',
  tooLongTitle: 'errorTooLongTitle',
  tooLongText: 'errorTooLongText',
};

/** The meeting form: used on a call, on a calendar event, by hand and to edit a logged meeting. */
export function MeetingEditor(props: {
  db: PulseDatabase;
  records: RecordsModel;
  form: DraftModel<MeetingFormValues>;
  liveCall?: ReadonlySignal<LiveCall | undefined>;
  onSaved?: (meeting: Meeting) => void;
}) {
  const { db, records, form, liveCall, onSaved } = props;
  const values = form.values.value;
  const errors = useSignal<FormErrors>({});
  const saveProblem = useSignal<string | null>(null);
  const status = useSignal<MessageKey | null>(form.restoredFromDraft.value ? 'draftRestored' : null);
  const created = useSignal<string | null>(null);
  const createdNotice = (name: string, count: number) =>
    (created.value = plural('firstRunCreated', count, name, formatNumber(count)));
  const update = (change: (v: MeetingFormValues) => MeetingFormValues) => {
    form.update(change);
    if (status.value === 'meetingSaved') status.value = 'unsavedChanges';
  };
  const set = <K extends keyof MeetingFormValues>(key: K, value: MeetingFormValues[K]) =>
    update((v) => ({ ...v, [key]: value, ...(CARRIED.includes(key) && !v.series ? { series: 'none' as const } : {}) }));
  // Title, times and platform fold into one line on a call or a calendar event, where they are read, not typed.
  const editingSummary = useSignal(!(liveCall || values.callKey) || !values.title.trim() || !values.start);
  const openSummary = (focusId: string) => {
    editingSummary.value = true;
    setTimeout(() => document.getElementById(focusId)?.focus());
  };

  const attendees = useComputed(() =>
    resolveFormAttendees(form.values.value.attendees, records.people.value, records.organisations.value),
  );
  // Invited guests who never joined are listed apart, and count for nothing.
  // By place, not name: a guest who never joined may share a name with someone who did.
  const away = useComputed(() => {
    const v = form.values.value;
    return new Set(v.attendees.flatMap((a, index) => (isAttending(a, v.status) ? [] : [index])));
  });
  const attending = useComputed(() => attendees.value.filter((_, index) => !away.value.has(index)));
  const presentOrganisationIds = useComputed(() => [
    ...new Set(attending.value.flatMap((a) => (a.organisationId ? [a.organisationId] : []))),
  ]);
  // New and unassigned people first, each row keeping the place it had when first listed, by a key
  // that stays with it when its address arrives.
  // Every row of the form has a key (the invited not seen too), so a merge lands on the row picked.
  const rowKeyMemory = useRef<RowKeyMemory>([]);
  const { keys: formKeys, memory } = formRowKeys(values, rowKeyMemory.current);
  rowKeyMemory.current = memory;
  const keys = formKeys.filter((_, index) => !away.value.has(index));
  const listedFirst = useRef(new Map<string, boolean>());
  listedFirst.current = firstListed(attending.value, listedFirst.current, keys);
  const listed = assignFirst(attending.value, listedFirst.current, keys);
  const listedKeys = listed.map((a) => keys[attending.value.indexOf(a)]!);
  const toAssign = attending.value.filter((a) => !a.organisationId).length;

  // Bring new people from the live call into the form as they join; one person seen by name in one
  // place and with an address in another is one row.
  useSignalEffect(() => {
    const call = liveCall?.value;
    const people = records.people.value;
    form.update((v) => mergeSamePeople(call ? mergeLiveAttendees(v, call, people) : v, people));
  });
  // Rows that may be one person, never guessed: offered for the lead to merge in one click.
  const matches = useComputed(() => {
    const v = form.values.value;
    const all = [...guestMatches(v), ...samePersonOffers(v, records.people.value)];
    return all.filter(
      (m, index) => all.findIndex((o) => o.guest === m.guest && o.joined === m.joined && o.email === m.email) === index,
    );
  });
  // The row picked, found by its key in the form as it is when the click lands.
  const merge = (m: GuestMatch, targetKey: string) =>
    update((v) =>
      mergeGuest(v, m.guest, m.joined, m.email, formRowKeys(v, rowKeyMemory.current).keys.indexOf(targetKey)),
    );

  const guess = useComputed(() => {
    const v = form.values.value;
    return guessPartnership({
      title: v.title,
      organisationIds: presentOrganisationIds.value,
      meetings: records.recentMeetings.value,
      partnerships: records.partnerships.value,
      memberships: records.memberships.value,
      callKey: v.callKey,
      at: fromLocalInput(v.start) ?? undefined,
    });
  });

  // A new call or plan carries its series: from the same link (read when the form was made), else
  // the partnership's last meeting of the kind, once past meetings are in and until the lead chooses.
  useSignalEffect(() => {
    const v = form.values.value;
    if (v.meetingId || v.series || !v.partnershipId || !(liveCall || v.status === 'planned')) return;
    const at = fromLocalInput(v.start);
    const found =
      at === null
        ? null
        : seriesSource(records.recentMeetings.value, { partnershipId: v.partnershipId, kind: v.kind, at });
    if (found) form.update((current) => carrySeries(current, found));
  });

  // Follow the guess until the lead picks a partnership.
  useSignalEffect(() => {
    const v = form.values.value;
    if (v.partnershipId && !v.partnershipGuessed) return;
    const id = guess.value?.partnershipId ?? '';
    if (id !== v.partnershipId) form.update((current) => ({ ...current, partnershipId: id, partnershipGuessed: !!id }));
  });

  const partnership = records.partnerships.value.find((p) => p.id === values.partnershipId);
  const members = partnershipMembers(records.organisations.value, records.memberships.value, values.partnershipId);
  const organisationName = (id: string) => records.organisations.value.find((o) => o.id === id)?.name ?? id;
  // Each offer with the rows it may go into, by key, told apart when several share the name.
  const choices: MergeChoice[] = matches.value.map((match) => {
    const targets = mergeTargets(values, match);
    const details = rowDetails(
      targets.map((index) => ({ ...values.attendees[index]!, organisationId: attendees.value[index]!.organisationId })),
      organisationName,
    );
    return {
      match,
      targets: mergeTargetsOf(
        targets.map((index) => formKeys[index]!),
        details,
      ),
    };
  });
  const absent = values.partnershipId
    ? expectedButAbsent(
        records.memberships.value.filter((m) => m.partnershipId === values.partnershipId),
        presentOrganisationIds.value,
        values.kind,
        values.start.slice(0, 10),
      )
    : [];

  const assign = (attendee: Attendee, organisationId: string | undefined) => {
    // The row itself (resolved rows follow the form's one to one): namesakes keep their own organisations.
    const place = attendees.value.indexOf(attendee);
    update((v) => ({
      ...v,
      attendees: v.attendees.map((a, index) =>
        (place >= 0 ? index === place : a.name === attendee.displayName) ? { ...a, organisationId } : a,
      ),
    }));
    // Remember the mapping so the next meeting needs no typing.
    if (organisationId)
      void rememberPerson(db, { displayName: attendee.displayName, email: attendee.email, organisationId });
  };

  const assignByName = async (attendee: Attendee | null, name: string) => {
    const known = records.organisations.value.find(
      (o) => o.name.localeCompare(name, undefined, { sensitivity: 'base' }) === 0,
    );
    const id = known?.id ?? (await saveOrganisation(db, { name, emailDomains: [] })).id;
    if (attendee) assign(attendee, id);
    return id;
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const found = validateForm(form.values.value);
    errors.value = found;
    const firstInvalid = Object.keys(found)[0];
    if (firstInvalid) {
      if (firstInvalid === 'partnershipId')
        document
          .getElementById(records.partnerships.value.length ? 'meeting-partnershipId' : 'first-run-name')
          ?.focus();
      else openSummary(`meeting-${firstInvalid}`);
      return;
    }
    let meeting: Meeting;
    try {
      meeting = await saveMeeting(db, formToMeetingInput(form.values.value, attendees.value));
    } catch (error) {
      // Over a limit the form does not show (thousands of attendees, say): said, nothing saved.
      if (!(error instanceof RecordTooLarge)) throw error;
      saveProblem.value = error.message;
      return;
    }
    saveProblem.value = null;
    // Names typed by hand become people, so a pulse can offer them a seat.
    for (const person of peopleToRemember(attendees.value)) {
      await rememberPerson(db, person).catch((error: unknown) => {
        if (!(error instanceof RecordTooLarge)) throw error;
      });
    }
    form.update((v) => ({ ...v, meetingId: meeting.id }));
    await form.discardDraft();
    status.value = 'meetingSaved';
    onSaved?.(meeting);
  };

  useEffect(markReady, []);
  const startPulse = useContext(StartPulseContext);

  const error = (key: keyof FormErrors) => (errors.value[key] ? t(ERROR_KEYS[errors.value[key]!]) : undefined);

  return (
    <form class="meeting-form" onSubmit={(e) => void save(e)} noValidate>
      {created.value && (
        <p class="status" role="status">
          {created.value}
        </p>
      )}
      {records.partnerships.value.length === 0 ? (
        <FirstRun
          db={db}
          title={values.title}
          people={attending.value.map((a) => ({ displayName: a.displayName, ...(a.email ? { email: a.email } : {}) }))}
          selfName={liveCall?.value?.selfName ?? null}
          organisations={records.organisations.value}
          onCreated={(created, count) => {
            form.update((v) => ({ ...v, partnershipId: created.id, partnershipGuessed: false }));
            createdNotice(created.name, count);
          }}
        />
      ) : (
        <SelectField
          id="meeting-partnershipId"
          label={t('meetingPartnership')}
          value={values.partnershipId}
          required
          error={error('partnershipId')}
          hint={values.partnershipGuessed && guess.value ? t(GUESS_HINTS[guess.value.reason]) : undefined}
          options={[
            { value: '', label: t('choosePartnership') },
            ...records.partnerships.value.map((p) => ({ value: p.id, label: p.name })),
          ]}
          onChange={(id) => update((v) => ({ ...v, partnershipId: id, partnershipGuessed: false }))}
        />
      )}
      {partnership && <HealthStrip key={partnership.id} db={db} partnership={partnership} />}
      {editingSummary.value ? (
        <>
          <TextField
            id="meeting-title"
            label={t('meetingTitle')}
            value={values.title}
            required
            error={error('title')}
            onInput={(value) => set('title', value)}
          />
          <div class="row">
            <TextField
              id="meeting-start"
              type="datetime-local"
              label={t('meetingStart')}
              value={values.start}
              error={error('start')}
              onInput={(value) => set('start', value)}
            />
            <TextField
              id="meeting-end"
              type="datetime-local"
              label={t('meetingEnd')}
              value={values.end}
              error={error('end')}
              onInput={(value) => set('end', value)}
            />
          </div>
          <SelectField
            id="meeting-platform"
            label={t('meetingPlatform')}
            value={values.platform}
            options={MEETING_PLATFORMS.map((p) => ({ value: p, label: platformLabel(p) }))}
            onChange={(p) => set('platform', p as MeetingFormValues['platform'])}
          />
        </>
      ) : (
        <p class="summary-line">
          <span>{summaryText(values)}</span>
          <button type="button" class="link" onClick={() => openSummary('meeting-title')}>
            {t('summaryEdit')}
            <span class="visually-hidden"> {t('summaryEditWhat')}</span>
          </button>
        </p>
      )}
      {liveCall?.value && !values.end && (
        <button
          type="button"
          onClick={() => {
            set('end', toLocalInput(Date.now()));
            // The button goes once the end is set: the focus moves to the field it filled in.
            openSummary('meeting-end');
          }}
        >
          {t('endMeeting')}
        </button>
      )}
      {values.series && values.series !== 'none' && (
        <p class="meta series-note">
          {t('seriesCarried', formatDate(values.series.startAt, { day: 'numeric', month: 'short' }))}{' '}
          <button type="button" class="link" onClick={() => update((v) => dropSeries(v, emptyForm(Date.now())))}>
            {t('seriesDrop')}
          </button>
        </p>
      )}
      <AttendeeList
        attendees={listed}
        rowKeys={listedKeys}
        heading={away.value.size > 0 ? t('onCallHeading', formatNumber(listed.length)) : undefined}
        note={toAssign > 0 ? t('attendeesToAssign', formatNumber(toAssign)) : undefined}
        members={members}
        organisations={records.organisations.value}
        onAssign={assign}
        onAssignByName={assignByName}
        onRemove={(a) => {
          // That row's key goes with it, not that of another row of its name.
          rowKeyMemory.current = forgetRow(rowKeyMemory.current, keys[attending.value.indexOf(a)]);
          update((v) => removeAttendee(v, attendees.value.indexOf(a)));
        }}
        onAdd={(name, organisationId) => update((v) => addAttendee(v, { name, organisationId }))}
        startAt={fromLocalInput(values.start)}
        endAt={values.end ? fromLocalInput(values.end) : null}
        matches={choices}
        onMerge={merge}
      />
      {absent.length > 0 && (
        <section class="absent" aria-labelledby="absent-heading">
          <h3 id="absent-heading">{t('expectedAbsentHeading')}</h3>
          <ul>
            {absent.map((m) => (
              <li key={m.id}>{organisationName(m.organisationId)}</li>
            ))}
          </ul>
        </section>
      )}
      {away.value.size > 0 && (
        <InvitedList
          guests={attendees.value.filter((_, index) => away.value.has(index))}
          matches={choices}
          onMerge={merge}
        />
      )}
      <SelectField
        id="meeting-kind"
        label={t('meetingKind')}
        value={values.kind}
        options={MEETING_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
        onChange={(k) => set('kind', k as MeetingFormValues['kind'])}
      />
      <PurposeTagPicker
        tags={records.purposeTags.value}
        selected={values.purposeTagIds}
        onChange={(ids) => set('purposeTagIds', ids)}
        onCreate={(label) => addPurposeTag(db, label)}
      />
      <RadioGroup
        name="agenda"
        legend={t('meetingAgenda')}
        value={values.agenda}
        options={AGENDA_STATES.map((a) => ({ value: a, label: agendaLabel(a) }))}
        onChange={(a) => set('agenda', a as MeetingFormValues['agenda'])}
      />
      <SelectField
        id="meeting-chair"
        label={t('meetingChair')}
        value={values.chairName}
        options={[
          { value: '', label: t('chairUnknown') },
          ...attending.value.map((a) => ({
            value: a.displayName,
            label: a.organisationId ? `${a.displayName} (${organisationName(a.organisationId)})` : a.displayName,
          })),
        ]}
        onChange={(name) => set('chairName', name)}
      />
      <TextField
        id="meeting-decisions"
        label={t('meetingDecisions')}
        multiline
        value={values.decisions}
        error={error('decisions')}
        onInput={(value) => set('decisions', value)}
      />
      <TextField
        id="meeting-notes"
        label={t('meetingNotes')}
        multiline
        value={values.notes}
        error={error('notes')}
        onInput={(value) => set('notes', value)}
      />
      <div class="save-bar">
        {saveProblem.value && (
          <p class="error" role="alert">
            {saveProblem.value}
          </p>
        )}
        {status.value && (
          <p class="status" role="status">
            {t(status.value)}
          </p>
        )}
        {status.value === 'meetingSaved' && startPulse && values.meetingId && values.status === 'held' && (
          <button type="button" onClick={() => startPulse(values.meetingId!)}>
            {t('startPulseForMeeting')}
          </button>
        )}
        <button type="submit" class="primary">
          {values.status === 'planned' ? t('savePlan') : t('saveMeeting')}
        </button>
      </div>
    </form>
  );
}
