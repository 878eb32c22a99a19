import { useState } from 'preact/hooks';
import type { Membership, Organisation, Person, Pulse, Seat } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import { inviteSeats, SeatChangeError } from '../../utils/db/seats';
import { partnerTypeLabel } from '../../utils/i18n/labels';
import { t, type MessageKey } from '../../utils/i18n/messages';
import type { DraftModel } from '../../utils/models/draft';
import {
  emptyNewSeat,
  newSeatDraftKey,
  newSeatError,
  newSeatOf,
  seatOrganisations,
  type NewSeatDraft,
  type NewSeatError,
} from '../../utils/pulse/seat-changes';
import { makeSeats } from '../../utils/pulse/seat-list';
import { SelectField, TextField } from '../shared/fields';
import { useDraft } from '../shared/hooks/useDraft';

const ERROR_KEYS: Record<NewSeatError, MessageKey> = {
  required: 'seatInviteErrorRequired',
  tooLong: 'seatInviteErrorTooLong',
  organisation: 'seatInviteErrorOrganisation',
  duplicate: 'seatInviteErrorDuplicate',
  tooMany: 'seatInviteErrorTooMany',
};

/**
 * "Invite someone else" on an open personal-link pulse: a person of an invited organisation, or
 * of a member organisation the pulse did not invite (which it then invites). The partner type
 * comes from the lead's records and is shown, never chosen. What is typed is a draft until the
 * seat is added.
 */
interface ChangeSeatsProps {
  db: PulseDatabase;
  pulse: Pulse;
  seats: readonly Seat[];
  organisations: readonly Organisation[];
  memberships: readonly Membership[];
  people: readonly Person[];
}

export function ChangeSeats(props: ChangeSeatsProps) {
  const draft = useDraft<NewSeatDraft>(props.db, newSeatDraftKey(props.pulse.id), emptyNewSeat);
  return draft && <ChangeSeatsForm {...props} draft={draft} />;
}

function ChangeSeatsForm(props: ChangeSeatsProps & { draft: DraftModel<NewSeatDraft> }) {
  const { db, pulse, seats, draft } = props;
  const [error, setError] = useState<MessageKey | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const choices = seatOrganisations({
    partnershipId: pulse.partnershipId,
    invited: pulse.invitedOrganisationIds,
    organisations: props.organisations,
    memberships: props.memberships,
    people: props.people,
    seats,
  });
  const values = draft.values.value;
  const organisationId = values.organisationId || choices[0]?.organisationId || '';
  const chosen = choices.find((o) => o.organisationId === organisationId);
  const set = (change: Partial<NewSeatDraft>) => {
    setError(null);
    setAdded(null);
    draft.update((current) => ({ ...current, organisationId, ...change }));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = { organisationId, name: values.name };
    const problem = newSeatError(choices, seats, form);
    const seat = newSeatOf(choices, seats, form);
    if (problem || !seat) {
      setError(ERROR_KEYS[problem ?? 'organisation']);
      return;
    }
    try {
      await inviteSeats(db, pulse.id, await makeSeats([seat]));
    } catch (caught) {
      if (!(caught instanceof SeatChangeError)) throw caught;
      setError(caught.reason === 'duplicate' ? 'seatInviteErrorDuplicate' : 'seatChangeClosed');
      return;
    }
    draft.update(() => ({ organisationId, name: '' }));
    await draft.discardDraft();
    setAdded(seat.name);
  };

  const id = `seat-add-${pulse.id}`;
  const suggestionsId = `${id}-suggestions`;
  if (choices.length === 0) return null;
  return (
    <form class="seat-add" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{t('seatInviteHeading')}</h4>
      {draft.restoredFromDraft.value && !added && (
        <p class="status" role="status">
          {t('draftRestored')}
        </p>
      )}
      <SelectField
        id={`${id}-organisation`}
        label={t('seatInviteOrganisation')}
        value={organisationId}
        options={choices.map((o) => ({
          value: o.organisationId,
          label: o.invited
            ? t('seatInviteOrganisationOption', o.name, partnerTypeLabel(o.partnerType))
            : t('seatInviteOrganisationNew', o.name, partnerTypeLabel(o.partnerType)),
        }))}
        onChange={(value) => set({ organisationId: value })}
        hint={chosen && !chosen.invited ? t('seatInviteWidens', chosen.name) : undefined}
      />
      <TextField
        id={`${id}-name`}
        label={t('seatInviteName')}
        value={values.name}
        onInput={(value) => set({ name: value })}
        list={suggestionsId}
        error={error ? t(error) : undefined}
      />
      <datalist id={suggestionsId}>
        {(chosen?.suggestions ?? []).map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <button type="submit">{t('seatInviteButton')}</button>
      {added && (
        <p class="status" role="status">
          {t('seatInvited', added)}
        </p>
      )}
    </form>
  );
}
