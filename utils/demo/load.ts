import { replaceDemoRecords } from '../db/bulk';
import { RECORD_STORES, type PulseDatabase } from '../db/schema';
import { buildDemoData, type DemoData } from './build';

/**
 * Write the sample data set in one transaction, replacing any sample data loaded before.
 * The user's own records are left alone.
 */
export async function loadDemoData(db: PulseDatabase, now: number): Promise<DemoData> {
  const data = buildDemoData(now);
  await replaceDemoRecords(db, RECORD_STORES, data);
  return data;
}

/** Delete exactly the sample records (`demo: true`), in one transaction. Returns how many. */
export async function removeDemoData(db: PulseDatabase): Promise<number> {
  const removed = await replaceDemoRecords(db, RECORD_STORES, {});
  return [...removed.values()].reduce((sum, ids) => sum + ids.length, 0);
}
