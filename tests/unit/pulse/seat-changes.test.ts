import { beforeEach, describe, expect, it } from 'vitest';
import { createPulse } from '../../../utils/db/pulses';
import type { Pulse } from '../../../utils/db/records';
import { listResponses } from '../../../utils/db/responses';
import type { PulseDatabase } from '../../../utils/db/schema';
import { addSeats, inviteSeats, listSeats, SeatChangeError, withdrawSeat } from '../../../utils/db/seats';
import { collectCodes } from '../../../utils/pulse/collect';
import { generatePulseKeys } from '../../../utils/pulse/keys';
import type { ResponsePayload } from '../../../utils/pulse/response-code';
import { canWithdraw, newSeatError, newSeatOf, seatOrganisations } from '../../../utils/pulse/seat-changes';
import { sharedLinkCap } from '../../../utils/pulse/shared-link';
import { membership, organisation, person, seat as seatRecord } from '../../factories';
import { freshDb, readPulse } from '../db/helpers';
import { COUNCIL, FOOD_BANK, sealSeatCode, seatedPulse, seatsFor } from './helpers';

// Changing who is invited after a pulse has started, tried as an attacker would: a withdrawn
// link, a withdrawal that would erase an answer, changes after the close, a partner type typed
// by hand.

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 10, 12);
const YOUTH_CLUB = '9e8d7c6b-3333-4222-8333-444455556666';

let db: PulseDatabase;
let pulse: Pulse;
let tokens: Map<string, string>;

const seal = (overrides: Partial<ResponsePayload> = {}) => sealSeatCode(pulse, NOW, overrides);

const outcomes = async (text: string, now = NOW) =>
  (await collectCodes(db, text, { pulseId: pulse.id, now })).map((r) => r.outcome);

async function stored(): Promise<string> {
  const [p, r, s] = await Promise.all([db.getAll('pulses'), db.getAll('responses'), db.getAll('seats')]);
  return JSON.stringify({ p, r, s });
}

const seatId = async (name: string) => (await listSeats(db, pulse.id)).find((s) => s.name === name)!.id;

beforeEach(async () => {
  db = await freshDb('seat-changes');
  ({ pulse, tokens } = await seatedPulse(
    db,
    [
      ['Priya Raman', FOOD_BANK, 'lead'],
      ['Tom Fairbairn', COUNCIL, 'core'],
      ['Ade Okoro', COUNCIL, 'core'],
    ],
    NOW + 7 * DAY,
    NOW - DAY,
  ));
});

