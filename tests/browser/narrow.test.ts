import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoPath, UK_LOCALE } from '../harness';
import { chooseImportFile, IMPORT_FILE_LABEL } from '../harness/data-transfer';
import { cutOffText } from '../harness/overflow';
import { openDashboard } from '../harness/pages/dashboard';
import { loadSampleData, ManagePage, setUpPartnership } from '../harness/pages/manage';
import { openCall, openReadyPanel, openSidePanel } from '../harness/pages/panel';
import { testInvite, widgetUrl } from '../harness/pages/widget';
import { DIMENSIONS } from '../../utils/db/records';
import { DEFAULT_STATEMENTS } from '../../utils/pulse/default-statements';
import { encodeInvite } from '../../utils/pulse/invite';
import { generatePulseKeys } from '../../utils/pulse/keys';
import { strings } from '../../widget/strings';
import { useExtension } from '../harness/vitest';
import { ANOTHER_ORGANISATION } from '../../components/meeting/OrganisationSelect';

// Issue 15: text cut off at 320 px (a phone, or a narrow window), control by control.

const ext = useExtension(UK_LOCALE);
const NARROW = { width: 320, height: 720 };
/** The widget's four statements in their default wording. */
const QUESTIONS = DIMENSIONS.map((dimension) => ({
  id: `${dimension}-1`,
  wording: DEFAULT_STATEMENTS[dimension],
  scale: 'agree5' as const,
  dimension,
}));

/** Every folded part of the page opened: what is cut off, and the page's sideways scroll if it has one. */
async function cutOffUnfolded(page: Page): Promise<string[]> {
  for (const summary of await page.locator('details:not([open]) > summary').all()) await summary.click();
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  return [...(await cutOffText(page)), ...(scroll > 0 ? [`the page scrolls ${scroll} px sideways`] : [])];
}

/** Picks each of a select's choices in turn (but those of `skip`): what is cut off of it, with the choice. */
async function cutChoices(page: Page, select: Locator, skip: string[] = []): Promise<string[]> {
  const found: string[] = [];
  const values = await select
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  for (const value of values.filter((v) => !skip.includes(v))) {
    await select.selectOption(value);
    const chosen = await select.locator('option:checked').textContent();
    found.push(...(await cutOffText(page, select)).map((cut) => `"${chosen}": ${cut}`));
  }
  return found;
}

/** Picks each choice of `select` but `skip`: it is shown as text of the field's own (a native select cannot wrap its choice), none of it cut. */
async function expectChoicesShownWhole(page: Page, select: Locator, skip: string[] = []): Promise<void> {
  const choices = await select
    .locator('option')
    .evaluateAll((all) => all.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent! })));
  for (const { value, text } of choices.filter((choice) => !skip.includes(choice.value))) {
    await select.selectOption(value);
    const shown = select.locator('xpath=..').locator(':not(select, option)', { hasText: text });
    await expect.poll(() => shown.count(), { message: text }).toBeGreaterThan(0);
    expect(await cutOffText(page, shown.last())).toEqual([]);
  }
}

