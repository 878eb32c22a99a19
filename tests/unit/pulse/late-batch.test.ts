// Attacker's tests for the late queue of a personal-link pulse: a lead who wants one late answer
// alone pads the queue up to the threshold, or waits for a batch in which that answer is the only
// one to move some shown figure (a question most of the batch skipped, an organisation shown on
// its own), then compares the released views before and after the batch. Each must be refused
// with its own reason, and change nothing stored.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Answer, PartnerType, Pulse } from '../../../utils/db/records';
import { addHeldResponses, canAddHeld, listHeldResponses, listResponses } from '../../../utils/db/responses';
import type { PulseDatabase } from '../../../utils/db/schema';
import { addQuickRound, collectCodes } from '../../../utils/pulse/collect';
import { lateBatchProblem } from '../../../utils/pulse/late-batch';
import { releaseAt } from '../../../utils/pulse/release';
import { seatPeople, answersDigest, pulseViews, sealForPulse, startedPulse } from './helpers';
import { freshDb } from '../db/helpers';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 10, 12);
const CLOSE = NOW + 2 * DAY;
const RELEASED = releaseAt({ expiresAt: CLOSE }) + 1;
const ORGS = Array.from({ length: 8 }, (_, i) => `5a5a5a5a-1111-4222-8333-44445555660${i}`);

let db: PulseDatabase;
let pulse: Pulse;

async function start(): Promise<void> {
  pulse = await startedPulse(db, { invitedOrganisationIds: ORGS, expiresAt: CLOSE }, NOW - DAY);
}

/** One seat of organisation ORGS[org], answering `trust` (and 3 to the rest) at `now`. */
async function seatAnswers(
  seats: Array<{ org: number; trust: Answer; partnerType?: PartnerType }>,
  now: number,
): Promise<string[]> {
  const tokens = await seatPeople(
    db,
    pulse.id,
    seats.map(({ org, partnerType }, i) => [`Person ${now}-${i}`, ORGS[org]!, partnerType ?? 'core']),
  );
  const [trust, equity, flexibility, communication] = pulse.questions.map((q) => q.id);
  const codes = await Promise.all(
    [...tokens.values()].map((token, i) =>
      sealForPulse(
        pulse,
        { [trust!]: seats[i]!.trust, [equity!]: 3, [flexibility!]: 3, [communication!]: 3 },
        Math.min(now, CLOSE - 1000),
        { token, partnerType: undefined },
      ),
    ),
  );
  const reports = await collectCodes(db, codes.join('\n'), { pulseId: pulse.id, now });
  return reports.map((r) => r.outcome);
}

const views = () => pulseViews(db, pulse.id, RELEASED);
const storedDigest = () => answersDigest(db, pulse.id);

/** Adding the queue (of `expected` answers) is refused for `reason`, and nothing stored or shown changes. */
async function expectRefused(expected: number, reason: string, before: unknown): Promise<void> {
  const digest = await storedDigest();
  await expect(
    addHeldResponses(db, pulse.id, { threshold: 3, expected, check: lateBatchProblem }),
  ).rejects.toMatchObject({ reason });
  expect(await storedDigest()).toBe(digest);
  expect(await views()).toEqual(before);
}

/** What the lead's panel and addHeldResponses judge the queue by. */
async function queueProblem() {
  const released = await listResponses(db, pulse.id);
  const held = await listHeldResponses(db, pulse.id);
  return { held, problem: lateBatchProblem(pulse, released, held, 3) };
}

beforeEach(async () => {
  db = await freshDb('late-batch');
  await start();
});

