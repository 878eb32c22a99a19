import { NAMED_STORES, type NamedStore, type RecordRef } from '../db/record-names';
import type { Refused } from './engine';
import { partnershipOfDb } from './layout';

/**
 * The record a refusal is about, to name it as the lead knows it: its document (`<store>:<id>`),
 * or, for a whole partnership's database (no id) in the workspace of `prefix`, that partnership.
 * Undefined when neither says one (another database, or an id that is no record's).
 */
export function refusedRecord(refused: Pick<Refused, 'db' | 'id'>, prefix: string | undefined): RecordRef | undefined {
  if (refused.id === undefined) {
    const partnershipId = prefix === undefined ? undefined : partnershipOfDb(prefix, refused.db);
    return partnershipId === undefined ? undefined : { store: 'partnerships', id: partnershipId };
  }
  const colon = refused.id.indexOf(':');
  const store = refused.id.slice(0, colon);
  const id = refused.id.slice(colon + 1);
  return colon > 0 && id !== '' && (NAMED_STORES as readonly string[]).includes(store)
    ? { store: store as NamedStore, id }
    : undefined;
}
