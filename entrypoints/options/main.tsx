import { render } from 'preact';
import { openPulseDb, onDbBlocked } from '../../utils/db/open';
import { createRecordsModel } from '../../utils/models/records';
import { ManagePage } from '../../components/manage/ManagePage';
import { DbBlockedBanner } from '../../components/DbBlockedBanner';
import { markReady } from '../../utils/perf/ready';
import '../../components/styles.css';

async function main(root: HTMLElement) {
  render(<DbBlockedBanner subscribe={onDbBlocked} />, document.getElementById('banner')!);
  const db = await openPulseDb();
  const records = createRecordsModel(db);
  await records.load();
  render(<ManagePage db={db} records={records} />, root);
  markReady();
}

void main(document.getElementById('app')!);