describe('the late queue cannot single out one late answer', () => {
  it('is not padded by the quick round: typed answers are not verified, so they make no batch', async () => {
    expect(
      await seatAnswers(
        [
          { org: 0, trust: 4 },
          { org: 1, trust: 4 },
          { org: 2, trust: 5 },
        ],
        NOW,
      ),
    ).toEqual(['added', 'added', 'added']);
    const before = await views();
    expect(before.results.questions[0]!.byPartnerType.core).toMatchObject({ hidden: false, n: 3 });
    // One person answers late; the lead types two answers of known value after the release.
    expect(await seatAnswers([{ org: 3, trust: 1 }], RELEASED)).toEqual(['held']);
    const typed = await addQuickRound(
      db,
      pulse.id,
      [4, 5].map((org) => ({
        responseId: crypto.randomUUID(),
        partnerType: 'core' as const,
        organisationId: ORGS[org]!,
        answers: { [pulse.questions[0]!.id]: 5 },
      })),
      RELEASED + 1,
    );
    expect(typed).toEqual(['held', 'held']);
    const { held, problem } = await queueProblem();
    expect(held).toHaveLength(3);
    expect(canAddHeld(held, 3)).toBe(false);
    expect(problem).toEqual({ group: 'all' });

    await expectRefused(3, 'too-few', before);
  });

  it('refuses a batch in which one answer alone rates a question (the others said "prefer not to say")', async () => {
    await seatAnswers(
      [
        { org: 0, trust: 4 },
        { org: 1, trust: 4 },
        { org: 2, trust: 5 },
      ],
      NOW,
    );
    const before = await views();
    expect(
      await seatAnswers(
        [
          { org: 3, trust: 1 },
          { org: 4, trust: null },
          { org: 5, trust: null },
        ],
        RELEASED,
      ),
    ).toEqual(['held', 'held', 'held']);
    const { held, problem } = await queueProblem();
    // Three verified core answers: the old rule let them in, and trust's n went from 3 to 4.
    expect(canAddHeld(held, 3)).toBe(true);
    expect(problem).toEqual({ questionId: pulse.questions[0]!.id, group: 'all' });

    const digest = await storedDigest();
    await expect(
      addHeldResponses(db, pulse.id, { threshold: 3, expected: 3, check: lateBatchProblem }),
    ).rejects.toMatchObject({
      reason: 'small-move',
      where: { questionId: pulse.questions[0]!.id, group: 'all' },
    });
    expect(await storedDigest()).toBe(digest);
    expect(await views()).toEqual(before);
  });

  it('refuses a batch that moves an organisation shown on its own by one answer', async () => {
    // Organisation 0 has three answers (shown); 1, 2 and 3 one each (hidden together).
    await seatAnswers(
      [0, 0, 0, 1, 2, 3].map((org, i) => ({ org, trust: (i % 5) + 1 })),
      NOW,
    );
    const before = await views();
    expect(
      before.results.questions[0]!.byOrganisation.find((o) => o.partnerType === 'core' && o.organisationId === ORGS[0]),
    ).toMatchObject({
      result: { hidden: false, n: 3 },
    });
    // A fourth person of organisation 0 answers late, with three of other organisations (the
    // hidden rest of core moves by 3).
    await seatAnswers(
      [
        { org: 0, trust: 1 },
        { org: 4, trust: 5 },
        { org: 5, trust: 5 },
        { org: 6, trust: 5 },
      ],
      RELEASED,
    );
    const { held, problem } = await queueProblem();
    expect(canAddHeld(held, 3)).toBe(true);
    expect(problem).toEqual({ questionId: undefined, group: `core/${ORGS[0]}` });

    await expectRefused(4, 'small-move', before);
  });

  it('refuses a batch that moves the hidden rest of a shown group by fewer than the threshold', async () => {
    // Core: organisation 0 shown (3), organisations 1, 2 and 3 hidden together (one each), so
    // core's figure minus organisation 0's is the figure of "the others".
    await seatAnswers(
      [0, 0, 0, 1, 2, 3].map((org) => ({ org, trust: 3 })),
      NOW,
    );
    const before = await views();
    // Three late answers of organisation 0 (its figure moves by 3) and one of organisation 1:
    // "the others" would move by that one answer alone.
    await seatAnswers(
      [
        { org: 0, trust: 2 },
        { org: 0, trust: 2 },
        { org: 0, trust: 2 },
        { org: 1, trust: 1 },
      ],
      RELEASED,
    );
    const { held, problem } = await queueProblem();
    expect(canAddHeld(held, 3)).toBe(true);
    expect(problem).toEqual({ questionId: undefined, group: 'core', hiddenPart: true });
    await expectRefused(4, 'small-move', before);
  });

  it('adds a batch whose every shown figure, and every hidden rest, moves by at least the threshold', async () => {
    await seatAnswers(
      [
        { org: 0, trust: 4 },
        { org: 1, trust: 4 },
        { org: 2, trust: 5 },
      ],
      NOW,
    );
    const before = await views();
    await seatAnswers(
      [
        { org: 3, trust: 1 },
        { org: 4, trust: 2 },
        { org: 5, trust: 3 },
      ],
      RELEASED,
    );
    expect((await queueProblem()).problem).toBeNull();
    await expect(addHeldResponses(db, pulse.id, { threshold: 3, expected: 3, check: lateBatchProblem })).resolves.toBe(
      3,
    );
    const after = await views();
    expect(after.results.responses - before.results.responses).toBe(3);
    expect(after.results.questions[0]!.overall).toMatchObject({ hidden: false, n: 6 });
  });
});
