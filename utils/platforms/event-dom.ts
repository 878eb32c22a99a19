import { callKeyFromUrl, unwrapLink } from './call-key';
import type { CalendarGuest } from './snapshot';
import { cleanText, displayName, findEmail, nameKey } from './text';
import { parseEventTimes, type EventTimes, type WhenOptions } from './when';

/** Shared by the calendar readers: guests and the call link inside an open event. */

// Where calendars put a guest's address: Google's data-email / hovercards, Outlook's persona
// titles, plain mailto links.
const GUEST = '[data-email], [data-hovercard-id*="@"], [title*="@"], a[href^="mailto:"]';

// Outlook's persona cards: a hover target per person, often with no address anywhere in the markup.
const PERSONA = '[data-lpc-hover-target-id]';
const OPENS_CARD = /^opens card for\s+(.+)$/i;

/**
 * The guests in an open event, in page order, each once. With `personas`, a persona card with no
 * address in it is a guest known by name only (matched later through the remembered people).
 */
export function readGuests(container: Element, options: { personas?: boolean } = {}): CalendarGuest[] {
  const guests: CalendarGuest[] = [];
  const seen = new Set<string>();
  const selector = options.personas ? `${GUEST}, ${PERSONA}` : GUEST;
  for (const element of container.querySelectorAll(selector)) {
    if (!element.matches(GUEST)) {
      // A card around (or inside) an entry with an address is that entry.
      const withAddress = element.querySelector(GUEST) ?? element.parentElement?.closest(GUEST);
      if (withAddress && container.contains(withAddress)) continue;
      const name = personaName(element);
      if (!name || seen.has(nameKey(name))) continue;
      seen.add(nameKey(name));
      guests.push({ name });
      continue;
    }
    // A nested element of the same guest repeats it: the outer one has the name.
    const outer = element.parentElement?.closest(GUEST);
    if (outer && container.contains(outer)) continue;
    const email = findEmail(
      element.getAttribute('data-email') ??
        element.getAttribute('data-hovercard-id') ??
        element.getAttribute('href') ??
        element.getAttribute('title'),
    );
    if (!email || seen.has(email)) continue;
    seen.add(email);
    const name = guestName(element, email);
    if (name) seen.add(nameKey(name));
    guests.push(name ? { name, email } : { email });
  }
  return guests;
}

/** "Opens card for Grace Mensah", else the card's own visible text. */
function personaName(element: Element): string | null {
  const label = OPENS_CARD.exec(cleanText(element.getAttribute('aria-label')))?.[1];
  const candidates = label ? [label] : leafTexts(element);
  for (const candidate of candidates) {
    const text = displayName(candidate).replace(/,$/, '');
    if (text && !text.includes('@') && !NOT_A_NAME.test(text) && text.length <= 200) return text;
  }
  return null;
}

// The guest's name is the first piece of text in the entry that is not an address or a status.
const NOT_A_NAME =
  /^(?:organi[sz]er|optional|required|accepted|declined|tentative|maybe|awaiting|no response|\d+ guests?)/i;

function guestName(element: Element, email: string): string | null {
  const candidates = [element.getAttribute('data-name'), ...leafTexts(element)];
  for (const candidate of candidates) {
    const text = displayName(candidate).replace(/,$/, '');
    if (text && !text.includes('@') && !NOT_A_NAME.test(text) && text.toLowerCase() !== email) return text;
  }
  return null;
}

function leafTexts(element: Element): string[] {
  const texts: string[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // Initials in an avatar and other decorations are hidden from assistive technology.
    const hidden = node.parentElement?.closest('[aria-hidden="true"]');
    if (hidden && element.contains(hidden)) continue;
    const text = cleanText(node.nodeValue);
    if (text) texts.push(text);
  }
  return texts;
}

/** The first Meet / Zoom / Teams link in the event: its anchors first, then links pasted as text. */
export function findCallLink(container: Element): { callLink: string | null; callKey: string | null } {
  for (const anchor of container.querySelectorAll('a[href]')) {
    const href = unwrapLink(anchor.getAttribute('href') ?? '');
    const callKey = callKeyFromUrl(href);
    if (callKey) return { callLink: href, callKey };
  }
  for (const url of (container.textContent ?? '').match(/https:\/\/[^\s<>"')]+/g) ?? []) {
    const callKey = callKeyFromUrl(url);
    if (callKey) return { callLink: url, callKey };
  }
  return { callLink: null, callKey: null };
}

/**
 * The event's start and end: from <time datetime> elements when the calendar gives them, else from
 * the first short piece of text that reads as a timed range.
 */
export function findEventTimes(container: Element, options: WhenOptions): EventTimes {
  const times = container.querySelectorAll('time[datetime]');
  if (times.length >= 2) {
    const start = new Date(times[0]!.getAttribute('datetime') ?? '');
    const end = new Date(times[1]!.getAttribute('datetime') ?? '');
    if (!Number.isNaN(start.getTime()) && !Number.isNaN(end.getTime()) && end > start) {
      return { start: start.toISOString(), end: end.toISOString() };
    }
  }
  for (const element of container.querySelectorAll('div, span, p')) {
    if (element.childElementCount > 4) continue;
    const text = element.textContent ?? '';
    if (text.length > 160 || !/\d/.test(text)) continue;
    const parsed = parseEventTimes(text, options);
    if (parsed.start) return parsed;
  }
  return { start: null, end: null };
}

/** Numeric dates: day first everywhere but in US English. */
export function whenOptionsFor(doc: Document): WhenOptions {
  const lang = (doc.documentElement.getAttribute('lang') ?? '').toLowerCase();
  return { referenceYear: new Date().getFullYear(), dayFirst: lang !== 'en-us' && lang !== 'en_us' };
}

/**
 * Whether any of these containers (dialogs, panes) holds what an open event would: guests' addresses
 * or a call link. Used when none of a calendar's known markers is on the page, to tell "no event
 * open" from "an event is open in a layout we do not know".
 */
export function looksLikeUnknownEvent(containers: Iterable<Element>): boolean {
  for (const container of containers) {
    if (findEmail(container.textContent) || container.querySelector(GUEST) || findCallLink(container).callKey)
      return true;
  }
  return false;
}
