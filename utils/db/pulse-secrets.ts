import { PULSE_SECRET_FIELDS, type Pulse, type PulseSecretField, type PulseSecrets, type StoredPulse } from './records';
import { getMany } from './raw-store';
import type { PulseDatabase } from './schema';

/**
 * A pulse's local-only part (issue 14: nothing private on the server). The `pulses` store
 * holds what may travel; its private key, running totals and refused count live in the
 * local-only `pulseSecrets` store under the same id. Writers split a pulse here, readers join it
 * here, always inside utils/db and, where both change, in one transaction. A change to the
 * secrets alone leaves the pulse record, and its `updatedAt`, as they were.
 */

/** The shared record and the local-only part of a pulse (undefined when it has none). */
export function splitPulse(pulse: Pulse): { record: StoredPulse; secrets: PulseSecrets | undefined } {
  const record: Record<string, unknown> = { ...pulse };
  const secrets: Record<string, unknown> = { id: pulse.id };
  let any = false;
  for (const field of PULSE_SECRET_FIELDS) {
    if (!(field in record)) continue;
    const value = record[field];
    delete record[field];
    if (value === undefined) continue;
    secrets[field] = value;
    any = true;
  }
  return { record: record as StoredPulse, secrets: any ? (secrets as PulseSecrets) : undefined };
}

/** The pulse as pages use it: its record with its local-only part (if any) put back. */
export function joinPulse(record: StoredPulse, secrets: PulseSecrets | undefined): Pulse {
  if (!secrets) return { ...record };
  const pulse: Pulse = { ...record };
  for (const field of PULSE_SECRET_FIELDS) {
    if (secrets[field] !== undefined) (pulse as Record<PulseSecretField, unknown>)[field] = secrets[field];
  }
  return pulse;
}

/** Each record joined with its secrets, found by id in `secrets` (every pulse's, or some). */
export function joinPulses(records: readonly StoredPulse[], secrets: readonly PulseSecrets[]): Pulse[] {
  const byId = new Map(secrets.map((s) => [s.id, s]));
  return records.map((record) => joinPulse(record, byId.get(record.id)));
}

/** The local-only part to store for `pulse`: undefined when it has none (its entry is removed). */
export function secretsOf(pulse: Pick<Pulse, 'id' | PulseSecretField>): PulseSecrets | undefined {
  return splitPulse(pulse as Pulse).secrets;
}

/** Writes (or, when it has none, removes) a pulse's local-only part in an open transaction. */
export function putSecrets(
  store: { put(value: PulseSecrets): Promise<unknown>; delete(key: string): Promise<unknown> },
  id: string,
  secrets: PulseSecrets | undefined,
): Promise<unknown> {
  return secrets ? store.put(secrets) : store.delete(id);
}

/** As putSecrets, on a raw IDBObjectStore (bundle import, the sample data). */
export function putSecretsRaw(store: IDBObjectStore, id: string, secrets: PulseSecrets | undefined): IDBRequest {
  return secrets ? store.put(secrets) : store.delete(id);
}

/** These pulse records (tombstones as given) with their secrets, read in one transaction. */
export async function withSecrets(db: PulseDatabase, records: readonly StoredPulse[]): Promise<Pulse[]> {
  if (records.length === 0) return [];
  const tx = db.transaction('pulseSecrets');
  const secrets = await (records.length > 32
    ? tx.store.getAll()
    : Promise.all(records.map((r) => tx.store.get(r.id))).then((list) => list.filter((s) => s !== undefined)));
  await tx.done;
  return joinPulses(records, secrets);
}

/** The local-only parts of these pulses, by id, read in a raw transaction that spans `pulseSecrets`. */
export async function readSecretsRaw(tx: IDBTransaction, ids: readonly string[]): Promise<Map<string, PulseSecrets>> {
  const found = new Map<string, PulseSecrets>();
  for (const secrets of await getMany<PulseSecrets>(tx.objectStore('pulseSecrets'), ids)) {
    if (secrets) found.set(secrets.id, secrets);
  }
  return found;
}
