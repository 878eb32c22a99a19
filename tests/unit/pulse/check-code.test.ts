import { describe, expect, it } from 'vitest';
import { checkCode } from '../../../utils/pulse/check-code';
import { decodeInvite, encodeInvite } from '../../../utils/pulse/invite';
import { generatePulseKeys } from '../../../utils/pulse/keys';
import { inviteForPulse } from '../../../utils/pulse/pulse-invite';
import { sampleInvite } from './helpers';

describe('checkCode', () => {
  it('is the same in the widget (from the link) and in the panel (from the stored key)', async () => {
    const { publicKeyJwk } = await generatePulseKeys();
    const invite = await sampleInvite({ publicKey: publicKeyJwk });
    const pulse = { id: invite.pulseId, questions: [], expiresAt: invite.expiresAt, publicKeyJwk };
    const link = { ...inviteForPulse(pulse, 'P'), questions: invite.questions };
    const widgetSide = decodeInvite(encodeInvite(link));
    expect(widgetSide.ok).toBe(true);
    const fromLink = await checkCode(widgetSide.ok ? widgetSide.invite.publicKey : {});
    expect(fromLink).toBe(await checkCode(publicKeyJwk));
  });

  it('reads as three pairs from an unambiguous alphabet, and tells keys apart', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 30; i += 1) {
      const code = await checkCode((await generatePulseKeys()).publicKeyJwk);
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{2}-[0-9A-HJKMNP-TV-Z]{2}-[0-9A-HJKMNP-TV-Z]{2}$/);
      codes.add(code);
    }
    expect(codes.size).toBe(30);
  });

  it('is a fixed function of the whole key: this key reads 27-KX-SY in every build, widget and panel alike', async () => {
    // Worked out apart from the code (SHA-256 over 0x04 | x | y, its first 30 bits in Crockford's
    // base 32): a build that hashed less of the key, or another way, would make a widget and a
    // panel of different versions disagree, or let more keys share a code.
    const publicKey: JsonWebKey = {
      kty: 'EC',
      crv: 'P-256',
      x: 'M8jXen1AM17G5jJvVv50L20QtD2Qq7eLsKfEzINSt0I',
      y: 'ZowshWZV0RnEnGA69ujzyysGEWbU4upplqINa7LNuDo',
    };
    expect(await checkCode(publicKey)).toBe('27-KX-SY');
  });
});
