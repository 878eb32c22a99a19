import type { Membership, PartnerType, Pulse } from '../../db/records';
import { isMemberOn } from '../../meeting/matching/expected';
import { dateIn } from '../../time/calendar';
import { groupBy } from '../../collections/group';
import { pulseAt } from './pulse-points';

/**
 * Responses / invited organisations for every pulse, from its running summary (several people
 * of one organisation may answer, so a rate can pass 100 %). Counts of responses are shown
 * whatever their number: the threshold is about answers, not about how many answered.
 */

export interface ResponseRate {
  pulseId: string;
  partnershipId: string;
  at: number;
  responses: number;
  invited: number;
  /** null when nobody of the kind was invited. */
  rate: number | null;
}

type PulseLike = Pick<Pulse, 'id' | 'partnershipId' | 'summary' | 'invitedOrganisationIds' | 'createdAt' | 'periodEnd'>;

/**
 * Oldest first. With a partner type, only its responses and the invited organisations that
 * were of that type in the pulse's partnership on the pulse's date.
 */
export function responseRates(
  pulses: readonly PulseLike[],
  options: { partnerType?: PartnerType; memberships?: readonly Membership[]; timeZone: string },
): ResponseRate[] {
  const { partnerType, memberships = [], timeZone } = options;
  const ofTypeByPartnership = groupBy(
    memberships,
    (m) => m.partnershipId,
    (m) => m.partnerType === partnerType,
  );
  return pulses
    .map((pulse) => {
      const at = pulseAt(pulse);
      let invited = pulse.invitedOrganisationIds.length;
      let responses = pulse.summary?.responses ?? 0;
      if (partnerType) {
        const date = dateIn(at, timeZone);
        const ofType = new Set(
          (ofTypeByPartnership.get(pulse.partnershipId) ?? [])
            .filter((m) => isMemberOn(m, date))
            .map((m) => m.organisationId),
        );
        invited = new Set(pulse.invitedOrganisationIds.filter((id) => ofType.has(id))).size;
        responses = pulse.summary?.byPartnerType[partnerType]?.responses ?? 0;
      }
      return {
        pulseId: pulse.id,
        partnershipId: pulse.partnershipId,
        at,
        responses,
        invited,
        rate: invited > 0 ? responses / invited : null,
      };
    })
    .sort((a, b) => a.at - b.at || (a.pulseId < b.pulseId ? -1 : a.pulseId > b.pulseId ? 1 : 0));
}
