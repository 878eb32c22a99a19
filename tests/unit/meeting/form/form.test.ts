import { describe, expect, it } from 'vitest';
import type { LiveCall } from '../../../../utils/meeting/attendance/live-call';
import type { Meeting } from '../../../../utils/db/records';
import {
  addAttendee,
  emptyForm,
  formFromCalendarEvent,
  formFromLiveCall,
  formFromMeeting,
  formToMeetingInput,
  mergeLiveAttendees,
  removeAttendee,
  validateForm,
} from '../../../../utils/meeting/form/form';
import { fromLocalInput } from '../../../../utils/time/local-time';

const start = new Date(2026, 10, 25, 10, 0).getTime();
const minute = 60_000;

function call(participants: Array<[string, number, number, boolean?]>): LiveCall {
  return {
    tabId: 7,
    platform: 'meet',
    url: 'https://meet.google.com/abc-defg-hij',
    callKey: 'meet:abc-defg-hij',
    title: 'Hardship partnership core meeting',
    selfName: 'Amira Khan',
    participantsReadable: true,
    participants: participants.map(([name, first, last, present = true]) => ({
      name,
      firstSeenAt: start + first * minute,
      lastSeenAt: start + last * minute,
      present,
    })),
    startedAt: start,
    updatedAt: start,
  };
}

