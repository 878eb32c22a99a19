// The quick round on a personal-link pulse, from the attacker's side: typed answers carry no seat
// token, so they are not verified and must not lift any group over the threshold, in any view
// or export, whatever the entry claims.
import { beforeEach, describe, expect, it } from 'vitest';
import { closePulse } from '../../../utils/db/pulses';
import type { Pulse } from '../../../utils/db/records';
import { listResponses } from '../../../utils/db/responses';
import type { PulseDatabase } from '../../../utils/db/schema';
import { aggregatePulse } from '../../../utils/pulse/aggregate';
import { addQuickRound, collectCodes } from '../../../utils/pulse/collect';
import { liveCount } from '../../../utils/pulse/live-count';
import { publishPulse } from '../../../utils/pulse/published';
import { responsesTable } from '../../../utils/your-data/csv-export/responses';
import { seatPeople, putMembers, sealForPulse, startedPulse } from './helpers';
import { freshDb, readPulse } from '../db/helpers';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 10, 12);
const ORGS = Array.from({ length: 5 }, (_, i) => `5a5a5a5a-1111-4222-8333-44445555660${i}`);
const answers = { trust: 4, equity: 2, flexibility: 3, communication: 5 };

let db: PulseDatabase;
let pulse: Pulse;

async function start(withSeats: boolean, seated = 2): Promise<Pulse> {
  const started = await startedPulse(db, { invitedOrganisationIds: ORGS, expiresAt: NOW + 7 * DAY }, NOW - DAY);
  if (!withSeats) return started;
  const tokens = await seatPeople(
    db,
    started.id,
    ['Priya Raman', 'Tom Fairbairn', 'Ade Okoro'].slice(0, seated).map((name, i) => [name, ORGS[i]!, 'core']),
  );
  const codes = await Promise.all(
    [...tokens.values()].map((token) => sealForPulse(started, answers, NOW, { token, partnerType: undefined })),
  );
  const outcomes = await collectCodes(db, codes.join('\n'), { pulseId: started.id, now: NOW });
  expect(outcomes.map((r) => r.outcome)).toEqual(codes.map(() => 'added'));
  return started;
}

/** Three organisations' scores typed in the round (core unless said); each entry claims to be verified. */
const round = (target: Pulse, partnerType: 'core' | 'wider' = 'core') =>
  addQuickRound(
    db,
    target.id,
    [2, 3, 4].map((i) => ({
      responseId: crypto.randomUUID(),
      partnerType,
      organisationId: ORGS[i]!,
      answers: { [target.questions[0]!.id]: 1 },
      verified: true,
    })),
    NOW + 1000,
  );

async function views(target: Pulse) {
  await closePulse(db, target.id, NOW + 2000);
  const closed = (await readPulse(db, target.id))!;
  const responses = await listResponses(db, target.id);
  const later = NOW + 3 * DAY;
  return {
    responses,
    summary: closed.summary!,
    results: aggregatePulse(closed, responses),
    published: publishPulse(closed, responses, { partnershipName: 'P', includeComments: true, now: later })!,
    csv: responsesTable(
      [closed],
      new Map([[closed.id, responses]]),
      { partnership: () => 'P', organisation: () => 'O' } as never,
      {
        now: later,
        threshold: 3,
      },
    ),
  };
}

beforeEach(async () => {
  db = await freshDb('quick-round-seats');
});

describe('the quick round on a personal-link pulse', () => {
  it('is stored as not verified, whatever the entry claims', async () => {
    pulse = await start(true);
    expect(await round(pulse)).toEqual(['added', 'added', 'added']);
    const typed = (await listResponses(db, pulse.id)).filter((r) => r.source === 'lead');
    expect(typed).toHaveLength(3);
    expect(typed.every((r) => r.verified === false)).toBe(true);
  });

  it('lifts no group over the threshold: not in the summary, the results, the published result or the CSV', async () => {
    pulse = await start(true);
    await round(pulse);
    const { responses, summary, results, published, csv } = await views(pulse);
    expect(responses).toHaveLength(5);
    // Two verified answers against a threshold of 3: hidden everywhere.
    expect(summary.responses).toBe(2);
    expect(summary.byPartnerType.core.responses).toBe(2);
    expect(results.responses).toBe(2);
    expect(results.unverified).toBe(3);
    expect(results.reachedThreshold).toBe(false);
    expect(results.questions[0]!.overall.hidden).toBe(true);
    expect(published.responses).toBe(2);
    expect(published.unverified).toBe(3);
    expect(published.questions[0]!.overall).toMatchObject({ hidden: true });
    expect(csv.table.rows).toEqual([]);
    expect(csv.withheld).toBe(1);
  });

  it("while open, the panel's live count shows only what the threshold counts, the typed answers apart", async () => {
    pulse = await start(true);
    await round(pulse);
    // What the panel reads: every stored response, the late queue's included.
    const stored = await listResponses(db, pulse.id, { held: true });
    const open = (await readPulse(db, pulse.id))!;
    expect(liveCount(stored)).toEqual({ verified: 2, unverified: 3 });
    // The same N as the summary behind every dashboard view, and as the results at the close.
    expect(liveCount(stored).verified).toBe(open.summary!.responses);
    const { results } = await views(pulse);
    expect(liveCount(stored)).toEqual({ verified: results.responses, unverified: results.unverified });
  });

  it("in the responses CSV, typed rows never make a partner type's group big enough to be named", async () => {
    pulse = await start(true, 3);
    await round(pulse, 'wider');
    const { csv, results } = await views(pulse);
    expect(results.reachedThreshold).toBe(true);
    expect(csv.table.rows).toHaveLength(6);
    const typeColumn = csv.table.columns.indexOf('Partner type');
    expect(typeColumn).toBeGreaterThan(-1);
    // Three verified core answers are named; the three typed wider rows are not.
    expect(csv.table.rows.map((row) => row[typeColumn]).sort()).toEqual(['', '', '', 'Core', 'Core', 'Core']);
  });

  it('a shared-link pulse (no seats) keeps counting its quick round, within the link’s cap', async () => {
    pulse = await start(false);
    // The round types each organisation as the lead's records do: the cap counts them by type.
    await putMembers(
      db,
      'p1',
      ORGS.map((organisationId) => [organisationId, 'core']),
    );
    await round(pulse);
    const { summary, results } = await views(pulse);
    expect(summary.responses).toBe(3);
    expect(results.unverified).toBe(0);
    expect(results.questions[0]!.overall).toMatchObject({ hidden: false, n: 3, mean: 1 });
  });
});
