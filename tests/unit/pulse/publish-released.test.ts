import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearRestoredMarks, listPublishedResults } from '../../../utils/db/published';
import { DEFAULT_CADENCE, type Pulse } from '../../../utils/db/records';
import { summarise } from '../../../utils/db/summary';
import { publishReleased } from '../../../utils/pulse/publish-released';
import { LATE_GRACE_MS } from '../../../utils/pulse/release';
import { DAY, T0, partnership, pulse, putAll, response } from '../../factories';
import { freshDb } from '../db/helpers';
import { exportText, importText } from '../your-data/bundle/helpers';

const P1 = 'd1111111-1111-4111-8111-111111111111';
const P2 = 'd2222222-2222-4222-8222-222222222222';
const CLOSES = T0 + 7 * DAY;

/**
 * Three live pulses with three answers each, stored as this lead's pulses are: the answers with
 * their totals (no key: as restored from the lead's own backup, where keys never travel).
 */
async function seeded() {
  const db = await freshDb('publish');
  const responses = ['pulse-1', 'pulse-2', 'pulse-gone'].flatMap((pulseId) =>
    [0, 1, 2].map((i) =>
      response({ id: `${pulseId}-${i}`, pulseId, partnerType: 'core', comment: `Comment ${pulseId} ${i}` }),
    ),
  );
  const withTotals = (p: Pulse): Pulse => ({
    ...p,
    summary: summarise(
      p,
      responses.filter((r) => r.pulseId === p.id),
    ),
  });
  await putAll(db, {
    partnerships: [
      partnership({ id: P1, name: 'Food bank', startDate: '2025-01-05', cadence: DEFAULT_CADENCE }),
      partnership({ id: P2, name: 'Active city', startDate: '2025-01-05', cadence: DEFAULT_CADENCE }),
    ],
    pulses: [
      pulse({ id: 'pulse-1', partnershipId: P1 }),
      pulse({ id: 'pulse-2', partnershipId: P2 }),
      pulse({ id: 'pulse-gone', partnershipId: P1, deletedAt: T0 + DAY }),
    ].map(withTotals),
    responses,
  });
  return db;
}

describe('publishReleased', () => {
  it('publishes nothing before the close plus the grace, then one result per live pulse', async () => {
    const db = await seeded();
    expect(await publishReleased(db, { now: CLOSES + LATE_GRACE_MS })).toEqual([]);
    const published = await publishReleased(db, { now: CLOSES + LATE_GRACE_MS + 1 });
    expect(published.map((r) => r.id).sort()).toEqual(['pulse-1', 'pulse-2']);
    expect((await listPublishedResults(db)).map((r) => r.id).sort()).toEqual(['pulse-1', 'pulse-2']);
  });

  it("publishes nothing for another lead's pulse known only through the workspace (no key, no answer here)", async () => {
    const db = await seeded();
    const privateKey = (
      (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])) as CryptoKeyPair
    ).privateKey;
    await putAll(db, {
      pulses: [
        pulse({ id: 'pulse-pulled', partnershipId: P1 }),
        { ...pulse({ id: 'pulse-keyed', partnershipId: P1 }), privateKey },
      ],
    });
    const published = await publishReleased(db, { now: CLOSES + DAY });
    // pulse-1 and pulse-2 hold answers and their totals here (a restored backup has no key): published as before.
    expect(published.map((r) => r.id).sort()).toEqual(['pulse-1', 'pulse-2', 'pulse-keyed']);
    expect(published.find((r) => r.id === 'pulse-keyed')?.responses).toBe(0);
  });

  it('tells the earliest release of the live pulses still closed, and nothing once all are out', async () => {
    const db = await seeded();
    await putAll(db, {
      pulses: [
        pulse({ id: 'pulse-later', partnershipId: P1, expiresAt: CLOSES + 3 * DAY }),
        pulse({ id: 'pulse-gone-later', partnershipId: P1, expiresAt: CLOSES + DAY, deletedAt: T0 }),
        pulse({ id: 'pulse-by-hand', partnershipId: P2, expiresAt: CLOSES + 5 * DAY, releasedAt: CLOSES + 2 * DAY }),
      ],
    });
    const told: number[] = [];
    await publishReleased(db, { now: CLOSES, nextRelease: (at) => told.push(at) });
    // pulse-1 and pulse-2 close at CLOSES: out after the grace, before the others; the deleted one waits for nothing.
    expect(told).toEqual([CLOSES + LATE_GRACE_MS]);
    await publishReleased(db, { now: CLOSES + DAY, nextRelease: (at) => told.push(at) });
    // Closed by hand: out at its release, not its close.
    expect(told.at(-1)).toBe(CLOSES + 2 * DAY);
    await publishReleased(db, { now: CLOSES + 3 * DAY + LATE_GRACE_MS + 1, nextRelease: (at) => told.push(at) });
    expect(told).toHaveLength(2);
  });

  it('carries comments only for the partnerships the lead chose, and republishes newer when that changes', async () => {
    const db = await seeded();
    const now = CLOSES + DAY;
    const first = await publishReleased(db, { now });
    expect(first.every((r) => r.comments === undefined)).toBe(true);
    const chosen = await publishReleased(db, { now, shareCommentsWith: [P1] });
    expect(chosen.map((r) => r.id)).toEqual(['pulse-1']);
    expect(chosen[0]!.comments).toEqual([
      { partnerType: 'core', texts: ['Comment pulse-1 0', 'Comment pulse-1 1', 'Comment pulse-1 2'] },
    ]);
    // Same clock: still newer than the result it replaces.
    expect(chosen[0]!.updatedAt).toBeGreaterThan(first.find((r) => r.id === 'pulse-1')!.updatedAt);
    const stored = await listPublishedResults(db, [P2]);
    expect(stored[0]!.comments).toBeUndefined();
  });
});

