import { useModel } from '@preact/signals';
import type { Partnership } from '../../utils/db/records';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { ReviewLinkModel } from '../../utils/dashboard/review-link';
import { SelectField } from '../shared/fields';
import { useFeed } from '../shared/hooks/useFeed';

/** Pick a partnership and a year, and open its printable annual review pack. */
export function ReviewLink(props: { partnerships: Partnership[]; thisYear: number }) {
  const { partnerships, thisYear } = props;
  const model = useModel(() => new ReviewLinkModel(partnerships, thisYear));
  // The dashboard's partnerships and year come as props: handed to the model, which keeps the picks.
  useFeed(model.show, partnerships, thisYear);
  const view = model.view.value;
  if (!view) return null;
  return (
    <section aria-labelledby="review-pack-heading" class="review-pack">
      <h2 id="review-pack-heading">{t('dashReviewPack')}</h2>
      <p class="hint">{t('dashReviewPackHint')}</p>
      <div class="filter-row">
        <SelectField
          id="review-partnership"
          label={t('dashColPartnership')}
          value={view.partnership.id}
          options={partnerships.map((p) => ({ value: p.id, label: p.name }))}
          onChange={model.pickPartnership}
        />
        <SelectField
          id="review-year"
          label={t('dashReviewYear')}
          value={String(view.year)}
          options={view.years.map((y) => ({ value: String(y), label: formatNumber(y, { useGrouping: false }) }))}
          onChange={model.pickYear}
        />
      </div>
      <a class="button" href={view.href}>
        {t('dashReviewOpen')}
      </a>
    </section>
  );
}
