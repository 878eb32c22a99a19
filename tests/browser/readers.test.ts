import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { gcalEventToday, repoPath, routeZoomApp, tabIdOf, waitForLiveState } from '../harness';
import { useExtension } from '../harness/vitest';
import { attendeeNames, openCall, openReadyPanel } from '../harness/pages/panel';
import type { LiveState } from '../harness/live-state';
import { bundleOf, importThroughDashboard, jsonFile, openDashboard, uuid } from '../harness/data-transfer';
import { organisation, partnership, person } from '../factories';
import { readRecords } from '../harness/db';
import type { Meeting } from '../../utils/db/records';

const ext = useExtension();
/** Code-shaped strings: the chat reader counts them; opening them is the panel's business. */
const fakeCode = (n: number) => `PP1.${String(n).repeat(10)}AbC_d-EfGhIjKlMnOpQrStUvWxYz0123456789`;

/** A saved page (tests/fixtures/<fixture>), its {{CODE_n}} filled with code-shaped strings. */
const fixtureHtml = (fixture: string) =>
  readFileSync(repoPath(`tests/fixtures/${fixture}`), 'utf8').replace(/\{\{CODE_(\d)\}\}/g, (_, n: string) =>
    fakeCode(Number(n)),
  );

const panelFor = (tabId: number) => openReadyPanel(ext(), tabId);

/**
 * Serves `html` at `url` (its whole site routed), waits until the tab's snapshot passes `until`,
 * then opens the panel bound to the tab.
 */
async function openWithPanel(html: string, url: string, until: (s: LiveState) => boolean) {
  const opened = await openCall(ext(), { html, url, pattern: `${new URL(url).origin}/**`, until });
  return { ...opened, panel: await panelFor(opened.tabId) };
}

/** Serves the Zoom web app's shell at /wc/<n>/join and the client in its iframe#webclient. */
async function openZoomApp(): Promise<{ call: Page; tabId: number }> {
  const shell = fixtureHtml('zoom/pwa-shell.html');
  const client = fixtureHtml('zoom/in-frame.html');
  const call = await ext().context.newPage();
  await routeZoomApp(call, shell, client);
  await call.goto('https://app.zoom.us/wc/84512345678/join');
  return { call, tabId: await tabIdOf(call) };
}