describe('withdrawing a seat after the start, from the attacker side', () => {
  it("refuses a withdrawn seat's code with its own message, and stores nothing", async () => {
    await withdrawSeat(db, pulse.id, await seatId('Ade Okoro'), NOW);
    const before = await stored();
    expect(await outcomes(await seal({ token: tokens.get('Ade Okoro')! }))).toEqual(['withdrawn-seat']);
    expect(await stored()).toBe(before);
    // The other seats still answer.
    expect(await outcomes(await seal({ token: tokens.get('Tom Fairbairn')! }))).toEqual(['added']);
  });

  it("keeps nothing of a withdrawn seat but its token's hash: no usable token, no name, organisation or partner type", async () => {
    const id = await seatId('Ade Okoro');
    const live = (await db.get('seats', id))!;
    const token = tokens.get('Ade Okoro')!;
    const returned = await withdrawSeat(db, pulse.id, id, NOW + 1000);
    const kept = await db.get('seats', id);
    expect(kept).toEqual(returned);
    expect(kept).toEqual({
      id,
      pulseId: pulse.id,
      tokenHash: live.tokenHash,
      createdAt: live.createdAt,
      updatedAt: Math.max(NOW + 1000, live.updatedAt + 1),
      deletedAt: NOW + 1000,
    });
    // Nowhere in the store: not the token (a usable link), nor the person.
    const everything = JSON.stringify(await db.getAll('seats'));
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('Ade Okoro');
    // The hash alone still tells the link's code apart from a forgery.
    expect(await outcomes(await seal({ token }))).toEqual(['withdrawn-seat']);
    expect(
      await outcomes(await seal({ token: tokens.get('Priya Raman')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })),
    ).toEqual(['unknown-seat']);
    // Gone from the lead's lists, and the same name can be invited again with a new link.
    expect((await listSeats(db, pulse.id)).map((s) => s.name).sort()).toEqual(['Priya Raman', 'Tom Fairbairn']);
    const [again] = await inviteSeats(db, pulse.id, await seatsFor([['Ade Okoro', COUNCIL, 'core']]), NOW + 2000);
    expect(again!.token).not.toBe(token);
    expect(await outcomes(await seal({ token: again!.token }))).toEqual(['added']);
    expect(await outcomes(await seal({ token }))).toEqual(['withdrawn-seat']);
  });

  it('never withdraws a seat that answered: its answer stays, and nothing changes', async () => {
    expect(await outcomes(await seal({ token: tokens.get('Tom Fairbairn')! }))).toEqual(['added']);
    const before = await stored();
    const error = await withdrawSeat(db, pulse.id, await seatId('Tom Fairbairn'), NOW + 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeatChangeError);
    expect((error as SeatChangeError).reason).toBe('answered');
    expect(await stored()).toBe(before);
    expect((await listResponses(db, pulse.id)).map((r) => r.organisationId)).toEqual([COUNCIL]);
  });

  it('refuses changes once the pulse has closed', async () => {
    const before = await stored();
    await expect(withdrawSeat(db, pulse.id, await seatId('Ade Okoro'), NOW + 7 * DAY)).rejects.toMatchObject({
      reason: 'closed',
    });
    const more = await seatsFor([['Sam Cole', COUNCIL, 'core']]);
    await expect(inviteSeats(db, pulse.id, more, NOW + 8 * DAY)).rejects.toMatchObject({ reason: 'closed' });
    expect(await stored()).toBe(before);
  });

  it("refuses another pulse's seat, and the last live seat (a personal-link pulse never starts taking minted codes)", async () => {
    const other = await createPulse(db, { ...pulse, partnershipId: 'p2' }, generatePulseKeys);
    const [theirs] = await addSeats(db, other.id, await seatsFor([['Sam Cole', COUNCIL, 'core']]));
    const before = await stored();
    await expect(withdrawSeat(db, pulse.id, theirs!.id, NOW)).rejects.toMatchObject({ reason: 'unknown-seat' });
    await expect(withdrawSeat(db, other.id, theirs!.id, NOW)).rejects.toMatchObject({ reason: 'last-seat' });
    expect(await stored()).toBe(before);

    await withdrawSeat(db, pulse.id, await seatId('Ade Okoro'), NOW);
    await withdrawSeat(db, pulse.id, await seatId('Tom Fairbairn'), NOW);
    await expect(withdrawSeat(db, pulse.id, await seatId('Priya Raman'), NOW)).rejects.toMatchObject({
      reason: 'last-seat',
    });
    expect(await outcomes(await seal({ partnerType: 'core' }))).toEqual(['no-token']);
  });

  it('a withdrawn seat leaves the shared-link cap', async () => {
    const capOf = async () => sharedLinkCap(pulse, new Map(), await listSeats(db, pulse.id));
    expect(await capOf()).toEqual({ lead: 1, core: 2, wider: 0 });
    await withdrawSeat(db, pulse.id, await seatId('Ade Okoro'), NOW);
    expect(await capOf()).toEqual({ lead: 1, core: 1, wider: 0 });
  });
});

