import { describe, expect, it } from 'vitest';
import {
  addableOrganisations,
  addMemberError,
  emptyAddMember,
  joinedOnChange,
  leftOnChange,
  memberRows,
  nextAddMember,
  parseDomains,
} from '../../../utils/manage/members';
import { membership, organisation } from '../../factories';

const orgs = [organisation({ id: 'o1' }), organisation({ id: 'o2' }), organisation({ id: 'o3' })];
const members = [
  membership({ partnershipId: 'p1', organisationId: 'o2', partnerType: 'lead' }),
  membership({ partnershipId: 'p2', organisationId: 'o1', partnerType: 'core' }),
  membership({ partnershipId: 'p1', organisationId: 'gone', partnerType: 'core' }),
  membership({ partnershipId: 'p1', organisationId: 'o3', partnerType: 'wider', leftOn: '2025-01-01' }),
];

describe('the member table’s rules', () => {
  it('reads typed domains apart at spaces, commas and semicolons, normalised and each once', () => {
    expect(parseDomains(' RFB.example, rfb.example;;food.example  @x.example ')).toEqual(
      parseDomains('rfb.example food.example @x.example'),
    );
    expect(parseDomains('a.example, A.example')).toHaveLength(1);
    expect(parseDomains(' , ; ')).toEqual([]);
  });

  it('lists the partnership’s members with their organisations, leaving out one whose organisation is missing', () => {
    expect(memberRows(members, orgs, 'p1').map((row) => row.organisation.id)).toEqual(['o2', 'o3']);
    expect(memberRows(members, orgs, 'p1')[0]!.membership).toBe(members[0]);
  });

  it('offers to add only organisations that are not members of this partnership (one that left included)', () => {
    expect(addableOrganisations(members, orgs, 'p1').map((o) => o.id)).toEqual(['o1']);
    expect(addableOrganisations(members, orgs, 'p2').map((o) => o.id)).toEqual(['o2', 'o3']);
  });

  it('stores a left day once it is a whole day on or after the joined day, and none for an empty field', () => {
    const joined = { joinedOn: '2025-03-01' };
    expect(leftOnChange('', joined)).toEqual({ leftOn: undefined });
    expect(leftOnChange('2025-03-01', joined)).toEqual({ leftOn: '2025-03-01' });
    expect(leftOnChange('2025-3-1', joined)).toEqual({});
    expect(leftOnChange('2025-02-28', joined)).toEqual({ error: 'leftBeforeJoined' });
  });

  it('attacker: stores no day that is not on the calendar (the bundle validator would refuse the whole backup)', () => {
    const joined = { joinedOn: '2025-03-01' };
    for (const day of ['2025-13-45', '2025-02-29', '2025-04-31', '2025-00-10', '9999-99-99']) {
      expect(leftOnChange(day, joined)).toEqual({});
      expect(joinedOnChange(day, {})).toEqual({});
    }
    expect(leftOnChange('2024-02-29', { joinedOn: '2024-01-01' })).toEqual({ leftOn: '2024-02-29' });
  });

  it('stores no day whose year is still being typed (0002, 0020), and says nothing of it yet', () => {
    for (const day of ['0002-05-01', '0020-05-01']) {
      expect(joinedOnChange(day, {})).toEqual({});
      expect(leftOnChange(day, { joinedOn: '0001-01-01' })).toEqual({});
    }
  });

  it('stores a joined day once it is a whole day not after the left day', () => {
    expect(joinedOnChange('2025-03-01', {})).toEqual({ joinedOn: '2025-03-01' });
    expect(joinedOnChange('2025-03-01', { leftOn: '2025-03-01' })).toEqual({ joinedOn: '2025-03-01' });
    expect(joinedOnChange('', {})).toEqual({});
    expect(joinedOnChange('2025-03-02', { leftOn: '2025-03-01' })).toEqual({ error: 'leftBeforeJoined' });
  });

  it('a new organisation needs a name; an existing one does not', () => {
    const empty = emptyAddMember(Date.UTC(2026, 11, 6, 12));
    expect(empty).toEqual({ organisationId: '', name: '', domains: '', partnerType: 'core', joinedOn: '2026-12-06' });
    expect(addMemberError({ ...empty, name: '  ' })).toBe('required');
    expect(addMemberError({ ...empty, name: 'Riverside' })).toBeUndefined();
    expect(addMemberError({ ...empty, organisationId: 'o1' })).toBeUndefined();
  });

  it('attacker: adds no member whose joined day is not on the calendar, or not whole', () => {
    const values = { ...emptyAddMember(Date.UTC(2026, 11, 6, 12)), name: 'Riverside' };
    for (const joinedOn of ['2025-13-45', '', '0002-12-06', '2026-12-6'])
      expect(addMemberError({ ...values, joinedOn })).toBe('invalidDay');
    // A missing name is said first, at the name.
    expect(addMemberError({ ...values, name: '', joinedOn: '' })).toBe('required');
  });

  it('after an add, the form is blank again on the same joined day, the type back to core', () => {
    expect(
      nextAddMember({ organisationId: 'o1', name: 'x', domains: 'y', partnerType: 'lead', joinedOn: '2025-05-05' }),
    ).toEqual({ organisationId: '', name: '', domains: '', partnerType: 'core', joinedOn: '2025-05-05' });
  });
});
