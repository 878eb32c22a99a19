import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { gcalEventToday, openPanel, repoPath, routeHtml, tabIdOf, waitForLiveState, waitForReady } from '../harness';
import { useExtension } from '../harness/vitest';
import { bundleOf, importThroughDashboard, jsonFile, openDashboard, uuid } from '../harness/data-transfer';
import { meeting, membership, organisation, partnership, person } from '../factories';
import { readRecords } from '../harness/db';
import { countActions } from '../harness/actions';
import type { Meeting } from '../../utils/db/records';

/*
 * Who the panel takes for the people on the call, in real Chromium: the extension built by
 * `npx wxt build`, each page served on its real address. Issue 13's leftovers: a participant whose
 * address differs from the guest of its name, and Meet's waiting list with text-only "Admit" buttons.
 */

const ext = useExtension();

async function panelFor(tabId: number): Promise<Page> {
  const panel = await openPanel(ext(), tabId);
  await waitForReady(panel);
  return panel;
}

/** A partnership to save meetings under, imported through the dashboard. */
async function importPartnership(id: string, name: string): Promise<void> {
  const dashboard = await openDashboard(ext());
  await importThroughDashboard(
    dashboard,
    jsonFile(`${id}.json`, bundleOf({ partnerships: [partnership({ id, name })] })),
  );
  await dashboard.close();
}

/** The meeting of this partnership as stored. */
async function savedMeeting(panel: Page, partnershipId: string): Promise<Meeting> {
  const saved = (await readRecords<Meeting>(panel, 'meetings')).find((m) => m.partnershipId === partnershipId);
  expect(saved).toBeDefined();
  return saved!;
}

/**
 * A partnership of two core members, Age UK Hartside and Hartside Council, with one person
 * remembered at Age UK (if given) and these meetings, imported through the dashboard. Ids from `n + 1` up.
 */
async function importHartside(
  n: number,
  name: string,
  remembered: { name: string; email: string } | null,
  meetings: Meeting[] = [],
) {
  const ageUk = uuid(n + 1);
  const council = uuid(n + 2);
  const partnershipId = uuid(n + 3);
  const bundle = bundleOf(
    {
      partnerships: [partnership({ id: partnershipId, name })],
      organisations: [
        organisation({ id: ageUk, name: 'Age UK Hartside' }),
        organisation({ id: council, name: 'Hartside Council' }),
      ],
      memberships: [
        membership({ partnershipId, organisationId: ageUk, partnerType: 'core' }),
        membership({ partnershipId, organisationId: council, partnerType: 'core' }),
      ],
      people: remembered
        ? [
            person({
              id: uuid(n + 4),
              displayNames: [remembered.name],
              emails: [remembered.email],
              organisationId: ageUk,
            }),
          ]
        : [],
      meetings: meetings.map((m) => ({ ...m, partnershipId })),
    },
    new Date().toISOString(),
  );
  const dashboard = await openDashboard(ext());
  await importThroughDashboard(dashboard, jsonFile(`hartside-${n}.json`, bundle));
  await dashboard.close();
  return { ageUk, council, partnershipId };
}

