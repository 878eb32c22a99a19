import { describe, expect, it } from 'vitest';
import { guessPartnership } from '../../../../utils/meeting/matching/guess-partnership';
import { meeting, membership, partnership } from '../../../factories';

const hardship = partnership({ id: 'hardship', name: 'Northmoor Hardship Crisis Partnership' });
const active = partnership({ id: 'active', name: 'Active Northmoor' });
const partnerships = [hardship, active];
const memberships = [
  membership({ partnershipId: 'hardship', organisationId: 'ca', partnerType: 'lead' }),
  membership({ partnershipId: 'hardship', organisationId: 'food', partnerType: 'core' }),
  membership({ partnershipId: 'hardship', organisationId: 'housing', partnerType: 'core' }),
  membership({
    partnershipId: 'hardship',
    organisationId: 'left',
    partnerType: 'core',
    joinedOn: '2025-01-01',
    leftOn: '2025-03-01',
  }),
  membership({ partnershipId: 'active', organisationId: 'ca', partnerType: 'lead' }),
  membership({ partnershipId: 'active', organisationId: 'striders', partnerType: 'core' }),
  membership({ partnershipId: 'active', organisationId: 'health', partnerType: 'wider' }),
];
const none = { organisationIds: [], meetings: [], partnerships, memberships };

describe('guessPartnership', () => {
  it('recognises the partnership name in the title', () => {
    expect(guessPartnership({ ...none, title: 'Hardship crisis – steering' })).toEqual({
      partnershipId: 'hardship',
      reason: 'name',
    });
  });

  it('recognises an acronym of the name', () => {
    expect(guessPartnership({ ...none, title: 'NHCP catch-up' })).toEqual({
      partnershipId: 'hardship',
      reason: 'name',
    });
  });

  it('follows the call link of earlier meetings', () => {
    const meetings = [
      meeting({ id: 'm1', partnershipId: 'active', title: 'Weekly sync', callKey: 'meet:abc-defg-hij' }),
    ];
    expect(guessPartnership({ ...none, title: 'Weekly sync', meetings, callKey: 'meet:abc-defg-hij' })).toEqual({
      partnershipId: 'active',
      reason: 'call',
    });
  });

  it('follows the title of earlier meetings, numbers aside', () => {
    const meetings = [
      meeting({ id: 'm1', partnershipId: 'hardship', title: 'Steering group #11' }),
      meeting({ id: 'm2', partnershipId: 'active', title: 'Walk leaders' }),
    ];
    expect(guessPartnership({ ...none, title: 'Steering group #12', meetings })).toEqual({
      partnershipId: 'hardship',
      reason: 'title',
    });
  });

  it('follows who is present: current members only', () => {
    expect(guessPartnership({ ...none, title: 'Catch-up', organisationIds: ['ca', 'striders', 'health'] })).toEqual({
      partnershipId: 'active',
      reason: 'organisations',
    });
    // The lead is in both partnerships; an organisation that left counts for nothing.
    expect(guessPartnership({ ...none, title: 'Catch-up', organisationIds: ['ca', 'left'] })).toBeNull();
  });

  it('takes memberships on the meeting date when given', () => {
    const at = new Date(2025, 1, 1).getTime();
    expect(guessPartnership({ ...none, title: 'Catch-up', organisationIds: ['ca', 'left'], at })).toEqual({
      partnershipId: 'hardship',
      reason: 'organisations',
    });
  });

  it('returns null when nothing points anywhere', () => {
    expect(guessPartnership({ ...none, title: 'Quick chat' })).toBeNull();
    expect(guessPartnership({ ...none, title: null })).toBeNull();
  });

  it('returns null when two partnerships are level', () => {
    const meetings = [
      meeting({ id: 'm1', partnershipId: 'hardship', title: 'Partners meeting' }),
      meeting({ id: 'm2', partnershipId: 'active', title: 'Partners meeting' }),
    ];
    expect(guessPartnership({ ...none, title: 'Partners meeting', meetings })).toBeNull();
    // Both names mentioned.
    expect(guessPartnership({ ...none, title: 'Hardship crisis and Active Northmoor joint session' })).toBeNull();
  });

  it('ignores deleted meetings and partnerships', () => {
    const meetings = [meeting({ id: 'm1', partnershipId: 'active', title: 'Sync', callKey: 'meet:x', deletedAt: 3 })];
    expect(guessPartnership({ ...none, title: 'Sync', meetings, callKey: 'meet:x' })).toBeNull();
    const deleted = { ...hardship, deletedAt: 3 };
    expect(guessPartnership({ ...none, partnerships: [deleted, active], title: 'Hardship crisis' })).toBeNull();
  });
});