describe('call pages as they really are', () => {
  it('reads the Zoom web app’s client inside its iframe#webclient: names, the user, the count', async () => {
    const { call, tabId } = await openZoomApp();
    const state = await waitForLiveState(ext(), tabId, (s) => (s.call?.participants.length ?? 0) > 0);
    expect(state.call!.participantsReadable).toBe(true);
    expect(state.call!.callKey).toBe('zoom:84512345678');
    expect(state.call!.selfName).toBe('Priya Raman');
    expect(state.call!.pageCount).toBe(6);
    expect(state.call!.participants.map((p) => p.name)).toContain('Grace Mensah');
    expect(state.call!.participants.map((p) => p.name)).not.toContain('Jo Blake'); // waiting room

    const panel = await panelFor(tabId);
    await panel.locator('.attendee-name', { hasText: 'Grace Mensah' }).first().waitFor();
    await panel.getByText('Read from the people list.').waitFor();
    expect(await panel.getByText("Couldn't find the people list").count()).toBe(0);
    expect(await panel.getByText(/^Read \d+ of \d+ participants/).count()).toBe(0);
    // The chat inside the frame was read; the app page around it says nothing about a chat.
    await panel.getByText('Chat: read – pulse codes found: 2.').waitFor();
    expect(await panel.getByText(/^Chat: not open/).count()).toBe(0);
    await panel.close();
    await call.close();
  });

  it('says in the reader health whether the Meet chat was read, and how many codes it held', async () => {
    const {
      call: chat,
      state,
      panel,
    } = await openWithPanel(
      fixtureHtml('meet/chat-pin-2026.html'),
      'https://meet.google.com/xkr-pqnd-tws',
      (s) => s.chatOpen === true && !!s.call,
    );
    expect(state.chatCodes).toEqual([fakeCode(1), fakeCode(2)]);
    expect(state.chatCodesDamaged).toBe(1);
    await panel.getByText('Chat: read – pulse codes found: 2.').waitFor();
    await panel.getByText('1 pulse code in the call chat is incomplete', { exact: false }).waitFor();
    await panel.close();
    await chat.close();

    const { call, panel: callPanel } = await openWithPanel(
      fixtureHtml('meet/small-call.html'),
      'https://meet.google.com/xkr-pqnd-tws',
      (s) => s.chatOpen === false && !!s.call,
    );
    await callPanel.getByText("Chat: not open – open the call's chat to collect pulse codes posted there.").waitFor();
    expect(await callPanel.getByText(/^Chat: read/).count()).toBe(0);
    await callPanel.close();
    await call.close();
  });

  it('says how much of a Meet call the tiles show: "Read 5 of 7 participants"', async () => {
    const { call, state, panel } = await openWithPanel(
      fixtureHtml('meet/tiles-2026.html'),
      'https://meet.google.com/xkr-pqnd-tws',
      (s) => (s.call?.participants.length ?? 0) > 0,
    );
    expect(state.call!.selfName).toBe('Priya Raman');
    await panel.getByText('Read 5 of 7 participants – scroll the people list or add the rest by hand.').waitFor();
    await panel.getByText('Read from the video tiles only – open the People panel to read everyone.').waitFor();
    // Grace's screen share is a second tile "(Presentation)": one person, listed once.
    await expect
      .poll(async () => (await attendeeNames(panel)).sort())
      .toEqual(['Eleanor Whitcombe', 'Grace Mensah', 'Kwame Asante', 'Priya Raman', 'Tom Fairbairn']);
    await panel.close();
    await call.close();
  });

  it('flags the virtualised Teams roster as partial and finds the user on the account button', async () => {
    const { call, state, panel } = await openWithPanel(
      fixtureHtml('teams/roster-virtualised.html'),
      'https://teams.microsoft.com/v2/',
      (s) => (s.call?.participants.length ?? 0) > 0,
    );
    expect(state.call!.selfName).toBe('Priya Raman');
    expect(state.call!.listIsPartial).toBe(true);
    await panel.getByText('Read 20 of 293 participants – scroll the people list or add the rest by hand.').waitFor();
    await panel.close();
    await call.close();
  });

  it('on a page it cannot read, says so and hands over an outline without names', async () => {
    const { call, tabId, panel } = await openWithPanel(
      fixtureHtml('meet/unrecognised.html'),
      'https://meet.google.com/xkr-pqnd-tws',
      (s) => s.call?.participantsReadable === false,
    );
    await panel.getByText("Couldn't find the people list, the roster or the video tiles on this page").waitFor();
    await panel.getByRole('button', { name: 'Copy page outline' }).waitFor();
    // The content script's answer, as the button asks for it.
    const reply = (await panel.evaluate((id) => {
      type Tabs = { tabs: { sendMessage(tabId: number, message: unknown): Promise<unknown> } };
      return (globalThis as unknown as { chrome: Tabs }).chrome.tabs.sendMessage(id, { type: 'pp:outline' });
    }, tabId)) as { type: string; outline: string };
    expect(reply.type).toBe('pp:outline-reply');
    expect(reply.outline).toMatch(/^body/);
    const names = fixtureHtml('meet/unrecognised.html').match(/\b[A-Z][a-z]+ [A-Z][a-z]+\b/g) ?? [];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(reply.outline).not.toContain(name);

    // The button itself: what it puts on the clipboard is that outline, with no name and no address.
    await panel.evaluate(() => {
      const copied: string[] = [];
      Object.assign(globalThis, { __ppCopied: copied });
      navigator.clipboard.writeText = (text: string) => {
        copied.push(text);
        return Promise.resolve();
      };
    });
    await panel.getByRole('button', { name: 'Copy page outline' }).click();
    await panel.getByText('Page outline copied.').waitFor();
    const [copied] = await panel.evaluate(() => (globalThis as unknown as { __ppCopied: string[] }).__ppCopied);
    expect(copied).toBe(reply.outline);
    for (const name of names) expect(copied).not.toContain(name);
    expect(copied).not.toMatch(/@/);
    await panel.close();
    await call.close();
  });
});

