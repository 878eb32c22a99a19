import { callKeyFromUrl } from './call-key';
import { ParticipantList } from './participants';
import type { CallSnapshot, PlatformReader } from './snapshot';
import { cleanText, countExceeds, rowMarksSelf } from './text';

/*
 * Microsoft Teams on the web. Teams tags its UI with data-tid test ids, which outlive its
 * redesigns better than anything else:
 * - Teams 2 (Fluent UI): the People pane is a role="tree"; people in the call are rows with
 *   data-tid="participantsInCall-<name>" (meetings joined from a link) or
 *   "attendeesInMeeting-<name>" (Meet now, webinars); the name is also in a span's title.
 *   "participantsFromThread-…" rows are people invited who have not joined: not attendance.
 * - Classic Teams: <calling-roster-section section-key="participantsInCall"> holding
 *   li[data-cid="roster-participant"] rows with the name in span[id^="roster-avatar-img-"].
 */

const IN_CALL_PREFIXES = ['participantsInCall-', 'attendeesInMeeting-'];
const ROW_V2 = IN_CALL_PREFIXES.map((prefix) => `[data-tid^="${prefix}"]`).join(', ');
const ROW_CLASSIC = ['participantsInCall', 'attendeesInMeeting']
  .map((key) => `calling-roster-section[section-key="${key}"] li[data-cid="roster-participant"]`)
  .join(', ');
const GENERIC_TITLES = /^(?:microsoft teams|teams|calendar|chat|activity|calls|meeting|meet|home)$/i;

export const teamsReader: PlatformReader<CallSnapshot> = {
  id: 'teams',
  read(doc, url) {
    const list = new ParticipantList();
    let selfName: string | null = null;
    let recognised = false;
    let listIsPartial = false;

    const add = (row: Element, rawName: string | null | undefined) => {
      const name = list.add(rawName);
      if (name && !selfName && rowMarksSelf(row.textContent, rawName ?? '')) selfName = name;
    };

    const rows = doc.querySelectorAll(ROW_V2);
    if (rows.length > 0) {
      recognised = true;
      for (const row of rows) add(row, nameFromRow(row));
      // The section header above the rows: "In this meeting (12)".
      const header = rows[0]!.closest('[role="group"]')?.previousElementSibling;
      listIsPartial = countExceeds(header?.textContent, rows.length);
    } else {
      const classic = doc.querySelectorAll(ROW_CLASSIC);
      recognised =
        classic.length > 0 ||
        doc.querySelector('[role="tree"][data-tid="roster-tree"], calling-roster-section') !== null;
      for (const row of classic) {
        const nameElement = row.querySelector('span[id^="roster-avatar-img-"], span[title]');
        add(row, nameElement?.textContent || nameElement?.getAttribute('title'));
      }
    }

    return {
      kind: 'call',
      platform: 'teams',
      url,
      callKey: callKeyFromUrl(url),
      title: meetingTitle(doc),
      participants: recognised ? list.participants : null,
      selfName,
      ...(listIsPartial ? { listIsPartial } : {}),
    };
  },
};

function nameFromRow(row: Element): string | null {
  const tid = row.getAttribute('data-tid') ?? '';
  const prefix = IN_CALL_PREFIXES.find((p) => tid.startsWith(p));
  const fromTid = prefix ? cleanText(tid.slice(prefix.length)) : '';
  return fromTid || row.querySelector('span[title]')?.getAttribute('title') || null;
}

function meetingTitle(doc: Document): string | null {
  const title = cleanText(doc.title)
    .replace(/^\(\d+\)\s*/, '')
    .replace(/\s*[|｜]\s*Microsoft Teams$/i, '')
    .replace(/^(?:Meeting|Call)\s*[|｜]\s*/i, '');
  return title && !GENERIC_TITLES.test(title) ? title : null;
}
