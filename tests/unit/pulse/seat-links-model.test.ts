import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closePulse } from '../../../utils/db/pulses';
import type { Pulse, Seat } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { listSeats, withdrawSeat } from '../../../utils/db/seats';
import { collectCodes } from '../../../utils/pulse/collect';
import { SeatLinksModel } from '../../../utils/pulse/seat-links-model';
import { hashToken, isSeatToken } from '../../../utils/pulse/seats';
import { freshDb } from '../db/helpers';
import { COUNCIL, FOOD_BANK, sealSeatCode, seatedPulse } from './helpers';

// The seat links' model against a real database: which token each link carries, that a new one
// is never stored (only its hash, once handed out), and what the panel says after each action.

const DAY = 24 * 60 * 60 * 1000;
const until = (check: () => Promise<void> | void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });

let db: PulseDatabase;
let pulse: Pulse;
let tokens: Map<string, string>;
let clipboard: string[];
let model: SeatLinksModel;

/** Every store, as anyone reading the profile would. */
async function everything(): Promise<string> {
  return JSON.stringify(await Promise.all([...db.objectStoreNames].map((store) => db.getAll(store))));
}

const seatOf = async (name: string): Promise<Seat> => (await listSeats(db, pulse.id)).find((s) => s.name === name)!;
/** The seats as the panel lists them now (its live read, handed to the model). */
const listed = async () => model.setSeats(await listSeats(db, pulse.id));
/** The token the model gives a seat's link once it has one other than `not`. */
async function newTokenOf(seat: Seat, not: string): Promise<string> {
  await until(() => expect(model.tokens.value.get(seat.id)?.token ?? not).not.toBe(not));
  return model.tokens.value.get(seat.id)!.token;
}

beforeEach(async () => {
  db = await freshDb('seat-links-model');
  ({ pulse, tokens } = await seatedPulse(
    db,
    [
      ['Priya Raman', FOOD_BANK, 'lead'],
      ['Tom Fairbairn', COUNCIL, 'core'],
      ['Ade Okoro', COUNCIL, 'core'],
    ],
    Date.now() + 7 * DAY,
  ));
  clipboard = [];
  vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text) => void clipboard.push(text));
  model = new SeatLinksModel(db, pulse.id, await listSeats(db, pulse.id));
});

afterEach(() => {
  model[Symbol.dispose]();
  vi.restoreAllMocks();
});

