import { describe, expect, it } from 'vitest';
import { sharedReferences } from '../../../../utils/your-data/bundle/references';
import { meeting, membership, organisation, partnership, person, pulse, purposeTag } from '../../../factories';

describe('sharedReferences', () => {
  it('names every reference of every shared store (pulses included), in store, record and field order', () => {
    const records = {
      partnerships: [partnership({ id: 'p' })],
      organisations: [organisation({ id: 'o1' }), organisation({ id: 'o2', mergedInto: 'o1' })],
      memberships: [membership({ id: 'm', partnershipId: 'p', organisationId: 'o2', partnerType: 'core' })],
      people: [person({ id: 'a' }), person({ id: 'b', organisationId: 'o1' })],
      purposeTags: [purposeTag({ id: 't', label: 'T' })],
      meetings: [
        meeting({
          id: 'x',
          partnershipId: 'p',
          purposeTagIds: ['t', 't2'],
          organisationIds: ['o1', 'o2'],
          attendees: [
            { displayName: 'A', organisationId: 'o1', personId: 'a' },
            { displayName: 'N' },
            { displayName: 'B', personId: 'b' },
          ],
          attendanceCounts: [{ count: 2 }, { organisationId: 'o2', count: 1 }],
          chairOrganisationId: 'o1',
          chairPersonId: 'b',
        }),
        meeting({ id: 'y', partnershipId: 'p' }),
      ],
      pulses: [
        pulse({ id: 'q1', partnershipId: 'p', invitedOrganisationIds: [] }),
        pulse({ id: 'q2', partnershipId: 'p', meetingId: 'y', invitedOrganisationIds: ['o1', 'o2'] }),
      ],
    };
    const found = [...sharedReferences(records)].map((r) => `${r.store}[${r.index}].${r.field}→${r.target}:${r.id}`);
    expect(found).toEqual([
      'organisations[1].mergedInto→organisations:o1',
      'memberships[0].partnershipId→partnerships:p',
      'memberships[0].organisationId→organisations:o2',
      'people[1].organisationId→organisations:o1',
      'meetings[0].partnershipId→partnerships:p',
      'meetings[0].purposeTagIds[0]→purposeTags:t',
      'meetings[0].purposeTagIds[1]→purposeTags:t2',
      'meetings[0].organisationIds[0]→organisations:o1',
      'meetings[0].organisationIds[1]→organisations:o2',
      'meetings[0].attendees[0].organisationId→organisations:o1',
      'meetings[0].attendees[0].personId→people:a',
      'meetings[0].attendees[2].personId→people:b',
      'meetings[0].attendanceCounts[1].organisationId→organisations:o2',
      'meetings[0].chairOrganisationId→organisations:o1',
      'meetings[0].chairPersonId→people:b',
      'meetings[1].partnershipId→partnerships:p',
      'pulses[0].partnershipId→partnerships:p',
      'pulses[1].partnershipId→partnerships:p',
      'pulses[1].meetingId→meetings:y',
      'pulses[1].invitedOrganisationIds[0]→organisations:o1',
      'pulses[1].invitedOrganisationIds[1]→organisations:o2',
    ]);
  });
});