describe('the meeting form', () => {
  it('is pre-filled from the live call', () => {
    const form = formFromLiveCall(
      call([
        ['Amira Khan', 0, 5],
        ['Tom Reid', 2, 5],
      ]),
      'p1',
    );
    expect(form).toMatchObject({
      partnershipId: 'p1',
      title: 'Hardship partnership core meeting',
      platform: 'meet',
      callKey: 'meet:abc-defg-hij',
      status: 'held',
    });
    expect(form.start).toBe('2026-11-25T10:00');
    expect(form.attendees.map((a) => a.name)).toEqual(['Amira Khan', 'Tom Reid']);
    expect(form.attendees[1]).toMatchObject({ firstSeenAt: start + 2 * minute, fromCall: true });
  });

  it('adds people who join later and updates when people were last seen', () => {
    const form = formFromLiveCall(call([['Amira Khan', 0, 5]]));
    const later = mergeLiveAttendees(
      form,
      call([
        ['Amira Khan', 0, 30],
        ['Priya Shah', 20, 30],
      ]),
    );
    expect(later.attendees.map((a) => [a.name, a.lastSeenAt])).toEqual([
      ['Amira Khan', start + 30 * minute],
      ['Priya Shah', start + 30 * minute],
    ]);
  });

  it('returns the same form when the call brings nothing new', () => {
    const live = call([['Amira Khan', 0, 5]]);
    const form = formFromLiveCall(live);
    expect(mergeLiveAttendees(form, live)).toBe(form);
  });

  it('keeps people the lead removed out, even when the call still shows them', () => {
    const form = removeAttendee(
      formFromLiveCall(
        call([
          ['Amira Khan', 0, 5],
          ['Guest 1', 0, 5],
        ]),
      ),
      1,
    );
    expect(form.attendees.map((a) => a.name)).toEqual(['Amira Khan']);
    expect(
      mergeLiveAttendees(
        form,
        call([
          ['Amira Khan', 0, 9],
          ['Guest 1', 0, 9],
        ]),
      ).attendees,
    ).toHaveLength(1);
  });

  it('adds someone by hand once, and un-removes a removed name', () => {
    let form = removeAttendee(formFromLiveCall(call([['Tom Reid', 0, 5]])), 0);
    form = addAttendee(form, { name: '  Tom Reid ', organisationId: 'o1' });
    form = addAttendee(form, { name: 'tom reid' });
    expect(form.attendees).toEqual([{ name: 'Tom Reid', organisationId: 'o1', fromCall: false }]);
    expect(form.removedNames).toEqual([]);
  });

  it('clears the chair when the chair is removed', () => {
    const form = { ...formFromLiveCall(call([['Tom Reid', 0, 5]])), chairName: 'Tom Reid' };
    expect(removeAttendee(form, 0).chairName).toBe('');
  });

  it('is pre-filled from a calendar event as a plan', () => {
    const form = formFromCalendarEvent(
      {
        title: 'Wider partners quarterly',
        start: '2026-12-02T14:00:00.000Z',
        end: '2026-12-02T15:30:00.000Z',
        guests: [{ email: 'sam@ageuk.example' }, { name: 'Jo Bloggs', email: 'jo@council.example' }],
        callLink: 'https://zoom.us/j/123456789',
        callKey: 'zoom:123456789',
      },
      start,
    );
    expect(form.status).toBe('planned');
    expect(form.platform).toBe('zoom');
    expect(fromLocalInput(form.start)).toBe(Date.parse('2026-12-02T14:00:00.000Z'));
    expect(form.attendees.map((a) => a.name)).toEqual(['sam@ageuk.example', 'Jo Bloggs']);
  });

  it('validates what a meeting needs', () => {
    expect(validateForm(emptyForm(start))).toEqual({ partnershipId: 'required', title: 'required' });
    const form = { ...emptyForm(start, 'p1'), title: 'Core', end: '2026-11-25T09:00' };
    expect(validateForm(form)).toEqual({ end: 'endBeforeStart' });
    expect(validateForm({ ...form, start: 'garbage', end: '' })).toEqual({ start: 'invalid' });
  });

  it('refuses what the bundle importer would refuse: a title over 500 characters, notes over 100,000', () => {
    const form = { ...emptyForm(start, 'p1'), title: 'x'.repeat(500) };
    expect(validateForm(form)).toEqual({});
    expect(validateForm({ ...form, title: 'x'.repeat(501) })).toEqual({ title: 'tooLongTitle' });
    // Spaces around the title are trimmed before saving, so they do not count.
    expect(validateForm({ ...form, title: ` ${'x'.repeat(500)} ` })).toEqual({});
    expect(validateForm({ ...form, notes: 'n'.repeat(100_000), decisions: 'd'.repeat(100_000) })).toEqual({});
    expect(validateForm({ ...form, notes: 'n'.repeat(100_001), decisions: 'd'.repeat(100_001) })).toEqual({
      notes: 'tooLongText',
      decisions: 'tooLongText',
    });
  });

  it('turns into a meeting record and back', () => {
    const form = {
      ...formFromLiveCall(call([['Tom Reid', 0, 45]]), 'p1'),
      title: '  Core meeting ',
      end: '2026-11-25T10:45',
      kind: 'core' as const,
      agenda: 'yes' as const,
      purposeTagIds: ['t1'],
      chairName: 'Tom Reid',
      decisions: 'Agree the bid',
      notes: '<b>not html</b>',
    };
    const input = formToMeetingInput(form, [
      {
        displayName: 'Tom Reid',
        personId: 'person1',
        organisationId: 'o1',
        firstSeenAt: start,
        lastSeenAt: start + 45 * minute,
      },
    ]);
    expect(input).toMatchObject({
      partnershipId: 'p1',
      title: 'Core meeting',
      startAt: start,
      endAt: start + 45 * minute,
      chairName: 'Tom Reid',
      chairPersonId: 'person1',
      chairOrganisationId: 'o1',
      notes: '<b>not html</b>',
      callKey: 'meet:abc-defg-hij',
    });
    const meeting: Meeting = { ...input, id: 'm1', createdAt: 1, updatedAt: 1, organisationIds: ['o1'] };
    const back = formFromMeeting(meeting);
    expect(back).toMatchObject({
      meetingId: 'm1',
      title: 'Core meeting',
      end: '2026-11-25T10:45',
      chairName: 'Tom Reid',
    });
    expect(back.attendees[0]).toMatchObject({ name: 'Tom Reid', organisationId: 'o1', fromCall: true });
    // A record naming its chair by person only (the sample data, a file) keeps its chair through an edit.
    const { chairName: _named, ...byPerson } = meeting;
    const edited = formFromMeeting(byPerson);
    expect(edited.chairName).toBe('Tom Reid');
    expect(formToMeetingInput(edited, [meeting.attendees[0]!])).toMatchObject({
      chairPersonId: 'person1',
      chairOrganisationId: 'o1',
    });
  });
});

describe('a meeting that came through a workspace with counts and no names', () => {
  const counts = [{ organisationId: 'o1', count: 3 }, { count: 1 }];
  const stripped = (): Meeting => ({
    ...formToMeetingInput({ ...emptyForm(Date.UTC(2026, 10, 25, 10)), partnershipId: 'p1', title: 'Core' }, []),
    id: 'm1',
    createdAt: 1,
    updatedAt: 1,
    organisationIds: ['o1'],
    attendanceCounts: counts,
  });

  it('keeps its counts through an edit while nobody is listed by name', () => {
    const form = { ...formFromMeeting(stripped()), notes: 'Edited' };
    expect(formToMeetingInput(form, [])).toMatchObject({ notes: 'Edited', attendanceCounts: counts });
  });

  it('drops the counts once someone is listed: names are counted from then on', () => {
    const form = addAttendee(formFromMeeting(stripped()), { name: 'Tom Reid', organisationId: 'o1' });
    const input = formToMeetingInput(form, [{ displayName: 'Tom Reid', organisationId: 'o1' }]);
    expect(input.attendees).toHaveLength(1);
    expect(input).not.toHaveProperty('attendanceCounts');
  });
});
