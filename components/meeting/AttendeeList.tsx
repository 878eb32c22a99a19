import { useState } from 'preact/hooks';
import type { Attendee, Organisation } from '../../utils/db/records';
import { t } from '../../utils/i18n/messages';
import { formatNumber, formatTime } from '../../utils/i18n/format';
import { ANOTHER_ORGANISATION, OrganisationSelect } from './OrganisationSelect';
import { OrganisationPicker } from './OrganisationPicker';
import { punctuality } from '../../utils/meeting/attendance/punctuality';
import type { GuestMatch } from '../../utils/meeting/form/form';
import { choiceOf, MergeOffer, type MergeChoice } from './MergeOffer';
import { keysOfRows } from '../../utils/meeting/form/attendees';

/** Who attended: each person with their organisation, assignable in one or two clicks. */
export function AttendeeList(props: {
  attendees: Attendee[];
  /** A key per row that stays with it (`rowKeys`); by default `keysOfRows`. */
  rowKeys?: string[];
  members: Organisation[];
  organisations: Organisation[];
  onAssign: (attendee: Attendee, organisationId: string | undefined) => void;
  /** Finds the organisation with this name, or creates it; resolves to its id. */
  onAssignByName: (attendee: Attendee | null, name: string) => Promise<string>;
  onRemove: (attendee: Attendee) => void;
  onAdd: (name: string, organisationId: string | undefined) => void;
  /** The meeting's start and end (null while unknown), to tell who joined late or left early. */
  startAt: number | null;
  endAt: number | null;
  /** Instead of "Attendees (n)", e.g. "On the call (n)" when invited guests are listed apart. */
  heading?: string;
  /** A line under the heading, e.g. how many are still to assign. */
  note?: string;
  /** Rows with an address that may be someone listed by name alone: merged in one click, into the row picked (by key). */
  matches?: MergeChoice[];
  onMerge?: (match: GuestMatch, targetKey: string) => void;
}) {
  const { attendees, members, organisations, onAssign, onAssignByName, onRemove, onAdd, startAt, endAt } = props;
  // The row whose organisation is being picked from all of them, by its key ('' for the new
  // attendee): not by name, so a namesake's row is never the one assigned.
  const [pickingFor, setPickingFor] = useState<string | null>(null);
  const [addName, setAddName] = useState('');
  const [addOrg, setAddOrg] = useState('');
  const byId = (id: string | undefined) => organisations.find((o) => o.id === id);
  const rowKeys = props.rowKeys ?? keysOfRows(attendees);

  const choose = (attendee: Attendee | null, value: string) => {
    if (value === ANOTHER_ORGANISATION) setPickingFor(attendee ? (rowKeys[attendees.indexOf(attendee)] ?? '') : '');
    else if (attendee) onAssign(attendee, value || undefined);
    else setAddOrg(value);
  };

  // The picker goes once used: the focus goes back to the select it was opened from.
  const returnFocus = (key: string | null) => {
    const index = key ? rowKeys.indexOf(key) : -1;
    document.getElementById(index >= 0 ? `attendee-org-${index}` : 'add-attendee-org')?.focus();
  };

  const cancel = () => {
    returnFocus(pickingFor);
    setPickingFor(null);
  };

  const pick = async (name: string) => {
    const attendee = pickingFor ? (attendees[rowKeys.indexOf(pickingFor)] ?? null) : null;
    returnFocus(pickingFor);
    setPickingFor(null);
    const id = await onAssignByName(attendee, name);
    if (!attendee) setAddOrg(id);
  };

  return (
    <section class="attendees" aria-labelledby="attendees-heading">
      <h3 id="attendees-heading">{props.heading ?? t('attendeesHeading', formatNumber(attendees.length))}</h3>
      {props.note && <p class="meta">{props.note}</p>}
      <ul class="attendee-list">
        {attendees.map((attendee, index) => (
          <li key={rowKeys[index]} class={attendee.organisationId ? 'attendee' : 'attendee unassigned'}>
            <span class="attendee-name">{attendee.displayName}</span>
            <MergeOffer choice={choiceOf(props.matches ?? [], attendee)} onMerge={props.onMerge} />
            {attendee.firstSeenAt !== undefined && attendee.lastSeenAt !== undefined && (
              <SeenTimes attendee={attendee} startAt={startAt} endAt={endAt} />
            )}
            <OrganisationSelect
              id={`attendee-org-${index}`}
              label={t('attendeeOrganisationLabel', attendee.displayName)}
              hideLabel
              value={attendee.organisationId ?? ''}
              members={members}
              current={byId(attendee.organisationId)}
              onChange={(value) => choose(attendee, value)}
            />
            <button type="button" class="link" onClick={() => onRemove(attendee)}>
              {t('attendeeRemove')}
              <span class="visually-hidden"> {attendee.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
      {pickingFor !== null && (
        <OrganisationPicker
          forName={attendees[rowKeys.indexOf(pickingFor)]?.displayName ?? ''}
          organisations={organisations}
          onPick={(name) => void pick(name)}
          onCancel={cancel}
        />
      )}
      <div class="inline-form">
        <label for="add-attendee-name">{t('attendeeAddName')}</label>
        <input id="add-attendee-name" value={addName} onInput={(e) => setAddName(e.currentTarget.value)} />
        <OrganisationSelect
          id="add-attendee-org"
          label={t('attendeeAddOrganisation')}
          value={addOrg}
          members={members}
          current={byId(addOrg)}
          onChange={(value) => choose(null, value)}
        />
        <button
          type="button"
          onClick={() => {
            if (!addName.trim()) return;
            onAdd(addName, addOrg || undefined);
            setAddName('');
          }}
        >
          {t('attendeeAdd')}
        </button>
      </div>
    </section>
  );
}

function SeenTimes(props: { attendee: Attendee; startAt: number | null; endAt: number | null }) {
  const { attendee, startAt, endAt } = props;
  const { joinedLate, leftEarly } = punctuality(attendee, startAt, endAt);
  return (
    <span class="attendee-seen">
      {t('attendeeSeen', formatTime(attendee.firstSeenAt!), formatTime(attendee.lastSeenAt!))}
      {joinedLate && ` · ${t('attendeeJoinedLate')}`}
      {leftEarly && ` · ${t('attendeeLeftEarly')}`}
    </span>
  );
}
