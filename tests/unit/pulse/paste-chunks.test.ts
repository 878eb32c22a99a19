import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPulse } from '../../../utils/db/pulses';
import type { PartnerType, Pulse, PulseResponse } from '../../../utils/db/records';
import { listResponses } from '../../../utils/db/responses';
import type { PulseDatabase } from '../../../utils/db/schema';
import { addSeats, listSeats } from '../../../utils/db/seats';
import { summarise } from '../../../utils/db/summary';
import { collectCodes, type CodeOutcome } from '../../../utils/pulse/collect';
import { generatePulseKeys } from '../../../utils/pulse/keys';
import { buildQuestions, defaultCoreWording } from '../../../utils/pulse/questions';
import type { ResponsePayload } from '../../../utils/pulse/response-code';
import { makeSeats } from '../../../utils/pulse/seat-list';
import { freshDb, putPulse, readPulse } from '../db/helpers';
import { membership } from '../../factories';
import { sealForPulse } from './helpers';

// A paste is opened and stored in chunks, each in its own transaction (utils/pulse/collect.ts
// PASTE_CHUNK), the next chunk opening while one is stored. Tried as an attacker would: whatever
// the chunks, every outcome and everything stored is what one batch would give, and a write
// refused part-way leaves the chunks before it whole and nothing of the rest.

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 10, 12);
const ORGS = Array.from({ length: 6 }, (_, i) => `9e8d7c6b-1111-4222-8333-44445555000${i}`);
/** Three core and three wider organisations: the shared link takes three answers of each type. */
const TYPES: PartnerType[] = ['core', 'core', 'core', 'wider', 'wider', 'wider'];

let db: PulseDatabase;
let shared: Pulse;
let personal: Pulse;
let tokens: Map<string, string>;

async function started(partnershipId: string): Promise<Pulse> {
  const pulse = await createPulse(
    db,
    {
      partnershipId,
      questions: buildQuestions(defaultCoreWording()),
      invitedOrganisationIds: ORGS,
      expiresAt: NOW + 7 * DAY,
      threshold: 3,
    },
    generatePulseKeys,
  );
  pulse.createdAt = NOW - DAY;
  await putPulse(db, pulse);
  return pulse;
}

const ANSWERS = { trust: 4, equity: 2, flexibility: 3, communication: 5 };

/** A shared-link code (a core partner's, unless `overrides` say otherwise). */
const seal = (target: Pulse, overrides: Partial<ResponsePayload> = {}) => sealForPulse(target, ANSWERS, NOW, overrides);

/** A personal-link code: the seat's token, no partner type. */
const sealFor = (name: string, overrides: Partial<ResponsePayload> = {}) =>
  seal(personal, { token: tokens.get(name)!, partnerType: undefined, ...overrides });

/** What a paste leaves stored for a pulse: its responses, totals, refused count and seats. */
async function storedFor(pulse: Pulse): Promise<string> {
  const [responses, secrets, seats] = await Promise.all([
    db.getAllFromIndex('responses', 'by-pulse', pulse.id),
    db.get('pulseSecrets', pulse.id),
    db.getAllFromIndex('seats', 'by-pulse', pulse.id),
  ]);
  return JSON.stringify({
    responses,
    summary: secrets?.summary,
    refusedOverCap: secrets?.refusedOverCap,
    seats: seats.map((seat) => ('answeredBy' in seat ? [seat.id, seat.answeredBy, seat.answeredAt] : [seat.id])),
  });
}

/**
 * The paste made once per chunk size, each time from the same state (`setUp` then run before it),
 * with what it reported and left stored; the first size is the one-batch paste.
 */
async function byChunkSize(pulse: Pulse, codes: string[], now: number, setUp?: () => Promise<void>) {
  const secrets = await db.get('pulseSecrets', pulse.id);
  const seats = await db.getAllFromIndex('seats', 'by-pulse', pulse.id);
  const runs: Array<{ size: number; outcomes: CodeOutcome[]; stored: string }> = [];
  for (const size of [codes.length, 1, 2, 3]) {
    await db.clear('responses');
    await db.put('pulseSecrets', secrets!);
    for (const seat of seats) await db.put('seats', seat);
    await setUp?.();
    const reports = await collectCodes(db, codes.join('\n'), { pulseId: pulse.id, now, chunkSize: size });
    runs.push({ size, outcomes: reports.map((r) => r.outcome), stored: await storedFor(pulse) });
  }
  return runs;
}

