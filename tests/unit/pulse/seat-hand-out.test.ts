import { beforeEach, describe, expect, it } from 'vitest';
import type { Pulse } from '../../../utils/db/records';
import { listResponses } from '../../../utils/db/responses';
import type { PulseDatabase } from '../../../utils/db/schema';
import { handOutSeats, listSeats, SeatChangeError, withdrawSeat } from '../../../utils/db/seats';
import { collectCodes } from '../../../utils/pulse/collect';
import type { ResponsePayload } from '../../../utils/pulse/response-code';
import { hashToken, isSeatToken, makeSeatToken } from '../../../utils/pulse/seats';
import { freshDb } from '../db/helpers';
import { COUNCIL, FOOD_BANK, sealSeatCode, seatedPulse } from './helpers';

// Issue 12: "the extension keeps only a hash of each token". Tried as someone who can read the
// lead's profile would: once a link is handed out, nothing stored makes a code in the person's name.

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 10, 12);

let db: PulseDatabase;
let pulse: Pulse;
let tokens: Map<string, string>;

const seal = (overrides: Partial<ResponsePayload> = {}, at = NOW) => sealSeatCode(pulse, at, overrides);
const outcomes = async (text: string, now = NOW) =>
  (await collectCodes(db, text, { pulseId: pulse.id, now })).map((r) => r.outcome);
const seatOf = async (name: string) => (await listSeats(db, pulse.id)).find((s) => s.name === name)!;

/** Every store, as anyone reading the profile would. */
async function everything(): Promise<string> {
  const stores = [...db.objectStoreNames];
  return JSON.stringify(await Promise.all(stores.map((store) => db.getAll(store))));
}

/**
 * Every seat-token-shaped value anywhere in the database: a whole run of 22 base64url characters
 * (the first 22 of a longer one, a hash or a key, would pass as a token one time in 16).
 */
async function storedTokens(): Promise<string[]> {
  return ((await everything()).match(/(?<![\w-])[\w-]{22}(?![\w-])/g) ?? []).filter(isSeatToken);
}

beforeEach(async () => {
  db = await freshDb('seat-hand-out');
  ({ pulse, tokens } = await seatedPulse(
    db,
    [
      ['Priya Raman', FOOD_BANK, 'lead'],
      ['Tom Fairbairn', COUNCIL, 'core'],
    ],
    NOW + 7 * DAY,
    NOW - DAY,
  ));
});

