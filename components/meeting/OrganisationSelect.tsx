import type { Organisation } from '../../utils/db/records';
import { t } from '../../utils/i18n/messages';

/** The select's value for "pick another organisation or type a new one". */
export const ANOTHER_ORGANISATION = '__another__';

/**
 * Chooses an organisation in one click from the partnership's members; any
 * other organisation (or a new one) is one more step, so a long list of every
 * organisation never weighs on the panel.
 */
export function OrganisationSelect(props: {
  id: string;
  label: string;
  value: string;
  members: Organisation[];
  /** The current choice when it is not a member, so it still shows. */
  current?: Organisation;
  onChange: (value: string) => void;
  hideLabel?: boolean;
}) {
  const { id, label, value, members, current, onChange, hideLabel } = props;
  const outsider = current && !members.some((m) => m.id === current.id) ? current : undefined;
  return (
    <span class="org-select">
      <label for={id} class={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        <option value="">{t('organisationUnassigned')}</option>
        {members.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
        {outsider && <option value={outsider.id}>{outsider.name}</option>}
        <option value={ANOTHER_ORGANISATION}>{t('organisationAnother')}</option>
      </select>
    </span>
  );
}
