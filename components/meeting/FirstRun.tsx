import { useState } from 'preact/hooks';
import { browser } from '#imports';
import { PARTNER_TYPES, type Organisation, type Partnership, type PartnerType } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import {
  planFirstRun,
  suggestPartnershipName,
  typedOrganisations,
  type FirstRunErrors,
  type FirstRunRow,
} from '../../utils/meeting/first-run/plan';
import { createFirstPartnership } from '../../utils/meeting/first-run/create';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { partnerTypeLabel } from '../../utils/i18n/labels';
import { SelectField, TextField } from '../shared/fields';

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
  const [name, setName] = useState(() => suggestPartnershipName(props.title));
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [types, setTypes] = useState<Record<string, PartnerType>>({});
  const [errors, setErrors] = useState<FirstRunErrors>({});
  const rows: FirstRunRow[] = people.map((p) => ({ ...p, organisation: typed[p.displayName] ?? '' }));
  const input = { name, rows, selfName, types };
  const typedOrgs = typedOrganisations(input);

  const create = async () => {
    const result = planFirstRun(input, organisations);
    if ('errors' in result) {
      setErrors(result.errors);
      const firstRow = Object.keys(result.errors.rows ?? {})[0];
      document.getElementById(result.errors.name ? 'first-run-name' : `first-run-org-${firstRow}`)?.focus();
      return;
    }
    const { partnership } = await createFirstPartnership(db, result.plan);
    onCreated(partnership, result.plan.organisations.length);
  };

  const tooLong = t('errorTooLong', formatNumber(200));
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
        onInput={setName}
      />
      {people.length > 0 && <p class="hint">{t('firstRunPeopleHint')}</p>}
      <datalist id={ORGANISATION_LIST}>
        {[...new Set([...typedOrgs.map((o) => o.name), ...organisations.map((o) => o.name)])].map((org) => (
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
          onInput={(value) => setTyped((current) => ({ ...current, [person.displayName]: value }))}
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
              onChange={(type) => setTypes((current) => ({ ...current, [org.key]: type as PartnerType }))}
            />
          ))}
        </fieldset>
      )}
      <button type="button" onClick={() => void create()}>
        {typedOrgs.length > 0 ? t('firstRunCreateWithMembers', formatNumber(typedOrgs.length)) : t('firstRunCreate')}
      </button>
    </section>
  );
}
