import { describe, expect, it } from 'vitest';
import { decodeInvite, encodeInvite } from '../../../utils/pulse/invite';
import { generatePulseKeys } from '../../../utils/pulse/keys';
import { openResponseCode, sealResponse } from '../../../utils/pulse/response-code';
import { checkToken, hashToken, isSeatToken, makeSeatToken, type SeatTokenHash } from '../../../utils/pulse/seats';
import { NOW, DAY, PULSE_ID, QUESTION_IDS, sampleInvite, samplePayload } from './helpers';

async function seatsFor(tokens: string[]): Promise<SeatTokenHash[]> {
  return Promise.all(tokens.map(async (token, i) => ({ seatId: `seat-${i}`, tokenHash: await hashToken(token) })));
}

describe('seat tokens', () => {
  it('are 128 random bits, and the extension keeps only their hash', async () => {
    const tokens = Array.from({ length: 50 }, makeSeatToken);
    expect(new Set(tokens).size).toBe(50);
    for (const token of tokens) expect(isSeatToken(token)).toBe(true);
    const hash = await hashToken(tokens[0]!);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain(tokens[0]);
    expect(await hashToken(tokens[0]!)).toBe(hash);
    await expect(hashToken('not a token')).rejects.toThrow();
  });

  it('map a token to its seat, and say when that seat answered before (a resend, or the token reused)', async () => {
    const tokens = [makeSeatToken(), makeSeatToken()];
    const seats = await seatsFor(tokens);
    expect(await checkToken(seats, tokens[1])).toEqual({ ok: true, seatId: 'seat-1', tokenHash: seats[1]!.tokenHash });
    seats[1]!.answeredBy = 'response-1';
    const again = await checkToken(new Map(seats.map((s) => [s.tokenHash, s])), tokens[1]);
    expect(again).toMatchObject({ ok: true, seatId: 'seat-1', previous: 'response-1' });
  });

  it('refuse a code minted from the link alone (no token) and one with a token nobody was given', async () => {
    const seats = await seatsFor([makeSeatToken()]);
    expect(await checkToken(seats, undefined)).toEqual({ ok: false, error: 'no-token' });
    expect(await checkToken(seats, makeSeatToken())).toEqual({ ok: false, error: 'unknown-token' });
    expect(await checkToken(seats, 'A'.repeat(22))).toEqual({ ok: false, error: 'unknown-token' });
    expect(await checkToken(seats, 'short')).toEqual({ ok: false, error: 'unknown-token' });
    expect(await checkToken(seats, seats[0]!.tokenHash)).toEqual({ ok: false, error: 'unknown-token' });
  });

  it('end to end: a forged seat label changes nothing, and a minted code is told apart', async () => {
    const keys = await generatePulseKeys();
    const token = makeSeatToken();
    const seats = await seatsFor([token]);
    const link = encodeInvite(await sampleInvite({ publicKey: keys.publicKeyJwk, seat: { token, label: 'Council' } }));
    // An attacker relabels the link ("Lead partner") and answers through it.
    const decoded = decodeInvite(link);
    if (!decoded.ok || !decoded.invite.seat) throw new Error('the link did not decode');
    const forgedLink = decodeInvite(
      encodeInvite({ ...decoded.invite, seat: { ...decoded.invite.seat, label: 'Lead partner' } }),
    );
    if (!forgedLink.ok) throw new Error('the forged link did not decode');
    const pulse = { id: PULSE_ID, privateKey: keys.privateKey, expiresAt: NOW + DAY, questionIds: QUESTION_IDS };
    const { partnerType, ...answer } = samplePayload({ token: forgedLink.invite.seat!.token });
    void partnerType;
    const opened = await openResponseCode(await sealResponse(keys.publicKeyJwk, answer, QUESTION_IDS), pulse, NOW);
    expect(opened.ok && (await checkToken(seats, opened.payload.token))).toMatchObject({ ok: true, seatId: 'seat-0' });
    // With the public key alone: a valid code, but no seat.
    const minted = await openResponseCode(
      await sealResponse(keys.publicKeyJwk, samplePayload(), QUESTION_IDS),
      pulse,
      NOW,
    );
    expect(minted.ok).toBe(true);
    expect(minted.ok && (await checkToken(seats, minted.payload.token))).toEqual({ ok: false, error: 'no-token' });
  });
});
