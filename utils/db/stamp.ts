import type { Stamped } from './records';

/**
 * How far a stamp may run ahead of this computer's clock (clocks differ, a little). The bundle
 * validator refuses records stamped later than this; a local edit never stamps beyond it.
 */
export const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

/** What callers pass to every `save…()`: the record without its stamps; an `id` to update. */
export type SaveInput<T extends Stamped> = Omit<T, 'id' | 'createdAt' | 'updatedAt'> & { id?: string };

/**
 * Give a record its id and timestamps. A new record gets a fresh UUID and createdAt; an
 * existing one keeps its id and createdAt, and its updatedAt always moves forward (even within
 * the same millisecond) so "newer updatedAt wins" merges see every edit, but never past now +
 * FUTURE_SLACK_MS: a record stamped in the future (2099, from older data or a bad clock) edited
 * here gets `now`, rather than carrying the future stamp forward to 2100, which no bundle could
 * hold any more.
 *
 * The input replaces the stored record, except that a stored tombstone (`deletedAt`) and the
 * `demo` mark survive unless the input sets them itself.
 */
export function stamp<T extends Stamped>(input: SaveInput<T>, existing?: T, now: number = Date.now()): T {
  const record = {
    ...input,
    id: existing?.id ?? input.id ?? crypto.randomUUID(),
    createdAt: existing?.createdAt ?? now,
    updatedAt: existing ? nextStamp(existing.updatedAt, now) : now,
  } as T;
  if (existing?.deletedAt !== undefined && !('deletedAt' in input)) record.deletedAt = existing.deletedAt;
  if (existing?.demo && !('demo' in input)) record.demo = true;
  return record;
}

export function isLive(record: Stamped): boolean {
  return record.deletedAt === undefined;
}

/** The stamp after `previous`: one past it (at least now), or now when that would pass now + FUTURE_SLACK_MS. */
export function nextStamp(previous: number, now: number): number {
  const next = Math.max(now, previous + 1);
  return next > now + FUTURE_SLACK_MS ? now : next;
}
