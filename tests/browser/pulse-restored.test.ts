// The lead's own pulses without their keys here: the sample data's (made without keys), and the
// same pulses restored from a personal backup into another profile (keys never travel, answers
// and totals do). By the one rule for "another lead's pulse" (no key and no totals here:
// isKnownOnlyFromWorkspace) they are the lead's: the panel shows their count and results, with a
// note where the paste box was, and never says another lead started them (it did, by the key alone).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchExtension, UK_DESKTOP } from '../harness';
import {
  exportThroughDashboard,
  importThroughDashboard,
  jsonFile,
  loadSampleData,
  openDashboard,
} from '../harness/data-transfer';
import { openPulses } from '../harness/pages/panel';
import { useExtension } from '../harness/vitest';

const ext = useExtension(UK_DESKTOP);

/** What the panel's first pulse shows of the questions "whose is it" and "can its codes open here". */
async function firstPulse(panel: Page) {
  const detail = panel.locator('.pulse-detail').first();
  await detail.waitFor({ timeout: 30_000 });
  return {
    count: await detail.locator('.response-count').count(),
    anotherLeads: await detail.locator('.pulse-no-key').count(),
    keyElsewhere: await detail.locator('.pulse-key-elsewhere').count(),
    pasteBox: await detail.getByRole('textbox', { name: /Paste/i }).count(),
  };
}

describe("the lead's pulses without their keys here", () => {
  it("are the lead's own without their keys (sample data, and restored): count and results shown, a note instead of the paste box", async () => {
    await loadSampleData(ext());
    const page = await openDashboard(ext());
    const saved = await exportThroughDashboard(page);
    expect(saved.text).not.toContain('privateKey');
    const here = await openPulses(ext());
    expect(await firstPulse(here)).toEqual({ count: 1, anotherLeads: 0, keyElsewhere: 1, pasteBox: 0 });
    expect(await here.getByText(/Another lead started this pulse/).count()).toBe(0);

    const fresh = await launchExtension(UK_DESKTOP);
    try {
      const other = await openDashboard(fresh);
      await other.getByRole('heading', { name: 'Nothing to show yet' }).waitFor();
      await importThroughDashboard(other, jsonFile(saved.fileName, saved.text));
      const panel = await openPulses(fresh);
      await panel.locator('.pulse-key-elsewhere').first().waitFor({ state: 'attached', timeout: 30_000 });
      expect(await firstPulse(panel)).toEqual({ count: 1, anotherLeads: 0, keyElsewhere: 1, pasteBox: 0 });
      expect(await panel.getByText(/Another lead started this pulse/).count()).toBe(0);
    } catch (error) {
      await fresh.closeUnchecked();
      throw error;
    }
    await fresh.close();
  }, 240_000);
});
