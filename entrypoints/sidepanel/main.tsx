import { render } from 'preact';
import { browser } from 'wxt/browser';
import { openPulseDb, onDbBlocked } from '../../utils/db/open';
import { createRecordsModel } from '../../utils/models/records';
import { createLiveTabModel } from '../../utils/models/live-tab';
import { defaultPartnershipId } from '../../utils/settings';
import { Panel } from '../../components/Panel';
import { whenReady } from '../../utils/perf/ready';
import { DbBlockedBanner } from '../../components/DbBlockedBanner';
import { ErrorBoundary, showErrorReports } from '../../components/ErrorReport';
import '../../components/styles.css';

/** `?tab=<id>` binds the panel to a tab; without it (Firefox's sidebar) the active tab. */
async function boundTabId(): Promise<number | null> {
  const param = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(param) && param > 0) return param;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

const errors = showErrorReports('sidepanel');

async function main(root: HTMLElement) {
  render(<DbBlockedBanner subscribe={onDbBlocked} />, document.getElementById('banner')!);
  const [db, tabId, partnershipId] = await Promise.all([openPulseDb(), boundTabId(), defaultPartnershipId.getValue()]);
  const records = createRecordsModel(db);
  const live = createLiveTabModel(tabId);
  await Promise.all([records.load(), live.ready]);
  render(
    <ErrorBoundary onError={errors.report}>
      <Panel db={db} records={records} live={live} tabId={tabId} defaultPartnershipId={partnershipId ?? ''} />
    </ErrorBoundary>,
    root,
  );
  void whenReady().then(records.loadRecentMeetings);
}

void main(document.getElementById('app')!);