describe('at 320 px', () => {
  it("shows the whole of each member's e-mail domains and every label of the member table", async () => {
    const manage = await setUpPartnership(ext(), 'Hartside Food Partnership', [['Hartside Food Bank', 'lead']]);
    await manage.addMember({
      name: 'Hartside and Northmoor Council for Voluntary Service',
      emailDomains: 'hartsidecvs.org.uk, northmoorcvs.org.uk',
      partnerType: 'core',
    });
    await manage.page.setViewportSize(NARROW);
    const members = manage.page.locator('#members-heading').locator('..');
    const domains = manage.members.getByLabel('Email domains');
    expect(await domains.last().inputValue()).toBe('hartsidecvs.org.uk, northmoorcvs.org.uk');
    expect(await cutOffText(manage.page, members)).toEqual([]);
    await manage.close();
  });

  it("shows the whole of the CSV import's scale choices and every label of its mapping", async () => {
    const page = await openDashboard(ext());
    await page.setViewportSize(NARROW);
    const file = await readFile(join(process.cwd(), 'tests/fixtures/csv', 'google-forms.csv'));
    await chooseImportFile(page, { name: 'google-forms.csv', mimeType: 'text/csv', buffer: file });
    const flow = page.locator('form.csv-import');
    await flow.getByLabel('Equity: scale', { exact: true }).waitFor();
    // Every label, and each scale's choice. (A column's choice is the file's own header, often a
    // whole question: a native select cannot wrap it, so it is not checked.)
    const mapping = flow.locator('.csv-mapping');
    const labels = await mapping.locator('label, legend').all();
    const scales = await mapping.locator('select[id$="-scale"]').all();
    expect(labels.length).toBeGreaterThan(8);
    expect(scales).toHaveLength(4);
    for (const part of [...labels, ...scales]) expect(await cutOffText(page, part)).toEqual([]);
    await page.close();
  });
  it("tells two long CSV columns apart: each mapping shows its chosen column's whole name", async () => {
    const header = [
      'Timestamp',
      'Which partnership are you part of?',
      'What type of partner is your organisation?',
      'Organisation that attended the meeting (primary)',
      'Organisation that attended the meeting (secondary)',
      'I trust the other partners to do what they say they will do.',
      'Decisions in this partnership are shared fairly; my organisation has real influence.',
      'The partnership adapts to how my organisation works.',
      'I know what is happening, who is doing what, and I can raise problems.',
      'Anything else you would like to tell us about this partnership?',
    ];
    const row = ['14/03/2024 10:22', 'Northside', 'Lead', 'Age UK', 'Shelter', 'Agree', 'Agree', 'Agree', 'Agree', ''];
    const csv = [header, row].map((cells) => cells.map((cell) => `"${cell}"`).join(',')).join('\n');
    const page = await openDashboard(ext());
    await page.setViewportSize(NARROW);
    await chooseImportFile(page, { name: 'long.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const flow = page.locator('form.csv-import');
    const organisation = flow.getByLabel('Organisation', { exact: true });
    await organisation.selectOption({ label: header[4] });
    const columnSelects = flow.locator('.csv-mapping select:not([id$="-scale"], #csv-date-order)');
    expect(await columnSelects.count()).toBe(9);
    for (const select of await columnSelects.all()) {
      const value = await select.inputValue();
      const chosen = value.startsWith('col:') ? Number(value.slice(4)) : value === '' ? null : Number(value);
      if (chosen === null || Number.isNaN(chosen)) continue;
      // The whole name as text of the field's own (not in the select), and none of it cut.
      const shown = select.locator('xpath=..').locator(':not(select, option)', { hasText: header[chosen] });
      await expect.poll(() => shown.count(), { message: header[chosen] }).toBeGreaterThan(0);
      expect(await shown.last().isVisible()).toBe(true);
      expect(await cutOffText(page, shown.last())).toEqual([]);
    }
    await page.close();
  });
});

describe('every page at 320 px, with the sample data', () => {
  beforeAll(async () => {
    await loadSampleData(ext());
  });

  it('the panel: its meetings, and a pulse with its results and the list of pulses open', async () => {
    const panel = await openSidePanel(ext(), NARROW);
    expect(await cutOffText(panel)).toEqual([]);
    await panel.getByRole('button', { name: 'Pulses' }).click();
    await panel.locator('.pulse-results').first().waitFor();
    await panel.locator('details.pulse-picker summary').click();
    await panel.locator('.pulse-list button').first().waitFor();
    expect(await cutOffText(panel)).toEqual([]);
    await panel.close();
  });

  for (const width of [320, 360])
    it(`the panel at ${width} px: each organisation to add an attendee to, whole`, async () => {
      const panel = await openSidePanel(ext(), { width, height: 900 });
      await panel.getByRole('button', { name: 'New meeting' }).click();
      await panel.getByLabel('Partnership', { exact: true }).selectOption({ index: 1 });
      const organisation = panel.locator('#add-attendee-org');
      await expect.poll(() => organisation.locator('option').count()).toBeGreaterThan(4);
      expect(await cutChoices(panel, organisation, [ANOTHER_ORGANISATION])).toEqual([]);
      await panel.close();
    });

  it('the panel at 320 px shows the whole of the organisation a person with a link of their own is added to', async () => {
    const panel = await openSidePanel(ext(), { width: 320, height: 900 });
    await panel.getByRole('button', { name: 'Pulses' }).click();
    await panel.getByRole('button', { name: 'Start a pulse' }).click();
    await panel.getByLabel('Partnership', { exact: true }).selectOption({ index: 1 });
    const organisation = panel.getByLabel('Organisation of the person');
    await expect.poll(() => organisation.locator('option').count()).toBeGreaterThan(4);
    await expectChoicesShownWhole(panel, organisation);
    await panel.close();
  });

  it('the panel at 360 px: each organisation to add a person with a link of their own to, whole', async () => {
    const panel = await openSidePanel(ext(), { width: 360, height: 900 });
    await panel.getByRole('button', { name: 'Pulses' }).click();
    await panel.getByRole('button', { name: 'Start a pulse' }).click();
    await panel.getByLabel('Partnership', { exact: true }).selectOption({ index: 1 });
    const organisation = panel.getByLabel('Organisation of the person');
    await expect.poll(() => organisation.locator('option').count()).toBeGreaterThan(4);
    expect(await cutChoices(panel, organisation)).toEqual([]);
    await panel.close();
  });

  it('the management page', async () => {
    const manage = await ManagePage.open(ext());
    await manage.page.setViewportSize(NARROW);
    await manage.members.first().waitFor();
    expect(await cutOffText(manage.page)).toEqual([]);
    await manage.close();
  });

  it('the dashboard', async () => {
    const page = await openDashboard(ext());
    await page.setViewportSize(NARROW);
    await page.locator('[data-chart] canvas').first().waitFor();
    expect(await cutOffText(page)).toEqual([]);
    await page.close();
  });

  it("the dashboard's data area, opened, and the annual review", async () => {
    const page = await openDashboard(ext());
    await page.setViewportSize(NARROW);
    await page.locator('[data-chart] canvas').first().waitFor();
    await page.getByRole('button', { name: 'Export data', exact: true }).click();
    await page.getByLabel('What to export').waitFor();
    expect(await cutOffUnfolded(page)).toEqual([]);
    await page.getByRole('button', { name: 'Import data', exact: true }).click();
    await page.getByLabel(IMPORT_FILE_LABEL).waitFor();
    expect(await cutOffUnfolded(page)).toEqual([]);
    await page.locator('.review-pack').getByRole('link', { name: 'Open the annual review' }).click();
    await page.getByRole('heading', { level: 1, name: /^Annual review: / }).waitFor();
    await page.locator('[data-chart] canvas').first().waitFor();
    expect(await cutOffUnfolded(page)).toEqual([]);
    await page.close();
  });

  it('the panel on a call, at 320 and 360 px', async () => {
    const { call, tabId } = await openCall(ext(), {
      html: readFileSync(repoPath('tests/fixtures/meet/small-call.html'), 'utf8'),
      url: 'https://meet.google.com/xkr-pqnd-tws',
      pattern: 'https://meet.google.com/**',
    });
    const panel = await openReadyPanel(ext(), tabId);
    await panel.getByLabel('Partnership', { exact: true }).selectOption({ index: 1 });
    await panel.locator('.attendee-list select').first().waitFor();
    for (const width of [320, 360]) {
      await panel.setViewportSize({ width, height: 900 });
      expect(await cutOffUnfolded(panel)).toEqual([]);
    }
    await panel.close();
    await call.close();
  });

  it('the start-a-pulse form at 320 px shows the whole of the meeting it follows, the date at the end too', async () => {
    const panel = await openSidePanel(ext(), NARROW);
    await panel.getByRole('button', { name: 'Pulses' }).click();
    await panel.getByRole('button', { name: 'Start a pulse' }).click();
    await panel.getByLabel('Partnership', { exact: true }).selectOption({ index: 1 });
    const meeting = panel.getByLabel('After the meeting', { exact: true });
    await expect.poll(() => meeting.locator('option').count()).toBeGreaterThan(3);
    await expectChoicesShownWhole(panel, meeting, ['']);
    await panel.close();
  });

  for (const [width, partnership] of [
    [320, 1],
    [360, 2],
  ] as const)
    it(`the panel at ${width} px: a meeting's editor, a new meeting, the start-a-pulse form and the pulse it starts`, async () => {
      const panel = await openSidePanel(ext(), { width, height: 900 });
      // A held meeting (one a pulse can start from), with its attendees.
      const held = panel.locator('.meeting-list li', { has: panel.getByRole('button', { name: 'Start a pulse' }) });
      await held.first().getByRole('button', { name: 'Edit' }).click();
      await panel.getByRole('button', { name: 'Save meeting' }).waitFor();
      expect(await panel.locator('.attendee-list select').count()).toBeGreaterThan(2);
      expect(await cutOffUnfolded(panel)).toEqual([]);
      await panel.getByRole('button', { name: 'New meeting' }).click();
      await panel.getByLabel('Partnership', { exact: true }).selectOption({ index: partnership });
      expect(await cutOffUnfolded(panel)).toEqual([]);
      await panel.getByRole('button', { name: 'Pulses' }).click();
      await panel.getByRole('button', { name: 'Start a pulse' }).click();
      await panel.getByLabel('Partnership', { exact: true }).selectOption({ index: partnership });
      await panel.getByRole('checkbox').first().waitFor();
      // The longest choice (a person's organisation) is left to the test above.
      expect((await cutOffUnfolded(panel)).filter((cut) => !cut.startsWith('select#pulse-seat-organisation'))).toEqual(
        [],
      );
      await panel.getByRole('button', { name: 'Start pulse' }).click();
      await panel.getByText('Pulse started. Send the partners the link.').waitFor();
      expect(await cutOffUnfolded(panel)).toEqual([]);
      await panel.close();
    });

  it("the partner's widget at 390 × 844: every control a finger can hit is at least 24 × 24 px", async () => {
    const page = await ext().context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(widgetUrl(encodeInvite(testInvite((await generatePulseKeys()).publicKeyJwk, QUESTIONS))));
    await page.getByRole('button', { name: strings.submit }).waitFor();
    await page.locator('details > summary').first().click();
    const targets = await page
      .locator('button, summary, textarea, input, select, a[href], label:has(input)')
      .evaluateAll((all) =>
        all.map((el) => {
          const box = el.getBoundingClientRect();
          return {
            what: `${el.tagName.toLowerCase()} "${el.textContent!.trim().slice(0, 30)}"`,
            width: box.width,
            height: box.height,
          };
        }),
      );
    expect(targets.length).toBeGreaterThan(20);
    expect(targets.filter((t) => t.width < 24 || t.height < 24)).toEqual([]);
    await page.close();
  });

  it("the partner's widget, at 390 px (a phone) and 320 px", async () => {
    const keys = await generatePulseKeys();
    const page = await ext().context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(widgetUrl(encodeInvite(testInvite(keys.publicKeyJwk, QUESTIONS))));
    await page.getByRole('button', { name: strings.submit }).waitFor();
    expect(await cutOffText(page)).toEqual([]);
    await page.setViewportSize(NARROW);
    expect(await cutOffText(page)).toEqual([]);
    await page.close();
  });
});
