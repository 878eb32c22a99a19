// Publishing is for a workspace: a browser with none connected does no publishing work when a
// page opens (the dashboard's first chart with 5,000 pulses had waited 6 s on it). Every open
// page publishes (issue 14), so pages opened together take turns: one result per pulse, written once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { savePartnership } from '../../../utils/db/partnerships';
import { listPublishedResults } from '../../../utils/db/published';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import { summarise } from '../../../utils/db/summary';
import { LATE_GRACE_MS } from '../../../utils/pulse/release';
import { shareCommentsWith } from '../../../utils/settings/settings';
import { workspaceConnection } from '../../../utils/sync/background';
import { keepPublished, MAX_WAIT_MS, publishNow } from '../../../utils/sync/published-pages';
import { DAY, T0, partnership, pulse, putAll, response } from '../../factories';
import { freshDb } from '../db/helpers';

const P1 = 'd1111111-1111-4111-8111-111111111111';
const P2 = 'd2222222-2222-4222-8222-222222222222';
const AFTER_RELEASE = T0 + 7 * DAY + LATE_GRACE_MS + 1;

/** A released pulse of this lead's with three answers, stored with their totals (as every write stores them). */
function own(props: Parameters<typeof pulse>[0]) {
  const made = pulse(props);
  const responses = [0, 1, 2].map((i) => response({ id: `${made.id}-r${i}`, pulseId: made.id, partnerType: 'core' }));
  return { pulses: [{ ...made, summary: summarise(made, responses) }], responses };
}

async function seeded() {
  const db = await freshDb('publish-pages');
  const released = own({ id: 'pulse-1', partnershipId: P1 });
  await putAll(db, {
    partnerships: [partnership({ id: P1, name: 'Food bank', startDate: '2025-01-05', cadence: DEFAULT_CADENCE })],
    ...released,
  });
  return db;
}

const connect = () =>
  workspaceConnection.setValue({
    server: 'https://couch.example.org',
    prefix: 'pp-',
    user: 'ana',
    partnershipIds: [P1, P2],
  });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('publishNow', () => {
  it('publishes nothing while no workspace is connected', async () => {
    const db = await seeded();
    expect(await publishNow(db, AFTER_RELEASE)).toBe(0);
    expect(await listPublishedResults(db)).toEqual([]);
  });

  it('publishes the released pulses once a workspace is connected', async () => {
    const db = await seeded();
    await connect();
    expect(await publishNow(db, AFTER_RELEASE)).toBe(1);
    expect((await listPublishedResults(db)).map((r) => r.id)).toEqual(['pulse-1']);
  });

  it('publishes nothing once the workspace is left, though a pulse was released meanwhile', async () => {
    const db = await seeded();
    await connect();
    await workspaceConnection.setValue(null);
    expect(await publishNow(db, AFTER_RELEASE)).toBe(0);
    expect(await listPublishedResults(db)).toEqual([]);
  });

  it('publishes no pulse whose close is still ahead by this clock, and keeps a result when the clock goes back', async () => {
    const db = await seeded();
    await putAll(db, own({ id: 'pulse-ahead', partnershipId: P1, expiresAt: AFTER_RELEASE + DAY }));
    await connect();
    expect(await publishNow(db, AFTER_RELEASE)).toBe(1);
    const stored = await listPublishedResults(db);
    expect(stored.map((r) => r.id)).toEqual(['pulse-1']);
    // The clock set back before pulse-1's close: nothing published, nothing replaced.
    expect(await publishNow(db, T0)).toBe(0);
    expect(await listPublishedResults(db)).toEqual(stored);
  });

  it("publishes neither another lead's pulse (no key, no totals here), a deleted pulse, nor a deleted partnership's", async () => {
    const db = await seeded();
    await putAll(db, {
      partnerships: [
        partnership({ id: P2, name: 'Gone', startDate: '2025-01-05', cadence: DEFAULT_CADENCE, deletedAt: T0 }),
      ],
    });
    // Another lead's pulse: no key and no totals here. The others are this lead's, answers and totals stored.
    await putAll(db, { pulses: [pulse({ id: 'pulse-other-lead', partnershipId: P1 })] });
    await putAll(db, own({ id: 'pulse-deleted', partnershipId: P1, deletedAt: T0 + DAY }));
    await putAll(db, own({ id: 'pulse-of-gone', partnershipId: P2 }));
    await putAll(db, own({ id: 'pulse-no-partnership', partnershipId: 'd3333333-3333-4333-8333-333333333333' }));
    await connect();
    expect(await publishNow(db, AFTER_RELEASE)).toBe(1);
    expect((await listPublishedResults(db)).map((r) => r.id)).toEqual(['pulse-1']);
  });

  it('pages publishing at once write one result per pulse, once', async () => {
    const db = await seeded();
    await putAll(db, own({ id: 'pulse-2', partnershipId: P1 }));
    await connect();
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const written = await Promise.all([0, 1, 2, 3, 4].map((i) => publishNow(db, AFTER_RELEASE + i)));
    // Each would have found both pulses unpublished and written them with a stamp of its own.
    expect(written.reduce((sum, n) => sum + n, 0)).toBe(2);
    expect(put.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'publishedResults')).toHaveLength(2);
    const stored = await listPublishedResults(db);
    expect(stored.map((r) => r.id).sort()).toEqual(['pulse-1', 'pulse-2']);
  });
});

