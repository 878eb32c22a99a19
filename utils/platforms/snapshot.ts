/** What a content script reads off a call or calendar page. Plain data: it crosses messaging. */

export type CallPlatform = 'meet' | 'zoom' | 'teams';
export type CalendarPlatform = 'gcal' | 'outlook';
export type PlatformId = CallPlatform | CalendarPlatform;

export const CALL_PLATFORMS: readonly CallPlatform[] = ['meet', 'zoom', 'teams'];
export const CALENDAR_PLATFORMS: readonly CalendarPlatform[] = ['gcal', 'outlook'];
export const PLATFORMS: readonly PlatformId[] = [...CALL_PLATFORMS, ...CALENDAR_PLATFORMS];

/** The part of a call page a participant list was read from. */
export type PagePart = 'people-panel' | 'tiles' | 'roster';
export const PAGE_PARTS: readonly PagePart[] = ['people-panel', 'tiles', 'roster'];

export interface SeenParticipant {
  /** The display name exactly as the page shows it (text, never HTML). */
  name: string;
  email?: string;
  /**
   * The platform's own id of the participant where the page gives one (Meet's data-participant-id,
   * Teams' user id): two people of one name and no email are two people, and stay apart over the call.
   */
  id?: string;
}

export interface CallSnapshot {
  kind: 'call';
  platform: CallPlatform;
  url: string;
  /** Stable key of the call, e.g. `meet:abc-defg-hij` (see callKeyFromUrl). */
  callKey: string | null;
  title: string | null;
  /** null: the participant list could not be read on this layout. Never guessed. */
  participants: SeenParticipant[] | null;
  selfName: string | null;
  /**
   * true: the page's own count says more people are in the call than its list holds (long lists
   * are virtualised: only the rows on screen exist), so someone missing has not necessarily left.
   */
  listIsPartial?: boolean;
  /** The number of people the page itself says are in the call (a badge, a header), when it shows one. */
  pageCount?: number;
  /** Where the list was read from; absent when it could not be read. */
  source?: PagePart;
}

/** A guest has an address, a name, or both (Outlook's persona cards often show the name alone). */
export interface CalendarGuest {
  name?: string;
  email?: string;
}

export interface CalendarEvent {
  title: string;
  /** ISO 8601 date-time, or null when the page does not show it in a readable form. */
  start: string | null;
  end: string | null;
  guests: CalendarGuest[];
  /** The Meet / Zoom / Teams link in the event, if any. */
  callLink: string | null;
  callKey: string | null;
}

export interface CalendarSnapshot {
  kind: 'calendar';
  platform: CalendarPlatform;
  url: string;
  /** null: no event is open (or it could not be read: see `recognised`). */
  event: CalendarEvent | null;
  /** false: an event seems open but its layout was not recognised. */
  recognised: boolean;
}

export type Snapshot = CallSnapshot | CalendarSnapshot;

/** Every platform module has this shape. `read` is pure: it only reads the document. */
export interface PlatformReader<S extends Snapshot = Snapshot> {
  id: S['platform'];
  read(doc: Document, url: string): S;
}
