import { useModel } from '@preact/signals';
import { browser } from '#imports';
import { PARTNER_TYPES, type Organisation, type Partnership } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import { FirstRunModel, organisationChoices } from '../../utils/meeting/first-run/model';
import { MAX_NAME_LENGTH } from '../../utils/meeting/first-run/plan';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { partnerTypeLabel } from '../../utils/i18n/labels';
import { SelectField, TextField } from '../shared/fields';
import { useFeed } from '../shared/hooks/useFeed';
import { plural } from '../../utils/i18n/plural';

/** The id of the organisation names offered as each one is typed. */
const ORGANISATION_LIST = 'first-run-organisations';

/**
 * No partnership yet: make one here, from the call (its name from the title, its members from
 * the organisations typed for the people on the call), and say where everything else lives.
 */
export function FirstRun(props: {
  db: PulseDatabase;
  title: string;
  people: Array<{ displayName: string; email?: string }>;
  selfName: string | null;
  organisations: Organisation[];
  onCreated: (partnership: Partnership, memberCount: number) => void;
}) {
  const { db, people, selfName, organisations, onCreated } = props;
  const model = useModel(() => new FirstRunModel(db, props.title, { people, selfName }));
  // Who is on the call comes as props: handed to the model, which keeps what was typed per person.
  useFeed((shown, self) => model.show({ people: shown, selfName: self }), people, selfName);
  const name = model.name.value;
  const typed = model.typed.value;
  const errors = model.errors.value;
  const typedOrgs = model.organisations.value;

  const create = async () => {
    const result = await model.create(organisations);
    if (!result) return;
    if ('errors' in result) {
      const firstRow = Object.keys(result.errors.rows ?? {})[0];
      document.getElementById(result.errors.name ? 'first-run-name' : `first-run-org-${firstRow}`)?.focus();
      return;
    }
    onCreated(result.partnership, result.memberCount);
  };

  // The limit planFirstRun enforces, so the message cannot say another.
  const tooLong = t('errorTooLong', formatNumber(MAX_NAME_LENGTH));
  return (
    <section class="first-run" aria-labelledby="first-run-heading">
      <h3 id="first-run-heading">{t('firstRunHeading')}</h3>
      <p class="meta">
        {t('firstRunWhere')}{' '}
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openManagement')}
        </button>
      </p>
      <TextField
        id="first-run-name"
        label={t('firstRunName')}
        value={name}
        required
        error={errors.name === 'required' ? t('errorRequired') : errors.name === 'tooLong' ? tooLong : undefined}
        onInput={model.setName}
      />
      {people.length > 0 && <p class="hint">{t('firstRunPeopleHint')}</p>}
      <datalist id={ORGANISATION_LIST}>
        {organisationChoices(typedOrgs, organisations).map((org) => (
          <option key={org} value={org} />
        ))}
      </datalist>
      {people.map((person, index) => (
        <TextField
          key={person.displayName}
          id={`first-run-org-${index}`}
          label={t('firstRunOrganisationOf', person.displayName)}
          value={typed[person.displayName] ?? ''}
          list={ORGANISATION_LIST}
          error={errors.rows?.[index] ? tooLong : undefined}
          onInput={(value) => model.setOrganisation(person.displayName, value)}
        />
      ))}
      {typedOrgs.length > 0 && (
        <fieldset class="choices">
          <legend>{t('firstRunTypes')}</legend>
          {typedOrgs.map((org, index) => (
            <SelectField
              key={org.key}
              id={`first-run-type-${index}`}
              label={t('firstRunTypeOf', org.name)}
              value={org.partnerType}
              options={PARTNER_TYPES.map((type) => ({ value: type, label: partnerTypeLabel(type) }))}
              onChange={(type) => model.setType(org.key, type)}
            />
          ))}
        </fieldset>
      )}
      <button type="button" onClick={() => void create()}>
        {typedOrgs.length > 0
          ? plural('firstRunCreateWithMembers', typedOrgs.length, formatNumber(typedOrgs.length))
          : t('firstRunCreate')}
      </button>
    </section>
  );
}
