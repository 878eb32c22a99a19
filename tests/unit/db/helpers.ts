import { afterEach } from 'vitest';
import { closePulseDb, openPulseDb } from '../../../utils/db/open';
import { openRawPulseDb } from '../../../utils/db/raw-open';
import { splitPulse } from '../../../utils/db/pulse-secrets';
import { getPulse } from '../../../utils/db/pulses';
import type { Pulse } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';

let counter = 0;

/** A database name no other test uses. */
export function uniqueName(label = 'test'): string {
  counter += 1;
  return `pp-${label}-${counter}-${crypto.randomUUID()}`;
}

/** A fresh database at the current version. */
export function freshDb(label?: string): Promise<PulseDatabase> {
  return openPulseDb(uniqueName(label));
}

/** A fresh database at the current version, opened as the background's sync opens it (a page upgraded it first). */
export async function freshRawDb(label?: string): Promise<IDBDatabase> {
  const name = uniqueName(label);
  await openPulseDb(name);
  const db = await openRawPulseDb(name);
  if (!db) throw new Error(`${name} was not upgraded`);
  return db;
}

afterEach(async () => {
  await closePulseDb();
});

/**
 * Writes a pulse as utils/db would: its record to `pulses`, its private key, totals and refused
 * count to the local-only `pulseSecrets` (tests that set a pulse up by hand).
 */
export async function putPulse(db: PulseDatabase, pulse: Pulse): Promise<void> {
  const { record, secrets } = splitPulse(pulse);
  const tx = db.transaction(['pulses', 'pulseSecrets'], 'readwrite');
  await Promise.all([
    tx.objectStore('pulses').put(record),
    secrets ? tx.objectStore('pulseSecrets').put(secrets) : tx.objectStore('pulseSecrets').delete(pulse.id),
    tx.done,
  ]);
}

/** The pulse joined with its local-only part, tombstones included (getPulse with includeDeleted). */
export function readPulse(db: PulseDatabase, id: string): Promise<Pulse | undefined> {
  return getPulse(db, id, true);
}
