import type { Partnership } from './records';
import { getRecord, listRecords, saveRecord } from './records-store';
import type { PulseDatabase } from './schema';
import type { SaveInput } from './stamp';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** Every partnership, by name. */
export async function listPartnerships(
  db: PulseDatabase,
  options: { includeDeleted?: boolean } = {},
): Promise<Partnership[]> {
  return (await listRecords(db, 'partnerships', options.includeDeleted)).sort(byName);
}

export function getPartnership(db: PulseDatabase, id: string): Promise<Partnership | undefined> {
  return getRecord(db, 'partnerships', id);
}

export function savePartnership(db: PulseDatabase, input: SaveInput<Partnership>): Promise<Partnership> {
  return saveRecord(db, 'partnerships', { ...input, name: input.name.trim() });
}
