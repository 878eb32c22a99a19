import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dimension, Pulse } from '../../utils/db/records';
import { buildDemoData } from '../../utils/demo/build';
import { waitForReady, UK_DESKTOP } from '../harness';
import { chartCard, chartTable, drawn, openDashboard as openDashboardPage } from '../harness/pages/dashboard';
import { loadSampleData as loadSampleDataFor } from '../harness/pages/manage';
import { useExtension } from '../harness/vitest';

const ext = useExtension(UK_DESKTOP);

// What the sample data holds, counted here from its records (not through the dashboard's code).
const demo = buildDemoData(Date.now());
const THRESHOLD = 3;
const HARDSHIP = demo.partnerships.find((p) => p.name.startsWith('Northmoor Hardship'))!;
const ACTIVE = demo.partnerships.find((p) => p.name.startsWith('Active Northmoor'))!;
const londonDate = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);
/** A day as the dashboard shows it to an en-GB reader ("2 Jun 2026"); its CSV keeps londonDate's ISO form. */
const shownDate = (at: number) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' }).format(at);
/** An ISO calendar date (from a CSV) as the dashboard shows it. */
const shownIsoDate = (iso: string) => shownDate(Date.parse(`${iso}T12:00:00Z`));
const answersTo = (pulse: Pulse, dimension: Dimension, type?: string) =>
  demo.responses
    .filter((r) => r.pulseId === pulse.id && (!type || r.partnerType === type))
    .map((r) => r.answers[dimension])
    .filter((v): v is number => typeof v === 'number');
const held = demo.meetings.filter((m) => m.status === 'held');
const FEWER = `fewer than ${THRESHOLD} responses`;

const openDashboard = (search = '') => openDashboardPage(ext(), search);
const loadSampleData = () => loadSampleDataFor(ext());
const card = chartCard;
const tableOf = chartTable;

const isNumber = (text: string) => text.trim() !== '' && !Number.isNaN(Number(text.replace(/,/g, '')));

describe('the dashboard without data', () => {
  it('tells a new user what to do next, and loads the sample data from there', async () => {
    const page = await openDashboard();
    await page.getByRole('heading', { name: 'Nothing to show yet' }).waitFor();
    expect(
      await page.getByRole('link', { name: 'Create a partnership and its member organisations' }).getAttribute('href'),
    ).toBe('/options.html');
    expect(await page.locator('canvas').count()).toBe(0);
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await card(page, 'agenda').locator('canvas[data-points]').waitFor();
    // Ten charts, and one lead–wider gap chart per partnership.
    expect(await page.locator('canvas').count()).toBe(10 + demo.partnerships.length);
    expect(await page.getByText('You are looking at the sample data.').count()).toBe(1);
    await page.close();
  });
});