describe('the seat links’ model', { timeout: 30_000 }, () => {
  it('gives a seat’s stored link until it is handed out, then a new one held in memory only', async () => {
    const priya = await seatOf('Priya Raman');
    expect(model.tokens.value.get(priya.id)).toEqual({
      seatId: priya.id,
      token: tokens.get('Priya Raman'),
      tokenHash: priya.tokenHash,
    });
    expect(model.ready.value).toBe(true);
    expect(model.anyHandedOut.value).toBe(false);
    // Nothing listed (yet): nothing to copy.
    using empty = new SeatLinksModel(db, pulse.id, []);
    expect(empty.ready.value).toBe(false);

    await model.copy([priya], 'the link');
    expect(clipboard).toEqual(['the link']);
    expect(model.status.value).toEqual({ key: 'linkCopied', name: 'Priya Raman' });
    const handedOut = await seatOf('Priya Raman');
    expect(handedOut.token).toBeUndefined();
    expect(handedOut.handedOutAt).toBeDefined();
    expect(handedOut.tokenHash).toBe(priya.tokenHash);

    // Listed again without its token: a new link, whose token is stored nowhere.
    await listed();
    expect(model.anyHandedOut.value).toBe(true);
    const second = await newTokenOf(priya, tokens.get('Priya Raman')!);
    expect(isSeatToken(second)).toBe(true);
    expect(model.tokens.value.get(priya.id)!.tokenHash).toBe(await hashToken(second));
    expect(model.ready.value).toBe(true);
    expect(await everything()).not.toContain(second);

    // Handing it out replaces the earlier link: only its hash is stored, and the next is another.
    await model.copy([await seatOf('Priya Raman')], 'the new link');
    expect(model.status.value).toEqual({ key: 'seatLinkReplaced', name: 'Priya Raman' });
    const replaced = await seatOf('Priya Raman');
    expect(replaced.tokenHash).toBe(await hashToken(second));
    expect(replaced.replacedTokenHashes).toEqual([priya.tokenHash]);
    await listed();
    const third = await newTokenOf(priya, second);
    const dump = await everything();
    for (const token of [tokens.get('Priya Raman')!, second, third]) expect(dump).not.toContain(token);
  });

  it('records a link handed out without the clipboard (copied from its field, opened in a mail)', async () => {
    const tom = await seatOf('Tom Fairbairn');
    await model.handOut([tom]);
    expect(clipboard).toEqual([]);
    expect(model.status.value).toEqual({ key: 'linkCopied', name: 'Tom Fairbairn' });
    expect((await seatOf('Tom Fairbairn')).token).toBeUndefined();
  });

  it('copies all: said as copied while none was handed out, as replaced once one was', async () => {
    await model.copy(await listSeats(db, pulse.id), 'all the lines', true);
    expect(model.status.value).toEqual({ key: 'seatLinksCopied' });
    for (const seat of await listSeats(db, pulse.id)) expect(seat.token).toBeUndefined();

    await listed();
    await until(() => expect(model.ready.value).toBe(true));
    const given = model.tokens.value;
    await model.copy(await listSeats(db, pulse.id), 'all the lines again', true);
    expect(model.status.value).toEqual({ key: 'seatLinksReplaced' });
    for (const seat of await listSeats(db, pulse.id)) expect(seat.tokenHash).toBe(given.get(seat.id)!.tokenHash);
  });

  it('says a failed copy and stores nothing: the link keeps its token to copy again', async () => {
    vi.mocked(navigator.clipboard.writeText).mockRejectedValue(new Error('denied'));
    const before = await everything();
    await model.copy([await seatOf('Ade Okoro')], 'the link');
    expect(model.status.value).toEqual({ key: 'copyFailed' });
    expect(await everything()).toBe(before);
    expect(model.tokens.value.get((await seatOf('Ade Okoro')).id)?.token).toBe(tokens.get('Ade Okoro'));
  });

  it('says a seat was withdrawn meanwhile (in another tab), alone or among all, and stores nothing', async () => {
    const stale = await listSeats(db, pulse.id);
    const tom = stale.find((s) => s.name === 'Tom Fairbairn')!;
    await withdrawSeat(db, pulse.id, tom.id);
    const before = await everything();
    await model.copy([tom], 'the link');
    expect(model.status.value).toEqual({ key: 'seatHandOutWithdrawn', name: 'Tom Fairbairn' });
    await model.copy(stale, 'all the lines', true);
    expect(model.status.value).toEqual({ key: 'seatsHandOutWithdrawn' });
    expect(await everything()).toBe(before);
  });

  it('withdraws an unused seat once asked to confirm, and says why not for the last seat, one that answered, or a closed pulse', async () => {
    const [priya, tom, ade] = await Promise.all(['Priya Raman', 'Tom Fairbairn', 'Ade Okoro'].map(seatOf));
    model.confirmWithdraw(ade!.id);
    expect(model.confirming.value).toBe(ade!.id);
    model.confirmWithdraw(null);
    expect(model.confirming.value).toBe(null);

    model.confirmWithdraw(ade!.id);
    await model.withdraw(ade!);
    expect(model.status.value).toEqual({ key: 'seatWithdrawn', name: 'Ade Okoro' });
    expect(model.confirming.value).toBe(null);
    await model.withdraw(tom!);
    expect(model.status.value).toEqual({ key: 'seatWithdrawn', name: 'Tom Fairbairn' });
    expect((await listSeats(db, pulse.id)).map((s) => s.name)).toEqual(['Priya Raman']);

    const refused = async (key: string) => {
      const before = await everything();
      model.confirmWithdraw(priya!.id);
      await model.withdraw(priya!);
      expect(model.status.value).toEqual({ key, name: 'Priya Raman' });
      expect(model.confirming.value).toBe(null);
      expect(await everything()).toBe(before);
    };
    await refused('seatWithdrawLast');
    const code = await sealSeatCode(pulse, Date.now(), { token: tokens.get('Priya Raman')! });
    expect((await collectCodes(db, code, { pulseId: pulse.id })).map((r) => r.outcome)).toEqual(['added']);
    await refused('seatWithdrawAnswered');
    await closePulse(db, pulse.id);
    await refused('seatChangeClosed');
  });

  it('makes no new token after it is disposed', async () => {
    const ade = await seatOf('Ade Okoro');
    await model.handOut([ade]);
    const disposed = new SeatLinksModel(db, pulse.id, await listSeats(db, pulse.id));
    disposed[Symbol.dispose]();
    // The same work the model started, done by now (and the live model's, for the same seat).
    await hashToken(tokens.get('Ade Okoro')!);
    await listed();
    await newTokenOf(ade, tokens.get('Ade Okoro')!);
    expect(disposed.tokens.value.has(ade.id)).toBe(false);
  });
});