/** The totals as counted from the stored answers (tombstones and the late queue left out). */
async function countStored(pulse: Pulse) {
  return summarise(pulse, await listResponses(db, pulse.id));
}

beforeEach(async () => {
  db = await freshDb('paste-chunks');
  for (const [i, organisationId] of ORGS.entries()) {
    for (const partnershipId of ['p1', 'p2']) {
      await db.put('memberships', membership({ partnershipId, organisationId, partnerType: TYPES[i]! }));
    }
  }
  shared = await started('p1');
  personal = await started('p2');
  const made = await makeSeats([
    { name: 'Priya Raman', organisationId: ORGS[0]!, partnerType: 'core' },
    { name: 'Tom Fairbairn', organisationId: ORGS[1]!, partnerType: 'core' },
    { name: 'Ade Okoro', organisationId: ORGS[3]!, partnerType: 'wider' },
  ]);
  await addSeats(db, personal.id, made);
  tokens = new Map(made.map((seat) => [seat.name, seat.token]));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a paste stored in chunks, from the attacker side', () => {
  it('a response split across chunks (the same answer in two codes, one stored before) is stored once', async () => {
    const responseId = crypto.randomUUID();
    const storedBefore = crypto.randomUUID();
    const before = await seal(shared, { responseId: storedBefore });
    const codes = await Promise.all([
      seal(shared, { responseId }),
      seal(shared, { partnerType: 'wider' }),
      seal(shared, { responseId: storedBefore }),
      seal(shared, { responseId, answers: { trust: 1 } }),
    ]);
    const runs = await byChunkSize(shared, codes, NOW, async () => {
      await collectCodes(db, before, { pulseId: shared.id, now: NOW });
    });
    for (const run of runs) {
      expect(run.outcomes).toEqual(['added', 'added', 'already-added', 'already-added']);
      expect(run.stored).toBe(runs[0]!.stored);
    }
    const stored = await listResponses(db, shared.id);
    expect(stored).toHaveLength(3);
    // The first of the two codes of one response is the one kept.
    expect(stored.find((r) => r.id === responseId)!.answers.trust).toBe(4);
    expect((await readPulse(db, shared.id))!.summary).toEqual(await countStored(shared));
  });

  it('the shared-link cap crossed part-way through a chunk refuses exactly the answers one batch would', async () => {
    const codes = await Promise.all([
      ...Array.from({ length: 5 }, () => seal(shared, { partnerType: 'core' })),
      ...Array.from({ length: 2 }, () => seal(shared, { partnerType: 'wider' })),
    ]);
    const runs = await byChunkSize(shared, codes, NOW);
    for (const run of runs) {
      expect(run.outcomes).toEqual(['added', 'added', 'added', 'over-cap', 'over-cap', 'added', 'added']);
      expect(run.stored).toBe(runs[0]!.stored);
    }
    const pulse = (await readPulse(db, shared.id))!;
    expect(pulse.refusedOverCap).toBe(2);
    expect(pulse.summary).toEqual(await countStored(shared));
    expect(pulse.summary!.responses).toBe(5);
  });

  it('carries the cap from chunk to chunk instead of reading every stored answer again', async () => {
    const codes = await Promise.all(Array.from({ length: 6 }, (_, i) => seal(shared, { partnerType: TYPES[i]! })));
    const getAll = vi.spyOn(IDBIndex.prototype, 'getAll');
    const reports = await collectCodes(db, codes.join('\n'), { pulseId: shared.id, now: NOW, chunkSize: 2 });
    expect(reports.map((r) => r.outcome)).toEqual(Array(6).fill('added'));
    const answerReads = getAll.mock.contexts.filter(
      (index) => (index as IDBIndex).objectStore.name === 'responses' && (index as IDBIndex).name === 'by-pulse',
    );
    expect(answerReads).toHaveLength(1);
  });

  it('the same seat answering in two chunks: only its later answer counts, the earlier is reported older', async () => {
    const codes = await Promise.all([
      sealFor('Priya Raman', { answers: { trust: 1 } }),
      sealFor('Tom Fairbairn'),
      sealFor('Ade Okoro', { answers: { trust: 5 }, answeredAt: NOW + 60_000 }),
      sealFor('Priya Raman', { answers: { trust: 2 }, answeredAt: NOW + 60_000 }),
      sealFor('Ade Okoro', { answers: { trust: 3 } }),
    ]);
    const runs = await byChunkSize(personal, codes, NOW + 120_000);
    for (const run of runs) {
      expect(run.outcomes).toEqual(['older-answer', 'added', 'added', 'added', 'older-answer']);
    }
    const counted = await listResponses(db, personal.id);
    expect(counted.map((r) => r.answers.trust).sort()).toEqual([2, 4, 5]);
    expect((await readPulse(db, personal.id))!.summary).toEqual(await countStored(personal));
    const seats = await listSeats(db, personal.id);
    expect(seats.every((seat) => counted.some((r) => r.id === seat.answeredBy))).toBe(true);
  });

  it('after the close, a seat answering twice in one paste counts its later answer, split or not; one that had answered stays closed', async () => {
    // Closed, within the grace for codes in transit: not released yet, so first answers still count.
    const closed = personal.expiresAt + 5 * 60_000;
    const answered = await sealFor('Tom Fairbairn', { answers: { trust: 1 } });
    const codes = await Promise.all([
      sealFor('Priya Raman', { answers: { trust: 1 } }),
      sealFor('Tom Fairbairn', { answers: { trust: 2 }, answeredAt: NOW + 60_000 }),
      sealFor('Priya Raman', { answers: { trust: 3 }, answeredAt: NOW + 60_000 }),
    ]);
    // Tom answered before the paste (before the close); the results were not released yet.
    const runs = await byChunkSize(personal, codes, closed, async () => {
      await collectCodes(db, answered, { pulseId: personal.id, now: NOW });
    });
    for (const run of runs) expect(run.outcomes).toEqual(['older-answer', 'seat-closed', 'added']);
    const counted = await listResponses(db, personal.id);
    expect(counted.map((r) => r.answers.trust).sort()).toEqual([1, 3]);
    expect((await readPulse(db, personal.id))!.summary).toEqual(await countStored(personal));
  });

  it('a write refused in chunk 3: chunks 1 and 2 stay whole, chunk 3 and after report "not stored" and store nothing', async () => {
    const codes = await Promise.all([
      ...Array.from({ length: 3 }, () => seal(shared, { partnerType: 'core' })),
      ...Array.from({ length: 3 }, () => seal(shared, { partnerType: 'wider' })),
    ]);
    const add = IDBObjectStore.prototype.add;
    let adds = 0;
    let firstId: IDBValidKey = '';
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if (this.name !== 'responses') return add.call(this, value, key);
      adds += 1;
      if (adds === 1) firstId = (value as PulseResponse).id;
      // The fifth answer (chunk 3) under the first one's id: the database refuses it.
      return add.call(this, adds === 5 ? { ...(value as PulseResponse), id: firstId } : value, key);
    });
    const reports = await collectCodes(db, codes.join('\n'), { pulseId: shared.id, now: NOW, chunkSize: 2 });
    expect(adds).toBe(6);
    expect(reports.map((r) => r.outcome)).toEqual(['added', 'added', 'added', 'added', 'not-stored', 'not-stored']);
    const stored = await listResponses(db, shared.id);
    expect(stored.map((r) => r.partnerType).sort()).toEqual(['core', 'core', 'core', 'wider']);
    const pulse = (await readPulse(db, shared.id))!;
    expect(pulse.summary).toEqual(await countStored(shared));
    expect(pulse.summary!.responses).toBe(4);
    // Pasted again, the codes not stored go in, and nothing is counted twice.
    vi.restoreAllMocks();
    const again = await collectCodes(db, codes.join('\n'), { pulseId: shared.id, now: NOW, chunkSize: 2 });
    expect(again.map((r) => r.outcome)).toEqual([...Array(4).fill('already-added'), 'added', 'added']);
    expect((await readPulse(db, shared.id))!.summary).toEqual(await countStored(shared));
  });
});
