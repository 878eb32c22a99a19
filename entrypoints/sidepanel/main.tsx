import { render } from 'preact';
import { openPulseDb, onDbBlocked } from '../../utils/db/open';
import { RecordsModel } from '../../utils/models/records';
import { LiveTabModel } from '../../utils/models/live-tab';
import { disposeWithPage } from '../../utils/models/page';
import { defaultPartnershipId } from '../../utils/settings/settings';
import { Panel } from '../../components/panel/Panel';
import { whenReady } from '../../utils/perf/ready';
import { localisePage } from '../../utils/i18n/document';
import { panelTabId } from '../../utils/browser/side-panel';
import { DbBlockedBanner } from '../../components/shared/DbBlockedBanner';
import { ErrorBoundary, showErrorReports } from '../../components/shared/ErrorReport';
import { keepLive } from '../../utils/sync/live-port';
import { publishWhileOpen } from '../../utils/sync/publish-on-open';
import '../../components/shared/styles.css';

localisePage('pageTitlePanel');
const errors = showErrorReports('sidepanel');
// While this page is open the workspace syncs live.
keepLive();

async function main(root: HTMLElement) {
  render(<DbBlockedBanner subscribe={onDbBlocked} />, document.getElementById('banner')!);
  const [db, tabId, partnershipId] = await Promise.all([
    openPulseDb(),
    panelTabId(location.search),
    defaultPartnershipId.getValue(),
  ]);
  const records = new RecordsModel(db);
  const live = new LiveTabModel(tabId);
  disposeWithPage(records);
  disposeWithPage(live);
  await Promise.all([records.load(), live.ready()]);
  render(
    <ErrorBoundary onError={errors.report}>
      <Panel db={db} records={records} live={live} tabId={tabId} defaultPartnershipId={partnershipId ?? ''} />
    </ErrorBoundary>,
    root,
  );
  void whenReady().then(records.loadRecentMeetings);
  // Once it is ready: the lead's released pulses published while the panel is open (one may close meanwhile).
  void whenReady().then(() => publishWhileOpen(db, errors.report));
}

void main(document.getElementById('app')!);
