import { useState } from 'preact/hooks';
import type { Partnership } from '../../utils/db/records';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { reviewSearch } from '../../utils/dashboard/filters';
import { SelectField } from '../shared/fields';

/** Pick a partnership and a year, and open its printable annual review pack. */
export function ReviewLink(props: { partnerships: Partnership[]; thisYear: number }) {
  const { partnerships, thisYear } = props;
  const [partnershipId, setPartnershipId] = useState(partnerships[0]?.id ?? '');
  const [year, setYear] = useState(thisYear);
  const chosen = partnerships.find((p) => p.id === partnershipId) ?? partnerships[0];
  if (!chosen) return null;
  const firstYear = Math.min(thisYear, Number(chosen.startDate.slice(0, 4)) || thisYear);
  const years = Array.from({ length: thisYear - firstYear + 1 }, (_, i) => thisYear - i);
  return (
    <section aria-labelledby="review-pack-heading" class="review-pack">
      <h2 id="review-pack-heading">{t('dashReviewPack')}</h2>
      <p class="hint">{t('dashReviewPackHint')}</p>
      <div class="filter-row">
        <SelectField
          id="review-partnership"
          label={t('dashColPartnership')}
          value={chosen.id}
          options={partnerships.map((p) => ({ value: p.id, label: p.name }))}
          onChange={setPartnershipId}
        />
        <SelectField
          id="review-year"
          label={t('dashReviewYear')}
          value={String(year)}
          options={years.map((y) => ({ value: String(y), label: formatNumber(y, { useGrouping: false }) }))}
          onChange={(value) => setYear(Number(value))}
        />
      </div>
      <a class="button" href={`/dashboard.html${reviewSearch(chosen.id, year)}`}>
        {t('dashReviewOpen')}
      </a>
    </section>
  );
}
