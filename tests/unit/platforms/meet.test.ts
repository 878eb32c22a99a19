import { describe, expect, it } from 'vitest';
import { meetReader } from '../../../utils/platforms/meet';
import { documentFrom, loadFixture } from './fixture';
import { HOSTILE_NAMES, namesRead, readLargeCall } from './call-reader';

const URL_IN_CALL = 'https://meet.google.com/xkr-pqnd-tws?authuser=0';
const device = (n: number) => `spaces/xkr-pqnd-tws/devices/${n}`;

/** A saved Meet page (tests/fixtures/meet/), changed first where a test says how. */
function page(fixture: string, change: (doc: Document) => void = () => {}): Document {
  const doc = loadFixture(`meet/${fixture}.html`);
  change(doc);
  return doc;
}
const read = (doc: Document) => meetReader.read(doc, URL_IN_CALL);
const namesIn = (doc: Document) => read(doc).participants!.map((p) => p.name);
/** People read by name alone, in order. */
const named = (...names: string[]) => names.map((name) => ({ name }));
/** The people of the 2026 and November 2025 layouts' saved calls. */
const HARTSIDE_FIVE = named('Priya Raman', 'Tom Fairbairn', 'Grace Mensah', 'Kwame Asante', 'Eleanor Whitcombe');

describe('meetReader', () => {
  it('reads a small call from the People panel: names, emails shown, the user, no duplicates', () => {
    expect(read(page('small-call'))).toEqual({
      kind: 'call',
      platform: 'meet',
      url: URL_IN_CALL,
      callKey: 'meet:xkr-pqnd-tws',
      title: 'Hartside Food Partnership: core partners',
      selfName: 'Priya Raman',
      // Tom's second row, his companion device, is Tom again.
      participants: [
        { name: 'Priya Raman', email: 'priya.raman@hartsidecvs.example', id: device(101) },
        { name: 'Tom Fairbairn', email: 'tom.fairbairn@hartside-council.example', id: device(104) },
        { name: 'Grace Mensah', email: 'grace.mensah@ageukhartside.example', id: device(117) },
        { name: "Dr Siobhan O'Neill", email: 'siobhan.oneill@hdft.nhs.example', id: device(109) },
        { name: 'Kwame Asante', id: device(112) },
        { name: 'Eleanor Whitcombe', email: 'eleanor.whitcombe@penninefund.example', id: device(115) },
      ],
      pageCount: 6,
      source: 'people-panel',
    });
  });

  it('reads all 300 people of a large call, once each', () => {
    const snapshot = readLargeCall(meetReader, 'meet/large-call-300.html', 'https://meet.google.com/pwt-qmxe-kfa');
    expect(snapshot.participants![299]).toEqual({ name: 'Usman Okoro', id: 'spaces/pwt-qmxe-kfa/devices/1299' });
    expect(snapshot.selfName).toBe('Priya Raman');
    expect(snapshot.title).toBe('Hartside Partnership Assembly 2025');
  });

  it('says when the list holds fewer people than its group header counts (a collapsed group)', () => {
    const snapshot = read(
      page('small-call', (doc) => {
        doc.querySelector('[aria-expanded="true"]')!.setAttribute('aria-expanded', 'false');
        doc.querySelectorAll('[role="listitem"][data-participant-id]').forEach((row) => row.remove());
      }),
    );
    expect(snapshot.participants).toEqual([]);
    expect(snapshot.listIsPartial).toBe(true);
  });

  it('returns hostile names as literal text and keeps non-Latin scripts intact', () => {
    const snapshot = meetReader.read(page('hostile-names'), 'https://meet.google.com/hqv-zmbt-rre');
    expect(snapshot.participants!.map((p) => p.name)).toEqual([
      ...HOSTILE_NAMES,
      'Zoë Brontë',
      '& Co. — Ben <Hartside>',
      'Mallory txt.exe',
    ]);
    expect(snapshot.selfName).toBe('Priya Raman');
  });

  it('says it cannot read participants on an unknown layout instead of guessing', () => {
    const snapshot = read(page('unrecognised'));
    expect(snapshot.participants).toBeNull();
    expect(snapshot.selfName).toBeNull();
    // Everything else still works.
    expect(snapshot.callKey).toBe('meet:xkr-pqnd-tws');
    expect(snapshot.title).toBe('Hartside Food Partnership: core partners');
  });

  it('falls back to the video tiles while the People panel is closed, skipping the user\'s "You" tile', () => {
    const snapshot = read(page('tiles-only'));
    expect(namesRead(snapshot)).toEqual(named('Tom Fairbairn', 'Grace Mensah', 'Kwame Asante'));
    expect(snapshot.selfName).toBeNull();
    // The title is only the meeting code: no title.
    expect(snapshot.title).toBeNull();
  });

  it('reads an empty participants panel as an empty list, and a page with neither panel nor tiles as unreadable', () => {
    const empty = documentFrom('<div role="list" aria-label="Participants"></div>');
    expect(read(empty).participants).toEqual([]);
    const landing = documentFrom(
      '<title>Google Meet</title><main><h1>Video calls and meetings for everyone</h1></main>',
    );
    const snapshot = meetReader.read(landing, 'https://meet.google.com/landing');
    expect(snapshot.participants).toBeNull();
    expect(snapshot.callKey).toBeNull();
    expect(snapshot.title).toBeNull();
  });
});

