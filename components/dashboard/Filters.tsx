import {
  MEETING_KINDS,
  PARTNER_TYPES,
  type MeetingKind,
  type Partnership,
  type PartnerType,
} from '../../utils/db/records';
import { kindLabel, partnerTypeLabel } from '../../utils/i18n/labels';
import { t } from '../../utils/i18n/messages';
import { DEFAULT_FILTERS, withFilter, type DashboardFilters } from '../../utils/dashboard/filters';
import { CheckboxGroup, SelectField, TextField } from '../shared/fields';

/** Partnerships, dates, partner type and meeting kind: every change goes into the URL. */
export function Filters(props: {
  partnerships: Partnership[];
  filters: DashboardFilters;
  range: { from: string; to: string };
  onChange: (filters: DashboardFilters) => void;
}) {
  const { partnerships, filters, range, onChange } = props;
  const allIds = partnerships.map((p) => p.id);
  const chosen =
    filters.partnershipIds.length === 0 ? allIds : filters.partnershipIds.filter((id) => allIds.includes(id));
  const set = (patch: Partial<DashboardFilters>) => onChange({ ...filters, ...patch });
  const setDate = (key: 'from' | 'to', value: string, field: HTMLInputElement | HTMLTextAreaElement) => {
    // A date typed in part reads as '' until it is whole: not a cleared filter. Taking it as one
    // put the default date back into the field and lost the digits typed so far. A year still
    // being typed (0002, 0020, 0202) is kept as typed, as the field shows it, for the same reason.
    if (value === '' && field.validity.badInput) return;
    onChange(value ? { ...filters, [key]: value } : withFilter(filters, key, value));
  };

  return (
    <form class="dashboard-filters" aria-label={t('dashFilters')} onSubmit={(event) => event.preventDefault()}>
      <CheckboxGroup
        name="partnership"
        legend={t('dashFilterPartnerships')}
        values={chosen}
        options={partnerships.map((p) => ({ value: p.id, label: p.name }))}
        onChange={(ids) => {
          // At least one: with none ticked there would be nothing to show.
          if (ids.length === 0) return;
          set({ partnershipIds: ids.length === allIds.length ? [] : allIds.filter((id) => ids.includes(id)) });
        }}
      />
      <div class="filter-row">
        <TextField
          id="filter-from"
          label={t('dashFilterFrom')}
          type="date"
          value={range.from}
          onInput={(value, field) => setDate('from', value, field)}
        />
        <TextField
          id="filter-to"
          label={t('dashFilterTo')}
          type="date"
          value={range.to}
          onInput={(value, field) => setDate('to', value, field)}
        />
        <SelectField
          id="filter-type"
          label={t('dashFilterPartnerType')}
          value={filters.partnerType ?? ''}
          options={[
            { value: '', label: t('dashAllPartnerTypes') },
            ...PARTNER_TYPES.map((type: PartnerType) => ({ value: type, label: partnerTypeLabel(type) })),
          ]}
          onChange={(value) => onChange(withFilter(filters, 'partnerType', value))}
        />
        <SelectField
          id="filter-kind"
          label={t('dashFilterKind')}
          value={filters.kind ?? ''}
          options={[
            { value: '', label: t('dashAllKinds') },
            ...MEETING_KINDS.map((kind: MeetingKind) => ({ value: kind, label: kindLabel(kind) })),
          ]}
          onChange={(value) => onChange(withFilter(filters, 'kind', value))}
        />
      </div>
      <button type="button" class="link" onClick={() => onChange({ ...DEFAULT_FILTERS })}>
        {t('dashResetFilters')}
      </button>
    </form>
  );
}
