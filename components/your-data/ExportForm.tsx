import { useState } from 'preact/hooks';
import type { Partnership } from '../../utils/db/records';
import { formatNumber } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/messages';
import type { DataTransferModel, ExportFormat } from '../../utils/your-data/transfer';
import { SelectField } from '../shared/fields';
import { ProgressBar } from './ProgressBar';

const EVERYTHING = '';

/** What to export and in which format; a progress bar while it runs; the file is then saved. */
export function ExportForm(props: { model: DataTransferModel; partnerships: Partnership[] }) {
  const { model, partnerships } = props;
  const [what, setWhat] = useState(EVERYTHING);
  const [format, setFormat] = useState<ExportFormat>('bundle');
  const [includeErrorLog, setIncludeErrorLog] = useState(false);
  const [includeComments, setIncludeComments] = useState(false);
  const state = model.exportState.value;
  const running = state.step === 'running';

  const formats: Array<{ value: ExportFormat; label: string }> = [
    { value: 'coordinator', label: t('dataFormatCoordinator') },
    { value: 'bundle', label: t('dataFormatBundle') },
    { value: 'meetings', label: t('dataFormatMeetings') },
    { value: 'attendance', label: t('dataFormatAttendance') },
    { value: 'responses', label: t('dataFormatResponses') },
  ];

  const submit = (event: Event) => {
    event.preventDefault();
    void model.runExport({
      scope: what === EVERYTHING ? 'all' : { partnershipId: what },
      format,
      includeErrorLog: format === 'bundle' && includeErrorLog,
      includeComments: format === 'coordinator' && includeComments,
    });
  };

  return (
    <form class="export-form" onSubmit={submit} aria-busy={running}>
      <SelectField
        id="export-what"
        label={t('dataExportWhat')}
        value={what}
        options={[
          { value: EVERYTHING, label: t('dataExportEverything') },
          ...partnerships.map((p) => ({ value: p.id, label: t('dataExportPartnership', p.name) })),
        ]}
        onChange={setWhat}
      />
      <SelectField
        id="export-format"
        label={t('dataExportFormat')}
        value={format}
        options={formats}
        onChange={(value) => setFormat(value as ExportFormat)}
      />
      {format === 'coordinator' && (
        <>
          <p class="hint" id="export-coordinator-hint">
            {t('dataCoordinatorHint')}
          </p>
          <label class="choice">
            <input
              type="checkbox"
              name="export-comments"
              checked={includeComments}
              onChange={(event) => setIncludeComments(event.currentTarget.checked)}
            />
            {t('dataIncludeComments')}
          </label>
        </>
      )}
      {format === 'bundle' && (
        <p class="warning" role="note" id="export-personal-warning">
          {t('dataPersonalWarning')}
        </p>
      )}
      {format === 'bundle' && (
        <label class="choice">
          <input
            type="checkbox"
            name="export-error-log"
            checked={includeErrorLog}
            onChange={(event) => setIncludeErrorLog(event.currentTarget.checked)}
          />
          {t('dataIncludeErrorLog')}
        </label>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={running}>
          {t('dataExportStart')}
        </button>
      </div>
      {state.step === 'running' && (
        <ProgressBar id="export-progress" label={t('dataExportProgress')} done={state.done} total={state.total} />
      )}
      <div role="status">
        {state.step === 'saved' && <p>{t('dataExportSaved', state.fileName)}</p>}
        {state.step === 'saved' && state.withheld !== undefined && (
          <p class="hint">{t('dataExportWithheld', formatNumber(state.withheld))}</p>
        )}
      </div>
      {state.step === 'failed' && (
        <p class="error" role="alert">
          {t('dataExportFailed', state.message)}
        </p>
      )}
    </form>
  );
}
