import { NAMED_STORES, type NamedStore, type RecordRef } from '../db/record-names';
import type { Refused } from './engine';
import { isPartnershipId } from './layout';

const PARTNERSHIP_DB = /p-([^-]{8}-[^-]{4}-[^-]{4}-[^-]{4}-[^-]{12})$/;

/**
 * The record a refusal is about, to name it as the lead knows it: its document (`<store>:<id>`),
 * or, for a whole partnership's database (no id), that partnership. Undefined when neither says
 * one (another database, or an id that is no record's).
 */
export function refusedRecord(refused: Pick<Refused, 'db' | 'id'>): RecordRef | undefined {
  if (refused.id === undefined) {
    const partnershipId = PARTNERSHIP_DB.exec(refused.db)?.[1];
    return partnershipId !== undefined && isPartnershipId(partnershipId)
      ? { store: 'partnerships', id: partnershipId }
      : undefined;
  }
  const colon = refused.id.indexOf(':');
  const store = refused.id.slice(0, colon);
  const id = refused.id.slice(colon + 1);
  return colon > 0 && id !== '' && (NAMED_STORES as readonly string[]).includes(store)
    ? { store: store as NamedStore, id }
    : undefined;
}
