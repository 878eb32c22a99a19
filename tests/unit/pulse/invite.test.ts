import { describe, expect, it } from 'vitest';
import { encodeBase64url, utf8 } from '../../../utils/pulse/base64url';
import { decodeInvite, encodeInvite, inviteUrl, isInviteExpired, type PulseInvite } from '../../../utils/pulse/invite';
import { generatePulseKeys } from '../../../utils/pulse/keys';
import { inviteForPulse } from '../../../utils/pulse/pulse-invite';
import { buildQuestions } from '../../../utils/pulse/questions';
import { DEFAULT_STATEMENTS } from '../../../utils/pulse/default-statements';
import { makeSeatToken } from '../../../utils/pulse/seats';
import { decodeBase64url } from '../../../utils/pulse/base64url';
import { sampleInvite } from './helpers';

/** A version 1 (JSON) fragment, as links made before the compact format. */
const fragmentOf = (value: unknown) => encodeBase64url(utf8(JSON.stringify(value)));
const version1 = async (overrides: Record<string, unknown> = {}) => ({
  ...(await sampleInvite()),
  v: 1,
  organisations: [{ id: 'o1', name: 'Age UK Northside' }],
  ...overrides,
});

describe('encodeInvite / decodeInvite', () => {
  it('round-trips an invite through a URL-safe fragment', async () => {
    const invite = await sampleInvite();
    const fragment = encodeInvite(invite);
    expect(fragment).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeInvite(fragment)).toEqual({ ok: true, invite });
    expect(decodeInvite(`#${fragment}`)).toEqual({ ok: true, invite });
  });

  it('keeps any text in names and wordings exactly, including markup and quotes', async () => {
    const hostile = '</script><img src=x onerror=alert(1)> "Ünïcødé" — 🤝 \u2028';
    const invite = await sampleInvite({ partnershipName: hostile, seat: { token: makeSeatToken(), label: hostile } });
    const decoded = decodeInvite(encodeInvite(invite));
    expect(decoded.ok && decoded.invite.partnershipName).toBe(hostile);
    expect(decoded.ok && decoded.invite.seat?.label).toBe(hostile);
  });

  it('writes only the public part of the key and only the contract fields', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
    const invite = { ...(await sampleInvite()), publicKey: privateJwk, secret: 'not for partners' } as PulseInvite;
    const fragment = encodeInvite(invite);
    const bytes = decodeBase64url(fragment)!;
    const secret = decodeBase64url(privateJwk.d!)!;
    const text = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    expect(text).not.toContain(Array.from(secret.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(''));
    expect(new TextDecoder().decode(bytes)).not.toContain('secret');
    const decoded = decodeInvite(fragment);
    expect(decoded.ok && decoded.invite.publicKey).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: privateJwk.x,
      y: privateJwk.y,
    });
  });

  it("says 'missing' for an empty fragment", () => {
    expect(decodeInvite('')).toEqual({ ok: false, error: 'missing' });
    expect(decodeInvite('#')).toEqual({ ok: false, error: 'missing' });
    expect(decodeInvite('  ')).toEqual({ ok: false, error: 'missing' });
  });

  it("says 'damaged' for text that is not an invite", async () => {
    const good = await version1();
    const fragment = encodeInvite(await sampleInvite());
    const bytes = decodeBase64url(fragment)!;
    const withFlags = bytes.slice();
    withFlags[1] = 0x80;
    const damaged = [
      'not base64url!',
      fragment.slice(0, -5),
      `${fragment}AA`,
      encodeBase64url(withFlags),
      fragmentOf('just a string'),
      fragmentOf(null),
      fragmentOf([1, 2]),
      fragmentOf({ ...good, pulseId: '' }),
      fragmentOf({ ...good, questions: [] }),
      fragmentOf({ ...good, questions: [{ id: 'q', wording: 'W', scale: 'stars' }] }),
      fragmentOf({ ...good, questions: [{ id: 'q', wording: 'W', scale: 'agree5', dimension: 'vibes' }] }),
      fragmentOf({ ...good, questions: [good.questions[0], good.questions[0]] }),
      fragmentOf({ ...good, organisations: [{ id: 'o' }] }),
      fragmentOf({ ...good, expiresAt: 'tomorrow' }),
      fragmentOf({ ...good, publicKey: { ...good.publicKey, crv: 'P-384' } }),
      fragmentOf({ ...good, publicKey: { ...good.publicKey, d: good.publicKey.x } }),
      fragmentOf({ ...good, v: undefined }),
    ];
    for (const text of damaged) expect(decodeInvite(text), text).toEqual({ ok: false, error: 'damaged' });
  });

  it('refuses a key that is not a point on the curve', async () => {
    const bytes = decodeBase64url(encodeInvite(await sampleInvite()))!;
    // version, flags, 17 bytes of pulse id, then expiresAt as a 6-byte varint: the key follows.
    const keyAt = 2 + 17 + 6;
    expect([2, 3]).toContain(bytes[keyAt]);
    let refused = 0;
    for (let i = 0; i < 16; i += 1) {
      const changed = bytes.slice();
      changed[keyAt + 1 + i] = changed[keyAt + 1 + i]! ^ 1;
      const decoded = decodeInvite(encodeBase64url(changed));
      if (!decoded.ok) refused += 1;
      // A changed x that happens to be on the curve is another key: the check code shows it.
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('reads a version 1 link as a shared link, its organisation list ignored', async () => {
    const old = await version1();
    const decoded = decodeInvite(fragmentOf(old));
    expect(decoded.ok && decoded.invite.seat).toBeUndefined();
    expect(decoded.ok && decoded.invite.pulseId).toBe(old.pulseId);
    expect(decoded.ok && 'organisations' in decoded.invite).toBe(false);
  });

  it("says 'unsupported-version' for an invite of another version", async () => {
    expect(decodeInvite(fragmentOf(await version1({ v: 3 })))).toEqual({ ok: false, error: 'unsupported-version' });
    const bytes = decodeBase64url(encodeInvite(await sampleInvite()))!;
    bytes[0] = 3;
    expect(decodeInvite(encodeBase64url(bytes))).toEqual({ ok: false, error: 'unsupported-version' });
  });

  it("refuses a fragment cut at any length or grown to 1 MB as 'damaged', never as another invite", async () => {
    const fragment = encodeInvite(await sampleInvite());
    for (let length = 1; length < fragment.length; length += 1) {
      const decoded = decodeInvite(fragment.slice(0, length));
      expect(decoded.ok, `cut at ${length}`).toBe(false);
    }
    expect(decodeInvite(fragment + 'A'.repeat(1_000_000))).toEqual({ ok: false, error: 'damaged' });
    expect(decodeInvite('A'.repeat(1_000_000)).ok).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    for (let i = 0; i < 200; i += 1) {
      const random = encodeBase64url(crypto.getRandomValues(new Uint8Array(i)));
      expect(decodeInvite(random).ok).toBe(false);
    }
    expect(decodeInvite(undefined as unknown as string)).toEqual({ ok: false, error: 'missing' });
  });
});

describe('compact links', () => {
  const questions = buildQuestions({ ...DEFAULT_STATEMENTS });
  const pulseOf = async () => ({
    id: crypto.randomUUID(),
    questions,
    expiresAt: 1_800_000_000_000,
    publicKeyJwk: (await generatePulseKeys()).publicKeyJwk,
  });
  const base = 'https://intranet.hartside-food.example.org/partnership/pulse.html';

  it('stays within 400 characters for a personal link, whatever the number of organisations', async () => {
    const pulse = await pulseOf();
    const name = 'Hartside Food Partnership';
    const seat = { token: makeSeatToken(), label: 'Hartside Community Food Bank and Pantry' };
    const personal = inviteUrl(base, inviteForPulse(pulse, name, seat));
    const shared = inviteUrl(base, inviteForPulse(pulse, name));
    expect(personal.length).toBeLessThanOrEqual(400);
    expect(shared.length).toBeLessThan(personal.length);
  });

  it('refers to the default statements instead of carrying them, and carries other wording whole', async () => {
    const pulse = await pulseOf();
    const byReference = encodeInvite(inviteForPulse(pulse, 'P'));
    const reworded = {
      ...pulse,
      questions: [{ ...questions[0]!, wording: 'We trust each other.' }, ...questions.slice(1)],
    };
    const decoded = decodeInvite(encodeInvite(inviteForPulse(reworded, 'P')));
    expect(decoded.ok && decoded.invite.questions[0]!.wording).toBe('We trust each other.');
    expect(
      decodeInvite(byReference).ok &&
        (decodeInvite(byReference) as { ok: true; invite: PulseInvite }).invite.questions[1]!.wording,
    ).toBe(DEFAULT_STATEMENTS.equity);
    expect(byReference.length).toBeLessThan(140);
  });

  it('maps a forged seat label to the same token: the label is display only', async () => {
    const token = makeSeatToken();
    const invite = await sampleInvite({ seat: { token, label: 'Council' } });
    const forged = decodeInvite(encodeInvite({ ...invite, seat: { token, label: 'Lead partner (Council)' } }));
    expect(forged.ok && forged.invite.seat).toEqual({ token, label: 'Lead partner (Council)' });
    expect(forged.ok && forged.invite.seat?.token).toBe(token);
  });
});

describe('inviteUrl', () => {
  it('puts the invite in the fragment of the hosted address, replacing any fragment it had', async () => {
    const invite = await sampleInvite();
    const fragment = encodeInvite(invite);
    expect(inviteUrl('https://intranet.example/pulse.html', invite)).toBe(
      `https://intranet.example/pulse.html#${fragment}`,
    );
    expect(inviteUrl('https://intranet.example/pulse.html?x=1#old', invite)).toBe(
      `https://intranet.example/pulse.html?x=1#${fragment}`,
    );
    const url = new URL(inviteUrl('https://intranet.example/pulse.html', invite));
    expect(url.search).toBe('');
    expect(decodeInvite(url.hash)).toEqual({ ok: true, invite });
  });
});

describe('isInviteExpired', () => {
  it('is false up to the expiry and true after it', async () => {
    const { publicKeyJwk } = await generatePulseKeys();
    const invite = await sampleInvite({ expiresAt: 1_000, publicKey: publicKeyJwk });
    expect(isInviteExpired(invite, 999)).toBe(false);
    expect(isInviteExpired(invite, 1_000)).toBe(false);
    expect(isInviteExpired(invite, 1_001)).toBe(true);
  });
});
