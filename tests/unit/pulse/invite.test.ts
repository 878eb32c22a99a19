import { describe, expect, it } from 'vitest';
import { encodeBase64url, utf8 } from '../../../utils/pulse/base64url';
import { decodeInvite, encodeInvite, inviteUrl, isInviteExpired, type PulseInvite } from '../../../utils/pulse/invite';
import { generatePulseKeys } from '../../../utils/pulse/keys';
import { sampleInvite } from './helpers';

const fragmentOf = (value: unknown) => encodeBase64url(utf8(JSON.stringify(value)));

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
    const invite = await sampleInvite({ partnershipName: hostile });
    invite.organisations.push({ id: 'o-x', name: hostile });
    const decoded = decodeInvite(encodeInvite(invite));
    expect(decoded.ok && decoded.invite.partnershipName).toBe(hostile);
    expect(decoded.ok && decoded.invite.organisations.at(-1)?.name).toBe(hostile);
  });

  it('writes only the public part of the key and only the contract fields', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
    const invite = { ...(await sampleInvite()), publicKey: privateJwk, secret: 'not for partners' } as PulseInvite;
    const fragment = encodeInvite(invite);
    const json = new TextDecoder().decode(
      Uint8Array.from(atob(fragment.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
    );
    expect(json).not.toContain(privateJwk.d);
    expect(json).not.toContain('secret');
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
    const good = await sampleInvite();
    const fragment = encodeInvite(good);
    const damaged = [
      'not base64url!',
      fragment.slice(0, -5),
      `${fragment}A`,
      fragmentOf('just a string'),
      fragmentOf(null),
      fragmentOf([1, 2]),
      encodeBase64url(new Uint8Array([0xff, 0xfe, 0x7b])),
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

  it("says 'unsupported-version' for an invite of another version", async () => {
    expect(decodeInvite(fragmentOf({ ...(await sampleInvite()), v: 2 }))).toEqual({
      ok: false,
      error: 'unsupported-version',
    });
  });

  it('never throws, whatever it is given', () => {
    for (let i = 0; i < 200; i += 1) {
      const random = encodeBase64url(crypto.getRandomValues(new Uint8Array(i)));
      expect(decodeInvite(random).ok).toBe(false);
    }
    expect(decodeInvite(undefined as unknown as string)).toEqual({ ok: false, error: 'missing' });
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
