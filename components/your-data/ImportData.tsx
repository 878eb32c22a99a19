import type { PulseDatabase } from '../../utils/db/schema';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import type { DataTransferModel } from '../../utils/your-data/transfer';
import { CsvImportFlow } from './CsvImportFlow';
import { ImportPlanPreview } from './ImportPlanPreview';
import { ImportProblems } from './ImportProblems';
import { ImportSummary } from './ImportSummary';
import { ProgressBar } from './ProgressBar';
import { plural } from '../../utils/i18n/plural';

/** Choose a bundle or CSV file, see what importing it would do, then import it or not. */
export function ImportData(props: { db: PulseDatabase; model: DataTransferModel }) {
  const { db, model } = props;
  const state = model.importState.value;
  const busy = state.step === 'reading' || state.step === 'applying';
  return (
    <div class="import-data" aria-busy={busy}>
      <div class="field">
        <label for="import-file">{t('dataImportFile')}</label>
        <input
          id="import-file"
          name="import-file"
          type="file"
          accept=".json,.csv,application/json,text/csv"
          disabled={busy}
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            // Cleared, so choosing the same file again (after fixing it) is a change too.
            input.value = '';
            if (file) void model.chooseFile(file);
          }}
        />
      </div>
      {state.step === 'reading' && (
        <ProgressBar
          id="import-progress"
          label={t('dataImportReading', state.fileName)}
          done={state.done}
          total={state.total}
        />
      )}
      {state.step === 'csv' && (
        <CsvImportFlow db={db} file={state.file} onCancel={model.resetImport} onPreview={model.showPreview} />
      )}
      {state.step === 'preview' && (
        <ImportPlanPreview
          model={model}
          preview={state.preview}
          merge={state.merge}
          deleteResponses={state.deleteResponses}
          counts={state.counts}
        />
      )}
      {state.step === 'applying' && (
        <ProgressBar
          id="import-progress"
          label={t('dataImportApplying', state.fileName)}
          done={state.done}
          total={state.total}
        />
      )}
      <div role="status">
        {state.step === 'imported' && <ImportSummary fileName={state.fileName} result={state.result} />}
        {state.step === 'published' && (
          <p class="import-summary published-summary">
            {plural(
              'dataPublishedImported',
              state.outcome.results,
              state.fileName,
              formatNumber(state.outcome.results),
              formatNumber(state.outcome.added),
              formatNumber(state.outcome.updated),
              formatNumber(state.outcome.kept),
            )}
          </p>
        )}
      </div>
      {state.step === 'rejected' && (
        <ImportProblems fileName={state.fileName} problems={state.problems} onDismiss={model.resetImport} />
      )}
      {state.step === 'failed' && (
        <p class="error" role="alert">
          {t('dataImportFailed', state.fileName, state.message)}
        </p>
      )}
    </div>
  );
}
