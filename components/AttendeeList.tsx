import { useState } from 'preact/hooks';
import type { Attendee, Organisation } from '../utils/db/records';
import { t } from '../utils/i18n/messages';
import { formatTime } from '../utils/i18n/format';
import { NEW_ORGANISATION, OrganisationSelect } from './OrganisationSelect';

/** Who attended: each person with their organisation, assignable in one or two clicks. */
export function AttendeeList(props: {
  attendees: Attendee[];
  members: Organisation[];
  others: Organisation[];
  onAssign: (attendee: Attendee, organisationId: string | undefined) => void;
  onCreateOrganisation: (attendee: Attendee | null, name: string) => Promise<string>;
  onRemove: (attendee: Attendee) => void;
  onAdd: (name: string, organisationId: string | undefined) => void;
}) {
  const { attendees, members, others, onAssign, onRemove, onAdd, onCreateOrganisation } = props;
  const [newOrgFor, setNewOrgFor] = useState<string | null>(null);
  const [newOrgName, setNewOrgName] = useState('');
  const [addName, setAddName] = useState('');
  const [addOrg, setAddOrg] = useState('');

  const choose = (attendee: Attendee | null, value: string) => {
    if (value === NEW_ORGANISATION) {
      setNewOrgFor(attendee?.displayName ?? '');
      setNewOrgName('');
    } else if (attendee) {
      onAssign(attendee, value || undefined);
    } else {
      setAddOrg(value);
    }
  };

  const createOrganisation = async () => {
    const attendee = attendees.find((a) => a.displayName === newOrgFor) ?? null;
    setNewOrgFor(null);
    if (!newOrgName.trim()) return;
    const id = await onCreateOrganisation(attendee, newOrgName.trim());
    if (!attendee) setAddOrg(id);
  };

  return (
    <section class="attendees" aria-labelledby="attendees-heading">
      <h3 id="attendees-heading">{t('attendeesHeading', attendees.length)}</h3>
      <ul class="attendee-list">
        {attendees.map((attendee, index) => (
          <li key={attendee.displayName} class={attendee.organisationId ? 'attendee' : 'attendee unassigned'}>
            <span class="attendee-name">{attendee.displayName}</span>
            {attendee.firstSeenAt !== undefined && attendee.lastSeenAt !== undefined && (
              <span class="attendee-seen">
                {t('attendeeSeen', formatTime(attendee.firstSeenAt), formatTime(attendee.lastSeenAt))}
              </span>
            )}
            <OrganisationSelect
              id={`attendee-org-${index}`}
              label={t('attendeeOrganisationLabel', attendee.displayName)}
              hideLabel
              value={attendee.organisationId ?? ''}
              members={members}
              others={others}
              onChange={(value) => choose(attendee, value)}
            />
            <button type="button" class="link" onClick={() => onRemove(attendee)}>
              {t('attendeeRemove')}
              <span class="visually-hidden"> {attendee.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
      {newOrgFor !== null && (
        <div class="inline-form">
          <label for="new-org-name">{t('organisationNewName')}</label>
          <input id="new-org-name" value={newOrgName} onInput={(e) => setNewOrgName(e.currentTarget.value)} />
          <button type="button" onClick={() => void createOrganisation()}>
            {t('organisationCreate')}
          </button>
          <button type="button" class="link" onClick={() => setNewOrgFor(null)}>
            {t('cancel')}
          </button>
        </div>
      )}
      <div class="inline-form">
        <label for="add-attendee-name">{t('attendeeAddName')}</label>
        <input id="add-attendee-name" value={addName} onInput={(e) => setAddName(e.currentTarget.value)} />
        <OrganisationSelect
          id="add-attendee-org"
          label={t('attendeeAddOrganisation')}
          value={addOrg}
          members={members}
          others={others}
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
