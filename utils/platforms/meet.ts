import { callKeyFromUrl } from './call-key';
import { ParticipantList } from './participants';
import type { CallSnapshot, PlatformReader } from './snapshot';
import { cleanText, countExceeds, rowMarksSelf } from './text';

/*
 * Google Meet. Its class names are obfuscated and change often; what has lasted is:
 * - the People panel: rows with role="listitem", the person's name in aria-label and a
 *   data-participant-id ("spaces/…/devices/…"), the user's own row labelled "(You)";
 * - the video tiles: [data-participant-id] elements whose name label carries data-self-name
 *   (the word the page uses for "You"; the user's own tile shows that word instead of a name).
 * The panel lists everyone, so it wins; tiles are read only while the panel is closed.
 */

const PANEL_ROW = '[role="listitem"][data-participant-id]';
const TILE_NAME = '[data-participant-id] [data-self-name]';

export const meetReader: PlatformReader<CallSnapshot> = {
  id: 'meet',
  read(doc, url) {
    const list = new ParticipantList();
    let selfName: string | null = null;
    let recognised = false;
    let listIsPartial = false;

    const rows = doc.querySelectorAll(PANEL_ROW);
    const panelList = doc.querySelector('[role="list"][aria-label="Participants"]');
    if (rows.length > 0 || panelList) {
      recognised = true;
      // The group header above the list ("Contributors 12") counts people, collapsed or not.
      const header = panelList?.previousElementSibling;
      listIsPartial = !!header?.hasAttribute('aria-expanded') && countExceeds(header.textContent, rows.length);
      for (const row of rows) {
        const label = row.getAttribute('aria-label') || firstText(row);
        const email = row.querySelector('[data-hovercard-id*="@"]')?.getAttribute('data-hovercard-id');
        const name = list.add(label, email);
        if (name && !selfName && rowMarksSelf(row.textContent, label ?? '')) selfName = name;
      }
    } else {
      const labels = doc.querySelectorAll(TILE_NAME);
      recognised = labels.length > 0;
      for (const label of labels) {
        const text = cleanText(label.textContent);
        // The user's own tile says "You" (in the page's language): not a name.
        if (text === cleanText(label.getAttribute('data-self-name'))) continue;
        list.add(text);
      }
    }

    return {
      kind: 'call',
      platform: 'meet',
      url,
      callKey: callKeyFromUrl(url),
      title: meetingTitle(doc, url),
      participants: recognised ? list.participants : null,
      selfName,
      ...(listIsPartial ? { listIsPartial } : {}),
    };
  },
};

function firstText(row: Element): string | null {
  for (const span of row.querySelectorAll('span')) {
    const text = cleanText(span.textContent);
    if (text) return text;
  }
  return null;
}

function meetingTitle(doc: Document, url: string): string | null {
  const fromAttribute = cleanText(doc.querySelector('[data-meeting-title]')?.getAttribute('data-meeting-title'));
  const title = fromAttribute || cleanText(doc.title).replace(/^(?:Google )?Meet\s*[-–—:]\s*/i, '');
  if (!title || /^(?:Google )?Meet$/i.test(title)) return null;
  // Meet uses the meeting code as the title when the call has no calendar event.
  const code = callKeyFromUrl(url)?.slice('meet:'.length);
  return code && title.toLowerCase() === code ? null : title;
}