describe('keepPublished', () => {
  it('publishes a pulse released while the page is open, at its release', async () => {
    const db = await seeded();
    // Released in 300 ms: its close plus the grace.
    const expiresAt = Date.now() - LATE_GRACE_MS + 300;
    await putAll(db, own({ id: 'pulse-soon', partnershipId: P1, createdAt: expiresAt - DAY, expiresAt }));
    await connect();
    const onError = vi.fn();
    const stop = keepPublished(db, onError);
    await vi.waitFor(async () => expect((await listPublishedResults(db)).map((r) => r.id)).toEqual(['pulse-1']));
    await vi.waitFor(
      async () => expect((await listPublishedResults(db)).map((r) => r.id).sort()).toEqual(['pulse-1', 'pulse-soon']),
      { timeout: 5_000 },
    );
    stop();
    expect(onError).not.toHaveBeenCalled();
  });

  it("makes a pulse's pending result again when its partnership is renamed or the comments choice changes", async () => {
    const db = await seeded();
    const expiresAt = Date.now() + DAY;
    await putAll(db, own({ id: 'pulse-open', partnershipId: P1, createdAt: expiresAt - DAY, expiresAt }));
    await connect();
    const onError = vi.fn();
    const stop = keepPublished(db, onError);
    const pending = () => db.get('pendingResults', 'pulse-open');
    await vi.waitFor(async () => expect((await pending())?.result.partnershipName).toBe('Food bank'), {
      timeout: 20_000,
      interval: 10,
    });
    expect((await pending())?.releaseAt).toBe(expiresAt + LATE_GRACE_MS);
    expect((await pending())?.result.comments).toBeUndefined();
    // A rename (here, or pulled by the sync: both reach the page through the change feed).
    const stored = (await db.get('partnerships', P1))!;
    await savePartnership(db, { ...stored, name: 'Food bank North' });
    await vi.waitFor(async () => expect((await pending())?.result.partnershipName).toBe('Food bank North'), {
      timeout: 20_000,
      interval: 10,
    });
    await shareCommentsWith.setValue([P1]);
    await vi.waitFor(async () => expect((await pending())?.result.comments).toBeDefined(), {
      timeout: 20_000,
      interval: 10,
    });
    // Nothing published before its release.
    expect((await listPublishedResults(db)).map((r) => r.id)).toEqual(['pulse-1']);
    stop();
    await shareCommentsWith.setValue([]);
    expect(onError).not.toHaveBeenCalled();
  });

  it('waits at most what setTimeout can for a pulse closing in years, rather than firing at once', async () => {
    const db = await seeded();
    await putAll(db, own({ id: 'pulse-far', partnershipId: P1, expiresAt: Date.UTC(2200, 0, 1) }));
    await connect();
    const timeouts = vi.spyOn(globalThis, 'setTimeout');
    const stop = keepPublished(db, vi.fn());
    await vi.waitFor(() => expect(timeouts.mock.calls.some(([, ms]) => ms === MAX_WAIT_MS)).toBe(true));
    expect(timeouts.mock.calls.filter(([, ms]) => (ms ?? 0) > MAX_WAIT_MS)).toEqual([]);
    stop();
  });

  it('publishes nothing and waits for nothing while no workspace is connected', async () => {
    const db = await seeded();
    const timeouts = vi.spyOn(globalThis, 'setTimeout');
    const stop = keepPublished(db, vi.fn());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await listPublishedResults(db)).toEqual([]);
    expect(timeouts.mock.calls.filter(([, ms]) => (ms ?? 0) > 1_000)).toEqual([]);
    stop();
  });
});
