import { callKeyFromUrl } from './call-key';
import { ParticipantList } from './participants';
import type { CallSnapshot, PagePart, PlatformReader } from './snapshot';
import { cleanText, displayName, lastNumber, rowMarksSelf } from './text';

/*
 * Google Meet. Its class names are obfuscated and change often; what has lasted is:
 * - the People panel: rows with role="listitem", the person's name in aria-label and a
 *   data-participant-id ("spaces/…/devices/…"), the user's own row labelled "(You)"; the group
 *   header above the list counts everyone ("Contributors 12"); people waiting to be let in are
 *   listed in a list of their own, with "Admit" controls: they are not in the call;
 * - the video tiles: elements with data-participant-id / data-requested-participant-id, the name
 *   in span.notranslate; a screen share is a second tile for the same person ("(Presentation)").
 *   Older layouts name the user's tile with the word in data-self-name ("You"); 2026 layouts have
 *   no data-self-name, and the user's tile is the one with the self-view controls ("Reframe",
 *   "Backgrounds and effects");
 * - the People button's badge counts everyone in the call.
 * The panel lists everyone, so it wins; tiles are read only while the panel is closed. A row's or
 * tile's data-participant-id ("spaces/…/devices/…", the same on both) tells two people of one name apart.
 */

// Rows carry data-participant-id; builds read from November 2025 on have rows in the list
// "Participants" with none (the name still in the row's aria-label). A list inside a row (a menu) is no row.
const PANEL_ROW = '[role="listitem"][data-participant-id], [role="list"][aria-label="Participants"] [role="listitem"]';
const ROW_BUTTON = PANEL_ROW.split(', ')
  .map((row) => `${row} button`)
  .join(', ');
const TILE = '[data-participant-id], [data-requested-participant-id]';
const TILE_NAME = 'span.notranslate, [data-self-name]';
const SELF_VIEW_CONTROL = /reframe|backgrounds? and effects|visual effects/i;
const WAITING = /waiting|lobby|admit/i;
const SECOND_SIGHTING = /\b(?:presentation|companion)\b/i;

export const meetReader: PlatformReader<CallSnapshot> = {
  id: 'meet',
  read(doc, url) {
    const list = new ParticipantList();
    let selfName: string | null = null;
    let source: PagePart | undefined;
    let listIsPartial = false;

    const waitingLists = [...doc.querySelectorAll('[role="list"][aria-label]')].filter((l) =>
      WAITING.test(l.getAttribute('aria-label')!),
    );
    const admitting = rowsWithAdmit(doc);
    const rows = [...doc.querySelectorAll(PANEL_ROW)].filter(
      (row) =>
        !admitting.has(row) &&
        !waitingLists.some((list) => list.contains(row)) &&
        !row.parentElement?.closest('[role="listitem"]'),
    );
    const panelList = doc.querySelector('[role="list"][aria-label="Participants"]');
    // The group header above the list ("Contributors 12") counts people, collapsed or not.
    const header = panelList?.previousElementSibling;
    const headerCount = header?.hasAttribute('aria-expanded') ? lastNumber(header.textContent) : undefined;
    if (rows.length > 0 || panelList) {
      source = 'people-panel';
      listIsPartial = headerCount !== undefined && headerCount > rows.length;
      for (const row of rows) {
        const label = row.getAttribute('aria-label') || firstText(row);
        const text = row.textContent;
        const email = row.querySelector('[data-hovercard-id*="@"]')?.getAttribute('data-hovercard-id');
        const name = list.add(label, email, {
          id: secondSighting(text, label) ? null : row.getAttribute('data-participant-id'),
        });
        if (name && !selfName && rowMarksSelf(text, label ?? '')) selfName = name;
      }
    } else {
      for (const tile of doc.querySelectorAll(TILE)) {
        // A tile's inner parts may carry the id too: the outermost element is the tile.
        if (tile.parentElement?.closest(TILE)) continue;
        const label = tile.querySelector(TILE_NAME);
        if (!label) continue;
        source = 'tiles';
        const text = cleanText(label.textContent);
        // Older layouts: the user's own tile says "You" (in the page's language), not a name.
        if (label.hasAttribute('data-self-name') && text === cleanText(label.getAttribute('data-self-name'))) continue;
        const id = secondSighting(text, displayName(text))
          ? null
          : (tile.getAttribute('data-participant-id') ?? tile.getAttribute('data-requested-participant-id'));
        const name = list.add(text, null, { id });
        if (name && !selfName && isSelfTile(tile)) selfName = name;
      }
    }
    const pageCount = headerCount ?? peopleBadge(doc);

    return list.snapshot('meet', url, {
      title: meetingTitle(doc, url),
      selfName,
      source,
      listIsPartial,
      ...(pageCount !== undefined ? { pageCount } : {}),
    });
  },
};

/**
 * The panel's rows with an "Admit" control: people waiting to join, whatever list they are in. The
 * control is known by its label ("Admit Jo Blake") or, in builds without one, by its text alone
 * ("Admit", not "Admit all"). One query for the whole panel, not one per row of a 300-person call.
 */
function rowsWithAdmit(doc: Document): Set<Element> {
  const rows = new Set<Element>();
  for (const button of doc.querySelectorAll(ROW_BUTTON)) {
    const label = button.getAttribute('aria-label');
    if (label ? /^admit /i.test(label) : /^admit$/i.test(cleanText(button.textContent))) {
      const row = button.closest(PANEL_ROW);
      if (row) rows.add(row);
    }
  }
  return rows;
}

/**
 * A screen share ("Grace Mensah (Presentation)", "Your presentation") or a companion device
 * ("Companion mode"): a second row or tile of someone listed anyway, whatever id it carries. It
 * joins its person by name rather than standing for a namesake.
 */
function secondSighting(text: string | null, name: string | null): boolean {
  // Most rows hold neither word anywhere: the raw text tells, with no cleaning (300 rows a pass).
  // Not by word there: a name's text may run into the label ("Tom FairbairnCompanion mode").
  if (!text || !/presentation|companion/i.test(text)) return false;
  const rest = cleanText(text);
  return SECOND_SIGHTING.test(name ? rest.replace(cleanText(name), '') : rest);
}

function isSelfTile(tile: Element): boolean {
  return [...tile.querySelectorAll('[aria-label]')].some((control) =>
    SELF_VIEW_CONTROL.test(control.getAttribute('aria-label') ?? ''),
  );
}

// The People button ("People", "Show everyone") carries the number of people in the call.
function peopleBadge(doc: Document): number | undefined {
  for (const button of doc.querySelectorAll('button[aria-label]')) {
    if (/^(?:people|show everyone)\b/i.test(button.getAttribute('aria-label') ?? '')) {
      const count = lastNumber(button.textContent);
      if (count !== undefined) return count;
    }
  }
  return undefined;
}

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
