import { useState } from 'preact/hooks';
import type { Membership, Organisation, Partnership, PartnerType } from '../../utils/db/records';
import { PARTNER_TYPES } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import { saveMembership } from '../../utils/db/memberships';
import { saveOrganisation, uniqueDomains } from '../../utils/db/organisations';
import { RecordTooLarge } from '../../utils/db/limits';
import { calendarDate } from '../../utils/time/calendar';
import { formatCalendarDay } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { partnerTypeLabel } from '../../utils/i18n/labels';
import { SelectField, TextField } from '../shared/fields';

const typeOptions = () => PARTNER_TYPES.map((type) => ({ value: type, label: partnerTypeLabel(type) }));

function parseDomains(text: string): string[] {
  return uniqueDomains(text.split(/[\s,;]+/).filter(Boolean));
}

/** The partnership's member organisations: partner type, email domains, joined and left dates. */
export function MemberTable(props: { db: PulseDatabase; records: RecordsModel; partnership: Partnership }) {
  const { db, records, partnership } = props;
  const members = records.memberships.value.filter((m) => m.partnershipId === partnership.id);
  const organisation = (id: string) => records.organisations.value.find((o) => o.id === id);

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">{t('membersHeading', partnership.name)}</h2>
      {members.length === 0 ? (
        <p>{t('membersEmpty')}</p>
      ) : (
        <ul class="meeting-list">
          {members.map((membership, index) => {
            const org = organisation(membership.organisationId);
            return org ? (
              <MemberRow key={membership.id} db={db} membership={membership} organisation={org} index={index} />
            ) : null;
          })}
        </ul>
      )}
      <AddMember db={db} records={records} partnership={partnership} memberIds={members.map((m) => m.organisationId)} />
    </section>
  );
}

function MemberRow(props: { db: PulseDatabase; membership: Membership; organisation: Organisation; index: number }) {
  const { db, membership, organisation, index } = props;
  const [domains, setDomains] = useState(organisation.emailDomains.join(', '));
  const [leftOn, setLeftOn] = useState(membership.leftOn ?? '');
  const update = (change: Partial<Membership>) => void saveMembership(db, { ...membership, ...change });
  const id = `member-${index}`;
  return (
    <li>
      <div class="meeting-summary">
        <strong>{organisation.name}</strong>
        {membership.leftOn && <span class="meta">{t('memberLeft', formatCalendarDay(membership.leftOn))}</span>}
      </div>
      <div class="row">
        <SelectField
          id={`${id}-type`}
          label={t('memberType')}
          value={membership.partnerType}
          options={typeOptions()}
          onChange={(type) => update({ partnerType: type as PartnerType })}
        />
        <TextField
          id={`${id}-joined`}
          type="date"
          label={t('memberJoined')}
          value={membership.joinedOn}
          onInput={(joinedOn) => /^\d{4}-\d{2}-\d{2}$/.test(joinedOn) && update({ joinedOn })}
        />
        <TextField
          id={`${id}-left`}
          type="date"
          label={t('memberLeftOn')}
          value={leftOn}
          onInput={(value) => {
            setLeftOn(value);
            if (value === '') update({ leftOn: undefined });
            else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) update({ leftOn: value });
          }}
        />
        <TextField
          id={`${id}-domains`}
          label={t('organisationDomains')}
          value={domains}
          onInput={(value) => {
            setDomains(value);
            void saveOrganisation(db, { ...organisation, emailDomains: parseDomains(value) });
          }}
        />
      </div>
    </li>
  );
}

function AddMember(props: { db: PulseDatabase; records: RecordsModel; partnership: Partnership; memberIds: string[] }) {
  const { db, records, partnership, memberIds } = props;
  const [organisationId, setOrganisationId] = useState('');
  const [name, setName] = useState('');
  const [domains, setDomains] = useState('');
  const [type, setType] = useState<PartnerType>('core');
  const [joinedOn, setJoinedOn] = useState(calendarDate(Date.now()));
  const [error, setError] = useState<string | undefined>();
  const candidates = records.organisations.value.filter((o) => !memberIds.includes(o.id));

  const add = async (event: Event) => {
    event.preventDefault();
    if (!organisationId && !name.trim()) return setError(t('errorRequired'));
    let orgId = organisationId;
    if (!orgId) {
      try {
        orgId = (await saveOrganisation(db, { name: name.trim(), emailDomains: parseDomains(domains) })).id;
      } catch (error) {
        // Over a limit the importer enforces (a name over 500 characters): said, the text kept, nothing saved.
        if (!(error instanceof RecordTooLarge)) throw error;
        return setError(error.message);
      }
    }
    await saveMembership(db, { partnershipId: partnership.id, organisationId: orgId, partnerType: type, joinedOn });
    setOrganisationId('');
    setName('');
    setDomains('');
    setType('core');
    setError(undefined);
  };

  return (
    <form onSubmit={(e) => void add(e)} noValidate>
      <h3>{t('memberAddHeading')}</h3>
      <SelectField
        id="add-member-org"
        label={t('memberExistingOrganisation')}
        value={organisationId}
        options={[
          { value: '', label: t('memberNewOrganisation') },
          ...candidates.map((o) => ({ value: o.id, label: o.name })),
        ]}
        onChange={setOrganisationId}
      />
      {!organisationId && (
        <div class="row">
          <TextField id="add-member-name" label={t('organisationName')} value={name} error={error} onInput={setName} />
          <TextField
            id="add-member-domains"
            label={t('organisationDomains')}
            hint={t('organisationDomainsHint')}
            value={domains}
            onInput={setDomains}
          />
        </div>
      )}
      <div class="row">
        <SelectField
          id="add-member-type"
          label={t('memberType')}
          value={type}
          options={typeOptions()}
          onChange={(value) => setType(value as PartnerType)}
        />
        <TextField
          id="add-member-joined"
          type="date"
          label={t('memberJoined')}
          value={joinedOn}
          onInput={setJoinedOn}
        />
      </div>
      <button type="submit">{t('memberAdd')}</button>
    </form>
  );
}