describe('adding a seat after the start', () => {
  it("takes a new organisation's seat, invites the organisation, and its code counts with the seat's partner type", async () => {
    const [added] = await inviteSeats(db, pulse.id, await seatsFor([['Jo Hart', YOUTH_CLUB, 'wider']]), NOW);
    expect((await readPulse(db, pulse.id))!.invitedOrganisationIds).toEqual([FOOD_BANK, COUNCIL, YOUTH_CLUB]);
    expect(sharedLinkCap(pulse, new Map(), await listSeats(db, pulse.id))).toEqual({ lead: 1, core: 2, wider: 1 });
    const code = await seal({ token: added!.token, partnerType: 'lead', organisationId: FOOD_BANK });
    expect(await outcomes(code)).toEqual(['added']);
    const [response] = await listResponses(db, pulse.id);
    expect(response).toMatchObject({ partnerType: 'wider', organisationId: YOUTH_CLUB, verified: true });
  });

  it('refuses a second seat of the same name at an organisation, storing nothing', async () => {
    const before = await stored();
    await expect(
      inviteSeats(db, pulse.id, await seatsFor([[' tom fairbairn ', COUNCIL, 'core']]), NOW),
    ).rejects.toMatchObject({ reason: 'duplicate' });
    await expect(inviteSeats(db, 'no-such-pulse', await seatsFor([['X', COUNCIL, 'core']]), NOW)).rejects.toThrow();
    expect(await stored()).toBe(before);
  });
});

describe('the form rules', () => {
  const organisations = [
    organisation({ id: FOOD_BANK, name: 'Food bank' }),
    organisation({ id: COUNCIL, name: 'Council' }),
    organisation({ id: YOUTH_CLUB, name: 'Youth club' }),
    organisation({ id: 'not-a-member', name: 'Stranger' }),
  ];
  const memberships = [
    membership({ partnershipId: 'p1', organisationId: FOOD_BANK, partnerType: 'lead' }),
    membership({ partnershipId: 'p1', organisationId: COUNCIL, partnerType: 'core' }),
    membership({ partnershipId: 'p1', organisationId: YOUTH_CLUB, partnerType: 'wider' }),
  ];
  const seats = [
    seatRecord({ id: 's1', pulseId: 'x', name: 'Tom Fairbairn', organisationId: COUNCIL, partnerType: 'core' }),
    seatRecord({ id: 's2', pulseId: 'x', name: 'Ade Okoro', organisationId: COUNCIL, partnerType: 'core' }),
  ];
  const people = [
    person({ id: 'a', organisationId: COUNCIL, displayNames: ['Tom Fairbairn'] }),
    person({ id: 'b', organisationId: COUNCIL, displayNames: ['Bea Lund'] }),
  ];
  const choices = seatOrganisations({
    partnershipId: 'p1',
    invited: [COUNCIL],
    organisations,
    memberships,
    people,
    seats,
  });

  it('offers members only, invited first, each with its partner type from the records; suggests people without a seat', () => {
    expect(choices.map((o) => [o.name, o.partnerType, o.invited])).toEqual([
      ['Council', 'core', true],
      ['Food bank', 'lead', false],
      ['Youth club', 'wider', false],
    ]);
    expect(choices[0]!.suggestions).toEqual(['Bea Lund']);
  });

  it('says what is wrong, and takes the partner type from the records, never from the form', () => {
    expect(newSeatError(choices, seats, { organisationId: COUNCIL, name: '  ' })).toBe('required');
    expect(newSeatError(choices, seats, { organisationId: COUNCIL, name: 'x'.repeat(201) })).toBe('tooLong');
    expect(newSeatError(choices, seats, { organisationId: 'not-a-member', name: 'Eve' })).toBe('organisation');
    expect(newSeatError(choices, seats, { organisationId: COUNCIL, name: 'ADE OKORO' })).toBe('duplicate');
    expect(newSeatOf(choices, seats, { organisationId: YOUTH_CLUB, name: ' Jo Hart ' })).toEqual({
      name: 'Jo Hart',
      organisationId: YOUTH_CLUB,
      partnerType: 'wider',
    });
    const forged = { organisationId: YOUTH_CLUB, name: 'Jo', partnerType: 'lead' } as never;
    expect(newSeatOf(choices, seats, forged)?.partnerType).toBe('wider');
  });

  it('offers to withdraw only an unused live seat while the pulse is open, never the last one', () => {
    const answered = { ...seats[0]!, answeredBy: 'r1' };
    expect(canWithdraw(seats[1]!, [answered, seats[1]!], true)).toBe(true);
    expect(canWithdraw(answered, [answered, seats[1]!], true)).toBe(false);
    expect(canWithdraw(seats[1]!, [answered, seats[1]!], false)).toBe(false);
    expect(canWithdraw(seats[1]!, [seats[1]!], true)).toBe(false);
  });
});
