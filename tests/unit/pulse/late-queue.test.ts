// Attacker's tests first: late codes (forged answeredAt just before the close, replayed, one at a
// time after release, a discarded one pasted again) never move a released figure by one answer.
import { beforeEach, describe, expect, it } from 'vitest';
import { closePulse } from '../../../utils/db/pulses';
import type { Pulse } from '../../../utils/db/records';
import {
  addHeldResponses,
  canAddHeld,
  discardHeldResponses,
  LateQueueError,
  listHeldResponses,
  listResponses,
} from '../../../utils/db/responses';
import type { PulseDatabase } from '../../../utils/db/schema';
import { addQuickRound, collectCodes } from '../../../utils/pulse/collect';
import { lateBatchProblem } from '../../../utils/pulse/late-batch';
import { isReleased, LATE_GRACE_MS, releaseAt } from '../../../utils/pulse/release';
import type { ResponsePayload } from '../../../utils/pulse/response-code';
import { answersDigest, pulseViews, putMembers, sealForPulse, startedPulse } from './helpers';
import { freshDb } from '../db/helpers';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 10, 12);
const CLOSE = NOW + 2 * DAY;
const RELEASED = releaseAt({ expiresAt: CLOSE }) + 1;
const ORGS = Array.from({ length: 12 }, (_, i) => `5a5a5a5a-1111-4222-8333-4444555566${String(i).padStart(2, '0')}`);

let db: PulseDatabase;
let pulse: Pulse;

const seal = (overrides: Partial<ResponsePayload> = {}) =>
  sealForPulse(pulse, { trust: 4, equity: 2, flexibility: 3, communication: 5 }, NOW, overrides);

const views = () => pulseViews(db, pulse.id, RELEASED);
const storedDigest = () => answersDigest(db, pulse.id);

beforeEach(async () => {
  db = await freshDb('late-queue');
  pulse = await startedPulse(db, { invitedOrganisationIds: ORGS, expiresAt: CLOSE }, NOW - DAY);
  await putMembers(
    db,
    'p1',
    ORGS.map((organisationId, i) => [organisationId, i < 10 ? 'core' : 'wider']),
  );
  // Four answers in time: the pulse's released results.
  const inTime = await Promise.all([1, 2, 3, 4].map((trust) => seal({ answers: { trust } })));
  const reports = await collectCodes(db, inTime.join('\n'), { pulseId: pulse.id, now: NOW });
  expect(reports.map((r) => r.outcome)).toEqual(['added', 'added', 'added', 'added']);
});

describe('the release', () => {
  it('comes after the close plus a grace the lead can see', () => {
    expect(LATE_GRACE_MS).toBe(10 * 60 * 1000);
    expect(isReleased({ expiresAt: CLOSE }, CLOSE + 1)).toBe(false);
    expect(isReleased({ expiresAt: CLOSE }, CLOSE + LATE_GRACE_MS)).toBe(false);
    expect(isReleased({ expiresAt: CLOSE }, CLOSE + LATE_GRACE_MS + 1)).toBe(true);
  });

  it('comes at once when the lead closes the pulse by hand, and a code arriving after it is held', async () => {
    const closedAt = NOW + DAY;
    const closed = (await closePulse(db, pulse.id, closedAt))!;
    expect([closed.expiresAt, closed.releasedAt]).toEqual([closedAt, closedAt]);
    expect(isReleased(closed, closedAt)).toBe(true);
    expect(isReleased(closed, closedAt - 1)).toBe(false);
    const released = await views();
    // Answered just before the close, still in transit when the lead closed it.
    const code = await seal({ answeredAt: closedAt - 1000 });
    const reports = await collectCodes(db, code, { pulseId: pulse.id, now: closedAt + 60_000 });
    expect(reports.map((r) => r.outcome)).toEqual(['held']);
    expect(await views()).toEqual(released);
  });

  it('is not moved by closing again: a pulse already closed keeps its close and release', async () => {
    const closed = (await closePulse(db, pulse.id, NOW + DAY))!;
    const again = (await closePulse(db, pulse.id, NOW + DAY + 5_000))!;
    expect([again.expiresAt, again.releasedAt]).toEqual([closed.expiresAt, closed.releasedAt]);
  });
});

