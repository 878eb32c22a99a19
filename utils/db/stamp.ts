import type { Stamped } from './records';

/** What callers pass to every `save…()`: the record without its stamps; an `id` to update. */
export type SaveInput<T extends Stamped> = Omit<T, 'id' | 'createdAt' | 'updatedAt'> & { id?: string };

/**
 * Give a record its id and timestamps. A new record gets a fresh UUID and createdAt; an
 * existing one keeps its id and createdAt, and its updatedAt always moves forward (even within
 * the same millisecond) so "newer updatedAt wins" merges see every edit.
 *
 * The input replaces the stored record, except that a stored tombstone (`deletedAt`) and the
 * `demo` mark survive unless the input sets them itself.
 */
export function stamp<T extends Stamped>(input: SaveInput<T>, existing?: T, now: number = Date.now()): T {
  const record = {
    ...input,
    id: existing?.id ?? input.id ?? crypto.randomUUID(),
    createdAt: existing?.createdAt ?? now,
    updatedAt: existing ? Math.max(now, existing.updatedAt + 1) : now,
  } as T;
  if (existing?.deletedAt !== undefined && !('deletedAt' in input)) record.deletedAt = existing.deletedAt;
  if (existing?.demo && !('demo' in input)) record.demo = true;
  return record;
}

export function isLive(record: Stamped): boolean {
  return record.deletedAt === undefined;
}
