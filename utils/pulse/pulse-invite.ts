import type { Pulse } from '../db/records';
import type { InviteSeat, PulseInvite } from './invite';

/**
 * What the partner link carries for a pulse, never anything about people: a shared link
 * without `seat`, a personal link with the seat's token and label (the organisation's name).
 */
export function inviteForPulse(
  pulse: Pick<Pulse, 'id' | 'questions' | 'expiresAt' | 'publicKeyJwk'>,
  partnershipName: string,
  seat?: InviteSeat,
): PulseInvite {
  if (!pulse.publicKeyJwk) throw new Error(`Pulse ${pulse.id} has no public key`);
  return {
    v: 2,
    pulseId: pulse.id,
    partnershipName,
    questions: pulse.questions.map(({ id, wording, scale, dimension }) => ({
      id,
      wording,
      scale,
      ...(dimension ? { dimension } : {}),
    })),
    expiresAt: pulse.expiresAt,
    publicKey: pulse.publicKeyJwk,
    ...(seat ? { seat: { token: seat.token, label: seat.label } } : {}),
  };
}

/** A file name for a saved copy of the widget: `pulse-<partnership>-<date>.html`, safe on every system. */
export function widgetFileName(partnershipName: string, createdAt: number): string {
  const slug = partnershipName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const date = new Date(createdAt).toISOString().slice(0, 10);
  return `pulse-${slug ? `${slug}-` : ''}${date}.html`;
}
