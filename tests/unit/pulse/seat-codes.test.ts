import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pulse, Seat } from '../../../utils/db/records';
import { listResponses } from '../../../utils/db/responses';
import type { PulseDatabase } from '../../../utils/db/schema';
import { addSeats, countAnsweredSeats, listSeats } from '../../../utils/db/seats';
import { summarise } from '../../../utils/db/summary';
import { collectCodes, previewCodes } from '../../../utils/pulse/collect';
import type { ResponsePayload } from '../../../utils/pulse/response-code';
import { makeSeats } from '../../../utils/pulse/seat-list';
import { makeSeatToken } from '../../../utils/pulse/seats';
import { freshDb, readPulse } from '../db/helpers';
import { COUNCIL, FOOD_BANK, sealSeatCode, seatPeople, startedPulse } from './helpers';

// Personal links, tried as an attacker would: everyone holding a link has the public key, so
// anything sealed is checked against the seats this browser invited.

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 10, 12);

let db: PulseDatabase;
let pulse: Pulse;
let otherPulse: Pulse;
/** Seat name → its token (what its link carries). */
let tokens: Map<string, string>;
let seats: Seat[];

/** A code as the widget makes it from a link: a personal link's token, no partner type. */
const seal = (target: Pulse, overrides: Partial<ResponsePayload> = {}) => sealSeatCode(target, NOW, overrides);

const sealFor = (name: string, overrides: Partial<ResponsePayload> = {}) =>
  seal(pulse, { token: tokens.get(name)!, ...overrides });

/** Everything stored in the pulse, response and seat stores, as text. */
async function stored(): Promise<string> {
  const [p, r, s] = await Promise.all([db.getAll('pulses'), db.getAll('responses'), db.getAll('seats')]);
  return JSON.stringify({ p, r, s });
}

const outcomes = async (text: string, now = NOW) =>
  (await collectCodes(db, text, { pulseId: pulse.id, now })).map((r) => r.outcome);

beforeEach(async () => {
  db = await freshDb('seat-codes');
  const start = (partnershipId: string) =>
    startedPulse(
      db,
      { partnershipId, invitedOrganisationIds: [FOOD_BANK, COUNCIL], expiresAt: NOW + 7 * DAY },
      NOW - DAY,
    );
  pulse = await start('p1');
  otherPulse = await start('p2');
  tokens = await seatPeople(db, pulse.id, [
    ['Priya Raman', FOOD_BANK, 'lead'],
    ['Tom Fairbairn', COUNCIL, 'core'],
    ['Ade Okoro', COUNCIL, 'core'],
  ]);
  seats = await listSeats(db, pulse.id);
});

