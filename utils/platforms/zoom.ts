import { ParticipantList } from './participants';
import type { CallSnapshot, PlatformReader } from './snapshot';
import { cleanText, countSelfLabels, lastNumber } from './text';

/*
 * Zoom's web client (app.zoom.us/wc/…). The Participants panel keeps readable BEM class names
 * and ids across versions: rows `.participants-li` / `#participants-list-<n>`, the name in
 * `.participants-item__display-name`, the labels in `.participants-item__name-label`
 * ("(Host, me)", "(Co-host)"), and an aria-label on the row that starts with the name.
 * People in the waiting room are listed in the same panel but have not joined. The panel's
 * "Participants (6)" and the footer button's counter give the page's own count.
 * The Zoom web app (PWA) runs the client in a same-origin iframe#webclient (/wc/<n>/join?fromPWA=1
 * or ?from=pwa): the content script runs in every frame, and a page that only hosts that frame is
 * left to the script inside it (`hostsZoomClient`).
 */

/** Whether this page only hosts the client in its frame (the script in the frame reads it). */
export function hostsZoomClient(doc: Document): boolean {
  return doc.querySelector('iframe#webclient') !== null;
}

const ROW = '.participants-li';
const ROW_BY_ID = '[id^="participants-list-"]';
const WAITING_ROOM = '.waiting-room-list-container, [class*="waiting-room"]';
const GENERIC_TITLES = /^(?:zoom(?: meeting| webinar| workplace)?|meeting)$/i;

export const zoomReader: PlatformReader<CallSnapshot> = {
  id: 'zoom',
  read(doc, url) {
    const list = new ParticipantList();
    let selfName: string | null = null;
    let rows = doc.querySelectorAll(ROW);
    if (rows.length === 0) rows = doc.querySelectorAll(ROW_BY_ID);
    const recognised =
      rows.length > 0 ||
      doc.querySelector('#participants-ul, .participants-ul, [aria-label="Participants list"]') !== null;
    const waitingRooms = [...doc.querySelectorAll(WAITING_ROOM)];

    let inMeeting = 0;
    for (const row of rows) {
      if (waitingRooms.some((room) => room.contains(row))) continue;
      inMeeting++;
      // Per row of a 300-person call: the aria-label only without a name element, the labels only
      // until the user is found.
      const nameElement = row.querySelector('.participants-item__display-name');
      const ariaLabel = nameElement ? '' : (row.getAttribute('aria-label') ?? '');
      const rawName = nameElement ? nameElement.textContent : nameFromAriaLabel(ariaLabel);
      // Zoom lists each participant once: two rows of one name are two people.
      const name = list.add(rawName, null, { ownRow: true });
      if (!name || selfName) continue;
      const labels = row.querySelector('.participants-item__name-label')?.textContent ?? ariaLabel;
      if (countSelfLabels(labels) > countSelfLabels(rawName)) selfName = name;
    }

    // "participant list, 6 participants" on the virtualised list, or the panel's "Participants (6)".
    const header =
      doc.querySelector('#participants-ul, .participants-ul[aria-label]')?.getAttribute('aria-label') ??
      doc.querySelector('.participants-header__title')?.textContent;
    const pageCount =
      lastNumber(header) ?? lastNumber(doc.querySelector('.footer-button__number-counter')?.textContent);
    const listIsPartial = recognised && pageCount !== undefined && pageCount > inMeeting;

    return list.snapshot('zoom', url, {
      title: meetingTitle(doc),
      selfName,
      source: recognised ? 'people-panel' : undefined,
      listIsPartial,
      ...(pageCount !== undefined ? { pageCount } : {}),
    });
  },
};

// "Ada Okafor (Host, me), Computer audio muted, Video off": the name is before the first label.
function nameFromAriaLabel(label: string): string {
  return label.split(/\s\(|,\s/)[0] ?? '';
}

function meetingTitle(doc: Document): string | null {
  const topic = cleanText(doc.querySelector('.meeting-info-container__topic')?.textContent);
  if (topic) return topic;
  const title = cleanText(doc.title).replace(/\s*[-–|]\s*Zoom(?: Workplace)?$/i, '');
  return title && !GENERIC_TITLES.test(title) ? title : null;
}