/** Issue 13's fixtures not served on their addresses by another browser test. */
describe('issue 13’s other layouts, each on its real address', () => {
  it.each([
    {
      layout: 'the Zoom client when it is the page itself (/wc/<n>/join), not its waiting room',
      fixture: 'zoom/small-call.html',
      url: 'https://app.zoom.us/wc/84512345678/join?pwd=cGFydG5lcnNoaXA',
      count: 6,
      source: 'Read from the people list.',
      people: [
        '07700 900123',
        'Grace Mensah',
        'Kwame Asante',
        'Priya Raman',
        "Siobhan O'Neill",
        'Tom Fairbairn (Hartside Council)',
      ],
      absent: ['Jo Blake'],
    },
    {
      layout: 'the whole Teams roster (participantsInCall- rows), not those invited who have not joined',
      fixture: 'teams/small-call.html',
      url: 'https://teams.microsoft.com/v2/',
      count: 5,
      source: 'Read from the roster.',
      people: ['Grace Mensah', 'Kwame Asante', 'Priya Raman', "Siobhan O'Neill", 'Tom Fairbairn'],
      absent: ['Eleanor Whitcombe', 'Jo Blake'],
    },
    {
      layout:
        'Teams joined from a calendar invite on teams.cloud.microsoft (calling-roster-item rows, the user on the account button)',
      fixture: 'teams/roster-item.html',
      url: 'https://teams.cloud.microsoft/v2/',
      count: 4,
      source: 'Read from the roster.',
      people: ['Grace Mensah', 'Priya Raman', "Siobhan O'Neill", 'Tom Fairbairn'],
      absent: [],
    },
    {
      layout: 'the Meet People panel as read from November 2025 (rows without data-participant-id)',
      fixture: 'meet/people-panel-2025.html',
      url: 'https://meet.google.com/xkr-pqnd-tws',
      count: 5,
      source: 'Read from the people list.',
      people: ['Eleanor Whitcombe', 'Grace Mensah', 'Kwame Asante', 'Priya Raman', 'Tom Fairbairn'],
      absent: [],
    },
  ])('reads $layout: names, the user, the count', async ({ fixture, url, count, source, people, absent }) => {
    const { call, state, panel } = await openWithPanel(
      fixtureHtml(fixture),
      url,
      (s) => (s.call?.participants.length ?? 0) > 0,
    );
    expect(state.call!.selfName).toBe('Priya Raman');
    expect(state.call!.pageCount).toBe(count);
    expect(state.call!.listIsPartial).toBeUndefined();
    await expect.poll(async () => (await attendeeNames(panel)).sort()).toEqual(people);
    await panel.getByText(source).waitFor();
    expect(await panel.getByText(/^Read \d+ of \d+ participants/).count()).toBe(0);
    for (const name of absent) expect(await panel.getByText(name).count()).toBe(0);
    await panel.close();
    await call.close();
  });

  it('reads the codes in a Teams meeting chat', async () => {
    const { call, state, panel } = await openWithPanel(
      fixtureHtml('teams/chat-codes.html'),
      'https://teams.microsoft.com/v2/',
      (s) => s.chatOpen === true && !!s.call,
    );
    expect(state.chatCodes).toEqual([fakeCode(1), fakeCode(2)]);
    await panel.getByText('Chat: read – pulse codes found: 2.').waitFor();
    await panel.close();
    await call.close();
  });

  it('does not list someone in Meet’s "Waiting to join" list as present', async () => {
    const { call, state, panel } = await openWithPanel(
      fixtureHtml('meet/waiting.html'),
      'https://meet.google.com/xkr-pqnd-tws',
      (s) => (s.call?.participants.length ?? 0) > 0,
    );
    expect(state.call!.participants.map((p) => p.name)).toEqual(['Priya Raman', 'Tom Fairbairn']);
    expect(state.call!.pageCount).toBe(2);
    await expect.poll(async () => (await attendeeNames(panel)).sort()).toEqual(['Priya Raman', 'Tom Fairbairn']);
    expect(await panel.getByText('Jo Blake').count()).toBe(0);
    await panel.close();
    await call.close();
  });
});

