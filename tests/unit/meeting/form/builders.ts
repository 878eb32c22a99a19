import type { LiveCall } from '../../../../utils/meeting/attendance/live-call';
import { formFromCalendarEvent, type MeetingFormValues } from '../../../../utils/meeting/form/form';
import type { CallPlatform, CalendarGuest } from '../../../../utils/platforms/snapshot';

export const start = Date.UTC(2026, 11, 2, 14);
export const minute = 60_000;

/** Where the call of the plan and of the live call happens. */
export interface CallPlace {
  platform: CallPlatform;
  url: string;
  callKey: string | null;
}

export const MEET: CallPlace = {
  platform: 'meet',
  url: 'https://meet.google.com/abc-defg-hij',
  callKey: 'meet:abc-defg-hij',
};

/** The form of a one-hour calendar event "Core partners" at `start`, of partnership p1, with these guests. */
export function plan(guests: CalendarGuest[], place: CallPlace = MEET): MeetingFormValues {
  return formFromCalendarEvent(
    {
      title: 'Core partners',
      start: new Date(start).toISOString(),
      end: new Date(start + 60 * minute).toISOString(),
      guests,
      callLink: place.url,
      callKey: place.callKey,
    },
    start,
    'p1',
  );
}

/** A live call "Core partners" that started at `start`, its participants as given. */
export function call(participants: LiveCall['participants'], place: CallPlace = MEET): LiveCall {
  return {
    tabId: 1,
    platform: place.platform,
    url: place.url,
    callKey: place.callKey,
    title: 'Core partners',
    selfName: null,
    participantsReadable: true,
    participants,
    startedAt: start,
    updatedAt: start + 50 * minute,
  };
}

export const held = (form: MeetingFormValues): MeetingFormValues => ({ ...form, status: 'held' });
