import { afterEach } from 'vitest';
import { closePulseDb, openPulseDb } from '../../../utils/db/open';
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

afterEach(async () => {
  await closePulseDb();
});
