import { describe, expect, it } from 'vitest';
import { teamsReader } from '../../../utils/platforms/teams';
import { documentFrom, fixtureHtml, loadFixture } from './fixture';
import { expectPartialWhenCut, HOSTILE_NAMES, readLargeCall } from './call-reader';

const THREAD = '19:meeting_NjRkYjQ2ZTAtOWI0Ni00YzQ1LWJmNTMtMTVhYmVkZjVjMDRm@thread.v2';
const URL_IN_CALL = `https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/${encodeURIComponent(THREAD)}/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%7d&anon=true`;

describe('teamsReader', () => {
  it('reads the people in the meeting, not those invited who have not joined', () => {
    const snapshot = teamsReader.read(loadFixture('teams/small-call.html'), URL_IN_CALL);
    expect(snapshot).toEqual({
      kind: 'call',
      platform: 'teams',
      url: URL_IN_CALL,
      callKey: `teams:${THREAD}`,
      title: 'Hartside Food Partnership: wider partners',
      selfName: 'Priya Raman',
      participants: [
        { name: 'Priya Raman' },
        { name: 'Grace Mensah' },
        { name: 'Tom Fairbairn' },
        { name: "Siobhan O'Neill" },
        { name: 'Kwame Asante' },
      ],
      pageCount: 5,
      source: 'roster',
    });
  });

  it('reads attendeesInMeeting- rows (Meet now, webinars) as it reads participantsInCall- rows', () => {
    const html = fixtureHtml('teams/small-call.html').replaceAll(
      'data-tid="participantsInCall-',
      'data-tid="attendeesInMeeting-',
    );
    const doc = documentFrom(html);
    expect(doc.querySelector('[data-tid^="participantsInCall-"]')).toBeNull();
    const snapshot = teamsReader.read(doc, URL_IN_CALL);
    expect(snapshot.participants!.map((p) => p.name)).toEqual([
      'Priya Raman',
      'Grace Mensah',
      'Tom Fairbairn',
      "Siobhan O'Neill",
      'Kwame Asante',
    ]);
    expect(snapshot.source).toBe('roster');
    expect(snapshot.pageCount).toBe(5);
  });

  it('reads all 300 people of a large call', () => {
    const snapshot = readLargeCall(teamsReader, 'teams/large-call-300.html', URL_IN_CALL);
    expect(snapshot.selfName).toBe('Priya Raman');
  });

  it('says when the list on the page is only part of the call (the roster is virtualised)', () => {
    expectPartialWhenCut(teamsReader, 'teams/large-call-300.html', URL_IN_CALL, {
      rows: '[data-tid^="participantsInCall-"]',
      keep: 25,
    });
  });

  it('returns hostile names as literal text and keeps non-Latin scripts intact', () => {
    const snapshot = teamsReader.read(loadFixture('teams/hostile-names.html'), URL_IN_CALL);
    expect(snapshot.participants!.map((p) => p.name)).toEqual([
      ...HOSTILE_NAMES,
      '& Co. — Ben <Hartside>',
      'Mallory txt.exe',
    ]);
    expect(snapshot.title).toBe('Community safety forum');
  });

  it('says it cannot read participants on an unknown layout', () => {
    const snapshot = teamsReader.read(loadFixture('teams/unrecognised.html'), URL_IN_CALL);
    expect(snapshot.participants).toBeNull();
    expect(snapshot.callKey).toBe(`teams:${THREAD}`);
    expect(snapshot.title).toBe('Hartside Food Partnership: wider partners');
  });

  it('reads the classic Teams roster too', () => {
    const snapshot = teamsReader.read(
      loadFixture('teams/classic-call.html'),
      'https://teams.microsoft.com/_#/calling/19:meeting_abc@thread.v2',
    );
    expect(snapshot.participants).toEqual([
      { name: 'Priya Raman' },
      { name: 'Grace Mensah' },
      { name: 'Tom Fairbairn' },
      { name: 'Kwame Asante' },
    ]);
    expect(snapshot.selfName).toBe('Priya Raman');
    expect(snapshot.title).toBeNull();
  });
});

describe('teamsReader on the roster as Teams renders it in 2024–2026', () => {
  it('flags a virtualised roster as partial, with the page’s count, and finds the user on the account button', () => {
    const snapshot = teamsReader.read(loadFixture('teams/roster-virtualised.html'), URL_IN_CALL);
    expect(snapshot.participants).toHaveLength(20);
    expect(snapshot.participants![0]).toEqual({ name: 'Priya Raman' });
    expect(snapshot.listIsPartial).toBe(true);
    expect(snapshot.pageCount).toBe(293);
    expect(snapshot.selfName).toBe('Priya Raman');
    expect(snapshot.source).toBe('roster');
    expect(snapshot.title).toBe('Hartside Partnership Assembly');
  });

  it('reads calling-roster-item rows, whole, with the user from the avatar’s alt text', () => {
    const snapshot = teamsReader.read(loadFixture('teams/roster-item.html'), URL_IN_CALL);
    expect(snapshot.participants).toEqual([
      { name: 'Priya Raman' },
      { name: 'Grace Mensah' },
      { name: 'Tom Fairbairn' },
      { name: "Siobhan O'Neill" },
    ]);
    expect(snapshot.pageCount).toBe(4);
    expect(snapshot.listIsPartial).toBeUndefined();
    expect(snapshot.selfName).toBe('Priya Raman');
  });

  it('reads calling-roster-item rows that carry the marker as their element id, as public notes show it', () => {
    const doc = loadFixture('teams/roster-item.html');
    for (const row of doc.querySelectorAll('[data-tid^="calling-roster-item-"]')) {
      row.id = row.getAttribute('data-tid')!;
      row.removeAttribute('data-tid');
    }
    const snapshot = teamsReader.read(doc, URL_IN_CALL);
    expect(snapshot.participants?.map((p) => p.name)).toEqual([
      'Priya Raman',
      'Grace Mensah',
      'Tom Fairbairn',
      "Siobhan O'Neill",
    ]);
    expect(snapshot.source).toBe('roster');
  });

  it('does not take a label that is not "Profile picture of …" as the user’s name', () => {
    const doc = loadFixture('teams/roster-item.html');
    doc.querySelector('[data-tid="me-control-avatar"]')!.setAttribute('alt', 'Grace Mensah');
    expect(teamsReader.read(doc, URL_IN_CALL).selfName).toBeNull();
  });
});
