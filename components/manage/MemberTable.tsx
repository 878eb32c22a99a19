import { PARTNER_TYPES, type PartnerType } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import type { RecordsModel } from '../../utils/models/records';
import type { Partnership } from '../../utils/db/records';
import type { MemberDayError } from '../../utils/manage/members';
import { MemberTableModel, type AddMemberError, type MemberRowView } from '../../utils/manage/member-model';
import { formatCalendarDay } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { partnerTypeLabel } from '../../utils/i18n/labels';
import { SelectField, TextField } from '../shared/fields';
import { useModelFor } from '../shared/hooks/useModelFor';

const typeOptions = () => PARTNER_TYPES.map((type) => ({ value: type, label: partnerTypeLabel(type) }));

const dayErrorText = (error: MemberDayError | undefined) =>
  error === 'leftBeforeJoined' ? t('errorLeftBeforeJoined') : undefined;

/** The add form's error at the name (a missing name, the database's refusal) or at the joined day. */
function addErrorText(error: AddMemberError | undefined, at: 'name' | 'joinedOn'): string | undefined {
  if (error === 'invalidDay') return at === 'joinedOn' ? t('errorInvalidDay') : undefined;
  if (error === undefined || at !== 'name') return undefined;
  return typeof error === 'object' ? error.tooLarge : t('errorRequired');
}

/** The partnership's member organisations: partner type, email domains, joined and left dates (rules: utils/manage/members.ts). */
export function MemberTable(props: { db: PulseDatabase; records: RecordsModel; partnership: Partnership }) {
  const { db, records, partnership } = props;
  const model = useModelFor(() => new MemberTableModel(db, records, partnership.id), partnership.id);
  const rows = model.rows.value;

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">{t('membersHeading', partnership.name)}</h2>
      {rows.length === 0 ? (
        <p>{t('membersEmpty')}</p>
      ) : (
        <ul class="meeting-list">
          {rows.map((row, index) => (
            <MemberRowFields key={row.membership.id} model={model} row={row} index={index} />
          ))}
        </ul>
      )}
      <AddMember model={model} />
    </section>
  );
}

function MemberRowFields(props: { model: MemberTableModel; row: MemberRowView; index: number }) {
  const { model, row, index } = props;
  const { membership, organisation } = row;
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
          onChange={(type) => void model.setPartnerType(membership.id, type as PartnerType)}
        />
        <TextField
          id={`${id}-joined`}
          type="date"
          label={t('memberJoined')}
          value={row.joinedOn}
          error={dayErrorText(row.joinedError)}
          onInput={(value) => void model.setDay('joinedOn', membership.id, value)}
        />
        <TextField
          id={`${id}-left`}
          type="date"
          label={t('memberLeftOn')}
          value={row.leftOn}
          error={dayErrorText(row.leftError)}
          onInput={(value) => void model.setDay('leftOn', membership.id, value)}
        />
        <TextField
          id={`${id}-domains`}
          label={t('organisationDomains')}
          value={row.domains}
          onInput={(value) => void model.setDomains(membership.id, value)}
        />
      </div>
    </li>
  );
}

function AddMember(props: { model: MemberTableModel }) {
  const { model } = props;
  const { organisationId, name, domains, partnerType, joinedOn } = model.adding.value;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void model.add();
      }}
      noValidate
    >
      <h3>{t('memberAddHeading')}</h3>
      <SelectField
        id="add-member-org"
        label={t('memberExistingOrganisation')}
        value={organisationId}
        options={[
          { value: '', label: t('memberNewOrganisation') },
          ...model.candidates.value.map((o) => ({ value: o.id, label: o.name })),
        ]}
        onChange={(value) => model.setAdding({ organisationId: value })}
      />
      {!organisationId && (
        <div class="row">
          <TextField
            id="add-member-name"
            label={t('organisationName')}
            value={name}
            error={addErrorText(model.addError.value, 'name')}
            onInput={(value) => model.setAdding({ name: value })}
          />
          <TextField
            id="add-member-domains"
            label={t('organisationDomains')}
            hint={t('organisationDomainsHint')}
            value={domains}
            onInput={(value) => model.setAdding({ domains: value })}
          />
        </div>
      )}
      <div class="row">
        <SelectField
          id="add-member-type"
          label={t('memberType')}
          value={partnerType}
          options={typeOptions()}
          onChange={(value) => model.setAdding({ partnerType: value as PartnerType })}
        />
        <TextField
          id="add-member-joined"
          type="date"
          label={t('memberJoined')}
          value={joinedOn}
          error={addErrorText(model.addError.value, 'joinedOn')}
          onInput={(value) => model.setAdding({ joinedOn: value })}
        />
      </div>
      <button type="submit">{t('memberAdd')}</button>
    </form>
  );
}
