import { describe, expect, it } from 'vitest';
import { mergeGuest, mergeTargets, type MeetingFormValues } from '../../../../utils/meeting/form/form';
import { formRowKeys, samePersonOffers } from '../../../../utils/meeting/form/attendees';
import { held, minute, plan, start } from './builders';

/**
 * "Same person as…" merges into the row the lead picked, carried by its row key, never into the
 * first row of that name: two Alex Smiths seen on the call by name alone, and a guest Alex Smith
 * with an address, offered to either.
 */
const GUEST = 'asmith@hartsidecouncil.example';
const twoAlexesAndAGuest = (): MeetingFormValues => ({
  ...held(plan([])),
  attendees: [
    { name: 'Alex Smith', organisationId: 'o-age', firstSeenAt: start, lastSeenAt: start + minute, fromCall: true },
    { name: 'Alex Smith', firstSeenAt: start + 2 * minute, lastSeenAt: start + 3 * minute, fromCall: true },
    { name: 'Alex Smith', email: GUEST, organisationId: 'o-council', fromCall: false },
  ],
});

describe('the lead picks which row of a name is the same person', () => {
  it('offers the guest once, with both name-only rows of the name as targets, in form order', () => {
    const form = twoAlexesAndAGuest();
    const [offer, ...more] = samePersonOffers(form, []);
    expect(more).toEqual([]);
    expect(offer).toEqual({ guest: 'Alex Smith', joined: 'Alex Smith', email: GUEST });
    expect(mergeTargets(form, offer!)).toEqual([0, 1]);
  });

  it('three rows, two of one name: the lead picks the second, and the guest merges into the second', () => {
    const form = twoAlexesAndAGuest();
    const merged = mergeGuest(form, 'Alex Smith', 'Alex Smith', GUEST, 1);
    expect(merged.attendees).toEqual([
      form.attendees[0],
      {
        name: 'Alex Smith',
        email: GUEST,
        organisationId: 'o-council',
        firstSeenAt: start + 2 * minute,
        lastSeenAt: start + 3 * minute,
        fromCall: true,
      },
    ]);
  });

  it('the pick travels by row key: a row before it gone, and another Alex joining, do not move the merge', () => {
    const base = twoAlexesAndAGuest();
    const form = { ...base, attendees: [{ name: 'Grace Mensah', fromCall: true }, ...base.attendees] };
    const shown = formRowKeys(form, []);
    const picked = shown.keys[2]!;
    // Before the lead's click lands, Grace's row is merged away elsewhere and a third Alex joins the call.
    const later = {
      ...form,
      attendees: [
        ...base.attendees,
        { name: 'Alex Smith', firstSeenAt: start + 4 * minute, lastSeenAt: start + 5 * minute, fromCall: true },
      ],
    };
    const keysNow = formRowKeys(later, shown.memory).keys;
    expect(new Set(keysNow).size).toBe(4);
    const target = keysNow.indexOf(picked);
    expect(target).toBe(1);
    expect(mergeTargets(later, { guest: 'Alex Smith', joined: 'Alex Smith', email: GUEST })).toEqual([0, 1, 3]);
    const merged = mergeGuest(later, 'Alex Smith', 'Alex Smith', GUEST, target);
    expect(merged.attendees.map((a) => [a.email, a.firstSeenAt])).toEqual([
      [undefined, start],
      [GUEST, start + 2 * minute],
      [undefined, start + 4 * minute],
    ]);
  });

  it('keys the invited rows not seen apart from the rows on the call, each once', () => {
    const form = { ...plan([{ name: 'Alex Smith' }, { name: 'Alex Smith', email: GUEST }]), status: 'held' as const };
    const withSeen = {
      ...form,
      attendees: [
        ...form.attendees,
        { name: 'Alex Smith', firstSeenAt: start, lastSeenAt: start + minute, fromCall: true },
      ],
    };
    const { keys } = formRowKeys(withSeen, []);
    expect(new Set(keys).size).toBe(3);
    expect(mergeTargets(withSeen, { guest: 'Alex Smith', joined: 'Alex Smith', email: GUEST })).toEqual([0, 2]);
  });

  it('attacker: a stale or forged pick (gone, a row with an address, another name, the guest itself) changes nothing', () => {
    const form = twoAlexesAndAGuest();
    for (const target of [-1, 2, 3, 99, 0.5])
      expect(mergeGuest(form, 'Alex Smith', 'Alex Smith', GUEST, target)).toBe(form);
    const renamed = { ...form, attendees: form.attendees.map((a, i) => (i === 1 ? { ...a, name: 'Alex Smyth' } : a)) };
    expect(mergeGuest(renamed, 'Alex Smith', 'Alex Smith', GUEST, 1)).toBe(renamed);
    // With no pick the first row of the name is still the one (one target, one click, as before).
    expect(mergeGuest(form, 'Alex Smith', 'Alex Smith', GUEST).attendees[0]?.email).toBe(GUEST);
  });
});