describe('two people of one name and no email on a call', () => {
  it.each([
    { fixture: 'meet/namesakes-tiles.html', url: 'https://meet.google.com/nms-kpqd-twz', ids: true },
    { fixture: 'teams/namesakes.html', url: 'https://teams.microsoft.com/v2/', ids: true },
    { fixture: 'zoom/namesakes.html', url: 'https://app.zoom.us/wc/84512345678/join', ids: false },
  ])('$fixture: two rows "Sam Patel" in the panel, and no "Read N of M"', async ({ fixture, url, ids }) => {
    const { call, state, panel } = await openWithPanel(
      fixtureHtml(fixture),
      url,
      (s) => (s.call?.participants.filter((p) => p.name === 'Sam Patel').length ?? 0) === 2,
    );
    const sams = state.call!.participants.filter((p) => p.name === 'Sam Patel');
    // Where the page gives the platform's participant id, each Sam keeps their own.
    expect(new Set(sams.map((p) => p.id)).size).toBe(ids ? 2 : 1);
    expect(state.call!.pageCount).toBe(state.call!.participants.length);
    await expect.poll(async () => (await attendeeNames(panel)).filter((name) => name === 'Sam Patel').length).toBe(2);
    expect(await panel.getByText(/^Read \d+ of \d+ participants/).count()).toBe(0);
    await panel.close();
    await call.close();
  });
});

