import type { Organisation, Pulse } from '../db/records';
import type { PulseInvite } from './invite';

/** What the partner link carries for a pulse: the invited organisations by name, never anything about people. */
export function inviteForPulse(
  pulse: Pick<Pulse, 'id' | 'questions' | 'invitedOrganisationIds' | 'expiresAt' | 'publicKeyJwk'>,
  partnershipName: string,
  organisations: readonly Pick<Organisation, 'id' | 'name'>[],
): PulseInvite {
  if (!pulse.publicKeyJwk) throw new Error(`Pulse ${pulse.id} has no public key`);
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  return {
    v: 1,
    pulseId: pulse.id,
    partnershipName,
    questions: pulse.questions.map(({ id, wording, scale, dimension }) => ({
      id,
      wording,
      scale,
      ...(dimension ? { dimension } : {}),
    })),
    organisations: pulse.invitedOrganisationIds.flatMap((id) => {
      const name = names.get(id);
      return name ? [{ id, name }] : [];
    }),
    expiresAt: pulse.expiresAt,
    publicKey: pulse.publicKeyJwk,
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
