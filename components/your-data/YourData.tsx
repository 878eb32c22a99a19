import { useEffect, useState } from 'preact/hooks';
import { exportBundleFile, previewBundleFile } from '../../utils/your-data/bundle/client';
import { exportCsv } from '../../utils/your-data/csv-export/export';
import {
  exportCoordinatorSummary,
  importCoordinatorSummary,
  isCoordinatorSummary,
} from '../../utils/your-data/coordinator/client';
import { readErrorLog } from '../../utils/errors/log';
import type { Partnership } from '../../utils/db/records';
import type { PulseDatabase } from '../../utils/db/schema';
import { t } from '../../utils/i18n/messages';
import { DataTransferModel } from '../../utils/your-data/transfer';
import { disposeWithPage } from '../../utils/models/page';
import { lastBackupAt } from '../../utils/settings/settings';
import { saveBlob } from '../shared/download';
import { csvBlob } from '../../utils/your-data/files';
import { ExportForm } from './ExportForm';
import { ImportData } from './ImportData';
import { StorageStatus } from './StorageStatus';
import './data.css';

// One model per database for the page's life: the dashboard swaps its empty and full views,
// and an export or import under way must survive that.
const models = new WeakMap<PulseDatabase, DataTransferModel>();

function modelFor(db: PulseDatabase): DataTransferModel {
  let model = models.get(db);
  if (!model) {
    model = new DataTransferModel({
      previewBundleFile,
      exportBundleFile,
      exportCsv: async (kind, scope) => {
        const { csv, fileName, withheld } = await exportCsv(db, kind, scope);
        // A byte-order mark, so spreadsheet programs read accents as UTF-8 (as saveCsv does).
        return {
          blob: csvBlob(csv),
          fileName,
          ...(withheld ? { withheld } : {}),
        };
      },
      exportCoordinatorFile: (scope, options) => exportCoordinatorSummary(db, scope, options),
      isCoordinatorFile: isCoordinatorSummary,
      importCoordinatorFile: (file) => importCoordinatorSummary(db, file),
      readErrorLog,
      save: saveBlob,
      lastBackup: lastBackupAt,
      storage: typeof navigator !== 'undefined' ? navigator.storage : undefined,
      now: Date.now,
    });
    models.set(db, model);
    disposeWithPage(model);
    void model.start();
  }
  return model;
}

type Open = 'export' | 'import' | null;

/** The dashboard's "Your data" area: export, import, and how storage stands. */
export function YourData(props: { db: PulseDatabase; partnerships: Partnership[]; hasData: boolean }) {
  const model = modelFor(props.db);
  const importStep = model.importState.value.step;
  const [open, setOpen] = useState<Open>(importStep === 'idle' ? null : 'import');
  // An import that finishes while the page swapped views stays on show.
  useEffect(() => {
    if (importStep !== 'idle') setOpen((current) => current ?? 'import');
  }, [importStep]);
  const toggle = (which: Exclude<Open, null>) => setOpen((current) => (current === which ? null : which));
  return (
    <section class="your-data" aria-labelledby="your-data-heading">
      <h2 id="your-data-heading">{t('dataHeading')}</h2>
      <p class="hint">{t('dataIntro')}</p>
      <StorageStatus model={model} hasData={props.hasData} />
      <div class="actions">
        <button
          type="button"
          aria-expanded={open === 'export'}
          aria-controls="export-panel"
          onClick={() => toggle('export')}
        >
          {t('dataExport')}
        </button>
        <button
          type="button"
          aria-expanded={open === 'import'}
          aria-controls="import-panel"
          onClick={() => toggle('import')}
        >
          {t('dataImport')}
        </button>
      </div>
      <div id="export-panel" class="data-panel" hidden={open !== 'export'}>
        {open === 'export' && <ExportForm model={model} partnerships={props.partnerships} />}
      </div>
      <div id="import-panel" class="data-panel" hidden={open !== 'import'}>
        {open === 'import' && <ImportData db={props.db} model={model} />}
      </div>
    </section>
  );
}