describe('calendar pages as they really are', () => {
  it('does not present a dismissed Google Calendar event as the open one', async () => {
    const {
      call: page,
      state,
      panel,
    } = await openWithPanel(
      fixtureHtml('gcal/event-dismissed.html'),
      'https://calendar.google.com/calendar/u/0/r/week',
      (s) => s.calendar !== undefined,
    );
    expect(state.calendar!.event).toBeNull();
    await panel.getByText('Open an event in your calendar to tag it before the meeting.').waitFor();
    await panel.close();
    await page.close();
  });

  it('reads the Outlook event card (CalendarItemPeek): title, guests with their addresses, the call link', async () => {
    const {
      call: page,
      state,
      panel,
    } = await openWithPanel(
      fixtureHtml('outlook/event-meet.html'),
      'https://outlook.office.com/calendar/view/workweek',
      (s) => !!s.calendar?.event,
    );
    expect(state.calendar!.event!.guests.every((g) => !!g.email)).toBe(true);
    await panel.getByRole('heading', { name: 'Hartside Food Partnership: core partners' }).waitFor();
    await expect
      .poll(async () => (await attendeeNames(panel)).sort())
      .toEqual(["Dr Siobhan O'Neill", 'Grace Mensah', 'Kwame Asante', 'Priya Raman', 'Tom Fairbairn']);
    await panel.getByText('Call link: https://meet.google.com/xkr-pqnd-tws').waitFor();
    await panel.close();
    await page.close();
  });

  it('reads an Outlook event opened in full with persona cards: names matched through the remembered people', async () => {
    // Grace is remembered with her address and organisation; nobody else is.
    const ageUk = uuid(0x7001);
    const remembered = bundleOf({
      organisations: [organisation({ id: ageUk, name: 'Age UK Hartside', emailDomains: ['ageukhartside.example'] })],
      people: [
        person({
          id: uuid(0x7002),
          displayNames: ['Grace Mensah'],
          emails: ['grace.mensah@ageukhartside.example'],
          organisationId: ageUk,
        }),
      ],
    });
    const dashboard = await openDashboard(ext());
    await importThroughDashboard(dashboard, jsonFile('remembered.json', remembered));
    await dashboard.close();

    const {
      call: page,
      state,
      panel,
    } = await openWithPanel(
      fixtureHtml('outlook/full-event-personas.html'),
      'https://outlook.office.com/calendar/item/AAMkADU3NGI1LTQ5ZDItYjVmYy0wMDAxAAAuAAAAAADxq7',
      (s) => !!s.calendar?.event,
    );
    expect(state.calendar!.event!.guests.filter((g) => !g.email)).toHaveLength(4);

    await panel.getByRole('heading', { name: 'Hartside Food Partnership: wider partners' }).waitFor();
    await panel.getByText('5 guests · 4 guests without e-mail: matched by name to the people you know').waitFor();
    await expect
      .poll(async () => (await attendeeNames(panel)).sort())
      .toEqual(["Dr Siobhan O'Neill", 'Grace Mensah', 'Kwame Asante', 'Priya Raman', 'Tom Fairbairn']);
    // The remembered name brings its organisation; an unknown name is listed, unassigned.
    await expect.poll(() => panel.getByLabel('Organisation of Grace Mensah').inputValue()).toBe(ageUk);
    expect(await panel.getByLabel('Organisation of Tom Fairbairn').inputValue()).toBe('');
    expect(await panel.getByText('Morgan Outsider').count()).toBe(0);
    await panel.close();
    await page.close();
  });

  it('reads the Outlook pop-out’s Form_Content with persona cards', async () => {
    const { call: page, panel } = await openWithPanel(
      fixtureHtml('outlook/popout-personas.html'),
      'https://outlook.office.com/calendar/deeplink/read/AAMkADU3NGI1LTQ5ZDItYjVmYy0wMDAxAAAuAAAAAADxq8?popoutv2=1',
      (s) => !!s.calendar?.event,
    );
    await panel.getByRole('heading', { name: '1:1 Grace (Age UK Hartside)' }).waitFor();
    await panel.getByText('2 guests · 2 guests without e-mail: matched by name to the people you know').waitFor();
    await expect.poll(async () => (await attendeeNames(panel)).sort()).toEqual(['Grace Mensah', 'Priya Raman']);
    await panel.getByText('Call link: https://meet.google.com/grc-mnsh-one').waitFor();
    await panel.close();
    await page.close();
  });

  it('lists one person once: a persona card by name and a guest by an address the remembered person has', async () => {
    // Tom is remembered with an address that spells no name; the event shows his card (name
    // alone) and, further down, that address alone. The peek card repeats Kwame by name only.
    const council = uuid(0x7101);
    const remembered = bundleOf({
      organisations: [organisation({ id: council, name: 'Hartside Council' })],
      people: [
        person({
          id: uuid(0x7102),
          displayNames: ['Tom Fairbairn'],
          emails: ['tf7@hartsidecouncil.example'],
          organisationId: council,
        }),
      ],
    });
    const dashboard = await openDashboard(ext());
    await importThroughDashboard(dashboard, jsonFile('remembered-tom.json', remembered));
    await dashboard.close();

    const peek = `<div data-app-section="CalendarItemPeek"><div role="heading">Hartside Food Partnership: wider partners</div>
      <span role="button" aria-label="Opens card for Kwame Asante" data-lpc-hover-target-id="lpc-peek-1">Kwame Asante</span></div>`;
    const html = fixtureHtml('outlook/full-event-personas.html')
      .replace('<body class="ms-Fabric">', `<body class="ms-Fabric">${peek}`)
      .replace(
        '<div class="attendee-heading">Didn\'t respond 1</div>',
        '<div class="persona-row"><a href="mailto:tf7@hartsidecouncil.example">tf7@hartsidecouncil.example</a></div><div class="attendee-heading">Didn\'t respond 1</div>',
      );
    expect(html).toContain('lpc-peek-1');
    expect(html).toContain('mailto:tf7@');
    const {
      call: page,
      state,
      panel,
    } = await openWithPanel(
      html,
      'https://outlook.office.com/calendar/item/AAMkADU3NGI1LTQ5ZDItYjVmYy0wMDAxAAAuAAAAAADxq7',
      (s) => !!s.calendar?.event,
    );
    expect(state.calendar!.event!.guests.filter((g) => g.email === 'tf7@hartsidecouncil.example')).toHaveLength(1);

    await panel.getByRole('heading', { name: 'Hartside Food Partnership: wider partners' }).waitFor();
    await expect
      .poll(async () => (await attendeeNames(panel)).sort())
      .toEqual(["Dr Siobhan O'Neill", 'Grace Mensah', 'Kwame Asante', 'Priya Raman', 'Tom Fairbairn']);
    // One row for Tom, with his remembered organisation; no row for the address alone.
    await expect.poll(() => panel.getByLabel('Organisation of Tom Fairbairn').inputValue()).toBe(council);
    expect(await panel.getByText('tf7@hartsidecouncil.example').count()).toBe(0);
    expect(await panel.getByRole('button', { name: /^Same person as/ }).count()).toBe(0);
    await panel.close();
    await page.close();
  });

  it('never guesses between two guests of one name: each is offered to merge with the card by name, in one click', async () => {
    const card = (label: string, title = '') =>
      `<span role="button" aria-label="Opens card for ${label}" data-lpc-hover-target-id="x"${title ? ` title="${title}"` : ''}>${label}</span>`;
    const html = fixtureHtml('outlook/popout-personas.html').replace(
      '<div>Accepted 1</div>',
      `<div>Accepted 1</div>${card('Alex Smith')}${card('Alex Smith', 'alex@ageuk.example')}${card('Alex Smith', 'asmith@council.example')}`,
    );
    expect(html).toContain('asmith@council.example');
    const { call: page, panel } = await openWithPanel(
      html,
      'https://outlook.office.com/calendar/deeplink/read/AAMkADU3NGI1LTQ5ZDItYjVmYy0wMDAxAAAuAAAAAADxq8?popoutv2=1',
      (s) => !!s.calendar?.event,
    );
    await panel.getByRole('heading', { name: '1:1 Grace (Age UK Hartside)' }).waitFor();
    const alexes = panel.locator('.attendee-name', { hasText: 'Alex Smith' });
    await expect.poll(() => alexes.count()).toBe(3);
    const offer = panel.getByRole('button', { name: 'Same person as Alex Smith (asmith@council.example)' });
    await offer.waitFor();
    expect(await panel.getByRole('button', { name: 'Same person as Alex Smith (alex@ageuk.example)' }).count()).toBe(1);
    await offer.click();
    await expect.poll(() => alexes.count()).toBe(2);
    // The other guest of that name is still there, on its own; no row by name alone is left to offer.
    expect(await panel.getByRole('button', { name: /^Same person as/ }).count()).toBe(0);
    expect((await attendeeNames(panel)).sort()).toEqual(['Alex Smith', 'Alex Smith', 'Grace Mensah', 'Priya Raman']);
    await panel.close();
    await page.close();
  });
  it('removes the one row clicked of two guests of one name: the other stays, and is saved with its address', async () => {
    const partnershipId = uuid(0x7201);
    const dashboard = await openDashboard(ext());
    await importThroughDashboard(
      dashboard,
      jsonFile(
        'namesakes.json',
        bundleOf({ partnerships: [partnership({ id: partnershipId, name: 'Namesake Trust' })] }),
      ),
    );
    await dashboard.close();

    const card = (label: string, title: string) =>
      `<span role="button" aria-label="Opens card for ${label}" data-lpc-hover-target-id="x" title="${title}">${label}</span>`;
    // Its own call link: the event is not the one an earlier test left a draft of.
    const html = fixtureHtml('outlook/popout-personas.html')
      .replaceAll('grc-mnsh-one', 'rmv-alex-two')
      .replace(
        '<div>Accepted 1</div>',
        `<div>Accepted 1</div>${card('Alex Smith', 'alex@ageuk.example')}${card('Alex Smith', 'asmith@council.example')}`,
      );
    expect(html).toContain('asmith@council.example');
    const { call: page, panel } = await openWithPanel(
      html,
      'https://outlook.office.com/calendar/deeplink/read/AAMkADU3NGI1LTQ5ZDItYjVmYy0wMDAxAAAuAAAAAADxq9?popoutv2=1',
      (s) => !!s.calendar?.event,
    );
    await panel.getByRole('heading', { name: '1:1 Grace (Age UK Hartside)' }).waitFor();
    const alexes = panel.locator('.attendee-name', { hasText: 'Alex Smith' });
    await expect.poll(() => alexes.count()).toBe(2);

    // The second Alex Smith's row: its own Remove button, not the first one's.
    await panel.getByRole('button', { name: 'Remove Alex Smith' }).nth(1).click();
    await expect.poll(() => alexes.count()).toBe(1);
    expect((await attendeeNames(panel)).sort()).toEqual(['Alex Smith', 'Grace Mensah', 'Priya Raman']);

    await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: 'Namesake Trust' });
    await panel.getByRole('button', { name: 'Save plan' }).click();
    await panel.getByText('Meeting saved.').waitFor();
    const saved = (await readRecords<Meeting>(panel, 'meetings')).find((m) => m.partnershipId === partnershipId);
    // The rows are listed in the event's order: the first guest stays, the removed one is not saved.
    expect(saved!.attendees.filter((a) => a.displayName === 'Alex Smith').map((a) => a.email)).toEqual([
      'alex@ageuk.example',
    ]);
    expect(saved!.attendees.map((a) => a.displayName).sort()).toEqual(['Alex Smith', 'Grace Mensah', 'Priya Raman']);
    await panel.close();
    await page.close();
  });
  it('attacker: a plan listing Eleanor with a forged address does not take her tile on the call, nor her organisation', async () => {
    const pennine = uuid(0x7301);
    const partnershipId = uuid(0x7302);
    const remembered = bundleOf({
      partnerships: [partnership({ id: partnershipId, name: 'Forgery Watch' })],
      organisations: [organisation({ id: pennine, name: 'Pennine Fund', emailDomains: ['penninefund.example'] })],
      people: [
        person({
          id: uuid(0x7303),
          displayNames: ['Eleanor Whitcombe'],
          emails: ['eleanor.whitcombe@penninefund.example'],
          organisationId: pennine,
        }),
      ],
    });
    const dashboard = await openDashboard(ext());
    await importThroughDashboard(dashboard, jsonFile('forgery.json', remembered));
    await dashboard.close();

    // The calendar event lists "Eleanor Whitcombe" with an address that is not hers.
    const forged = 'eleanor.whitcombe@attacker.example';
    const html = gcalEventToday('frg-call-one').replaceAll('eleanor.whitcombe@penninefund.example', forged);
    expect(html).toContain(forged);
    const { call: calendar, panel: planPanel } = await openWithPanel(
      html,
      'https://calendar.google.com/calendar/u/0/r/week',
      (s) => s.calendar?.event?.callKey === 'meet:frg-call-one',
    );
    await expect.poll(() => attendeeNames(planPanel)).toContain('Eleanor Whitcombe');
    // The forged row is nobody known: unassigned, not Age UK.
    expect(await planPanel.getByLabel('Organisation of Eleanor Whitcombe', { exact: true }).inputValue()).toBe('');
    await planPanel.getByLabel('Partnership', { exact: true }).selectOption({ label: 'Forgery Watch' });
    await planPanel.getByRole('button', { name: 'Save plan' }).click();
    await planPanel.getByText('Meeting saved.').waitFor();
    await planPanel.close();

    // The call shows Eleanor's tile by name alone.
    const { call, panel } = await openWithPanel(
      fixtureHtml('meet/tiles-2026.html').replaceAll('xkr-pqnd-tws', 'frg-call-one'),
      'https://meet.google.com/frg-call-one',
      (s) => (s.call?.participants.length ?? 0) > 0,
    );
    await expect.poll(() => panel.getByRole('button', { name: 'Save meeting' }).count()).toBe(1);
    // On the call: Eleanor, with her remembered organisation. The forged guest is listed apart, as not seen.
    await expect
      .poll(() => panel.getByLabel('Organisation of Eleanor Whitcombe', { exact: true }).inputValue())
      .toBe(pennine);
    expect(await panel.locator('.invited .attendee-name').allTextContents()).toContain('Eleanor Whitcombe');
    expect(await panel.getByRole('button', { name: /^Same person as Eleanor Whitcombe/ }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Save meeting' }).click();
    await panel.getByText('Meeting saved.').waitFor();
    const saved = (await readRecords<Meeting>(panel, 'meetings')).find((m) => m.partnershipId === partnershipId);
    expect(saved!.status).toBe('held');
    expect(saved!.attendees.filter((a) => a.displayName === 'Eleanor Whitcombe')).toEqual([
      expect.objectContaining({ personId: uuid(0x7303), organisationId: pennine }),
    ]);
    expect(saved!.attendees.some((a) => a.email === forged)).toBe(false);
    await panel.close();
    await call.close();
    await calendar.close();
  });
});
