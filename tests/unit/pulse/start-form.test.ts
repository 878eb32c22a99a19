import { describe, expect, it } from 'vitest';
import type { Membership } from '../../../utils/db/records';
import {
  defaultInvited,
  emptyStartForm,
  hasStartFormErrors,
  inviteOptions,
  startFormErrors,
  startFormToPulse,
  startPulseDraft,
  startPulseDraftKey,
  untickedAfter,
  type StartFormValues,
} from '../../../utils/pulse/start-form';
import { defaultCoreWording } from '../../../utils/pulse/questions';
import { LIMITS } from '../../../utils/db/limits';
import { membership as aMembership } from '../../factories';

const TODAY = new Date(2025, 2, 10, 12).getTime(); // 10 March 2025, local noon

const membership = (organisationId: string, joinedOn: string, leftOn?: string, partnershipId = 'p1'): Membership =>
  aMembership({
    id: `m-${organisationId}`,
    partnershipId,
    organisationId,
    partnerType: 'core',
    joinedOn,
    ...(leftOn ? { leftOn } : {}),
  });

function form(overrides: Partial<StartFormValues> = {}): StartFormValues {
  return { ...emptyStartForm(TODAY, defaultCoreWording(), 7), partnershipId: 'p1', threshold: '3', ...overrides };
}

describe('defaultInvited', () => {
  it('invites members on the day, by the one membership rule (joined on or before, left after)', () => {
    const memberships = [
      membership('stays', '2024-01-01'),
      membership('leaves-today', '2024-01-01', '2025-03-10'),
      membership('leaves-tomorrow', '2024-01-01', '2025-03-11'),
      membership('joins-tomorrow', '2025-03-11'),
      membership('joined-today', '2025-03-10'),
      membership('left-long-ago', '2020-01-01', '2021-01-01'),
      membership('other-partnership', '2024-01-01', undefined, 'p2'),
    ];
    expect(defaultInvited(memberships, 'p1', TODAY).sort()).toEqual(['joined-today', 'leaves-tomorrow', 'stays']);
  });

  it("invites a meeting's organisations present, whoever the members are", () => {
    expect(defaultInvited([membership('a', '2024-01-01')], 'p1', TODAY, { organisationIds: ['x', 'y'] })).toEqual([
      'x',
      'y',
    ]);
  });
});

describe('startFormErrors', () => {
  it('accepts the defaults once a partnership and threshold are set', () => {
    expect(hasStartFormErrors(startFormErrors(form()))).toBe(false);
  });

  it('names each wrong field', () => {
    const errors = startFormErrors(
      form({
        partnershipId: '',
        periodStart: '2025-03-10',
        periodEnd: '2025-03-01',
        wording: { ...defaultCoreWording(), equity: '  ' },
        extras: [{ wording: '', scale: 'zeroTen' }],
        days: '1.5',
        threshold: '1',
      }),
    );
    expect(errors).toEqual({
      partnership: 'required',
      period: 'periodOrder',
      wording: { equity: 'required' },
      extras: ['required'],
      days: 'days',
      threshold: 'threshold',
    });
    expect(hasStartFormErrors(errors)).toBe(true);
  });

  it('attacker: refuses a threshold above the largest a pulse may hold, at the field, before any key is made', () => {
    expect(startFormErrors(form({ threshold: String(LIMITS.threshold) })).threshold).toBeUndefined();
    for (const threshold of [String(LIMITS.threshold + 1), '1e308'])
      expect(startFormErrors(form({ threshold })).threshold).toBe('threshold');
  });

  it('needs no period for a meeting pulse, and both dates for a period pulse', () => {
    expect(startFormErrors(form({ meetingId: 'm1', periodStart: '' })).period).toBeUndefined();
    expect(startFormErrors(form({ periodStart: '' })).period).toBe('required');
  });
});

describe('startFormToPulse', () => {
  it('makes a period pulse from the first to the last millisecond of its dates', () => {
    const pulse = startFormToPulse(form({ periodStart: '2025-03-01', periodEnd: '2025-03-10', days: '3' }), TODAY);
    expect(pulse.periodStart).toBe(new Date(2025, 2, 1).getTime());
    expect(pulse.periodEnd).toBe(new Date(2025, 2, 11).getTime() - 1);
    expect(pulse.meetingId).toBeUndefined();
    expect(pulse.expiresAt).toBe(TODAY + 3 * 86_400_000);
    expect(pulse.questions.map((q) => q.id)).toEqual(['trust', 'equity', 'flexibility', 'communication']);
  });

  it('makes a meeting pulse without a period', () => {
    const pulse = startFormToPulse(form({ meetingId: 'm1', invited: ['a'] }), TODAY);
    expect(pulse).toMatchObject({ meetingId: 'm1', invitedOrganisationIds: ['a'], threshold: 3 });
    expect(pulse.periodStart).toBeUndefined();
  });
});

describe('the start form draft', () => {
  it('is keyed per meeting when opened from one, else per partnership', () => {
    expect(startPulseDraftKey({ meetingId: 'm1', partnershipId: 'p1' })).toBe('start-pulse:meeting:m1');
    expect(startPulseDraftKey({ meetingId: 'm2', partnershipId: 'p1' })).not.toBe(
      startPulseDraftKey({ meetingId: 'm1', partnershipId: 'p1' }),
    );
    expect(startPulseDraftKey({ partnershipId: 'p1' })).toBe('start-pulse:partnership:p1');
    expect(startPulseDraftKey({ meetingId: '', partnershipId: 'p2' })).toBe('start-pulse:partnership:p2');
    // A meeting id that looks like a partnership id does not share the partnership's draft.
    expect(startPulseDraftKey({ meetingId: 'p1', partnershipId: '' })).not.toBe(
      startPulseDraftKey({ partnershipId: 'p1' }),
    );
  });

  it('starts with the form as given and no seat choices', () => {
    const values = form({ invited: ['o1'] });
    expect(startPulseDraft(values)).toEqual({
      form: values,
      addedSeats: [],
      unticked: [],
      seatName: '',
      seatOrganisation: '',
    });
  });
});

describe('the invite list and the seat ticks', () => {
  const organisations = ['o1', 'o2', 'o3', 'o4'].map((id) => ({
    id,
    name: id.toUpperCase(),
    emailDomains: [],
    createdAt: 0,
    updatedAt: 0,
  }));
  const label = (name: string, type: string | undefined) => (type ? `${name} (${type})` : name);

  it('offers current members, the meeting’s organisations and those ticked, each once, members with their type', () => {
    const options = inviteOptions({
      partnershipId: 'p1',
      memberships: [membership('o1', '2024-01-01'), membership('o2', '2024-01-01', '2025-01-01')],
      organisations,
      today: TODAY,
      meeting: { organisationIds: ['o3', 'o1'] },
      invited: ['o4', 'o3', 'gone'],
      label,
    });
    expect(options).toEqual([
      { value: 'o1', label: 'O1 (core)' },
      { value: 'o3', label: 'O3' },
      { value: 'o4', label: 'O4' },
    ]);
  });

  it('unticks one organisation’s people not ticked, keeping the other organisations’ unticked', () => {
    expect(untickedAfter(['a1', 'b1'], ['a1', 'a2', 'a3'], ['a1'])).toEqual(['b1', 'a2', 'a3']);
    expect(untickedAfter(['a1', 'b1'], ['a1', 'a2'], ['a1', 'a2'])).toEqual(['b1']);
  });
});