describe('the dashboard with the sample data', () => {
  let page: Page;
  beforeAll(async () => {
    await loadSampleData();
    page = await openDashboard();
  });

  it('draws one point per pulse for each dimension, and a labelled gap where too few answered', async () => {
    for (const dimension of ['trust', 'equity', 'flexibility', 'communication'] as const) {
      const table = await tableOf(page, `dimension-${dimension}`);
      // The sample pulses have no personal-link seats: answered through the shared link, each row
      // is marked not verified (issue 12), and the chart says what its triangles mean.
      expect(table.columns).toEqual(['Partnership', 'Date', 'Responses', 'Mean', 'Answers', 'Not verified']);
      expect(table.rows).toHaveLength(demo.pulses.length);
      expect(table.rows.every((row) => row[5] === 'shared link')).toBe(true);
      expect(await card(page, `dimension-${dimension}`).locator('[data-unverified]').innerText()).toContain(
        'shared link: answers not verified',
      );
      const small = demo.pulses.filter((p) => answersTo(p, dimension).length < THRESHOLD);
      expect(small.length).toBeGreaterThan(0);
      const gapRows = table.rows.filter((row) => row[3] === FEWER);
      expect(gapRows).toHaveLength(small.length);
      // Below the threshold: the label, never a value, not even the number of answers.
      for (const row of gapRows) expect(row[4]).toBe('');
      expect(await drawn(page, `dimension-${dimension}`)).toEqual({
        points: demo.pulses.length - small.length,
        gaps: small.length,
      });
      expect(table.rows.filter((row) => isNumber(row[3]!))).toHaveLength(demo.pulses.length - small.length);
    }
  });

  it("shows each pulse's mean and answers as worked out from its responses", async () => {
    const table = await tableOf(page, 'dimension-equity');
    for (const pulse of demo.pulses) {
      const partnership = demo.partnerships.find((p) => p.id === pulse.partnershipId)!.name;
      const row = table.rows.find((r) => r[0] === partnership && r[1] === shownDate(pulse.createdAt))!;
      const answers = answersTo(pulse, 'equity');
      expect(row[2]).toBe(String(demo.responses.filter((r) => r.pulseId === pulse.id).length));
      if (answers.length < THRESHOLD) continue;
      const mean = answers.reduce((sum, v) => sum + v, 0) / answers.length;
      expect(Number(row[3])).toBeCloseTo(mean, 2);
      expect(row[4]).toBe(String(answers.length));
    }
  });

  it('splits by partner type per month, with the equity gap between lead and wider partners stated', async () => {
    const table = await tableOf(page, 'partner-types');
    expect(table.columns).toEqual([
      'Period',
      'Lead',
      'Lead answers',
      'Core',
      'Core answers',
      'Wider',
      'Wider answers',
      'Gap (lead − wider)',
      'Not verified',
    ]);
    const months = new Set(demo.pulses.map((p) => londonDate(p.createdAt).slice(0, 7)));
    const monthName = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
    expect(table.rows.map((row) => row[0])).toEqual(
      [...months].sort().map((month) => monthName.format(Date.parse(`${month}-15T12:00:00Z`))),
    );
    const means = table.rows.flatMap((row) => [row[1], row[3], row[5]]);
    const hidden = means.filter((cell) => cell === FEWER).length;
    expect(hidden).toBeGreaterThan(0);
    expect(await drawn(page, 'partner-types')).toEqual({
      points: means.filter((cell) => isNumber(cell!)).length,
      gaps: hidden,
    });
    // A hidden group never shows its number of answers either.
    for (const row of table.rows) for (const i of [1, 3, 5]) if (row[i] === FEWER) expect(row[i + 1]).toBe('');
    // The gap is lead − wider or blank: never lead − core when the wider group is hidden.
    for (const row of table.rows) {
      if (isNumber(row[1]!) && isNumber(row[5]!))
        expect(Number(row[7])).toBeCloseTo(Number(row[1]) - Number(row[5]), 1);
      else expect(row[7], `the gap of ${row[0]}`).toBe('');
    }
    // The sample data has such a month: the rule above is exercised, not vacuous.
    const widerHidden = table.rows.filter((row) => isNumber(row[1]!) && isNumber(row[3]!) && row[5] === FEWER);
    expect(widerHidden.length).toBeGreaterThan(0);
    const headline = card(page, 'partner-types').locator('.headline');
    expect(await headline.textContent()).toMatch(
      /^Equity over these dates: Lead partners [\d.]+, Wider partners [\d.]+ – a gap of [\d.]+\.$/,
    );
    expect(Number(await headline.getAttribute('data-gap'))).toBeGreaterThan(1);
  });

  it("draws each partnership's own lead–wider gap, pulse by pulse, with its direction", async () => {
    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    for (const partnership of demo.partnerships) {
      const id = `gap-${partnership.id}`;
      expect(await card(page, id).getByRole('heading', { name: partnership.name }).count()).toBe(1);
      const own = demo.pulses
        .filter((p) => p.partnershipId === partnership.id)
        .sort((a, b) => a.createdAt - b.createdAt);
      const table = await tableOf(page, id);
      expect(table.columns).toEqual(['Date', 'Lead − wider', 'Not verified']);
      expect(table.rows.map((row) => row[0])).toEqual(own.map((p) => shownDate(p.createdAt)));
      const gaps = own.map((pulse, i) => {
        const lead = answersTo(pulse, 'equity', 'lead');
        const wider = answersTo(pulse, 'equity', 'wider');
        const cell = table.rows[i]![1]!;
        if (lead.length < THRESHOLD || wider.length < THRESHOLD) expect(cell).toBe(FEWER);
        if (cell === FEWER) return null;
        expect(Number(cell)).toBeCloseTo(mean(lead) - mean(wider), 2);
        return mean(lead) - mean(wider);
      });
      const shown = gaps.filter((g): g is number => g !== null);
      expect(await drawn(page, id)).toEqual({ points: shown.length, gaps: gaps.length - shown.length });
      const headline = card(page, id).locator('.headline');
      if (shown.length < 2) {
        expect(await headline.getAttribute('data-trend')).toBe('none');
        continue;
      }
      const change = Math.abs(shown[shown.length - 1]!) - Math.abs(shown[0]!);
      const trend = Math.abs(change) < 0.1 ? 'steady' : change > 0 ? 'widening' : 'narrowing';
      expect(await headline.getAttribute('data-trend')).toBe(trend);
      expect(await headline.textContent()).toMatch(
        trend === 'steady' ? /^Steady since Q[1-4] \d{4}$/ : /^(Widening|Narrowing) by [\d.]+ since Q[1-4] \d{4}$/,
      );
    }
  });

  it('gives responses / invited organisations for every pulse', async () => {
    const table = await tableOf(page, 'response-rates');
    expect(table.rows).toHaveLength(demo.pulses.length);
    expect(table.columns.at(-1)).toBe('Not verified');
    expect(table.rows.every((row) => row.at(-1) === 'shared link')).toBe(true);
    for (const pulse of demo.pulses) {
      const responses = demo.responses.filter((r) => r.pulseId === pulse.id).length;
      const invited = pulse.invitedOrganisationIds.length;
      const row = table.rows.find(
        (r) =>
          r[1] === shownDate(pulse.createdAt) &&
          r[0] === (pulse.partnershipId === HARDSHIP.id ? HARDSHIP.name : ACTIVE.name),
      )!;
      expect(row.slice(2)).toEqual([
        String(responses),
        String(invited),
        String(Math.round((responses / invited) * 100)),
        'shared link',
      ]);
    }
    expect(await drawn(page, 'response-rates')).toEqual({ points: demo.pulses.length, gaps: 0 });
  });

  it("lists one partnership's organisations at a time, and calls out every partnership's drifting ones", async () => {
    const organisationsOf = (partnershipId: string) =>
      new Set(demo.memberships.filter((m) => m.partnershipId === partnershipId).map((m) => m.organisationId));
    // The first partnership by name is charted until another is chosen.
    let table = await tableOf(page, 'attendance');
    expect(await card(page, 'attendance').getByRole('heading').textContent()).toBe(
      `Attendance per organisation: ${ACTIVE.name}`,
    );
    expect(table.rows).toHaveLength(organisationsOf(ACTIVE.id).size);
    expect(new Set(table.rows.map((row) => row[0]))).toEqual(new Set([ACTIVE.name]));
    expect((await drawn(page, 'attendance')).points).toBe(table.rows.filter((row) => isNumber(row[5]!)).length);
    const calledOut = await card(page, 'attendance').locator('ul.drifting li').allTextContents();
    expect(calledOut.map((text) => text.split(' – ')[0]).sort()).toEqual([
      `Eastside Residents Association (${HARDSHIP.name})`,
      `Northmoor Disability Sports Forum (${ACTIVE.name})`,
      `Northmoor Housing Trust (${HARDSHIP.name})`,
    ]);

    await card(page, 'attendance').getByLabel('Partnership shown').selectOption({ label: HARDSHIP.name });
    await expect.poll(() => new URL(page.url()).searchParams.get('attendance')).toBe(HARDSHIP.id);
    await expect
      .poll(async () => (await tableOf(page, 'attendance')).rows.length)
      .toBe(organisationsOf(HARDSHIP.id).size);
    table = await tableOf(page, 'attendance');
    expect((await drawn(page, 'attendance')).points).toBe(table.rows.filter((row) => isNumber(row[5]!)).length);
    const drifting = table.rows
      .filter((row) => row[7] === 'Drifting away')
      .map((row) => row[1])
      .sort();
    expect(drifting).toEqual(['Eastside Residents Association', 'Northmoor Housing Trust']);
    for (const row of table.rows.filter((r) => r[7] === 'Drifting away'))
      expect(Number(row[6])).toBeGreaterThanOrEqual(3);
    // The partner that left is marked so, and is not drifting.
    const left = table.rows.find((row) => row[1] === 'Riverside Debt Advice Project')!;
    const leftOn = demo.memberships.find(
      (m) =>
        m.leftOn &&
        demo.partnerships.find((p) => p.id === m.partnershipId)?.name === left[0] &&
        demo.organisations.find((o) => o.id === m.organisationId)?.name === left[1],
    )!.leftOn!;
    expect(left[7]).toBe(`Left on ${shownIsoDate(leftOn)}`);
  });

  it('plots the days between core and between wider meetings, and warns of the overdue wider meeting', async () => {
    const table = await tableOf(page, 'cadence');
    const charted = held.filter((m) => m.kind === 'core' || m.kind === 'wider');
    expect(table.rows).toHaveLength(charted.length);
    // The first meeting of each kind in each partnership has no previous one to count from.
    const firsts = new Set(charted.map((m) => `${m.partnershipId}/${m.kind}`)).size;
    expect(await drawn(page, 'cadence')).toEqual({ points: charted.length - firsts, gaps: 0 });
    expect(table.rows.filter((row) => isNumber(row[3]!))).toHaveLength(charted.length - firsts);
    const warnings = await page.locator('.cadence-status .warning').allTextContents();
    expect(
      warnings.some(
        (w) =>
          w.startsWith('Active Northmoor Partnership: no Wider meeting for') && w.endsWith('(target: every 91 days)'),
      ),
    ).toBe(true);
    expect(warnings.some((w) => w.startsWith('Northmoor Hardship Crisis Partnership'))).toBe(false);
  });

  it('counts the purposes of held meetings and the agreed agendas per partnership', async () => {
    const purposes = await tableOf(page, 'purposes');
    const tagged = new Set(held.flatMap((m) => m.purposeTagIds));
    expect(purposes.rows).toHaveLength(tagged.size);
    expect(await drawn(page, 'purposes')).toEqual({ points: tagged.size, gaps: 0 });
    const delivery = held.filter((m) => m.purposeTagIds.includes('3363080a-b599-432c-9237-7af992848420')).length;
    expect(purposes.rows[0]).toEqual([
      'Project delivery',
      String(delivery),
      String(Math.round((delivery / held.length) * 100)),
    ]);

    const agenda = await tableOf(page, 'agenda');
    expect(agenda.columns).toEqual([
      'Partnership',
      'Agenda agreed',
      'Not yet agreed',
      'No agreed agenda',
      'Agreed (%)',
    ]);
    for (const partnership of [ACTIVE, HARDSHIP]) {
      const own = held.filter((m) => m.partnershipId === partnership.id);
      const count = (state: string) => String(own.filter((m) => m.agenda === state).length);
      const row = agenda.rows.find((r) => r[0] === partnership.name)!;
      expect(row.slice(1, 4)).toEqual([count('yes'), count('not-yet'), count('no')]);
    }
    expect(await drawn(page, 'agenda')).toEqual({ points: 6, gaps: 0 });
  });

  it('downloads a chart as the PNG it draws', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card(page, 'dimension-trust').getByRole('button', { name: 'Download PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^partnership-pulse-trust-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.png$/);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Decoded in the page, the file has the canvas's size and exactly its pixels.
    const comparison = await card(page, 'dimension-trust')
      .locator('canvas')
      .evaluate(async (canvas: HTMLCanvasElement, base64) => {
        const blob = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' });
        const image = await createImageBitmap(blob);
        const copy = new OffscreenCanvas(image.width, image.height).getContext('2d')!;
        copy.drawImage(image, 0, 0);
        const original = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        const decoded = copy.getImageData(0, 0, image.width, image.height).data;
        let different = 0;
        for (let i = 0; i < original.length; i += 1) if (original[i] !== decoded[i]) different += 1;
        return {
          width: image.width,
          height: image.height,
          canvas: [canvas.width, canvas.height],
          different,
          opaque: decoded[3],
        };
      }, bytes.toString('base64'));
    expect([comparison.width, comparison.height]).toEqual(comparison.canvas);
    expect(comparison.different).toBe(0);
    expect(comparison.opaque).toBe(255); // the background is painted in, not transparent
  });

  it("downloads a chart's CSV with exactly the rows of its table", async () => {
    const table = await tableOf(page, 'dimension-equity');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card(page, 'dimension-equity').getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^partnership-pulse-equity-.*\.csv$/);
    const text = await readFile(await download.path(), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(header).toEqual(table.columns);
    // The same rows, with the dates in ISO 8601 for the spreadsheet where the page writes them for the reader.
    for (const row of rows) expect(row[1]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows.map((row) => [row[0], shownIsoDate(row[1]!), ...row.slice(2)])).toEqual(table.rows);
    expect(rows.filter((row) => row[3] === FEWER).length).toBeGreaterThan(0);
  });

  it('is reachable by keyboard: the table toggle opens with Enter', async () => {
    const other = await openDashboard();
    const toggle = card(other, 'dimension-trust').getByRole('button', { name: 'Show data table' });
    await other.getByLabel('Meeting kind').focus();
    for (let i = 0; i < 10 && !(await toggle.evaluate((el) => el === document.activeElement)); i += 1)
      await other.keyboard.press('Tab');
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await other.keyboard.press('Enter');
    await card(other, 'dimension-trust').locator('table').waitFor();
    expect(
      await card(other, 'dimension-trust')
        .getByRole('button', { name: 'Hide data table' })
        .getAttribute('aria-expanded'),
    ).toBe('true');
    await other.close();
  });

  it('draws on a dark background in dark mode', async () => {
    const dark = await ext().context.newPage();
    await dark.emulateMedia({ colorScheme: 'dark' });
    await dark.goto(ext().extensionUrl('dashboard.html'));
    await waitForReady(dark);
    const corner = (p: Page) =>
      card(p, 'dimension-trust')
        .locator('canvas')
        .evaluate((c: HTMLCanvasElement) => [...c.getContext('2d')!.getImageData(1, 1, 1, 1).data]);
    expect(await corner(dark)).toEqual([0x15, 0x18, 0x1c, 255]);
    expect(await corner(page)).toEqual([255, 255, 255, 255]);
    await dark.close();
  });
});

describe('filters', () => {
  beforeAll(loadSampleData);

  it('narrows to one partner type, keeps it in the URL, and hides its small groups', async () => {
    const page = await openDashboard();
    const before = await tableOf(page, 'dimension-equity');
    await page.getByLabel('Partner type', { exact: true }).selectOption({ label: 'Wider' });
    await expect.poll(() => new URL(page.url()).searchParams.get('type')).toBe('wider');
    await expect.poll(async () => (await tableOf(page, 'dimension-equity')).rows).not.toEqual(before.rows);
    const table = await tableOf(page, 'dimension-equity');
    const smallWider = demo.pulses.filter((p) => answersTo(p, 'equity', 'wider').length < THRESHOLD);
    // Every pulse with fewer than three wider answers shows the label, never a value.
    for (const pulse of smallWider) {
      const partnership = pulse.partnershipId === HARDSHIP.id ? HARDSHIP.name : ACTIVE.name;
      const row = table.rows.find((r) => r[0] === partnership && r[1] === shownDate(pulse.createdAt))!;
      expect(row.slice(3)).toEqual([FEWER, '', 'shared link']);
    }
    const { points, gaps } = await drawn(page, 'dimension-equity');
    expect(points).toBe(table.rows.filter((row) => isNumber(row[3]!)).length);
    expect(gaps).toBe(table.rows.filter((row) => row[3] === FEWER).length);
    expect(gaps).toBeGreaterThanOrEqual(smallWider.length);
    // Shown wider means are the wider answers' mean.
    for (const row of table.rows.filter((r) => isNumber(r[3]!))) {
      const pulse = demo.pulses.find(
        (p) => shownDate(p.createdAt) === row[1] && (p.partnershipId === HARDSHIP.id) === (row[0] === HARDSHIP.name),
      )!;
      const answers = answersTo(pulse, 'equity', 'wider');
      expect(Number(row[3])).toBeCloseTo(answers.reduce((s, v) => s + v, 0) / answers.length, 2);
    }
    expect((await tableOf(page, 'partner-types')).columns).toEqual([
      'Period',
      'Wider',
      'Wider answers',
      'Not verified',
    ]);
    const attendance = await tableOf(page, 'attendance');
    expect(new Set(attendance.rows.map((row) => row[2]))).toEqual(new Set(['Wider']));
    await page.close();
  });

  it('narrows to one partnership and a date range, and a bookmark of the URL opens the same view', async () => {
    const page = await openDashboard();
    await page.getByRole('checkbox', { name: ACTIVE.name }).uncheck();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('partnership')).toEqual([HARDSHIP.id]);
    await expect
      .poll(async () => (await tableOf(page, 'dimension-trust')).rows.length)
      .toBe(demo.pulses.filter((p) => p.partnershipId === HARDSHIP.id).length);
    const from = londonDate(Date.now() - 100 * 86_400_000);
    await page.getByLabel('From').fill(from);
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(from);
    const inRange = demo.pulses.filter((p) => p.partnershipId === HARDSHIP.id && londonDate(p.createdAt) >= from);
    await expect.poll(async () => (await tableOf(page, 'dimension-trust')).rows.length).toBe(inRange.length);
    const attendance = await tableOf(page, 'attendance');
    expect(new Set(attendance.rows.map((row) => row[0]))).toEqual(new Set([HARDSHIP.name]));
    const cadenceRows = (await tableOf(page, 'cadence')).rows.length;
    expect(cadenceRows).toBe(
      held.filter(
        (m) =>
          m.partnershipId === HARDSHIP.id && (m.kind === 'core' || m.kind === 'wider') && londonDate(m.startAt) >= from,
      ).length,
    );
    const trust = await drawn(page, 'dimension-trust');

    const bookmark = await openDashboard(new URL(page.url()).search);
    expect(await bookmark.getByRole('checkbox', { name: ACTIVE.name }).isChecked()).toBe(false);
    expect(await bookmark.getByLabel('From').inputValue()).toBe(from);
    expect(await drawn(bookmark, 'dimension-trust')).toEqual(trust);
    expect((await tableOf(bookmark, 'cadence')).rows.length).toBe(cadenceRows);
    await bookmark.close();
    await page.close();
  });

  it('narrows the meeting charts to one kind of meeting', async () => {
    const page = await openDashboard('?kind=core');
    expect(await page.getByLabel('Meeting kind').inputValue()).toBe('core');
    const cadence = await tableOf(page, 'cadence');
    const core = held.filter((m) => m.kind === 'core');
    expect(cadence.rows).toHaveLength(core.length);
    expect(new Set(cadence.rows.map((row) => row[2]))).toEqual(new Set(['Core meeting']));
    const purposes = await tableOf(page, 'purposes');
    expect(purposes.rows).toHaveLength(new Set(core.flatMap((m) => m.purposeTagIds)).size);
    await page.close();
  });
});