describe('meetReader: two people of one name and no email', () => {
  const URL_NAMESAKES = 'https://meet.google.com/nms-kpqd-twz';

  it("keeps two tiles of one name apart by their participant ids, folds the screen share's tile, and reads as many as the badge counts", () => {
    const snapshot = meetReader.read(loadFixture('meet/namesakes-tiles.html'), URL_NAMESAKES);
    const nms = (n: number) => `spaces/nms-kpqd-twz/devices/${n}`;
    expect(snapshot.participants).toEqual([
      { name: 'Priya Raman', id: nms(101) },
      { name: 'Sam Patel', id: nms(104) },
      { name: 'Grace Mensah', id: nms(117) },
      { name: 'Sam Patel', id: nms(122) },
      { name: 'Kwame Asante', id: nms(112) },
    ]);
    expect(snapshot.selfName).toBe('Priya Raman');
    expect(snapshot.pageCount).toBe(snapshot.participants!.length);
    expect(snapshot.listIsPartial).toBeUndefined();
  });

  it('folds a screen share tile with an id of its own into its presenter', () => {
    const snapshot = meetReader.read(loadFixture('meet/tiles-only.html'), URL_IN_CALL);
    expect(snapshot.participants!.filter((p) => p.name === 'Grace Mensah')).toEqual([
      { name: 'Grace Mensah', id: 'spaces/xkr-pqnd-tws/devices/117' },
    ]);
  });

  it('keeps two People panel rows of one name apart by their ids, and one person in tiles and panel is one id', () => {
    const tiles = meetReader.read(loadFixture('meet/namesakes-tiles.html'), URL_NAMESAKES);
    const doc = loadFixture('meet/namesakes-tiles.html');
    const rows = tiles
      .participants!.map(
        (p) => `<div role="listitem" aria-label="${p.name}" data-participant-id="${p.id}"><span>${p.name}</span></div>`,
      )
      .join('');
    doc.body.insertAdjacentHTML(
      'beforeend',
      `<aside role="complementary" aria-label="Side panel"><div role="list" aria-label="Participants">${rows}</div></aside>`,
    );
    const panel = meetReader.read(doc, URL_NAMESAKES);
    expect(panel.source).toBe('people-panel');
    expect(panel.participants).toHaveLength(5);
    expect(panel.participants).toEqual(tiles.participants);
  });
});