describe('publishReleased skips pulses whose result is up to date', () => {
  const NOW = CLOSES + DAY;

  /** The pulses whose responses are read one pulse at a time (the `by-pulse` index) from here on. */
  function countPulseReads() {
    const spy = vi.spyOn(IDBIndex.prototype, 'getAll');
    return () =>
      spy.mock.contexts
        .map((index, i) => [index as IDBIndex, spy.mock.calls[i]![0]] as const)
        .filter(([index]) => index.name === 'by-pulse' && index.objectStore.name === 'responses')
        .map(([, key]) => String(key))
        .sort();
  }

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reads no responses and writes nothing when no pulse changed since its result was made', async () => {
    const db = await seeded();
    const first = countPulseReads();
    expect((await publishReleased(db, { now: NOW })).map((r) => r.id).sort()).toEqual(['pulse-1', 'pulse-2']);
    // The first time, each released pulse's responses are read.
    expect(first()).toEqual(['pulse-1', 'pulse-2']);
    vi.restoreAllMocks();
    const before = await listPublishedResults(db);

    const again = countPulseReads();
    expect(await publishReleased(db, { now: NOW + DAY })).toEqual([]);
    expect(again()).toEqual([]);
    expect(await listPublishedResults(db)).toEqual(before);
  });

  it('a late batch (the pulse and new responses stamped later) republishes that pulse only', async () => {
    const db = await seeded();
    await publishReleased(db, { now: NOW });
    const later = NOW + DAY;
    await putAll(db, {
      pulses: [pulse({ id: 'pulse-1', partnershipId: P1, updatedAt: later })],
      responses: [3, 4].map((i) =>
        response({ id: `pulse-1-${i}`, pulseId: 'pulse-1', partnerType: 'core', createdAt: later, updatedAt: later }),
      ),
    });
    const reads = countPulseReads();
    const republished = await publishReleased(db, { now: later });
    expect(reads()).toEqual(['pulse-1']);
    expect(republished.map((r) => [r.id, r.responses])).toEqual([['pulse-1', 5]]);
  });

  it('a response stamped after the result, its pulse untouched (restored from a backup), still republishes', async () => {
    const db = await seeded();
    await publishReleased(db, { now: NOW });
    const later = NOW + DAY;
    await putAll(db, {
      responses: [response({ id: 'pulse-2-9', pulseId: 'pulse-2', partnerType: 'wider', updatedAt: later })],
    });
    const reads = countPulseReads();
    const republished = await publishReleased(db, { now: later });
    expect(reads()).toEqual(['pulse-2']);
    expect(republished.map((r) => [r.id, r.responses])).toEqual([['pulse-2', 4]]);
  });

  it('a response restored from a backup file, stamped before the result, republishes its pulse only', async () => {
    const db = await seeded();
    // The backup was saved with all three answers of each pulse (its stamps coarsened to the close).
    const backup = await exportText(db);
    // Then one answer of pulse-2 was lost here, and the result published without it.
    await db.delete('responses', 'pulse-2-1');
    expect((await publishReleased(db, { now: NOW })).map((r) => [r.id, r.responses])).toEqual([
      ['pulse-1', 3],
      ['pulse-2', 2],
    ]);
    const made = (await listPublishedResults(db, [P2]))[0]!;

    await importText(db, backup);
    const restored = await db.get('responses', 'pulse-2-1');
    // The restored answer is stamped before the result: no stamp says that it moved.
    expect(restored!.updatedAt).toBeLessThan(made.updatedAt);

    const reads = countPulseReads();
    const republished = await publishReleased(db, { now: NOW + DAY });
    expect(reads()).toEqual(['pulse-2']);
    expect(republished.map((r) => [r.id, r.responses])).toEqual([['pulse-2', 3]]);
    expect(republished[0]!.updatedAt).toBeGreaterThan(made.updatedAt);
    vi.restoreAllMocks();

    // Once published again, the pulse is settled: the next pass reads nothing and writes nothing.
    const after = countPulseReads();
    expect(await publishReleased(db, { now: NOW + 2 * DAY })).toEqual([]);
    expect(after()).toEqual([]);
  });

  it('an answer lost after publishing and restored from a backup reads its pulse once, then settles', async () => {
    const db = await seeded();
    const backup = await exportText(db);
    await publishReleased(db, { now: NOW });
    const before = await listPublishedResults(db);
    await db.delete('responses', 'pulse-1-0');
    await importText(db, backup);
    expect((await db.get('pulseSecrets', 'pulse-1'))?.restoredAt).toBeTypeOf('number');

    const reads = countPulseReads();
    // The same figures as published: nothing written, and the pulse is settled again.
    expect(await publishReleased(db, { now: NOW + DAY })).toEqual([]);
    expect(reads()).toEqual(['pulse-1']);
    expect(await listPublishedResults(db)).toEqual(before);
    expect((await db.get('pulseSecrets', 'pulse-1'))?.restoredAt).toBeUndefined();
    vi.restoreAllMocks();
    const after = countPulseReads();
    expect(await publishReleased(db, { now: NOW + 2 * DAY })).toEqual([]);
    expect(after()).toEqual([]);
  });

  it('an import between the read and the clearing keeps its own mark', async () => {
    const db = await freshDb('marks');
    await db.put('pulseSecrets', { id: 'p', restoredAt: 5, refusedOverCap: 2 });
    await clearRestoredMarks(db, [{ id: 'p', restoredAt: 4 }]);
    expect(await db.get('pulseSecrets', 'p')).toEqual({ id: 'p', restoredAt: 5, refusedOverCap: 2 });
    await clearRestoredMarks(db, [{ id: 'p', restoredAt: 5 }]);
    expect(await db.get('pulseSecrets', 'p')).toEqual({ id: 'p', refusedOverCap: 2 });
  });

  it('a backup that brings nothing new leaves every result settled', async () => {
    const db = await seeded();
    await publishReleased(db, { now: NOW });
    await importText(db, await exportText(db));
    const reads = countPulseReads();
    expect(await publishReleased(db, { now: NOW + DAY })).toEqual([]);
    expect(reads()).toEqual([]);
  });

  it('a renamed partnership republishes its pulses under the new name', async () => {
    const db = await seeded();
    await publishReleased(db, { now: NOW });
    await putAll(db, {
      partnerships: [
        partnership({
          id: P2,
          name: 'Active city (renamed)',
          startDate: '2025-01-05',
          cadence: DEFAULT_CADENCE,
          updatedAt: NOW,
        }),
      ],
    });
    const republished = await publishReleased(db, { now: NOW + DAY });
    expect(republished.map((r) => [r.id, r.partnershipName])).toEqual([['pulse-2', 'Active city (renamed)']]);
  });
});