describe('live updates and exports with names from elsewhere', () => {
  beforeAll(loadSampleData);

  it('shows a meeting logged in the side panel without a reload', async () => {
    const page = await openDashboard(`?partnership=${HARDSHIP.id}`);
    const before = await tableOf(page, 'cadence');
    const pointsBefore = (await drawn(page, 'cadence')).points;
    const yesterday = londonDate(Date.now() - 86_400_000);

    const panel = await ext().context.newPage();
    await panel.goto(ext().extensionUrl('sidepanel.html'));
    await waitForReady(panel);
    await panel.getByRole('button', { name: 'New meeting' }).click();
    await panel.getByLabel('Partnership', { exact: true }).selectOption({ label: HARDSHIP.name });
    await panel.getByLabel('Title').fill('Extra core partners call');
    await panel.getByLabel('Start').fill(`${yesterday}T10:00`);
    await panel.getByLabel('Kind of meeting').selectOption({ label: 'Core meeting' });
    await panel.getByLabel('Add someone by name').fill('Sam Okafor');
    await panel.getByRole('button', { name: 'Add attendee' }).click();
    await panel.getByRole('button', { name: 'Save meeting' }).click();
    await panel.locator('.meeting-list li', { hasText: 'Extra core partners call' }).waitFor();

    await expect.poll(async () => (await tableOf(page, 'cadence')).rows.length).toBe(before.rows.length + 1);
    const added = (await tableOf(page, 'cadence')).rows.find(
      (row) => row[1] === shownDate(Date.now() - 86_400_000) && row[2] === 'Core meeting',
    )!;
    expect(added).toBeDefined();
    expect((await drawn(page, 'cadence')).points).toBe(pointsBefore + 1);
    const status = page.locator('.cadence-status tbody tr', { hasText: 'Core meeting' });
    expect(await status.locator('td').nth(1).textContent()).toBe('1');
    await panel.close();
    await page.close();
  });

  it('neutralises an organisation name a spreadsheet would run as a formula', async () => {
    const manage = await ext().context.newPage();
    await manage.goto(ext().extensionUrl('options.html'));
    await waitForReady(manage);
    await manage.getByLabel('Partnership', { exact: true }).selectOption({ label: HARDSHIP.name });
    // The form that adds a member, below the current members.
    await manage.locator('#add-member-name').fill('=HYPERLINK("http://evil.example","Click")');
    await manage.locator('#add-member-type').selectOption('wider');
    await manage.locator('#add-member-joined').fill(londonDate(Date.now() - 200 * 86_400_000));
    await manage.getByRole('button', { name: 'Add to partnership' }).click();
    await manage.getByText('=HYPERLINK', { exact: false }).first().waitFor();
    await manage.close();

    const page = await openDashboard(`?partnership=${HARDSHIP.id}`);
    const table = await tableOf(page, 'attendance');
    expect(table.rows.some((row) => row[1] === '=HYPERLINK("http://evil.example","Click")')).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card(page, 'attendance').getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const text = await readFile(await download.path(), 'utf8');
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    const cells = rows.map((row) => row[1]);
    expect(cells).toContain(`'=HYPERLINK("http://evil.example","Click")`);
    expect(cells.some((cell) => cell?.startsWith('='))).toBe(false);
    await page.close();
  });
});

