import { describe, expect, it } from 'vitest';
import {
  formToMeetingInput,
  isAttending,
  mergeLiveAttendees,
  removeAttendee,
  type MeetingFormValues,
} from '../../../../utils/meeting/form/form';
import { keysOfRows, resolveFormAttendees } from '../../../../utils/meeting/form/attendees';
import type { CalendarGuest } from '../../../../utils/platforms/snapshot';
import { call, held, minute, plan, start, type CallPlace } from './builders';

const TEAMS: CallPlace = { platform: 'teams', url: 'https://teams.microsoft.com/l/meetup-join/abc', callKey: null };

/** A live Teams call: each participant a name, an address when the page shows one, and the minute last seen. */
const teamsCall = (participants: Array<[string, string | undefined, number]>) =>
  call(
    participants.map(([name, email, last]) => ({
      name,
      ...(email ? { email } : {}),
      firstSeenAt: start,
      lastSeenAt: start + last * minute,
      present: true,
    })),
    { ...TEAMS, url: 'https://teams.microsoft.com/v2/' },
  );
const teamsPlan = (guests: CalendarGuest[]) => plan(guests, TEAMS);
const rows = (form: MeetingFormValues) => form.attendees.map((a) => [a.name, a.email, a.lastSeenAt]);
const saved = (form: MeetingFormValues) =>
  formToMeetingInput(form, resolveFormAttendees(form.attendees, [], [])).attendees.map((a) => [a.displayName, a.email]);

describe('removing a row removes that row only', () => {
  it('attacker: one of two guests of one name is removed; the other stays, and is saved', () => {
    const form = teamsPlan([
      { name: 'Alex Smith', email: 'alex@ageuk.example' },
      { name: 'Alex Smith', email: 'asmith@foodbank.example' },
    ]);
    const removed = removeAttendee(form, 1);
    expect(rows(removed)).toEqual([['Alex Smith', 'alex@ageuk.example', undefined]]);
    expect(saved(removed)).toEqual([['Alex Smith', 'alex@ageuk.example']]);
    // Removing the first instead keeps the second: by place, whatever the order.
    expect(saved(removeAttendee(form, 0))).toEqual([['Alex Smith', 'asmith@foodbank.example']]);
  });

  it('two people of one name on the call are two rows; removing one keeps the other, and the call does not bring it back', () => {
    const live = teamsCall([
      ['Alex Smith', 'alex@ageuk.example', 10],
      ['Alex Smith', 'asmith@foodbank.example', 10],
    ]);
    const form = mergeLiveAttendees(held(teamsPlan([])), live);
    expect(rows(form)).toEqual([
      ['Alex Smith', 'alex@ageuk.example', start + 10 * minute],
      ['Alex Smith', 'asmith@foodbank.example', start + 10 * minute],
    ]);
    const removed = removeAttendee(form, 0);
    // Later snapshots, in either order: the kept row follows the call, the removed one stays out.
    for (const later of [
      teamsCall([
        ['Alex Smith', 'alex@ageuk.example', 40],
        ['Alex Smith', 'asmith@foodbank.example', 40],
      ]),
      teamsCall([
        ['Alex Smith', 'asmith@foodbank.example', 40],
        ['Alex Smith', 'alex@ageuk.example', 40],
      ]),
    ]) {
      expect(rows(mergeLiveAttendees(removed, later))).toEqual([
        ['Alex Smith', 'asmith@foodbank.example', start + 40 * minute],
      ]);
    }
  });

  it('removing the seen row beside a guest of that name who was not seen: the guest stays unseen, not saved', () => {
    // A guest and, seen on the call, a row of that name by name alone (not merged: the lead's to decide).
    const twoRows = held(teamsPlan([{ name: 'Grace Mensah', email: 'grace@elsewhere.example' }]));
    twoRows.attendees = [
      ...twoRows.attendees,
      { name: 'Grace Mensah', firstSeenAt: start, lastSeenAt: start + 10 * minute, fromCall: true },
    ];
    const removed = removeAttendee(twoRows, 1);
    expect(rows(removed)).toEqual([['Grace Mensah', 'grace@elsewhere.example', undefined]]);
    // The call still shows the removed person: the guest who was not seen is not marked seen by them.
    const later = mergeLiveAttendees(removed, teamsCall([['Grace Mensah', undefined, 40]]));
    expect(later).toBe(removed);
    expect(isAttending(later.attendees[0]!, 'held')).toBe(false);
    expect(saved(later)).toEqual([]);
  });

  it('removing the guest who was not seen keeps the seen row of that name, which still follows the call', () => {
    const form: MeetingFormValues = held(teamsPlan([{ name: 'Grace Mensah', email: 'grace@elsewhere.example' }]));
    form.attendees = [
      ...form.attendees,
      { name: 'Grace Mensah', firstSeenAt: start, lastSeenAt: start + 10 * minute, fromCall: true },
    ];
    const removed = removeAttendee(form, 0);
    expect(rows(removed)).toEqual([['Grace Mensah', undefined, start + 10 * minute]]);
    expect(rows(mergeLiveAttendees(removed, teamsCall([['Grace Mensah', undefined, 40]])))).toEqual([
      ['Grace Mensah', undefined, start + 40 * minute],
    ]);
  });

  it('attacker: a stale or forged place removes nothing', () => {
    const form = teamsPlan([{ name: 'Alex Smith', email: 'alex@ageuk.example' }]);
    for (const index of [-1, 1, 99, Number.NaN, 0.5]) expect(removeAttendee(form, index)).toBe(form);
  });

  it('keeps the chair while a row of their name is left, and clears it with the last', () => {
    const form = {
      ...teamsPlan([
        { name: 'Alex Smith', email: 'alex@ageuk.example' },
        { name: 'Alex Smith', email: 'asmith@foodbank.example' },
      ]),
      chairName: 'Alex Smith',
    };
    const one = removeAttendee(form, 0);
    expect(one.chairName).toBe('Alex Smith');
    expect(removeAttendee(one, 0).chairName).toBe('');
  });
});

describe('keysOfRows', () => {
  it('gives two rows of one name and address two keys, and a row of another name the same key wherever it sits', () => {
    const alex = { displayName: 'Alex Smith' };
    const keys = keysOfRows([alex, alex, { displayName: 'Tom Reid' }]);
    expect(new Set(keys).size).toBe(3);
    expect(keysOfRows([alex, { displayName: 'Tom Reid' }])[1]).toBe(keys[2]);
    expect(keysOfRows([{ displayName: 'Alex Smith', email: 'a@x.example' }])[0]).not.toBe(keys[0]);
  });
});