/** Waits until the call's address `email` has reached the panel: the live call, the form (its draft is written on each change), and the screen. */
async function addressReached(tabId: number, panel: Page, email: string): Promise<void> {
  await waitForLiveState(ext(), tabId, (s) => s.call?.participants.some((p) => p.email === email) ?? false);
  await expect
    .poll(async () =>
      (await readRecords<{ value?: { attendees?: Array<{ email?: string }> } }>(panel, 'drafts')).some((d) =>
        d.value?.attendees?.some((a) => a.email === email),
      ),
    )
    .toBe(true);
  await panel.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * A Meet call `code` with its People panel open, listing these people (with a hover card where an
 * address is given), served on its address; and the extension's panel for it, with `partnership` chosen.
 */
async function callWithPeople(
  code: string,
  people: Array<{ name: string; email?: string; you?: boolean }>,
  partnership: string,
): Promise<{ call: Page; tabId: number; panel: Page }> {
  const rows = people.map(
    ({ name, email, you }, index) =>
      `<div role="listitem" aria-label="${name}" data-participant-id="spaces/${code}/devices/${101 + index}">
        ${email ? `<img alt="" data-hovercard-id="${email}">` : ''}<span>${name}</span>${you ? '<span>(You)</span>' : ''}</div>`,
  );
  const html = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Meet – ${code}</title></head><body>
      <div role="complementary" aria-label="Side panel"><h2>People</h2>
        <div role="button" aria-expanded="true"><span>Contributors</span><span>${people.length}</span></div>
        <div role="list" aria-label="Participants">${rows.join('')}</div></div></body></html>`;
  const call = await ext().context.newPage();
  await routeHtml(call, 'https://meet.google.com/**', html);
  await call.goto(`https://meet.google.com/${code}`);
  const tabId = await tabIdOf(call);
  await waitForLiveState(ext(), tabId, (s) => (s.call?.participants.length ?? 0) === people.length);
  const panel = await panelFor(tabId);
  await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: partnership });
  return { call, tabId, panel };
}

