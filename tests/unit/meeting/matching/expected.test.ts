import { describe, expect, it } from 'vitest';
import { expectedButAbsent, isMemberOn } from '../../../../utils/meeting/matching/expected';
import { membership } from '../../../factories';

const memberships = [
  membership({ partnershipId: 'p', organisationId: 'lead', partnerType: 'lead' }),
  membership({ partnershipId: 'p', organisationId: 'core1', partnerType: 'core' }),
  membership({ partnershipId: 'p', organisationId: 'core2', partnerType: 'core' }),
  membership({
    partnershipId: 'p',
    organisationId: 'leaver',
    partnerType: 'core',
    joinedOn: '2025-01-01',
    leftOn: '2025-06-01',
  }),
  membership({ partnershipId: 'p', organisationId: 'late', partnerType: 'wider', joinedOn: '2025-05-01' }),
  membership({ partnershipId: 'p', organisationId: 'wider1', partnerType: 'wider' }),
];

const orgs = (list: { organisationId: string }[]) => list.map((m) => m.organisationId).sort();

describe('expectedButAbsent', () => {
  it('expects the lead and core partners at a core meeting', () => {
    expect(orgs(expectedButAbsent(memberships, ['lead', 'core1'], 'core', '2025-07-01'))).toEqual(['core2']);
  });

  it('expects everyone at wider meetings and forums', () => {
    expect(orgs(expectedButAbsent(memberships, ['lead'], 'wider', '2025-07-01'))).toEqual([
      'core1',
      'core2',
      'late',
      'wider1',
    ]);
    expect(orgs(expectedButAbsent(memberships, ['lead'], 'forum', '2025-07-01'))).toEqual([
      'core1',
      'core2',
      'late',
      'wider1',
    ]);
  });

  it('expects nobody in particular at 1:1s and reviews', () => {
    expect(expectedButAbsent(memberships, [], 'one-to-one', '2025-07-01')).toEqual([]);
    expect(expectedButAbsent(memberships, [], 'review', '2025-07-01')).toEqual([]);
  });

  it('counts members by date: not before they joined, not from the day they left', () => {
    expect(orgs(expectedButAbsent(memberships, ['lead', 'core1', 'core2'], 'wider', '2025-04-30'))).toEqual([
      'leaver',
      'wider1',
    ]);
    expect(orgs(expectedButAbsent(memberships, ['lead', 'core1', 'core2'], 'wider', '2025-05-01'))).toEqual([
      'late',
      'leaver',
      'wider1',
    ]);
    expect(orgs(expectedButAbsent(memberships, ['lead', 'core1', 'core2'], 'core', '2025-05-31'))).toEqual(['leaver']);
    expect(orgs(expectedButAbsent(memberships, ['lead', 'core1', 'core2'], 'core', '2025-06-01'))).toEqual([]);
  });

  it('accepts an instant and ignores deleted memberships', () => {
    const deleted = {
      ...membership({ partnershipId: 'p', organisationId: 'deleted', partnerType: 'core' }),
      deletedAt: 1,
    };
    const at = new Date(2025, 6, 1, 12).getTime();
    expect(orgs(expectedButAbsent([...memberships, deleted], ['lead'], 'core', at))).toEqual(['core1', 'core2']);
  });

  it('lists an organisation with two memberships once', () => {
    const rejoined = [
      membership({
        partnershipId: 'p',
        organisationId: 'x',
        partnerType: 'wider',
        joinedOn: '2025-01-01',
        leftOn: '2025-02-01',
      }),
      membership({ partnershipId: 'p', organisationId: 'x', partnerType: 'core', joinedOn: '2025-03-01' }),
    ];
    expect(expectedButAbsent(rejoined, [], 'core', '2025-04-01').map((m) => m.partnerType)).toEqual(['core']);
  });
});

describe('membership dates', () => {
  it('isMemberOn is inclusive of the join date and exclusive of the leave date', () => {
    const m = membership({
      partnershipId: 'p',
      organisationId: 'o',
      partnerType: 'core',
      joinedOn: '2025-02-01',
      leftOn: '2025-03-01',
    });
    expect([
      isMemberOn(m, '2025-01-31'),
      isMemberOn(m, '2025-02-01'),
      isMemberOn(m, '2025-02-28'),
      isMemberOn(m, '2025-03-01'),
    ]).toEqual([false, true, true, false]);
  });
});
