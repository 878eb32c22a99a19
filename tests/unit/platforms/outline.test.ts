import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readers } from '../../../utils/platforms';
import { pageOutline } from '../../../utils/platforms/outline';
import type { PlatformId } from '../../../utils/platforms/snapshot';
import { documentFrom, loadFixture } from './fixture';

const URLS: Record<PlatformId, string> = {
  meet: 'https://meet.google.com/xkr-pqnd-tws',
  zoom: 'https://app.zoom.us/wc/84512345678/join',
  teams: 'https://teams.microsoft.com/v2/',
  gcal: 'https://calendar.google.com/calendar/u/0/r/week',
  outlook: 'https://outlook.office.com/calendar/view/week',
};

function fixtures(platform: PlatformId): string[] {
  return readdirSync(join(process.cwd(), 'tests/fixtures', platform))
    .filter((file) => file.endsWith('.html'))
    .map((file) => `${platform}/${file}`);
}

/** Every name and address a reader takes from the page, and its pieces. */
function namesIn(platform: PlatformId, doc: Document): string[] {
  const snapshot = readers[platform].read(doc, URLS[platform]);
  const found =
    snapshot.kind === 'call'
      ? [...(snapshot.participants ?? []).flatMap((p) => [p.name, p.email ?? '']), snapshot.selfName ?? '']
      : (snapshot.event?.guests ?? []).flatMap((g) => [g.name ?? '', g.email ?? '']);
  return found.flatMap((name) => [name, ...name.split(/[\s@.]+/)]).filter((piece) => piece.length >= 4);
}

// The words an outline may hold: tag names, roles, attribute names, and the readers' known ids.
const STRUCTURE_LINE = /^ *[a-z][a-z0-9-]*(?: #[A-Za-z0-9._-]+)?(?: role=[a-z]+)?(?: \[[a-z0-9 -]+\])?(?: ×\d+)?$/;

describe('pageOutline', () => {
  for (const platform of Object.keys(URLS) as PlatformId[]) {
    it(`carries no name, address or text from any ${platform} fixture`, () => {
      for (const path of fixtures(platform)) {
        const doc = loadFixture(path);
        const names = namesIn(platform, doc);
        const outline = pageOutline(doc);
        expect(outline.length, path).toBeGreaterThan(0);
        for (const name of names) expect(outline, `${path}: ${name}`).not.toContain(name);
        expect(outline, path).not.toMatch(/@/);
        for (const line of outline.split('\n')) expect(line, path).toMatch(STRUCTURE_LINE);
      }
    }, 60_000); // the 300-person pages are slow to parse
  }

  it('keeps names out wherever a page puts them: ids, data-* and aria-* values, classes, titles, roles', () => {
    const doc = documentFrom(`<body>
      <div id="roster-Grace-Mensah" role="tree" aria-label="Participants">
        <div role="treeitem" data-tid="participantsInCall-Grace Mensah" data-email="grace@ageuk.example"
             aria-label="Grace Mensah, muted" class="person-Grace-Mensah" title="Grace Mensah">
          <span role="Grace Mensah" aria-describedby="Mensah">Grace Mensah</span>
          <img alt="Profile picture of Grace Mensah." src="data:,Grace">
          <a href="mailto:grace@ageuk.example">grace@ageuk.example</a>
        </div>
      </div></body>`);
    const outline = pageOutline(doc);
    expect(outline).not.toMatch(/grace|mensah|ageuk|@/i);
    // The structure a maintainer needs is there.
    expect(outline).toContain('div #a-a-a role=tree [aria-label]');
    expect(outline).toContain('div role=treeitem [aria-label data-email data-tid]');
    expect(outline).toContain('span [aria-describedby]');
  });

  it('writes a run of identical rows once, with their number, and keeps the readers’ ids', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `<li data-participant-id="p${i}">Person ${i}</li>`).join('');
    const outline = pageOutline(documentFrom(`<body><div id="xDetDlg"></div><ul>${rows}</ul></body>`));
    expect(outline).toBe('body\n  div #xDetDlg\n  ul\n    li [data-participant-id] ×300');
  });
});
