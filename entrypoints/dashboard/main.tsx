import { effect } from '@preact/signals';
import { render } from 'preact';
import { openPulseDb, onDbBlocked } from '../../utils/db/open';
import { createDashboardModel } from '../../utils/models/dashboard';
import { filtersToSearch, parseFilters } from '../../utils/models/dashboard-filters';
import { DashboardPage } from '../../components/dashboard/DashboardPage';
import { DbBlockedBanner } from '../../components/DbBlockedBanner';
import '../../components/styles.css';
import '../../components/dashboard/dashboard.css';

async function main(root: HTMLElement) {
  render(<DbBlockedBanner subscribe={onDbBlocked} />, document.getElementById('banner')!);
  const db = await openPulseDb();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const model = createDashboardModel(db, parseFilters(location.search), { timeZone });
  // The filters live in the URL, so the view can be bookmarked.
  effect(() => {
    const search = filtersToSearch(model.filters.value);
    if (search !== location.search) history.replaceState(null, '', `${location.pathname}${search}`);
  });
  render(<DashboardPage db={db} model={model} />, root);
  await model.start();
}

void main(document.getElementById('app')!);
