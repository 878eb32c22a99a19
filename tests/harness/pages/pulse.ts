import type { PulseInvite } from '../../../utils/pulse/invite';
import { sealResponse, type ResponsePayload } from '../../../utils/pulse/response-code';

/**
 * A code as a partner's widget seals it to the pulse's public key: a core partner's answer
 * to the four statements by default, answered now.
 */
export function sealedCode(invite: PulseInvite, overrides: Partial<ResponsePayload> = {}): Promise<string> {
  return sealResponse(
    invite.publicKey,
    {
      v: 2,
      pulseId: invite.pulseId,
      responseId: crypto.randomUUID(),
      partnerType: 'core',
      answers: { trust: 4, equity: 3, flexibility: 4, communication: 5 },
      answeredAt: Date.now(),
      ...overrides,
    },
    invite.questions.map((q) => q.id),
  );
}
