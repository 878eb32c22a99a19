import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../../../utils/db/records';
import { emptyForm } from '../../../../utils/meeting/form/form';
import { carrySeries, dropSeries, seriesSource, withCallSeries } from '../../../../utils/meeting/form/series';
import { meeting as aMeeting } from '../../../factories';

const day = 86_400_000;
const now = Date.UTC(2026, 11, 3, 10);

const meeting = (id: string, fields: Partial<Meeting>): Meeting =>
  aMeeting({
    id,
    partnershipId: 'p1',
    platform: 'meet',
    title: id,
    startAt: now - 21 * day,
    agenda: 'not-yet',
    ...fields,
  });

describe('a call in a known series carries the series', () => {
  const wider = meeting('wider-3wk', {
    kind: 'wider',
    callKey: 'meet:abc-defg-hij',
    purposeTagIds: ['t-learning', 't-delivery'],
    agenda: 'yes',
    chairName: 'Amira Khan',
  });
  const olderOnLink = meeting('wider-6wk', { kind: 'wider', callKey: 'meet:abc-defg-hij', startAt: now - 42 * day });
  const laterCore = meeting('core-1wk', { kind: 'core', startAt: now - 7 * day, purposeTagIds: ['t-decisions'] });

  it('takes the latest held meeting on the same call link, before any meeting of the partnership', () => {
    const found = seriesSource([olderOnLink, laterCore, wider], { callKey: 'meet:abc-defg-hij', at: now });
    expect(found?.meeting.id).toBe('wider-3wk');
    expect(found?.reason).toBe('call');
  });

  it("falls back to the partnership's last meeting of the same kind", () => {
    const found = seriesSource([wider, laterCore], { callKey: 'meet:zzz', partnershipId: 'p1', kind: 'core', at: now });
    expect(found).toEqual({ meeting: laterCore, reason: 'kind' });
    expect(seriesSource([wider, laterCore], { partnershipId: 'p2', kind: 'core', at: now })).toBeNull();
    expect(seriesSource([wider, laterCore], { partnershipId: 'p1', kind: 'forum', at: now })).toBeNull();
  });

  it('never carries from the meeting itself, a later one, a planned one or a deleted one', () => {
    const sameCall = meeting('today', { callKey: 'meet:abc-defg-hij', startAt: now - 3_600_000 });
    const future = meeting('next', { callKey: 'meet:abc-defg-hij', startAt: now + 21 * day });
    const planned = meeting('plan', { callKey: 'meet:abc-defg-hij', status: 'planned', startAt: now - 2 * day });
    const deleted = meeting('gone', { callKey: 'meet:abc-defg-hij', startAt: now - 3 * day, deletedAt: now });
    const found = seriesSource([sameCall, future, planned, deleted, olderOnLink], {
      callKey: 'meet:abc-defg-hij',
      at: now,
    });
    expect(found?.meeting.id).toBe('wider-6wk');
    expect(seriesSource([sameCall, future, planned, deleted], { callKey: 'meet:abc-defg-hij', at: now })).toBeNull();
  });

  it("fills the form with the series' kind, purposes, agenda, chair and partnership, and says from which meeting", () => {
    const form = { ...emptyForm(now), partnershipId: 'p9', partnershipGuessed: true };
    const carried = carrySeries(form, { meeting: wider, reason: 'call' });
    expect(carried).toMatchObject({
      partnershipId: 'p1',
      kind: 'wider',
      purposeTagIds: ['t-learning', 't-delivery'],
      agenda: 'yes',
      chairName: 'Amira Khan',
      series: { meetingId: 'wider-3wk', startAt: wider.startAt, reason: 'call' },
    });
    // The tags are the form's own copy: ticking one never edits the old meeting.
    carried.purposeTagIds.push('t-new');
    expect(wider.purposeTagIds).toEqual(['t-learning', 't-delivery']);
  });

  it('keeps a partnership the lead chose, and a kind match never changes the partnership', () => {
    const chosen = { ...emptyForm(now), partnershipId: 'p2', partnershipGuessed: false };
    expect(carrySeries(chosen, { meeting: wider, reason: 'call' }).partnershipId).toBe('p2');
    const guessed = { ...emptyForm(now), partnershipId: 'p3', partnershipGuessed: true };
    expect(carrySeries(guessed, { meeting: laterCore, reason: 'kind' }).partnershipId).toBe('p3');
  });

  it('is undone in one step, and stays undone', () => {
    const defaults = emptyForm(now);
    const carried = carrySeries({ ...defaults, title: 'Wider partners' }, { meeting: wider, reason: 'call' });
    const dropped = dropSeries(carried, defaults);
    expect(dropped).toMatchObject({
      title: 'Wider partners',
      kind: 'core',
      purposeTagIds: [],
      agenda: 'not-yet',
      chairName: '',
      series: 'none',
    });
  });

  it('a new form on a known link carries it; an unknown link leaves the form as it was', () => {
    const form = { ...emptyForm(now), callKey: 'meet:abc-defg-hij' };
    expect(withCallSeries(form, [wider], now).kind).toBe('wider');
    const other = { ...emptyForm(now), callKey: 'meet:zzz-zzzz-zzz' };
    expect(withCallSeries(other, [wider], now)).toBe(other);
  });

  it('carries a chair named by person only (the sample data, a file) by the name the chair was listed under', () => {
    const byPerson = meeting('core-by-person', {
      callKey: 'meet:abc-defg-hij',
      attendees: [
        { displayName: 'Sam Okafor', personId: 'person-sam', organisationId: 'o1' },
        { displayName: 'Gareth Price', personId: 'person-gareth', organisationId: 'o2' },
      ],
      chairPersonId: 'person-gareth',
      chairOrganisationId: 'o2',
    });
    const form = { ...emptyForm(now), callKey: 'meet:abc-defg-hij' };
    expect(withCallSeries(form, [byPerson], now).chairName).toBe('Gareth Price');
    // A chair who is not among the listed attendees has no name to carry.
    const unlisted = { ...byPerson, chairPersonId: 'person-gone' };
    expect(withCallSeries(form, [unlisted], now).chairName).toBe('');
  });
});