describe('meetReader on 2026 layouts', () => {
  it('reads tiles-only calls without data-self-name: the user by the self-view controls, one entry per person, the badge count', () => {
    const snapshot = read(page('tiles-2026'));
    expect(namesRead(snapshot)).toEqual(HARTSIDE_FIVE);
    expect(snapshot.selfName).toBe('Priya Raman');
    expect(snapshot.source).toBe('tiles');
    // Seven in the call, five tiles on screen: the panel says so.
    expect(snapshot.pageCount).toBe(7);
  });

  it('does not log people waiting to join as present', () => {
    const snapshot = read(page('waiting'));
    expect(namesRead(snapshot)).toEqual(named('Priya Raman', 'Tom Fairbairn'));
    expect(snapshot.selfName).toBe('Priya Raman');
    expect(snapshot.pageCount).toBe(2);
    expect(snapshot.listIsPartial).toBeUndefined();
  });

  it('does not log people waiting to join whose Admit button has text alone, in a list with no label', () => {
    const snapshot = read(page('waiting-text-admit'));
    // "Sam Admiral" waits; "Admira Osei" is in the call (her row's control is Remove, not Admit).
    expect(namesRead(snapshot)).toEqual(named('Priya Raman', 'Tom Fairbairn', 'Admira Osei'));
    expect(snapshot.pageCount).toBe(3);
    expect(snapshot.listIsPartial).toBeUndefined();
  });

  it('attacker: a participant named "Admit" in the call is still read', () => {
    const doc = page('waiting-text-admit', (doc) => {
      const row = doc.querySelector('[aria-label="Admira Osei"]')!;
      row.setAttribute('aria-label', 'Admit');
      row.querySelector('span')!.textContent = 'Admit';
    });
    expect(namesRead(read(doc))).toContainEqual({ name: 'Admit' });
  });
});

describe('meetReader on the People panel as read from November 2025 (rows without data-participant-id)', () => {
  it('reads the rows of the list "Participants" by their labels: names, the user, the count, raised hands once', () => {
    const snapshot = read(page('people-panel-2025'));
    expect(snapshot.participants).toEqual(HARTSIDE_FIVE);
    expect(snapshot.selfName).toBe('Priya Raman');
    expect(snapshot.source).toBe('people-panel');
    expect(snapshot.pageCount).toBe(5);
    expect(snapshot.listIsPartial).toBeUndefined();
  });

  it('attacker: a list item outside the list "Participants" (raised hands, chat, a menu) is not a participant', () => {
    const names = namesIn(
      page('people-panel-2025', (doc) => {
        const hands = doc.querySelector('[role="list"][aria-label="Raised hands"]')!;
        hands.insertAdjacentHTML('beforeend', '<div role="listitem" aria-label="Jo Blake"><span>Jo Blake</span></div>');
        doc.body.insertAdjacentHTML(
          'beforeend',
          '<div role="list"><div role="listitem" aria-label="Sam Lee">Sam Lee</div></div>',
        );
      }),
    );
    expect(names).not.toContain('Jo Blake');
    expect(names).not.toContain('Sam Lee');
  });

  it('waiting rows in that list, known by their "Admit" control, are not present', () => {
    const doc = page('people-panel-2025', (doc) =>
      doc
        .querySelector('[role="list"][aria-label="Participants"]')!
        .insertAdjacentHTML(
          'afterbegin',
          '<div role="listitem" aria-label="Jo Blake"><span>Jo Blake</span><button aria-label="Admit Jo Blake">Admit</button></div>',
        ),
    );
    expect(namesIn(doc)).not.toContain('Jo Blake');
  });

  it('a control inside a row that is itself a list item (a menu) is not a second person', () => {
    const doc = page('people-panel-2025', (doc) =>
      doc
        .querySelector('[aria-label="Tom Fairbairn"]')!
        .insertAdjacentHTML(
          'beforeend',
          '<div role="list"><div role="listitem" aria-label="Pin to screen">Pin</div></div>',
        ),
    );
    expect(namesIn(doc)).not.toContain('Pin to screen');
  });
});
