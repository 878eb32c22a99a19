import { holdsDemoRecords } from '../db/bulk';
import type { PulseDatabase } from '../db/schema';
import { buildDemoData, type DemoData } from './build';
import { loadDemoData } from './load';

/**
 * Sample data and a shared workspace meet only where the workspace was set up for it: its admin
 * listed a sample partnership (as `npm run demo -- --workspace` does). Anywhere else the sample's
 * made-up organisations and purpose tags would be pushed into the directory that every lead and
 * coordinator reads: the directory's push sends every record changed since its checkpoint (0 on
 * the first sync), and the change journal can move a checkpoint back past the sample's old stamps.
 * So the sample data is not loaded while connected elsewhere, and a browser holding it does not
 * connect elsewhere (docs/workspace.md).
 */

/** Whether these partnerships include a sample one (the sample's ids are the same in every browser). */
export function namesSamplePartnership(partnershipIds: readonly string[]): boolean {
  const sample = new Set(buildDemoData(0).partnerships.map((p) => p.id));
  return partnershipIds.some((id) => sample.has(id));
}

/** Loading the sample data was refused: this browser syncs with a workspace not set up for it. Nothing was written. */
export class SampleDataRefused extends Error {
  constructor() {
    super('sample data refused while connected to a workspace');
    this.name = 'SampleDataRefused';
  }
}

/** Loads the sample data (loadDemoData), unless connected to a workspace that shares no sample partnership. */
export async function loadSampleData(db: PulseDatabase, now: number): Promise<DemoData> {
  // On demand: the pages that offer the sample data do not load the sync's module otherwise.
  const { workspaceConnection } = await import('../sync/background');
  const connection = await workspaceConnection.getValue();
  if (connection && !namesSamplePartnership(connection.partnershipIds)) throw new SampleDataRefused();
  return loadDemoData(db, now);
}

/** Whether connecting to a workspace offering these partnerships would send this browser's sample data there. */
export async function sampleDataWouldTravel(db: PulseDatabase, offeredIds: readonly string[]): Promise<boolean> {
  if (namesSamplePartnership(offeredIds)) return false;
  return holdsDemoRecords(db, ['organisations', 'purposeTags', 'partnerships']);
}
