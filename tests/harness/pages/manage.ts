import type { Locator, Page } from 'playwright-core';
import type { ExtensionHarness } from '../extension';
import { waitForReady } from '../tabs';

/** Loads the sample data through the management page, as a user would, and closes it. */
export async function loadSampleData(ext: ExtensionHarness): Promise<void> {
  const manage = await ManagePage.open(ext);
  await manage.loadSampleData();
  await manage.close();
}

export interface SetUpOptions {
  /** Partnerships exist already: "+ New partnership" is chosen first. */
  another?: boolean;
  /** The address of pulse.html on the lead's site, typed in the settings afterwards. */
  widgetHost?: string;
}

/**
 * Opens the management page, creates a partnership and adds its member organisations, each with
 * its partner type (and sets the widget's address if given); returns the page still open (the
 * caller may go on, then close it).
 */
export async function setUpPartnership(
  ext: ExtensionHarness,
  name: string,
  members: ReadonlyArray<readonly [string, 'lead' | 'core' | 'wider']>,
  options: SetUpOptions = {},
): Promise<ManagePage> {
  const manage = await ManagePage.open(ext);
  if (options.another) await manage.partnership.selectOption({ label: '+ New partnership' });
  await manage.createPartnership({ name });
  for (const [member, partnerType] of members) await manage.addMember({ name: member, partnerType });
  if (options.widgetHost !== undefined) await manage.setWidgetHost(options.widgetHost);
  return manage;
}

/** Types the address of pulse.html on the management page, and closes it. */
export async function setWidgetHost(ext: ExtensionHarness, host: string): Promise<void> {
  const manage = await ManagePage.open(ext);
  await manage.setWidgetHost(host);
  await manage.close();
}

export interface NewPartnership {
  name: string;
  startDate?: string;
  /** "Wider meetings: every (days)". */
  widerEveryDays?: number;
}

export interface NewMember {
  name: string;
  emailDomains?: string;
  partnerType?: 'lead' | 'core' | 'wider';
  joinedOn?: string;
}

/** The management page (options.html): its partnership form, member form and members list. */
export class ManagePage {
  private constructor(readonly page: Page) {}

  static async open(ext: ExtensionHarness): Promise<ManagePage> {
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('options.html'));
    await waitForReady(page);
    return new ManagePage(page);
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await waitForReady(this.page);
  }

  /** Waits (10 s) until the text is on the page. */
  async expectText(text: string): Promise<void> {
    await this.page.getByText(text, { exact: false }).first().waitFor({ timeout: 10_000 });
  }

  /** The partnership chooser (its last option is "+ New partnership"). */
  get partnership(): Locator {
    return this.page.getByLabel('Partnership', { exact: true });
  }

  /** One <li> per member organisation of the chosen partnership. */
  get members(): Locator {
    return this.page.locator('#members-heading + ul > li');
  }

  async submitPartnership(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create partnership' }).click();
  }

  /** Fills the new-partnership form and creates it; waits for its members section. */
  async createPartnership(fields: NewPartnership): Promise<void> {
    await this.page.getByLabel('Name', { exact: true }).fill(fields.name);
    if (fields.startDate) await this.page.getByLabel('Start date').fill(fields.startDate);
    if (fields.widerEveryDays !== undefined)
      await this.page.getByLabel('Wider meetings: every (days)').fill(String(fields.widerEveryDays));
    await this.submitPartnership();
    await this.expectText(`Members of ${fields.name}`);
  }

  /** Adds a member organisation with the add form (the last of the page's partner type fields); waits for it to be listed. */
  async addMember(fields: NewMember): Promise<void> {
    await this.page.getByLabel('Organisation name').fill(fields.name);
    if (fields.emailDomains !== undefined) await this.page.getByLabel('Email domains').last().fill(fields.emailDomains);
    if (fields.partnerType)
      await this.page.getByLabel('Partner type', { exact: true }).last().selectOption(fields.partnerType);
    if (fields.joinedOn) await this.page.getByLabel('Joined').last().fill(fields.joinedOn);
    await this.page.getByRole('button', { name: 'Add to partnership' }).click();
    await this.members.locator('strong', { hasText: fields.name }).first().waitFor();
  }

  /** Types the address of pulse.html on the lead's site (saved as typed). */
  async setWidgetHost(host: string): Promise<void> {
    await this.page.getByLabel("Address of pulse.html on your organisation's website").fill(host);
  }

  /** Loads (or loads again: it replaces itself) the sample data. */
  async loadSampleData(): Promise<void> {
    await this.page.getByRole('button', { name: 'Load sample data' }).click();
    await this.page.getByText('Sample data loaded.').waitFor();
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