describe('the late queue', () => {
  it('holds a code collected after release, even one claiming an answer just before the close', async () => {
    const before = await views();
    const forged = await seal({ answeredAt: CLOSE - 1000, answers: { trust: 1 } });
    const reports = await collectCodes(db, forged, { pulseId: pulse.id, now: RELEASED });
    expect(reports.map((r) => r.outcome)).toEqual(['held']);
    expect(await views()).toEqual(before);
    expect(await listHeldResponses(db, pulse.id)).toMatchObject([{ heldSince: RELEASED }]);
    expect(await listResponses(db, pulse.id)).toHaveLength(4);
  });

  it('adds a code collected after the close but within the grace (the results are not out yet)', async () => {
    const code = await seal({ answeredAt: CLOSE - 1000 });
    const reports = await collectCodes(db, code, { pulseId: pulse.id, now: CLOSE + LATE_GRACE_MS });
    expect(reports.map((r) => r.outcome)).toEqual(['added']);
    expect(await listResponses(db, pulse.id)).toHaveLength(5);
  });

  it('still refuses a code dated before the pulse started, or after the close, and stores nothing', async () => {
    const codes = await Promise.all([seal({ answeredAt: 0 }), seal({ answeredAt: CLOSE + 60_000 })]);
    const before = await storedDigest();
    const reports = await collectCodes(db, codes.join(' '), { pulseId: pulse.id, now: RELEASED });
    expect(reports.map((r) => r.outcome)).toEqual(['before-start', 'expired']);
    expect(await storedDigest()).toBe(before);
  });

  it('never lets one late answer move a released figure: views before and after each differ by nothing', async () => {
    const released = await views();
    for (const trust of [1, 5]) {
      const before = await views();
      await collectCodes(db, await seal({ answers: { trust } }), { pulseId: pulse.id, now: RELEASED + trust });
      expect(await views()).toEqual(before);
    }
    expect(await views()).toEqual(released);
    // Two held: fewer than the threshold of 3, so they cannot be added (and nothing changes).
    const digest = await storedDigest();
    await expect(
      addHeldResponses(db, pulse.id, { threshold: 3, expected: 2, check: lateBatchProblem, now: RELEASED + 10 }),
    ).rejects.toEqual(new LateQueueError('too-few', 2, 3));
    expect(await storedDigest()).toBe(digest);
    expect(await views()).toEqual(released);
  });

  it('adds the queue as one batch of at least the threshold: the two views differ by the whole batch', async () => {
    const before = await views();
    const late = await Promise.all([5, 5, 1].map((trust) => seal({ answers: { trust } })));
    await collectCodes(db, late.join('\n'), { pulseId: pulse.id, now: RELEASED });
    expect(await views()).toEqual(before);
    // The totals are local only: the pulse record that travels, and its updatedAt, stay as they were.
    const record = await db.get('pulses', pulse.id);

    expect(
      await addHeldResponses(db, pulse.id, { threshold: 3, expected: 3, check: lateBatchProblem, now: RELEASED + 1 }),
    ).toBe(3);
    const after = await views();
    expect(after.results.responses - before.results.responses).toBe(3);
    expect(after.summary!.responses - before.summary!.responses).toBe(3);
    expect(after.csv.length - before.csv.length).toBe(3);
    expect(await db.get('pulses', pulse.id)).toEqual(record);
    expect(await listHeldResponses(db, pulse.id)).toEqual([]);
    expect((await listResponses(db, pulse.id)).every((r) => r.heldSince === undefined)).toBe(true);
  });

  it('refuses a batch in which a partner type has fewer than the threshold: its figure would move by one', async () => {
    const late = await Promise.all([
      seal({ answers: { trust: 5 } }),
      seal({ answers: { trust: 5 } }),
      seal({ partnerType: 'wider', answers: { trust: 1 } }),
    ]);
    await collectCodes(db, late.join('\n'), { pulseId: pulse.id, now: RELEASED });
    const digest = await storedDigest();
    await expect(
      addHeldResponses(db, pulse.id, { threshold: 3, expected: 3, check: lateBatchProblem }),
    ).rejects.toMatchObject({
      reason: 'too-few',
    });
    expect(await storedDigest()).toBe(digest);
    expect(canAddHeld([{ partnerType: 'core' }, { partnerType: 'core' }, { partnerType: 'wider' }], 3)).toBe(false);
    expect(canAddHeld([{ partnerType: 'core' }, { partnerType: 'core' }, { partnerType: 'core' }], 3)).toBe(true);
    expect(canAddHeld([{ partnerType: 'core' }, { partnerType: 'core' }], 3)).toBe(false);
  });

  it('adds nothing when the queue changed since the lead saw its count (a code slipped in meanwhile)', async () => {
    const late = await Promise.all([1, 2, 3].map((trust) => seal({ answers: { trust } })));
    await collectCodes(db, late.join('\n'), { pulseId: pulse.id, now: RELEASED });
    await collectCodes(db, await seal(), { pulseId: pulse.id, now: RELEASED + 5 });
    const digest = await storedDigest();
    await expect(
      addHeldResponses(db, pulse.id, { threshold: 3, expected: 3, check: lateBatchProblem }),
    ).rejects.toMatchObject({
      reason: 'changed',
    });
    expect(await storedDigest()).toBe(digest);
  });

  it('uses the stricter of the threshold asked and the pulse’s own', async () => {
    const late = await Promise.all([1, 2, 3].map((trust) => seal({ answers: { trust } })));
    await collectCodes(db, late.join('\n'), { pulseId: pulse.id, now: RELEASED });
    await expect(addHeldResponses(db, pulse.id, { threshold: 2, expected: 3, check: lateBatchProblem })).resolves.toBe(
      3,
    );
    const more = await Promise.all([1, 2, 3].map((trust) => seal({ answers: { trust } })));
    await collectCodes(db, more.join('\n'), { pulseId: pulse.id, now: RELEASED });
    await expect(
      addHeldResponses(db, pulse.id, { threshold: 4, expected: 3, check: lateBatchProblem }),
    ).rejects.toMatchObject({
      reason: 'too-few',
      threshold: 4,
    });
  });

  it('discards the queue; a discarded code pasted again (a replay) stays out', async () => {
    const before = await views();
    const late = await Promise.all([1, 2, 3].map((trust) => seal({ answers: { trust } })));
    await collectCodes(db, late.join('\n'), { pulseId: pulse.id, now: RELEASED });
    expect(await discardHeldResponses(db, pulse.id, RELEASED + 1)).toBe(3);
    expect(await listHeldResponses(db, pulse.id)).toEqual([]);
    const digest = await storedDigest();
    const replay = await collectCodes(db, late.join('\n'), { pulseId: pulse.id, now: RELEASED + 2 });
    expect(replay.map((r) => r.outcome)).toEqual(['already-added', 'already-added', 'already-added']);
    expect(await storedDigest()).toBe(digest);
    expect(await views()).toEqual(before);
  });

  it('holds a quick round typed after release, by the same rule', async () => {
    const before = await views();
    const outcomes = await addQuickRound(
      db,
      pulse.id,
      [{ responseId: 'quick-round-0001', partnerType: 'core', organisationId: ORGS[0], answers: { trust: 1 } }],
      RELEASED,
    );
    expect(outcomes).toEqual(['held']);
    expect(await views()).toEqual(before);
    // Before release it goes straight in.
    const early = await addQuickRound(
      db,
      pulse.id,
      [{ responseId: 'quick-round-0002', partnerType: 'core', organisationId: ORGS[1], answers: { trust: 2 } }],
      CLOSE,
    );
    expect(early).toEqual(['added']);
  });
});
