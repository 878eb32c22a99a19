import { ParticipantList } from './participants';
import type { CallSnapshot, PagePart, PlatformReader } from './snapshot';
import { cleanText, displayName, lastNumber, rowMarksSelf } from './text';

/*
 * Microsoft Teams on the web. Teams tags its UI with data-tid test ids, which outlive its
 * redesigns better than anything else:
 * - Teams 2 (Fluent UI): the People pane is a role="tree"; people in the call are rows with
 *   data-tid="participantsInCall-<name>" (meetings joined from a link) or
 *   "attendeesInMeeting-<name>" (Meet now, webinars); the name is also in a span's title.
 *   "participantsFromThread-…" rows are people invited who have not joined: not attendance.
 *   Some join routes render rows as calling-roster-item-<id> (a data-tid, or the row's id), with
 *   the name in a span's title or the row's aria-label. The tree is virtualised (about 20 rows of 293 exist);
 *   the section header above the rows counts everyone ("In this meeting (293)").
 * - A row's user id follows calling-roster-item- (on the row) or roster-avatar-img- (on its avatar).
 * - The user's own name is on the account button: data-tid="me-control-avatar", "Profile picture
 *   of <name>." (rows carry no "(You)" in Teams 2).
 * - Classic Teams: <calling-roster-section section-key="participantsInCall"> holding
 *   li[data-cid="roster-participant"] rows with the name in span[id^="roster-avatar-img-"].
 */

const IN_CALL_PREFIXES = ['participantsInCall-', 'attendeesInMeeting-'];
// calling-roster-item rows: public notes show the marker as the row's element id; issue 13 as its data-tid.
const ROW_V2 = [...IN_CALL_PREFIXES, 'calling-roster-item']
  .map((prefix) => `[data-tid^="${prefix}"]`)
  .concat('[id^="calling-roster-item-"]')
  .join(', ');
const ME = '[data-tid="me-control-avatar"]';
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
    let pageCount: number | undefined;
    let source: PagePart | undefined;

    const add = (row: Element, rawName: string | null | undefined) => {
      const name = list.add(rawName, null, { id: userId(row) });
      if (name && !selfName && rowMarksSelf(row.textContent, rawName ?? '')) selfName = name;
    };

    const rows = doc.querySelectorAll(ROW_V2);
    if (rows.length > 0) {
      recognised = true;
      for (const row of rows) add(row, nameFromRow(row));
      pageCount = lastNumber(sectionHeader(rows[0]!)?.textContent);
      listIsPartial = pageCount !== undefined && pageCount > rows.length;
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

    if (recognised) source = 'roster';
    selfName ??= ownName(doc);

    return list.snapshot('teams', url, {
      title: meetingTitle(doc),
      selfName,
      source,
      listIsPartial,
      ...(pageCount !== undefined ? { pageCount } : {}),
    });
  },
};

const ROSTER_ITEM = 'calling-roster-item-';
const AVATAR = 'roster-avatar-img-';

// The user id ("8:orgid:<uuid>", a guest's "8:teamsvisitor:<id>"): after calling-roster-item- on
// the row, else after roster-avatar-img- on the row's avatar. Two people of one name have the same
// data-tid (participantsInCall-<name>); only this tells them apart.
function userId(row: Element): string | null {
  const marker = [row.getAttribute('data-tid'), row.id].find((m) => m?.startsWith(ROSTER_ITEM));
  if (marker) return marker.slice(ROSTER_ITEM.length);
  return row.querySelector(`[id^="${AVATAR}"]`)?.id.slice(AVATAR.length) ?? null;
}

function nameFromRow(row: Element): string | null {
  const tid = row.getAttribute('data-tid') ?? '';
  const prefix = IN_CALL_PREFIXES.find((p) => tid.startsWith(p));
  const fromTid = prefix ? cleanText(tid.slice(prefix.length)) : '';
  return (
    fromTid ||
    row.querySelector('span[title]')?.getAttribute('title') ||
    // "Grace Mensah, Organizer, muted": the name comes first.
    row.getAttribute('aria-label')?.split(',')[0] ||
    null
  );
}

// The header of the rows' section: the group's own header (nested tree), else the nearest
// earlier sibling that opens and closes a section (flat tree: headers and rows are siblings).
function sectionHeader(row: Element): Element | null {
  const group = row.closest('[role="group"]');
  if (group?.previousElementSibling) return group.previousElementSibling;
  for (let el = row.previousElementSibling; el; el = el.previousElementSibling) {
    if (el.hasAttribute('aria-expanded')) return el;
  }
  return null;
}

// "Profile picture of Priya Raman." on the account button, in its label or its picture's alt.
function ownName(doc: Document): string | null {
  const me = doc.querySelector(ME);
  if (!me) return null;
  const label =
    me.getAttribute('aria-label') || me.getAttribute('alt') || me.querySelector('img[alt]')?.getAttribute('alt') || '';
  const name = cleanText(label.replace(/^profile picture of\s+/i, '').replace(/\.$/, ''));
  return name && name !== cleanText(label) ? displayName(name) || null : null;
}

function meetingTitle(doc: Document): string | null {
  const title = cleanText(doc.title)
    .replace(/^\(\d+\)\s*/, '')
    .replace(/\s*[|｜]\s*Microsoft Teams$/i, '')
    .replace(/^(?:Meeting|Call)\s*[|｜]\s*/i, '');
  return title && !GENERIC_TITLES.test(title) ? title : null;
}
