import { useEffect, useRef } from 'preact/hooks';
import type { ImportPreview } from '../../utils/your-data/bundle/client';
import { BUNDLE_STORES } from '../../utils/your-data/bundle/format';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import { importTotals, type DataTransferModel } from '../../utils/your-data/transfer';
import { storeLabel } from '../../utils/i18n/labels';
import { plural } from '../../utils/i18n/plural';

/** Before anything is written: per kind of record what the import will do, conflicts, merge offers. */
export function ImportPlanPreview(props: {
  model: DataTransferModel;
  preview: ImportPreview;
  merge: Record<string, string>;
  /** The box to let the file delete responses stored here is ticked. */
  deleteResponses: boolean;
  /** The counts with the merges chosen, once planned again; else the preview's. */
  counts?: ImportPreview['plan']['counts'];
}) {
  const { model, preview, merge } = props;
  const { plan } = preview;
  const counts = props.counts ?? plan.counts;
  const totals = importTotals(counts);
  const changes = totals.add + totals.update;
  const heading = useRef<HTMLHeadingElement>(null);
  // The preview replaces what was there: take the focus to it, so it is read out and Tab goes on from it.
  useEffect(() => heading.current?.focus(), [preview]);
  return (
    <div class="import-preview">
      <h3 id="import-preview-heading" tabIndex={-1} ref={heading}>
        {t('dataPreviewHeading', plan.fileName)}
      </h3>
      <div class="table-wrap">
        <table>
          <caption>{t('dataPreviewCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dataColStore')}</th>
              <th scope="col">{t('dataColAdd')}</th>
              <th scope="col">{t('dataColUpdate')}</th>
              <th scope="col">{t('dataColUnchanged')}</th>
              <th scope="col">{t('dataColKeepLocal')}</th>
              <th scope="col">{t('dataColConflict')}</th>
            </tr>
          </thead>
          <tbody>
            {BUNDLE_STORES.map((store) => {
              const c = counts[store];
              return (
                <tr key={store} data-store={store}>
                  <th scope="row">{storeLabel(store)}</th>
                  <td class="number">{formatNumber(c.add)}</td>
                  <td class="number">{formatNumber(c.update)}</td>
                  <td class="number">{formatNumber(c.unchanged)}</td>
                  <td class="number">{formatNumber(c.keepLocal)}</td>
                  <td class="number">{formatNumber(c.conflict)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {changes === 0 && plan.organisationMatches.length === 0 && <p>{t('dataPreviewNothing')}</p>}
      {plan.conflicts.length > 0 && (
        <section class="conflicts" aria-labelledby="import-conflicts-heading">
          <h4 id="import-conflicts-heading">{t('dataConflictsHeading')}</h4>
          <ul>
            {plan.conflicts.map((conflict) => (
              <li key={`${conflict.store}/${conflict.id}`}>
                {t('dataConflictItem', `${storeLabel(conflict.store)} › ${conflict.label}`, conflict.message)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {plan.changes.length > 0 && (
        <section class="changes" aria-labelledby="import-changes-heading">
          <h4 id="import-changes-heading">{t('dataChangesHeading')}</h4>
          <ul>
            {plan.changes.map((change) => (
              <li key={`${change.store}/${change.id}`}>
                {t('dataChangeItem', `${storeLabel(change.store)} › ${change.label}`, change.fields.join(', '))}
              </li>
            ))}
          </ul>
          {changedCount(counts) > plan.changes.length && (
            <p class="hint">{t('dataChangesMore', formatNumber(changedCount(counts) - plan.changes.length))}</p>
          )}
        </section>
      )}
      {plan.responseDeletions > 0 && (
        <fieldset class="choices delete-responses">
          <legend>{t('dataDeleteResponsesHeading')}</legend>
          <div class="choice">
            <input
              type="checkbox"
              id="delete-responses"
              name="delete-responses"
              aria-describedby="delete-responses-hint"
              checked={props.deleteResponses}
              onChange={(event) => model.setDeleteResponses(event.currentTarget.checked)}
            />
            <label for="delete-responses">
              {plural('dataDeleteResponses', plan.responseDeletions, formatNumber(plan.responseDeletions))}
            </label>
          </div>
          <p class="hint" id="delete-responses-hint">
            {t('dataDeleteResponsesHint')}
          </p>
        </fieldset>
      )}
      {plan.organisationMatches.length > 0 && (
        <fieldset class="choices merge-offers">
          <legend>{t('dataMergeHeading')}</legend>
          <p class="hint">{t('dataMergeHint')}</p>
          {plan.organisationMatches.map(({ incoming, existing, reason }, index) => (
            <div key={incoming.id} class="choice">
              <input
                type="checkbox"
                id={`merge-${index}`}
                name="merge-organisation"
                value={incoming.id}
                aria-describedby={`merge-${index}-reason`}
                checked={merge[incoming.id] === existing.id}
                onChange={(event) => model.setMerge(incoming.id, existing.id, event.currentTarget.checked)}
              />
              <label for={`merge-${index}`}>{t('dataMergeOffer', incoming.name, existing.name)}</label>{' '}
              <span class="hint" id={`merge-${index}-reason`}>
                ({t(reason === 'name' ? 'dataMergeReasonName' : 'dataMergeReasonDomain')})
              </span>
            </div>
          ))}
        </fieldset>
      )}
      <div class="actions">
        <button type="button" class="primary" onClick={() => void model.applyPreview()}>
          {t('dataImportApply')}
        </button>
        <button type="button" onClick={model.resetImport}>
          {t('dataCancel')}
        </button>
      </div>
    </div>
  );
}

/** Pulses and responses updated: the changes listed are the first of these. */
function changedCount(counts: ImportPreview['plan']['counts']): number {
  return counts.pulses.update + counts.responses.update;
}
