import { describe, expect, it } from 'vitest';
import type { Membership } from '../../../../utils/db/records';
import { responseRates } from '../../../../utils/dashboard/trends/response-rates';
import { answer, pulseWith, repeat } from './helpers';
import { membership as aMembership } from '../../../factories';

const may = Date.UTC(2026, 4, 10, 10);
const june = Date.UTC(2026, 5, 10, 10);
const membership = (
  organisationId: string,
  partnerType: Membership['partnerType'],
  joinedOn = '2025-01-01',
  leftOn?: string,
): Membership =>
  aMembership({
    id: organisationId,
    partnershipId: 'partnership-a',
    organisationId,
    partnerType,
    joinedOn,
    ...(leftOn ? { leftOn } : {}),
  });
const memberships = [
  membership('L', 'lead'),
  membership('C1', 'core'),
  membership('C2', 'core', '2025-01-01', '2026-06-01'),
  membership('W1', 'wider'),
  membership('W2', 'wider'),
];

const later = pulseWith([...repeat(2, () => answer('lead', 4)), answer('wider', 3)], {
  id: 'later',
  createdAt: june,
  invitedOrganisationIds: ['L', 'C1', 'C2', 'W1'],
});
const earlier = pulseWith([...repeat(3, () => answer('core', 4)), answer('wider', 2), answer('lead', 5)], {
  id: 'earlier',
  createdAt: may,
  invitedOrganisationIds: ['L', 'C1', 'C2', 'W1', 'W2', 'W2'],
});
const none = pulseWith([], { id: 'none', createdAt: june + 1 });

describe('responseRates', () => {
  it('gives responses / invited organisations per pulse, oldest first', () => {
    expect(responseRates([later, earlier, none], { timeZone: 'UTC' })).toEqual([
      { pulseId: 'earlier', partnershipId: 'partnership-a', at: may, responses: 5, invited: 6, rate: 5 / 6 },
      { pulseId: 'later', partnershipId: 'partnership-a', at: june, responses: 3, invited: 4, rate: 3 / 4 },
      { pulseId: 'none', partnershipId: 'partnership-a', at: june + 1, responses: 0, invited: 0, rate: null },
    ]);
  });

  it('narrows to a partner type: its responses over its invited organisations on the day', () => {
    const core = responseRates([later, earlier], { timeZone: 'UTC', partnerType: 'core', memberships });
    // In May both core partners were members; by June C2 had left.
    expect(core.map((r) => [r.pulseId, r.responses, r.invited, r.rate])).toEqual([
      ['earlier', 3, 2, 1.5],
      ['later', 0, 1, 0],
    ]);
    const wider = responseRates([earlier], { timeZone: 'UTC', partnerType: 'wider', memberships });
    expect(wider[0]).toMatchObject({ responses: 1, invited: 2, rate: 0.5 });
  });
});