describe('the annual review pack', () => {
  beforeAll(loadSampleData);

  it('opens from the dashboard for one partnership and year, with its figures and the comments that passed the threshold', async () => {
    const dashboard = await openDashboard();
    const section = dashboard.locator('.review-pack');
    // Active Northmoor: the other tests add meetings and members to the hardship partnership.
    await section.getByLabel('Partnership').selectOption({ label: ACTIVE.name });
    const year = Number(await section.getByLabel('Year').inputValue());
    await section.getByRole('link', { name: 'Open the annual review' }).click();
    await waitForReady(dashboard);
    const url = new URL(dashboard.url());
    expect([url.searchParams.get('view'), url.searchParams.get('partnership'), url.searchParams.get('year')]).toEqual([
      'review',
      ACTIVE.id,
      String(year),
    ]);
    const page = dashboard;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Annual review: ${ACTIVE.name}, ${year}`);

    const inYear = (at: number) => londonDate(at).startsWith(`${year}-`);
    const heldThisYear = held.filter(
      (m) => m.partnershipId === ACTIVE.id && inYear(m.startAt) && m.startAt <= Date.now(),
    );
    const figure = (label: string) =>
      page
        .locator('table.figures tr', { has: page.getByRole('rowheader', { name: label, exact: true }) })
        .locator('td');
    expect(await figure('Meetings held').textContent()).toMatch(new RegExp(`^${heldThisYear.length} \\(`));
    const pulses = demo.pulses.filter((p) => p.partnershipId === ACTIVE.id && inYear(p.createdAt));
    const responses = demo.responses.filter((r) => pulses.some((p) => p.id === r.pulseId));
    expect(await figure('Pulse checks').textContent()).toMatch(
      new RegExp(`^${pulses.length} pulses, ${responses.length} responses`),
    );

    // Comments only from pulses with at least three responses, and all of those.
    const expected = pulses
      .filter((p) => demo.responses.filter((r) => r.pulseId === p.id).length >= THRESHOLD)
      .flatMap((p) => demo.responses.filter((r) => r.pulseId === p.id && r.comment).map((r) => r.comment!));
    const hidden = pulses
      .filter((p) => demo.responses.filter((r) => r.pulseId === p.id).length < THRESHOLD)
      .flatMap((p) => demo.responses.filter((r) => r.pulseId === p.id && r.comment).map((r) => r.comment!));
    const shown = await page.locator('.review-comments li').allTextContents();
    expect([...shown].sort()).toEqual([...expected].sort());
    for (const comment of hidden) expect(shown).not.toContain(comment);
    expect(shown.length).toBeGreaterThan(0);
    expect(hidden.length).toBeGreaterThan(0);

    // The charts of the year, drawn; printing leaves out the buttons and keeps the charts.
    // Four dimensions, partner types, attendance, cadence, purposes, agendas.
    expect(await page.locator('canvas[data-points]').count()).toBe(9);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Download PNG' }).first().isVisible()).toBe(false);
    expect(await page.locator('canvas').first().isVisible()).toBe(true);
    await page.close();
  });

  it('asks for a partnership when the link names none', async () => {
    const page = await openDashboard('?view=review&year=2026');
    await page.getByText('An annual review pack is for one partnership').waitFor();
    expect(await page.locator('canvas').count()).toBe(0);
    await page.close();
  });
});
