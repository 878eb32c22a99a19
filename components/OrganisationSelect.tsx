import type { Organisation } from '../utils/db/records';
import { t } from '../utils/i18n/messages';

export const NEW_ORGANISATION = '__new__';

/** Chooses an organisation: the partnership's members first, then everyone else, then "new…". */
export function OrganisationSelect(props: {
  id: string;
  label: string;
  value: string;
  members: Organisation[];
  others: Organisation[];
  onChange: (organisationId: string) => void;
  hideLabel?: boolean;
}) {
  const { id, label, value, members, others, onChange, hideLabel } = props;
  return (
    <span class="org-select">
      <label for={id} class={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        <option value="">{t('organisationUnassigned')}</option>
        {members.length > 0 && (
          <optgroup label={t('organisationGroupMembers')}>
            {members.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </optgroup>
        )}
        {others.length > 0 && (
          <optgroup label={t('organisationGroupOthers')}>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </optgroup>
        )}
        <option value={NEW_ORGANISATION}>{t('organisationNew')}</option>
      </select>
    </span>
  );
}
