import { render } from 'preact';
import { openPulseDb, onDbBlocked } from '../../utils/db/open';
import { RecordsModel } from '../../utils/models/records';
import { disposeWithPage } from '../../utils/models/page';
import { ManagePage } from '../../components/manage/ManagePage';
import { DbBlockedBanner } from '../../components/shared/DbBlockedBanner';
import { ErrorBoundary, showErrorReports } from '../../components/shared/ErrorReport';
import { markReady } from '../../utils/perf/ready';
import { localisePage } from '../../utils/i18n/document';
import { keepLive } from '../../utils/sync/live-port';
import { publishWhileOpen } from '../../utils/sync/publish-on-open';
import '../../components/shared/styles.css';

localisePage('pageTitleManage');
const errors = showErrorReports('options');
// While this page is open the workspace syncs live.
keepLive();

async function main(root: HTMLElement) {
  render(<DbBlockedBanner subscribe={onDbBlocked} />, document.getElementById('banner')!);
  const db = await openPulseDb();
  const records = new RecordsModel(db);
  disposeWithPage(records);
  await records.load();
  render(
    <ErrorBoundary onError={errors.report}>
      <ManagePage db={db} records={records} />
    </ErrorBoundary>,
    root,
  );
  markReady();
  // The lead's released pulses published while this page is open.
  publishWhileOpen(db, errors.report);
}

void main(document.getElementById('app')!);
