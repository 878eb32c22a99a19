import { describe, expect, it } from 'vitest';
import { hostsZoomClient, zoomReader } from '../../../utils/platforms/zoom';
import { documentFrom, loadFixture } from './fixture';
import { expectPartialWhenCut, HOSTILE_NAMES, readLargeCall } from './call-reader';

const URL_IN_CALL = 'https://app.zoom.us/wc/84512345678/join?fromPWA=1&pwd=cGFydG5lcnNoaXA';

describe('zoomReader', () => {
  it('reads a small call: the user from "(Host, me)", labels dropped, the waiting room and chat left out', () => {
    const snapshot = zoomReader.read(loadFixture('zoom/small-call.html'), URL_IN_CALL);
    expect(snapshot).toEqual({
      kind: 'call',
      platform: 'zoom',
      url: URL_IN_CALL,
      callKey: 'zoom:84512345678',
      title: 'Hartside Food Partnership – wider partners',
      selfName: 'Priya Raman',
      participants: [
        { name: 'Priya Raman' },
        { name: 'Grace Mensah' },
        { name: 'Tom Fairbairn (Hartside Council)' },
        { name: "Siobhan O'Neill" },
        { name: 'Kwame Asante' },
        { name: '07700 900123' },
      ],
      pageCount: 6,
      source: 'people-panel',
    });
  });

  it('reads all 300 people of a large call', () => {
    const snapshot = readLargeCall(zoomReader, 'zoom/large-call-300.html', URL_IN_CALL);
    expect(snapshot.selfName).toBe('Priya Raman');
  });

  it('says when the list on the page is only part of the call (Zoom renders only the rows in view)', () => {
    expectPartialWhenCut(zoomReader, 'zoom/large-call-300.html', URL_IN_CALL, {
      rows: '.participants-li',
      keep: 20,
      remove: (row) => row.parentElement!.remove(),
    });
  });

  it('returns hostile names as literal text, non-Latin scripts intact, and is not fooled by "(me)" inside a name', () => {
    const snapshot = zoomReader.read(loadFixture('zoom/hostile-names.html'), URL_IN_CALL);
    expect(snapshot.participants!.map((p) => p.name)).toEqual([
      ...HOSTILE_NAMES,
      '& Co. — Ben <Hartside>',
      'Sam (me) Taylor',
    ]);
    expect(snapshot.selfName).toBe('Priya Raman');
  });

  it('says it cannot read participants on an unknown layout', () => {
    const snapshot = zoomReader.read(loadFixture('zoom/unrecognised.html'), URL_IN_CALL);
    expect(snapshot.participants).toBeNull();
    expect(snapshot.callKey).toBe('zoom:84512345678');
    // "Zoom Workplace" is the app's name, not the meeting's.
    expect(snapshot.title).toBeNull();
  });

  it('reads rows that only carry an aria-label (no display-name element)', () => {
    const doc = documentFrom(`
      <div id="participants-ul">
        <div id="participants-list-0" aria-label="Priya Raman (Host, me), computer audio muted"></div>
        <div id="participants-list-1" aria-label="Grace Mensah, video on"></div>
      </div>`);
    const snapshot = zoomReader.read(doc, URL_IN_CALL);
    expect(snapshot.participants).toEqual([{ name: 'Priya Raman' }, { name: 'Grace Mensah' }]);
    expect(snapshot.selfName).toBe('Priya Raman');
  });
});

describe('the Zoom web app, which runs the client in iframe#webclient', () => {
  it('leaves a page that only hosts the client frame to the script inside it', () => {
    expect(hostsZoomClient(loadFixture('zoom/pwa-shell.html'))).toBe(true);
    expect(hostsZoomClient(loadFixture('zoom/in-frame.html'))).toBe(false);
    expect(hostsZoomClient(loadFixture('zoom/small-call.html'))).toBe(false);
  });

  it('reads the client inside the frame like the client at the top: names, the user, the page’s count', () => {
    const frameUrl = 'https://app.zoom.us/wc/84512345678/join?fromPWA=1&pwd=cGFydG5lcnNoaXA';
    const snapshot = zoomReader.read(loadFixture('zoom/in-frame.html'), frameUrl);
    expect(snapshot.callKey).toBe('zoom:84512345678');
    expect(snapshot.participants).toHaveLength(6);
    expect(snapshot.selfName).toBe('Priya Raman');
    expect(snapshot.pageCount).toBe(6);
    expect(snapshot.listIsPartial).toBeUndefined();
  });

  it('takes the footer counter as the count when the panel is closed', () => {
    const doc = documentFrom(
      '<div id="participants-ul"><div id="participants-list-0" aria-label="Priya Raman (Host, me)"></div></div>' +
        '<button class="footer-button__button"><span class="footer-button__number-counter"><span>14</span></span></button>',
    );
    const snapshot = zoomReader.read(doc, URL_IN_CALL);
    expect(snapshot.pageCount).toBe(14);
    expect(snapshot.listIsPartial).toBe(true);
  });

  it('keeps two rows of one name apart (Zoom lists each participant once), and reads as many as "Participants (N)"', () => {
    const snapshot = zoomReader.read(loadFixture('zoom/namesakes.html'), 'https://app.zoom.us/wc/84512345678/join');
    expect(snapshot.participants).toEqual([
      { name: 'Priya Raman' },
      { name: 'Sam Patel' },
      { name: 'Sam Patel' },
      { name: 'Grace Mensah' },
    ]);
    expect(snapshot.selfName).toBe('Priya Raman');
    expect(snapshot.pageCount).toBe(4);
    expect(snapshot.listIsPartial).toBeUndefined();
  });
});
