import { effect } from '@preact/signals';
import { render } from 'preact';
import { openPulseDb, onDbBlocked } from '../../utils/db/open';
import { DashboardModel } from '../../utils/dashboard/model';
import { disposeWithPage } from '../../utils/models/page';
import {
  filtersToSearch,
  isReviewView,
  parseFilters,
  parseReviewParams,
  reviewFilters,
} from '../../utils/dashboard/filters';
import { dateIn } from '../../utils/time/calendar';
import { localisePage } from '../../utils/i18n/document';
import { DashboardPage } from '../../components/dashboard/DashboardPage';
import { ReviewPage } from '../../components/dashboard/ReviewPage';
import { DbBlockedBanner } from '../../components/shared/DbBlockedBanner';
import { ErrorBoundary, showErrorReports } from '../../components/shared/ErrorReport';
import { keepLive } from '../../utils/sync/live-port';
import { keepPublished } from '../../utils/sync/published-pages';
import '../../components/shared/styles.css';
import '../../components/dashboard/dashboard.css';
// The paste box's report of each code.
import '../../components/pulse/pulse.css';

localisePage('pageTitleDashboard');
const errors = showErrorReports('dashboard');
// While this page is open the workspace syncs live.
keepLive();

/** dashboard.html: the dashboard, or with `?view=review` one partnership's annual review pack. */
async function main(root: HTMLElement) {
  render(<DbBlockedBanner subscribe={onDbBlocked} />, document.getElementById('banner')!);
  const db = await openPulseDb();
  // Released pulses published, and the workspace's published results pulled for the charts.
  window.addEventListener('pagehide', keepPublished(db, errors.report, true));
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (isReviewView(location.search)) {
    const params = parseReviewParams(location.search, dateIn(Date.now(), timeZone));
    const model = new DashboardModel(db, reviewFilters(params), { timeZone });
    disposeWithPage(model);
    render(
      <ErrorBoundary onError={errors.report}>
        <ReviewPage db={db} model={model} year={params.year} />
      </ErrorBoundary>,
      root,
    );
    await model.start();
    return;
  }
  const model = new DashboardModel(db, parseFilters(location.search), { timeZone });
  disposeWithPage(model);
  // The filters live in the URL, so the view can be bookmarked.
  effect(() => {
    const search = filtersToSearch(model.filters.value);
    if (search !== location.search) history.replaceState(null, '', `${location.pathname}${search}`);
  });
  render(
    <ErrorBoundary onError={errors.report}>
      <DashboardPage db={db} model={model} />
    </ErrorBoundary>,
    root,
  );
  await model.start();
}

void main(document.getElementById('app')!);