describe('handing out a seat link', () => {
  it('keeps no token once every link is handed out: reading every store gives nothing to answer with', async () => {
    // Before the hand-out the lead can still copy the link: the token is there.
    expect(await storedTokens()).toEqual(expect.arrayContaining([...tokens.values()]));
    const seats = await listSeats(db, pulse.id);
    await handOutSeats(
      db,
      pulse.id,
      seats.map((seat) => ({ seatId: seat.id, tokenHash: seat.tokenHash })),
      NOW,
    );
    const dump = await everything();
    for (const token of tokens.values()) expect(dump).not.toContain(token);
    expect(await storedTokens()).toEqual([]);
    for (const seat of await listSeats(db, pulse.id)) {
      expect(seat.token).toBeUndefined();
      expect(seat.handedOutAt).toBe(NOW);
    }
    // The links handed out still work: the hash finds the seat.
    expect(await outcomes(await seal({ token: tokens.get('Tom Fairbairn')! }))).toEqual(['added']);
  });

  it("refuses a replaced link's code with its own message and stores nothing; the earlier answer stays", async () => {
    const tom = await seatOf('Tom Fairbairn');
    await handOutSeats(db, pulse.id, [{ seatId: tom.id, tokenHash: tom.tokenHash }], NOW);
    // Tom answers from the first link, then the lead hands his link out again.
    expect(await outcomes(await seal({ token: tokens.get('Tom Fairbairn')!, answers: { trust: 1 } }))).toEqual([
      'added',
    ]);
    const newToken = makeSeatToken();
    await handOutSeats(db, pulse.id, [{ seatId: tom.id, tokenHash: await hashToken(newToken) }], NOW + 1000);
    expect(await storedTokens()).not.toContain(newToken);
    expect(await storedTokens()).not.toContain(tokens.get('Tom Fairbairn'));

    const before = await everything();
    const late = await seal({ token: tokens.get('Tom Fairbairn')!, answers: { trust: 2 } }, NOW + 60_000);
    expect(await outcomes(late, NOW + 60_000)).toEqual(['replaced-link']);
    expect(await everything()).toBe(before);
    // The answer given from the earlier link is still the seat's.
    expect((await listResponses(db, pulse.id)).map((r) => r.answers['trust'])).toEqual([1]);
    expect((await seatOf('Tom Fairbairn')).answeredBy).toBeDefined();

    // The new link answers as a resend does: it replaces the earlier answer.
    const resend = await seal({ token: newToken, answers: { trust: 5 } }, NOW + 120_000);
    expect(await outcomes(resend, NOW + 120_000)).toEqual(['replaced']);
    expect((await listResponses(db, pulse.id)).map((r) => r.answers['trust'])).toEqual([5]);
  });

  it('refuses every link of a seat withdrawn after its link was replaced as withdrawn, not as a forgery; stores nothing', async () => {
    const tom = await seatOf('Tom Fairbairn');
    await handOutSeats(db, pulse.id, [{ seatId: tom.id, tokenHash: tom.tokenHash }], NOW);
    const newToken = makeSeatToken();
    await handOutSeats(db, pulse.id, [{ seatId: tom.id, tokenHash: await hashToken(newToken) }], NOW + 1000);
    const handedOut = (await db.get('seats', tom.id))!;
    await withdrawSeat(db, pulse.id, tom.id, NOW + 2000);

    const before = await everything();
    const fromFirst = await seal({ token: tokens.get('Tom Fairbairn')! }, NOW + 60_000);
    const fromSecond = await seal({ token: newToken }, NOW + 60_000);
    expect(await outcomes(`${fromFirst}\n${fromSecond}`, NOW + 60_000)).toEqual(['withdrawn-seat', 'withdrawn-seat']);
    expect(await everything()).toBe(before);

    // The tombstone keeps the links' hashes only: no token, nothing about the person.
    expect(await db.get('seats', tom.id)).toEqual({
      id: tom.id,
      pulseId: pulse.id,
      tokenHash: await hashToken(newToken),
      replacedTokenHashes: [tom.tokenHash],
      createdAt: tom.createdAt,
      updatedAt: Math.max(NOW + 2000, handedOut.updatedAt + 1),
      deletedAt: NOW + 2000,
    });
    expect(before).not.toContain(tokens.get('Tom Fairbairn'));
    expect(before).not.toContain(newToken);
    expect(before).not.toContain('Tom Fairbairn');
  });

  it('still refuses a token nobody was given as a forgery, not as a replaced link', async () => {
    const tom = await seatOf('Tom Fairbairn');
    await handOutSeats(db, pulse.id, [{ seatId: tom.id, tokenHash: await hashToken(makeSeatToken()) }], NOW);
    expect(await outcomes(await seal({ token: makeSeatToken() }))).toEqual(['unknown-seat']);
  });

  it("refuses a hand-out for a withdrawn seat or another pulse's seat, storing nothing", async () => {
    const priya = await seatOf('Priya Raman');
    await withdrawSeat(db, pulse.id, priya.id, NOW);
    const before = await everything();
    await expect(
      handOutSeats(db, pulse.id, [{ seatId: priya.id, tokenHash: priya.tokenHash }], NOW),
    ).rejects.toBeInstanceOf(SeatChangeError);
    const tom = await seatOf('Tom Fairbairn');
    await expect(
      handOutSeats(db, 'another-pulse', [{ seatId: tom.id, tokenHash: tom.tokenHash }], NOW),
    ).rejects.toThrow();
    expect(await everything()).toBe(before);
  });
});
