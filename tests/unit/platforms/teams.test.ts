import { describe, expect, it } from 'vitest';
import { teamsReader } from '../../../utils/platforms/teams';
import { documentFrom, fixtureHtml, loadFixture } from './fixture';
import { expectPartialWhenCut, HOSTILE_NAMES, namesRead, readLargeCall } from './call-reader';

const THREAD = '19:meeting_NjRkYjQ2ZTAtOWI0Ni00YzQ1LWJmNTMtMTVhYmVkZjVjMDRm@thread.v2';
const URL_IN_CALL = `https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/${encodeURIComponent(THREAD)}/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%7d&anon=true`;

const TEAMS_NAMESAKES = 'https://teams.microsoft.com/v2/';

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
        { name: 'Priya Raman', id: '8:orgid:6f1c2a90-3b5e-4d87-9c21-5e4b1a8d2c10' },
        { name: 'Grace Mensah', id: '8:orgid:0b2e7f61-19c4-4e5a-a7d3-88f0b6a1e942' },
        { name: 'Tom Fairbairn', id: '8:orgid:d4a91b3c-7e2f-48c0-b6e5-1f9a0c7d3e28' },
        { name: "Siobhan O'Neill", id: '8:teamsvisitor:a81c4e0b9f2d47b6' },
        { name: 'Kwame Asante', id: '8:orgid:5e3f0a2b-8c1d-4b7e-9f60-2a4c6e8b0d13' },
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
    expect(namesRead(snapshot)).toEqual([
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
    expect(namesRead(snapshot)).toEqual([
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

  it('keeps two people of one name apart by the user id on their avatars, and reads as many as the header counts', () => {
    const snapshot = teamsReader.read(loadFixture('teams/namesakes.html'), TEAMS_NAMESAKES);
    expect(snapshot.participants).toEqual([
      { name: 'Priya Raman', id: '8:orgid:6f1c2a90-3b5e-4d87-9c21-5e4b1a8d2c10' },
      { name: 'Sam Patel', id: '8:orgid:3c7d9e21-4a6b-4f08-8d15-b2e0c9a7f146' },
      { name: 'Grace Mensah', id: '8:orgid:0b2e7f61-19c4-4e5a-a7d3-88f0b6a1e942' },
      { name: 'Sam Patel', id: '8:teamsvisitor:5d20b7c4e91a4f3e' },
    ]);
    expect(snapshot.selfName).toBe('Priya Raman');
    expect(snapshot.pageCount).toBe(4);
    expect(snapshot.listIsPartial).toBeUndefined();
  });

  it('folds two rows of one user id (the same person listed twice) into one', () => {
    const doc = loadFixture('teams/namesakes.html');
    const rows = doc.querySelectorAll('[data-tid="participantsInCall-Sam Patel"]');
    rows[1]!.querySelector('[id^="roster-avatar-img-"]')!.id = rows[0]!.querySelector('[id^="roster-avatar-img-"]')!.id;
    const snapshot = teamsReader.read(doc, TEAMS_NAMESAKES);
    expect(snapshot.participants!.filter((p) => p.name === 'Sam Patel')).toHaveLength(1);
  });

  it('takes the user id of a calling-roster-item row from the row', () => {
    const snapshot = teamsReader.read(loadFixture('teams/roster-item.html'), TEAMS_NAMESAKES);
    expect(snapshot.participants!.map((p) => p.id)).toEqual([
      '8:orgid:0000',
      '8:orgid:0001',
      '8:orgid:0002',
      '8:orgid:0003',
    ]);
  });
});
