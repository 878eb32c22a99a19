import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../../utils/your-data/bundle/problems';
import { checkReferences } from '../../../../utils/your-data/bundle/references';
import { meeting, membership, organisation, partnership, person, pulse, purposeTag } from '../../../factories';
import { freshDb } from '../../db/helpers';
import { refusedBy } from './helpers';

/** The records of every shared store, each reference leading to a record in neither the file nor the database. */
function danglingRecords() {
  return {
    organisations: [organisation({ id: 'o2', mergedInto: 'o1' })],
    memberships: [membership({ id: 'm', partnershipId: 'p', organisationId: 'o2', partnerType: 'core' })],
    people: [person({ id: 'a' }), person({ id: 'b', organisationId: 'o1' })],
    meetings: [
      meeting({
        id: 'x',
        partnershipId: 'p',
        purposeTagIds: ['t', 't2'],
        organisationIds: ['o1', 'o3'],
        attendees: [
          { displayName: 'A', organisationId: 'o1', personId: 'a2' },
          { displayName: 'N' },
          { displayName: 'B', personId: 'b2' },
        ],
        attendanceCounts: [{ count: 2 }, { organisationId: 'o3', count: 1 }],
        chairOrganisationId: 'o1',
        chairPersonId: 'b2',
      }),
      meeting({ id: 'x2', partnershipId: 'p' }),
    ],
    pulses: [
      pulse({ id: 'q1', partnershipId: 'p', invitedOrganisationIds: [] }),
      pulse({ id: 'q2', partnershipId: 'p', meetingId: 'y', invitedOrganisationIds: ['o1', 'o3'] }),
    ],
  };
}

/** What checkReferences (the workspace sync's table, its default) refuses, against an empty database. */
async function refused(records: ReturnType<typeof danglingRecords>): Promise<Problem[]> {
  const db = await freshDb('references');
  try {
    return await refusedBy(db, (tx) => checkReferences(tx, records, 'refs.json'));
  } finally {
    db.close();
  }
}

describe('checkReferences', () => {
  it('names every reference of every shared store (pulses included), in store, record and field order', async () => {
    const problems = await refused(danglingRecords());
    const found = problems.map(
      (p) => `${p.record!.split(' ')[0]}.${p.field}→${/Refers to (\S+),/.exec(p.message)?.[1]}`,
    );
    expect(found).toEqual([
      'organisations[0].mergedInto→o1',
      'memberships[0].partnershipId→p',
      'people[1].organisationId→o1',
      'meetings[0].partnershipId→p',
      'meetings[0].purposeTagIds[0]→t',
      'meetings[0].purposeTagIds[1]→t2',
      'meetings[0].organisationIds[0]→o1',
      'meetings[0].organisationIds[1]→o3',
      'meetings[0].attendees[0].organisationId→o1',
      'meetings[0].attendees[0].personId→a2',
      'meetings[0].attendees[2].personId→b2',
      'meetings[0].attendanceCounts[1].organisationId→o3',
      'meetings[0].chairOrganisationId→o1',
      'meetings[0].chairPersonId→b2',
      'meetings[1].partnershipId→p',
      'pulses[0].partnershipId→p',
      'pulses[1].partnershipId→p',
      'pulses[1].meetingId→y',
      'pulses[1].invitedOrganisationIds[0]→o1',
      'pulses[1].invitedOrganisationIds[1]→o3',
    ]);
    expect(problems.every((p) => p.file === 'refs.json')).toBe(true);
  });

  it('refuses nothing once every record referred to is in the file', async () => {
    const records = danglingRecords();
    const full = {
      ...records,
      partnerships: [partnership({ id: 'p' })],
      organisations: [...records.organisations, organisation({ id: 'o1' }), organisation({ id: 'o3' })],
      people: [...records.people, person({ id: 'a2' }), person({ id: 'b2' })],
      purposeTags: [purposeTag({ id: 't', label: 'T' }), purposeTag({ id: 't2', label: 'T2' })],
      meetings: [...records.meetings, meeting({ id: 'y', partnershipId: 'p' })],
    };
    expect(await refused(full)).toEqual([]);
  });
});
