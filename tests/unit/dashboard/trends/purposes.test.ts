import { describe, expect, it } from 'vitest';
import type { AgendaAgreed, Meeting } from '../../../../utils/db/records';
import { agendaShares, purposeMix } from '../../../../utils/dashboard/trends/purposes';

type M = Pick<Meeting, 'status' | 'deletedAt' | 'purposeTagIds' | 'agenda' | 'partnershipId'>;
const m = (partnershipId: string, purposeTagIds: string[], agenda: AgendaAgreed, extra: Partial<M> = {}): M => ({
  partnershipId,
  status: 'held',
  purposeTagIds,
  agenda,
  ...extra,
});

const meetings = [
  m('a', ['delivery', 'data'], 'yes'),
  m('a', ['delivery'], 'no'),
  m('a', ['delivery', 'delivery'], 'yes'),
  m('a', [], 'not-yet'),
  m('b', ['learning'], 'yes'),
  m('b', ['data'], 'yes', { status: 'planned' }),
  m('b', ['data'], 'no', { deletedAt: 1 }),
];

describe('purposeMix', () => {
  it('counts held meetings per purpose, most first, each meeting once per purpose', () => {
    expect(purposeMix(meetings)).toEqual({
      held: 5,
      withPurpose: 4,
      purposes: [
        { purposeTagId: 'delivery', meetings: 3, share: 3 / 5 },
        { purposeTagId: 'data', meetings: 1, share: 1 / 5 },
        { purposeTagId: 'learning', meetings: 1, share: 1 / 5 },
      ],
    });
  });

  it('is empty without held meetings', () => {
    expect(purposeMix([])).toEqual({ held: 0, withPurpose: 0, purposes: [] });
  });
});

describe('agendaShares', () => {
  it('gives the share of held meetings with an agreed agenda per partnership, in the order asked', () => {
    expect(agendaShares(meetings, ['b', 'a', 'c'])).toEqual([
      { partnershipId: 'b', counts: { yes: 1, no: 0, 'not-yet': 0 }, held: 1, agreedShare: 1 },
      { partnershipId: 'a', counts: { yes: 2, no: 1, 'not-yet': 1 }, held: 4, agreedShare: 0.5 },
      { partnershipId: 'c', counts: { yes: 0, no: 0, 'not-yet': 0 }, held: 0, agreedShare: null },
    ]);
  });
});
