import { findCallLink, findEventTimes, looksLikeUnknownEvent, readGuests, whenOptionsFor } from './event-dom';
import type { CalendarSnapshot, PlatformReader } from './snapshot';
import { cleanText } from './text';

/*
 * Google Calendar. Clicking an event opens its details dialog, which has kept its element ids
 * through several redesigns: #xDetDlg (the dialog), #rAECCd (the title heading), #xDetDlgWhen
 * (date and time), #xDetDlgAtt (guests, each with data-email), #xDetDlgVideo (the call).
 * Event chips in the grid carry data-eventid; a dialog with the same attribute is the fallback.
 * After the popover closes, Calendar keeps #xDetDlg in the page, hidden: only a visible dialog is
 * the open event.
 */

const EVENT_DIALOG = '#xDetDlg, [role="dialog"][data-eventid]';
const ANY_DIALOG = '[role="dialog"], dialog[open], [aria-modal="true"]';

export const gcalReader: PlatformReader<CalendarSnapshot> = {
  id: 'gcal',
  read(doc, url) {
    const dialog = [...doc.querySelectorAll(EVENT_DIALOG)].find(isShown);
    if (!dialog)
      return snapshot(url, null, !looksLikeUnknownEvent([...doc.querySelectorAll(ANY_DIALOG)].filter(isShown)));

    const title = cleanText(dialog.querySelector('#rAECCd, [role="heading"]')?.textContent);
    if (!title) return snapshot(url, null, false);

    const whenElement = dialog.querySelector('#xDetDlgWhen') ?? dialog;
    const { start, end } = findEventTimes(whenElement, whenOptionsFor(doc));
    const guests = readGuests(dialog.querySelector('#xDetDlgAtt') ?? dialog);
    return snapshot(url, { title, start, end, guests, ...findCallLink(dialog) }, true);
  },
};

const HIDDEN = '[hidden], [aria-hidden="true"], [style*="display: none"], [style*="display:none"]';

function isShown(element: Element): boolean {
  if (element.closest(HIDDEN)) return false;
  // In a live page, also what the style sheets hide (a page parsed for the tests has no layout).
  const live = element.ownerDocument.defaultView && 'checkVisibility' in element;
  return !live || element.checkVisibility({ visibilityProperty: true });
}

function snapshot(url: string, event: CalendarSnapshot['event'], recognised: boolean): CalendarSnapshot {
  return { kind: 'calendar', platform: 'gcal', url, event, recognised };
}