describe('the people on the call', () => {
  it('attacker: a participant showing another address than the only guest of its name is another person, with nobody remembered', async () => {
    const partnershipId = uuid(0x7401);
    await importPartnership(partnershipId, 'Address Watch');

    // The plan: the calendar event lists Dr Siobhan O'Neill at siobhan.oneill@hdft.nhs.example.
    // Nobody is remembered by her name, nor by Eleanor's.
    const calendar = await ext().context.newPage();
    await routeHtml(calendar, 'https://calendar.google.com/**', gcalEventToday('adr-call-one'));
    await calendar.goto('https://calendar.google.com/calendar/u/0/r/week');
    const calendarTab = await tabIdOf(calendar);
    await waitForLiveState(ext(), calendarTab, (s) => s.calendar?.event?.callKey === 'meet:adr-call-one');
    const planPanel = await panelFor(calendarTab);
    await expect.poll(() => planPanel.locator('.attendee-name').allTextContents()).toContain("Dr Siobhan O'Neill");
    await planPanel.getByLabel('Partnership', { exact: true }).selectOption({ label: 'Address Watch' });
    await planPanel.getByRole('button', { name: 'Save plan' }).click();
    await planPanel.getByText('Meeting saved.').waitFor();
    await planPanel.close();

    // The call's People panel shows Siobhan with another address, and Eleanor by name alone.
    const forged = 'siobhan.oneill@attacker.example';
    const html = readFileSync(repoPath('tests/fixtures/meet/small-call.html'), 'utf8')
      .replaceAll('xkr-pqnd-tws', 'adr-call-one')
      .replace('data-hovercard-id="siobhan.oneill@hdft.nhs.example"', `data-hovercard-id="${forged}"`)
      .replace(' data-hovercard-id="eleanor.whitcombe@penninefund.example"', '');
    expect(html).toContain(forged);
    expect(html).not.toContain('eleanor.whitcombe@');
    const call = await ext().context.newPage();
    await routeHtml(call, 'https://meet.google.com/**', html);
    await call.goto('https://meet.google.com/adr-call-one');
    const callTab = await tabIdOf(call);
    const state = await waitForLiveState(ext(), callTab, (s) => (s.call?.participants.length ?? 0) > 0);
    expect(state.call!.participants.find((p) => p.name === "Dr Siobhan O'Neill")?.email).toBe(forged);
    expect(state.call!.participants.find((p) => p.name === 'Eleanor Whitcombe')?.email).toBeUndefined();

    const panel = await panelFor(callTab);
    await expect.poll(() => panel.getByRole('button', { name: 'Save meeting' }).count()).toBe(1);
    // Siobhan on the call is a row of her own; the guest of her name is listed apart, as not seen
    // (with Kwame's guest entry, an address alone), and never offered as the same person.
    await expect
      .poll(async () => (await panel.locator('.invited .attendee-name').allTextContents()).sort())
      .toEqual(["Dr Siobhan O'Neill", 'kwame@northmoorta.example']);
    expect(await panel.locator('.attendees .attendee-name').allTextContents()).toContain("Dr Siobhan O'Neill");
    expect(await panel.getByRole('button', { name: /^Same person as Dr Siobhan/ }).count()).toBe(0);

    await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: 'Address Watch' });
    await panel.getByRole('button', { name: 'Save meeting' }).click();
    await panel.getByText('Meeting saved.').waitFor();
    const saved = await savedMeeting(panel, partnershipId);
    expect(saved.status).toBe('held');
    const row = (name: string) => saved.attendees.filter((a) => a.displayName === name);
    // Saved with the address the call showed; the guest's address, never seen, is not saved.
    expect(row("Dr Siobhan O'Neill").map((a) => [a.email, a.firstSeenAt !== undefined])).toEqual([[forged, true]]);
    expect(saved.attendees.some((a) => a.email === 'siobhan.oneill@hdft.nhs.example')).toBe(false);
    // Eleanor, seen by name alone, is the guest of her name: one row, with the guest's address.
    expect(row('Eleanor Whitcombe').map((a) => [a.email, a.firstSeenAt !== undefined])).toEqual([
      ['eleanor.whitcombe@penninefund.example', true],
    ]);
    await panel.close();
    await call.close();
    await calendar.close();
  });

  it('does not show or save people waiting to join whose "Admit" button has text alone', async () => {
    const partnershipId = uuid(0x7501);
    await importPartnership(partnershipId, 'Waiting Room Trust');

    const html = readFileSync(repoPath('tests/fixtures/meet/waiting-text-admit.html'), 'utf8').replaceAll(
      'xkr-pqnd-tws',
      'wtg-list-one',
    );
    const call = await ext().context.newPage();
    await routeHtml(call, 'https://meet.google.com/**', html);
    await call.goto('https://meet.google.com/wtg-list-one');
    const tabId = await tabIdOf(call);
    const state = await waitForLiveState(ext(), tabId, (s) => (s.call?.participants.length ?? 0) > 0);
    expect(state.call!.participants.map((p) => p.name).sort()).toEqual(['Admira Osei', 'Priya Raman', 'Tom Fairbairn']);
    expect(state.call!.selfName).toBe('Priya Raman');
    expect(state.call!.pageCount).toBe(3);

    const panel = await panelFor(tabId);
    await expect
      .poll(async () => (await panel.locator('.attendee-name').allTextContents()).sort())
      .toEqual(['Admira Osei', 'Priya Raman', 'Tom Fairbairn']);
    // Nobody waiting is shown anywhere in the panel, and the list is not said to be short.
    expect(await panel.getByText('Jo Blake').count()).toBe(0);
    expect(await panel.getByText('Sam Admiral').count()).toBe(0);
    expect(await panel.getByText(/^Read \d+ of \d+ participants/).count()).toBe(0);

    await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: 'Waiting Room Trust' });
    await panel.getByRole('button', { name: 'Save meeting' }).click();
    await panel.getByText('Meeting saved.').waitFor();
    const saved = await savedMeeting(panel, partnershipId);
    expect(saved.attendees.map((a) => a.displayName).sort()).toEqual(['Admira Osei', 'Priya Raman', 'Tom Fairbairn']);
    await panel.close();
    await call.close();
  });

  it('lists the unassigned of two people of one name first, by row, and assigning them does not move either row', async () => {
    // One Alex Smith is remembered, with Age UK; the other, at the council, is not.
    const { ageUk, council } = await importHartside(0x7600, 'Namesake Order', {
      name: 'Alex Smith',
      email: 'alex.smith@ageukhartside.example',
    });
    // The People panel lists the remembered Alex first, then the other.
    const { call, panel } = await callWithPeople(
      'alx-ord-one',
      [
        { name: 'Priya Raman', email: 'priya.raman@hartsidecvs.example', you: true },
        { name: 'Alex Smith', email: 'alex.smith@ageukhartside.example' },
        { name: 'Alex Smith', email: 'asmith@hartsidecouncil.example' },
      ],
      'Namesake Order',
    );

    // The council's Alex (unassigned) leads; the remembered Alex (Age UK) is with the assigned.
    const alexes = panel.getByLabel('Organisation of Alex Smith', { exact: true });
    await expect.poll(() => alexes.count()).toBe(2);
    await expect.poll(() => alexes.nth(1).inputValue()).toBe(ageUk);
    expect(await alexes.nth(0).inputValue()).toBe('');
    // With a count: Priya (no organisation of her domain yet) and the council's Alex.
    const count = panel.locator('section.attendees > p.meta');
    expect(await count.textContent()).toBe('2 new or unassigned, listed first');

    // Assigning the council's Alex keeps both rows where they are.
    await alexes.nth(0).selectOption({ label: 'Hartside Council' });
    await expect.poll(() => alexes.nth(0).inputValue()).toBe(council);
    expect(await alexes.nth(1).inputValue()).toBe(ageUk);
    await expect.poll(() => count.textContent()).toBe('1 new or unassigned, listed first');
    await panel.close();
    await call.close();
  });

  // Names of its own: the test before remembers two people called Alex Smith.
  it('keeps a row in its place, with the organisation chosen or being typed in, when its address arrives after the lead began', async () => {
    // Nadia Park is remembered (Age UK); Grace and Tom are not.
    const { council, partnershipId } = await importHartside(0x7700, 'Late Address', {
      name: 'Nadia Park',
      email: 'nadia.park@ageukhartside.example',
    });
    // The People panel shows Nadia with her address, Grace and Tom by name alone (no hover card yet).
    const { call, tabId, panel } = await callWithPeople(
      'lta-adr-one',
      [
        { name: 'Nadia Park', email: 'nadia.park@ageukhartside.example' },
        { name: 'Grace Mensah' },
        { name: 'Tom Reid' },
      ],
      'Late Address',
    );
    const names = () => panel.locator('.attendees .attendee-name').allTextContents();
    await expect.poll(names).toEqual(['Grace Mensah', 'Tom Reid', 'Nadia Park']);
    /** The call's page shows this person's address now (their hover card appears). */
    const addressArrives = async (name: string, email: string) => {
      await call.evaluate(
        ([who, address]) => {
          const img = document.createElement('img');
          img.alt = '';
          img.dataset.hovercardId = address;
          document.querySelector(`[role="listitem"][aria-label="${who}"]`)!.prepend(img);
        },
        [name, email],
      );
      await addressReached(tabId, panel, email);
    };

    // Grace is assigned: her row stays first. Then her address arrives: it stays first still.
    const graceOrg = panel.getByLabel('Organisation of Grace Mensah', { exact: true });
    await graceOrg.selectOption({ label: 'Hartside Council' });
    await expect.poll(() => graceOrg.inputValue()).toBe(council);
    expect(await names()).toEqual(['Grace Mensah', 'Tom Reid', 'Nadia Park']);
    await addressArrives('Grace Mensah', 'grace.mensah@hartsidecouncil.example');
    expect(await names()).toEqual(['Grace Mensah', 'Tom Reid', 'Nadia Park']);
    expect(await graceOrg.inputValue()).toBe(council);

    // The lead types a new organisation for Tom; his address arrives before they press Assign.
    await panel
      .getByLabel('Organisation of Tom Reid', { exact: true })
      .selectOption({ label: 'Another organisation…' });
    const picker = panel.getByLabel('Organisation of Tom Reid: pick one, or type a new name');
    await picker.fill('Hartside Tenants Forum');
    await addressArrives('Tom Reid', 'tom.reid@tenants.example');
    await panel.getByRole('button', { name: 'Assign organisation' }).click();
    const tomOrg = panel.getByLabel('Organisation of Tom Reid', { exact: true });
    await expect
      .poll(async () => (await tomOrg.locator('option:checked').textContent())?.trim())
      .toBe('Hartside Tenants Forum');
    // Not given to the "add someone" row instead.
    expect(await panel.getByLabel('Their organisation', { exact: true }).inputValue()).toBe('');
    expect(await names()).toEqual(['Grace Mensah', 'Tom Reid', 'Nadia Park']);

    await panel.getByRole('button', { name: 'Save meeting' }).click();
    await panel.getByText('Meeting saved.').waitFor();
    const saved = await savedMeeting(panel, partnershipId);
    const byName = Object.fromEntries(saved.attendees.map((a) => [a.displayName, a]));
    expect(byName['Grace Mensah']).toMatchObject({
      email: 'grace.mensah@hartsidecouncil.example',
      organisationId: council,
    });
    expect(byName['Tom Reid']?.email).toBe('tom.reid@tenants.example');
    expect(byName['Tom Reid']?.organisationId).toBeDefined();
    expect(byName['Tom Reid']?.organisationId).not.toBe(council);
    await panel.close();
    await call.close();
  });

  it('keeps each of two people of one name on their own row, with the organisation chosen or being typed for each, when the first one’s address arrives', async () => {
    // The call was logged earlier (on another device, say): two Alex Smiths seen by name alone.
    const now = Date.now();
    const seenAlex = { displayName: 'Alex Smith', firstSeenAt: now - 5 * 60_000, lastSeenAt: now - 4 * 60_000 };
    const logged = meeting({
      id: uuid(0x7805),
      partnershipId: '',
      platform: 'meet',
      title: 'Two Alexes',
      callKey: 'meet:two-alxs-one',
      startAt: now - 5 * 60_000,
      endAt: undefined,
      attendees: [seenAlex, seenAlex],
    });
    const { ageUk, council, partnershipId } = await importHartside(0x7800, 'Two Alexes', null, [logged]);

    // The People panel lists both Alexes without a hover card: to the reader, one name on the call.
    const { call, tabId, panel } = await callWithPeople(
      'two-alxs-one',
      [{ name: 'Priya Raman', email: 'priya.raman@hartsidecvs.example', you: true }, { name: 'Alex Smith' }],
      'Two Alexes',
    );
    const alexes = panel.getByLabel('Organisation of Alex Smith', { exact: true });
    await expect.poll(() => alexes.count()).toBe(2);

    // The lead gives the first Alex Age UK, and begins typing a new organisation for the second.
    await alexes.nth(0).selectOption({ label: 'Age UK Hartside' });
    await expect.poll(() => alexes.nth(0).inputValue()).toBe(ageUk);
    await alexes.nth(1).selectOption({ label: 'Another organisation…' });
    await panel.getByLabel('Organisation of Alex Smith: pick one, or type a new name').fill('Hartside Tenants Forum');

    // The first Alex's hover card appears: the call now shows their address.
    const address = 'alex.smith@ageukhartside.example';
    await call.evaluate((email) => {
      const img = document.createElement('img');
      img.alt = '';
      img.dataset.hovercardId = email;
      document.querySelectorAll('[role="listitem"][aria-label="Alex Smith"]')[0]!.prepend(img);
    }, address);
    await addressReached(tabId, panel, address);

    // The organisation typed goes to the second Alex, and the first keeps Age UK.
    await panel.getByRole('button', { name: 'Assign organisation' }).click();
    await expect
      .poll(async () => (await alexes.nth(1).locator('option:checked').textContent())?.trim())
      .toBe('Hartside Tenants Forum');
    expect(await alexes.nth(0).inputValue()).toBe(ageUk);

    await panel.getByRole('button', { name: 'Save meeting' }).click();
    await panel.getByText('Meeting saved.').waitFor();
    const saved = await savedMeeting(panel, partnershipId);
    const alexRows = saved.attendees.filter((a) => a.displayName === 'Alex Smith');
    expect(alexRows).toHaveLength(2);
    // The one whose address arrived is the one the lead gave Age UK; the other has the typed organisation.
    expect(alexRows[0]).toMatchObject({ email: address, organisationId: ageUk });
    expect(alexRows[1]!.email).toBeUndefined();
    expect([ageUk, council, undefined]).not.toContain(alexRows[1]!.organisationId);
    await panel.close();
    await call.close();
  });
  it('merges "Same person as…" into the one of two people of one name the lead picks, in one click, in a 360 px panel', async () => {
    // Logged earlier: two Alex Smiths seen by name alone (the first at Age UK), and a guest Alex Smith
    // at the council with an address, never seen. Nobody is remembered, so the guest is only offered.
    const now = Date.now();
    const [ageUk, council] = [uuid(0x7901), uuid(0x7902)];
    const address = 'asmith@hartsidecouncil.example';
    const logged = meeting({
      id: uuid(0x7905),
      partnershipId: '',
      platform: 'meet',
      title: 'Pick an Alex',
      callKey: 'meet:pck-alxs-one',
      startAt: now - 6 * 60_000,
      endAt: undefined,
      attendees: [
        {
          displayName: 'Alex Smith',
          organisationId: ageUk,
          firstSeenAt: now - 5 * 60_000,
          lastSeenAt: now - 4 * 60_000,
        },
        { displayName: 'Alex Smith', firstSeenAt: now - 3 * 60_000, lastSeenAt: now - 2 * 60_000 },
        { displayName: 'Alex Smith', email: address, organisationId: council },
      ],
    });
    const { partnershipId } = await importHartside(0x7900, 'Pick an Alex', null, [logged]);
    const { call, panel } = await callWithPeople(
      'pck-alxs-one',
      [{ name: 'Priya Raman', email: 'priya.raman@hartsidecvs.example', you: true }],
      'Pick an Alex',
    );
    expect(panel.viewportSize()?.width).toBe(360);
    await expect.poll(() => panel.getByLabel('Organisation of Alex Smith', { exact: true }).count()).toBe(3);

    // One choice per Alex, each saying which: the first by its organisation, the second by when it was seen.
    const offers = panel.getByRole('button', { name: /^Same person as Alex Smith/ });
    await expect.poll(() => offers.count()).toBe(2);
    const names = await offers.allTextContents();
    expect(names[0]).toMatch(/^Same person as Alex Smith \(Age UK Hartside, seen \d/);
    expect(names[1]).toMatch(/^Same person as Alex Smith \(seen \d/);
    expect(await panel.getByRole('button', { name: `Same person as Alex Smith (${address})` }).count()).toBe(0);

    // The lead picks the second Alex: one click, as the one-row offer takes.
    const actions = countActions(panel);
    await actions.click(offers.nth(1), 'Same person as the second Alex');
    expect(actions.log.filter((entry) => !entry.startsWith('scroll'))).toEqual([
      'click Same person as the second Alex',
    ]);
    await expect.poll(() => panel.getByLabel('Organisation of Alex Smith', { exact: true }).count()).toBe(2);
    // Left: the two Alexes both seen, never merged by themselves, offered as one row to one.
    expect(await offers.allTextContents()).toEqual([`Same person as Alex Smith (${address})`]);

    await panel.getByRole('button', { name: 'Save meeting' }).click();
    await panel.getByText('Meeting saved.').waitFor();
    const saved = await savedMeeting(panel, partnershipId);
    const alexes = saved.attendees.filter((a) => a.displayName === 'Alex Smith');
    // The guest's address and organisation went to the second Alex; the first is as it was.
    expect(alexes.map((a) => [a.email, a.organisationId, a.firstSeenAt])).toEqual([
      [undefined, ageUk, now - 5 * 60_000],
      [address, council, now - 3 * 60_000],
    ]);
    await panel.close();
    await call.close();
  });

  it('says plainly when rows of one name look identical, and offers them once, in a 360 px panel', async () => {
    // Logged earlier: two Alex Smiths at Age UK seen at the same times (seconds apart), a third Alex
    // seen then with no organisation, and a guest Alex Smith at the council with an address.
    const now = Date.now();
    const [ageUk, council] = [uuid(0x7a01), uuid(0x7a02)];
    const address = 'asmith@hartsidecouncil.example';
    // Whole minutes, so a second later is shown as the same time.
    const minuteAgo = (n: number) => Math.floor((now - n * 60_000) / 60_000) * 60_000;
    const seenAt = { firstSeenAt: minuteAgo(5), lastSeenAt: minuteAgo(4) };
    const logged = meeting({
      id: uuid(0x7a05),
      partnershipId: '',
      platform: 'meet',
      title: 'Twin Alexes',
      callKey: 'meet:twn-alxs-one',
      startAt: now - 6 * 60_000,
      endAt: undefined,
      attendees: [
        { displayName: 'Alex Smith', organisationId: ageUk, ...seenAt },
        { displayName: 'Alex Smith', ...seenAt },
        {
          displayName: 'Alex Smith',
          organisationId: ageUk,
          firstSeenAt: seenAt.firstSeenAt + 1_000,
          lastSeenAt: seenAt.lastSeenAt + 1_000,
        },
        { displayName: 'Alex Smith', email: address, organisationId: council },
      ],
    });
    const { partnershipId } = await importHartside(0x7a00, 'Twin Alexes', null, [logged]);
    const { call, panel } = await callWithPeople(
      'twn-alxs-one',
      [{ name: 'Priya Raman', email: 'priya.raman@hartsidecvs.example', you: true }],
      'Twin Alexes',
    );
    expect(panel.viewportSize()?.width).toBe(360);
    await expect.poll(() => panel.getByLabel('Organisation of Alex Smith', { exact: true }).count()).toBe(4);

    // Two choices, never "number N": the Age UK pair once, the Alex of no organisation once.
    const offers = panel.getByRole('button', { name: /^Same person as Alex Smith/ });
    await expect.poll(() => offers.count()).toBe(2);
    const names = await offers.allTextContents();
    expect(names[0]).toMatch(/^Same person as Alex Smith \(Age UK Hartside, seen \d/);
    expect(names[1]).toMatch(/^Same person as Alex Smith \(seen \d/);
    for (const name of names) expect(name).not.toMatch(/number/);
    const note = panel.getByText('2 rows of Alex Smith look identical here', { exact: false });
    expect(await note.count()).toBe(1);
    expect(await note.textContent()).toMatch(/check the call/);
    const box = await note.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);

    await offers.nth(0).click();
    await expect.poll(() => panel.getByLabel('Organisation of Alex Smith', { exact: true }).count()).toBe(3);
    // Merged: nothing is left to offer, so nothing is said of look-alikes any more.
    expect(await note.count()).toBe(0);
    await panel.getByRole('button', { name: 'Save meeting' }).click();
    await panel.getByText('Meeting saved.').waitFor();
    const saved = await savedMeeting(panel, partnershipId);
    // The guest's address went to the first of the identical pair; the others are as they were.
    expect(
      saved.attendees
        .filter((a) => a.displayName === 'Alex Smith')
        .map((a) => [a.email, a.organisationId, a.firstSeenAt]),
    ).toEqual([
      [address, ageUk, seenAt.firstSeenAt],
      [undefined, undefined, seenAt.firstSeenAt],
      [undefined, ageUk, seenAt.firstSeenAt + 1_000],
    ]);
    await panel.close();
    await call.close();
  });
});
