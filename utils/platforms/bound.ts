import { LIMITS } from '../browser/messaging';
import type {
  CalendarEvent,
  CalendarGuest,
  CalendarSnapshot,
  CallSnapshot,
  SeenParticipant,
  Snapshot,
} from './snapshot';

/*
 * A page's read, brought within the limits the background checks (utils/browser/messaging.ts)
 * before it is sent. The background refuses a whole snapshot with one field over its limit, so
 * without this one person's 1 MB display name, a long event title, a long address or a page's
 * count of 10^20 would stop the page being read at all, silently. Here such a name is left out of
 * the list and the list is marked partial (the panel says how much was read), a title is shortened,
 * and a count that is no count is dropped.
 */

/** The snapshot within LIMITS: the same object when nothing is over. */
export function boundSnapshot<S extends Snapshot>(snapshot: S): S {
  return (snapshot.kind === 'calendar' ? boundCalendar(snapshot) : boundCall(snapshot as CallSnapshot)) as S;
}

function boundCalendar(snapshot: CalendarSnapshot): CalendarSnapshot {
  const url = clip(snapshot.url, LIMITS.url);
  const event = snapshot.event && boundEvent(snapshot.event);
  return url === snapshot.url && event === snapshot.event ? snapshot : { ...snapshot, url, event };
}

function boundCall(snapshot: CallSnapshot): CallSnapshot {
  const bounded: CallSnapshot = {
    ...snapshot,
    url: clip(snapshot.url, LIMITS.url),
    title: snapshot.title === null ? null : clip(snapshot.title, LIMITS.title),
    callKey: fits(snapshot.callKey, LIMITS.url) ? snapshot.callKey : null,
    selfName: fits(snapshot.selfName, LIMITS.name) ? snapshot.selfName : null,
  };
  if (snapshot.pageCount !== undefined && !Number.isSafeInteger(snapshot.pageCount)) delete bounded.pageCount;
  const people = snapshot.participants && within(snapshot.participants, LIMITS.participants, person);
  if (people && people !== snapshot.participants) {
    bounded.participants = people;
    bounded.listIsPartial = true;
  }
  return bounded;
}

function boundEvent(event: CalendarEvent): CalendarEvent {
  const guests = within(event.guests, LIMITS.guests, guest);
  const callLink = fits(event.callLink, LIMITS.url) ? event.callLink : null;
  const callKey = fits(event.callKey, LIMITS.url) ? event.callKey : null;
  const title = clip(event.title, LIMITS.title);
  const same = guests === event.guests && callLink === event.callLink && callKey === event.callKey;
  return same && title === event.title ? event : { ...event, title, guests, callLink, callKey };
}

/** A participant whose name is over the limit is no name; an over-long address or id is left off. */
function person(p: SeenParticipant): SeenParticipant | null {
  if (!fits(p.name, LIMITS.name)) return null;
  if (fits(p.email, LIMITS.name) && fits(p.id, LIMITS.name)) return p;
  const { email, id } = p;
  return {
    name: p.name,
    ...(email !== undefined && fits(email, LIMITS.name) ? { email } : {}),
    ...(id !== undefined && fits(id, LIMITS.name) ? { id } : {}),
  };
}

function guest(g: CalendarGuest): CalendarGuest | null {
  const name = fits(g.name, LIMITS.name) ? g.name : undefined;
  const email = fits(g.email, LIMITS.name) ? g.email : undefined;
  if (name === g.name && email === g.email) return g;
  if (!name && !email) return null;
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/** The items kept (each fitted), at most `max`; the same array when every item fits as it is. */
function within<T>(items: T[], max: number, fit: (item: T) => T | null): T[] {
  let changed = items.length > max;
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === max) break;
    const fitted = fit(item);
    if (fitted !== item) changed = true;
    if (fitted) kept.push(fitted);
  }
  return changed ? kept : items;
}

function fits(text: string | null | undefined, max: number): boolean {
  return text == null || text.length <= max;
}

/** At most `max` UTF-16 units, ending "…" when cut, never in the middle of a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '');
  return `${cut}…`;
}
