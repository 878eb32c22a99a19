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
});