describe('a personal-link pulse, from the attacker side', () => {
  it('refuses codes minted from the public key alone (no token), whatever they claim, and stores nothing', async () => {
    const before = await stored();
    const minted = await Promise.all([
      seal(pulse, { partnerType: 'wider' }),
      seal(pulse, { partnerType: 'lead', organisationId: FOOD_BANK }),
      seal(pulse, { partnerType: 'core', answeredAt: NOW - 1000 }),
    ]);
    expect(await outcomes(minted.join('\n'))).toEqual(['no-token', 'no-token', 'no-token']);
    expect(await stored()).toBe(before);
  });

  it('refuses a forged token (random 128 bits) as unknown-seat, and stores nothing', async () => {
    const before = await stored();
    const forged = await seal(pulse, { token: makeSeatToken() });
    expect(await outcomes(forged)).toEqual(['unknown-seat']);
    expect(await stored()).toBe(before);
  });

  it("refuses another pulse's seat token on this pulse", async () => {
    const elsewhere = await seatPeople(db, otherPulse.id, [['Sam Cole', FOOD_BANK, 'wider']]);
    const before = await stored();
    const code = await seal(pulse, { token: elsewhere.get('Sam Cole')! });
    expect(await outcomes(code)).toEqual(['unknown-seat']);
    expect(await stored()).toBe(before);
    // The same token on its own pulse is accepted.
    const own = await seal(otherPulse, { token: elsewhere.get('Sam Cole')! });
    expect((await collectCodes(db, own, { pulseId: otherPulse.id, now: NOW })).map((r) => r.outcome)).toEqual([
      'added',
    ]);
  });

  it("takes the partner type and organisation from the seat, never from the code's claim", async () => {
    const code = await sealFor('Tom Fairbairn', { partnerType: 'lead', organisationId: FOOD_BANK });
    expect(await outcomes(code)).toEqual(['added']);
    const [response] = await listResponses(db, pulse.id);
    const tom = seats.find((seat) => seat.name === 'Tom Fairbairn')!;
    expect(response).toMatchObject({ partnerType: 'core', organisationId: COUNCIL, verified: true, seatId: tom.id });
    const summary = (await readPulse(db, pulse.id))!.summary!;
    expect(summary.byPartnerType.core.responses).toBe(1);
    expect(summary.byPartnerType.lead.responses).toBe(0);
  });

  it('a resend from the same seat replaces the earlier answer: one answer per seat, counted once', async () => {
    const record = await db.get('pulses', pulse.id);
    const first = await sealFor('Priya Raman', { answers: { trust: 1 }, comment: 'First thoughts' });
    expect(await outcomes(first)).toEqual(['added']);
    const second = await sealFor('Priya Raman', { answers: { trust: 5 }, answeredAt: NOW + 60_000 });
    expect(await outcomes(second, NOW + 120_000)).toEqual(['replaced']);
    // Answers and totals are local only: the pulse record that travels, and its updatedAt, stay as they were.
    expect(await db.get('pulses', pulse.id)).toEqual(record);

    const live = await listResponses(db, pulse.id);
    expect(live).toHaveLength(1);
    expect(live[0]!.answers).toEqual({ trust: 5 });
    const summary = (await readPulse(db, pulse.id))!.summary!;
    expect(summary.responses).toBe(1);
    expect(summary.byPartnerType.lead.questions.trust).toEqual({ rated: 1, sum: 5, preferNotToSay: 0 });
    // The earlier answer is a tombstone that no longer holds what it said.
    const all = await db.getAll('responses');
    const gone = all.find((r) => r.deletedAt !== undefined)!;
    expect(gone.answers).toEqual({});
    expect(gone).not.toHaveProperty('comment');
    const priya = (await listSeats(db, pulse.id)).find((seat) => seat.name === 'Priya Raman')!;
    expect(priya.answeredBy).toBe(live[0]!.id);
    expect(await countAnsweredSeats(db, pulse.id)).toBe(1);
  });

  it('an older code pasted after a newer one changes nothing (out of order)', async () => {
    const older = await sealFor('Ade Okoro', { answers: { trust: 1 }, answeredAt: NOW });
    const newer = await sealFor('Ade Okoro', { answers: { trust: 4 }, answeredAt: NOW + 60_000 });
    expect(await outcomes(newer, NOW + 120_000)).toEqual(['added']);
    const before = await stored();
    expect(await outcomes(older, NOW + 120_000)).toEqual(['older-answer']);
    expect(await stored()).toBe(before);
  });

  it('two answers from one seat in one paste: only the later one is stored', async () => {
    const older = await sealFor('Ade Okoro', { answers: { trust: 1 }, answeredAt: NOW });
    const newer = await sealFor('Ade Okoro', { answers: { trust: 4 }, answeredAt: NOW + 60_000 });
    expect(await outcomes(`${newer}\n${older}`, NOW + 120_000)).toEqual(['added', 'older-answer']);
    const live = await listResponses(db, pulse.id);
    expect(live.map((r) => r.answers.trust)).toEqual([4]);
  });

  it('the same code twice is stored once; a replay after the close does not move released results', async () => {
    const code = await sealFor('Tom Fairbairn');
    expect(await outcomes(`${code} ${code}`)).toEqual(['added', 'already-added']);
    const resend = await sealFor('Tom Fairbairn', { answeredAt: NOW + 3 * DAY });
    const before = await stored();
    // Pasted after the close, though answered before it.
    expect(await outcomes(resend, NOW + 8 * DAY)).toEqual(['seat-closed']);
    expect(await stored()).toBe(before);
  });

  it("a seat's first answer arriving after the release waits in the late queue and moves no result", async () => {
    const inTime = await sealFor('Tom Fairbairn');
    expect(await outcomes(inTime)).toEqual(['added']);
    const summary = (await readPulse(db, pulse.id))!.summary;
    // Answered before the close, pasted a day after it: the results are out.
    const late = await sealFor('Ade Okoro', { answeredAt: NOW + 6 * DAY });
    expect(await outcomes(late, NOW + 8 * DAY)).toEqual(['held']);
    expect((await readPulse(db, pulse.id))!.summary).toEqual(summary);
    expect((await listResponses(db, pulse.id)).map((r) => r.answers.trust)).toEqual([4]);
    const held = (await listResponses(db, pulse.id, { held: true })).filter((r) => r.heldSince !== undefined);
    expect(held.map((r) => [r.partnerType, r.organisationId])).toEqual([['core', COUNCIL]]);
  });

  it('refused codes beside good ones change nothing; the good ones are still added', async () => {
    const codes = await Promise.all([
      seal(pulse, { partnerType: 'wider' }),
      sealFor('Priya Raman'),
      seal(pulse, { token: makeSeatToken() }),
      sealFor('Tom Fairbairn', { answers: { trust: 9 } }),
    ]);
    expect(await outcomes(codes.join('\n'))).toEqual(['no-token', 'added', 'unknown-seat', 'damaged']);
    const live = await listResponses(db, pulse.id);
    expect(live).toHaveLength(1);
    expect(live[0]!.partnerType).toBe('lead');
    expect(await countAnsweredSeats(db, pulse.id)).toBe(1);
  });

  it('previewCodes tells a resend and a refusal apart without storing anything', async () => {
    await collectCodes(db, await sealFor('Priya Raman'), { pulseId: pulse.id, now: NOW });
    const before = await stored();
    const text = [
      await sealFor('Priya Raman', { answeredAt: NOW + 60_000 }),
      await sealFor('Ade Okoro'),
      await seal(pulse, { partnerType: 'core' }),
    ].join('\n');
    const preview = await previewCodes(db, text, { now: NOW + 120_000 });
    expect(preview.map((r) => r.outcome)).toEqual(['replaced', 'added', 'no-token']);
    expect(await stored()).toBe(before);
  });

  it('the totals always equal a count of the stored answers: first answers counted in, a resend, refused ones', async () => {
    const countStored = async () =>
      summarise(
        pulse,
        (await listResponses(db, pulse.id)).filter((r) => r.deletedAt === undefined),
      );
    // Two first answers in one paste, beside a forged one: counted in.
    const firstPaste = await Promise.all([
      sealFor('Priya Raman', { answers: { trust: 2, equity: null } }),
      sealFor('Tom Fairbairn', { answers: { trust: 5 } }),
      seal(pulse, { token: makeSeatToken() }),
    ]);
    expect(await outcomes(firstPaste.join('\n'))).toEqual(['added', 'added', 'unknown-seat']);
    expect((await readPulse(db, pulse.id))!.summary).toEqual(await countStored());
    expect((await readPulse(db, pulse.id))!.summary!.responses).toBe(2);
    // A resend beside a first answer: the replaced answer leaves the totals.
    const secondPaste = await Promise.all([
      sealFor('Priya Raman', { answers: { trust: 4 }, answeredAt: NOW + 60_000 }),
      sealFor('Ade Okoro', { answers: { trust: 1, communication: 3 } }),
    ]);
    expect(await outcomes(secondPaste.join('\n'), NOW + 120_000)).toEqual(['replaced', 'added']);
    const summary = (await readPulse(db, pulse.id))!.summary!;
    expect(summary).toEqual(await countStored());
    expect(summary.responses).toBe(3);
    expect(summary.byPartnerType.lead.questions.trust).toEqual({ rated: 1, sum: 4, preferNotToSay: 0 });
  });

  it('stores nothing of a paste when the database refuses one write half-way (its request fails, nothing is thrown)', async () => {
    const codes = await Promise.all([sealFor('Priya Raman'), sealFor('Tom Fairbairn'), sealFor('Ade Okoro')]);
    const before = await stored();
    const put = IDBObjectStore.prototype.put;
    let seatPuts = 0;
    let firstHash = '';
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if (this.name !== 'seats') return put.call(this, value, key);
      seatPuts += 1;
      if (seatPuts === 1) firstHash = (value as Seat).tokenHash;
      // The second seat written back under the first one's token hash: the unique index refuses it.
      return put.call(this, seatPuts === 2 ? { ...(value as Seat), tokenHash: firstHash } : value, key);
    });
    await expect(collectCodes(db, codes.join('\n'), { pulseId: pulse.id, now: NOW })).rejects.toThrow();
    expect(seatPuts).toBe(3);
    spy.mockRestore();
    expect(await stored()).toBe(before);
    expect((await readPulse(db, pulse.id))!.summary).toBeUndefined();
  });

  it('a pulse without seats still takes codes without a token (a shared link)', async () => {
    const code = await seal(otherPulse, { partnerType: 'wider' });
    const reports = await collectCodes(db, code, { pulseId: otherPulse.id, now: NOW });
    expect(reports.map((r) => r.outcome)).toEqual(['added']);
  });
});

describe('storing seats', () => {
  it('keeps only what the lead needs: no two seats share a token, and a seat for no pulse is refused', async () => {
    expect(seats.map((seat) => seat.name).sort()).toEqual(['Ade Okoro', 'Priya Raman', 'Tom Fairbairn']);
    expect(new Set(seats.map((seat) => seat.tokenHash)).size).toBe(3);
    const before = await stored();
    const [copy] = await makeSeats([{ name: 'Copy', organisationId: FOOD_BANK, partnerType: 'lead' }]);
    await expect(addSeats(db, pulse.id, [copy!, { ...copy!, name: 'Same token' }])).rejects.toThrow();
    await expect(addSeats(db, 'no-such-pulse', [copy!])).rejects.toThrow();
    expect(await stored()).toBe(before);
  });
});
