import { useModel } from '@preact/signals';
import type { Partnership } from '../../utils/db/records';
import { formatNumber } from '../../utils/i18n/format';
import { t, type MessageKey } from '../../utils/i18n/messages';
import { EVERYTHING, EXPORT_FORMATS, ExportFormModel } from '../../utils/your-data/export-form';
import type { DataTransferModel, ExportFormat } from '../../utils/your-data/transfer';
import { SelectField } from '../shared/fields';
import { ProgressBar } from './ProgressBar';
import { plural } from '../../utils/i18n/plural';

const FORMAT_LABELS: Record<ExportFormat, MessageKey> = {
  coordinator: 'dataFormatCoordinator',
  bundle: 'dataFormatBundle',
  meetings: 'dataFormatMeetings',
  attendance: 'dataFormatAttendance',
  responses: 'dataFormatResponses',
};

/** What to export and in which format; a progress bar while it runs; the file is then saved. */
export function ExportForm(props: { model: DataTransferModel; partnerships: Partnership[] }) {
  const { model, partnerships } = props;
  const form = useModel(ExportFormModel);
  const { what, format, includeErrorLog, includeComments } = form.choices.value;
  const state = model.exportState.value;
  const running = state.step === 'running';

  const formats = EXPORT_FORMATS.map((value) => ({ value, label: t(FORMAT_LABELS[value]) }));

  const submit = (event: Event) => {
    event.preventDefault();
    void model.runExport(form.request.value);
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
        onChange={(value) => form.choose({ what: value })}
      />
      <SelectField
        id="export-format"
        label={t('dataExportFormat')}
        value={format}
        // Short names, so a narrow select shows them whole; what each keeps is said under it.
        hint={format === 'bundle' ? t('dataFormatBundleHint') : undefined}
        options={formats}
        onChange={form.chooseFormat}
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
              onChange={(event) => form.choose({ includeComments: event.currentTarget.checked })}
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
            onChange={(event) => form.choose({ includeErrorLog: event.currentTarget.checked })}
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
          <p class="hint">{plural('dataExportWithheld', state.withheld, formatNumber(state.withheld))}</p>
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
