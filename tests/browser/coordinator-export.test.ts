import { describe, expect, it } from 'vitest';
import type { PublishedResult, Pulse, PulseResponse, Organisation } from '../../utils/db/records';
import { launchExtension, UK_DESKTOP, type ExtensionHarness } from '../harness';
import {
  chooseImportFile,
  exportThroughDashboard,
  jsonFile,
  loadSampleData,
  openDashboard,
} from '../harness/data-transfer';
import { readRecords } from '../harness/db';
import { sortedRows } from '../harness/pages/dashboard';
import { useExtension } from '../harness/vitest';

/**
 * Issue 12: a lead exports a coordinator summary; a coordinator's fresh profile imports it and
 * its dashboard charts the pulses as the lead's own dashboard does; the file holds no
 * individual answer.
 */

const ext = useExtension(UK_DESKTOP);

const COORDINATOR = 'Coordinator summary';

describe('the coordinator export', () => {
  it("carries no individual answer, and a fresh profile charts it like the lead's own pulses", async () => {
    await loadSampleData(ext());
    const page = await openDashboard(ext());
    const lead = {
      trust: await sortedRows(page, 'dimension-trust'),
      equity: await sortedRows(page, 'dimension-equity'),
    };
    expect(lead.trust.length).toBeGreaterThan(0);
    const records = {
      pulses: await readRecords<Pulse>(page, 'pulses'),
      responses: await readRecords<PulseResponse>(page, 'responses'),
      organisations: await readRecords<Organisation>(page, 'organisations'),
    };

    // The personal backup says what it holds before it is saved.
    await page.getByRole('button', { name: 'Export data', exact: true }).click();
    await page.getByLabel('Format').selectOption({ label: 'Personal backup' });
    await page.getByText('A personal backup holds every individual answer', { exact: false }).waitFor();
    await page.getByLabel('Format').selectOption({ label: COORDINATOR });
    expect(await page.getByText('A personal backup holds every individual answer', { exact: false }).count()).toBe(0);
    expect(await page.getByLabel('Include comments', { exact: false }).isChecked()).toBe(false);

    const saved = await exportThroughDashboard(page, { format: COORDINATOR });
    expect(saved.fileName).toMatch(/^partnership-pulse-summary-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(saved.text) as { kind: string; publishedResults: PublishedResult[] };
    expect(file.kind).toBe('coordinator-summary');
    const now = Date.now();
    const closed = records.pulses.filter((p) => p.deletedAt === undefined && p.expiresAt < now);
    expect(file.publishedResults.map((r) => r.pulseId).sort()).toEqual(closed.map((p) => p.id).sort());
    // No individual row, organisation, comment or arrival time is in the file.
    for (const response of records.responses) {
      expect(saved.text).not.toContain(response.id);
      if (response.comment) expect(saved.text).not.toContain(response.comment);
    }
    for (const organisation of records.organisations) expect(saved.text).not.toContain(organisation.id);
    expect(saved.text).not.toMatch(/"(answers|organisationId|receivedAt|comment)"/);
    // The only times are each pulse's own (what it speaks for, its close) and the export's.
    const ownTimes = new Set(file.publishedResults.flatMap((r) => [r.at, r.closedAt, r.createdAt, r.updatedAt]));
    const times = [...saved.text.matchAll(/\b\d{13}\b/g)].map((m) => Number(m[0]));
    expect(times.length).toBeGreaterThan(0);
    expect(times.filter((at) => !ownTimes.has(at))).toEqual([]);
    for (const result of file.publishedResults) {
      const pulse = closed.find((p) => p.id === result.pulseId)!;
      expect([result.closedAt, result.createdAt]).toEqual([pulse.expiresAt, pulse.expiresAt]);
    }
    await page.close();

    const fresh: ExtensionHarness = await launchExtension(UK_DESKTOP);
    try {
      const other = await openDashboard(fresh);
      await other.getByRole('heading', { name: 'Nothing to show yet' }).waitFor();
      await chooseImportFile(other, jsonFile(saved.fileName, saved.text));
      const summary = other.locator('.published-summary');
      await summary.waitFor({ timeout: 60_000 });
      expect(await summary.textContent()).toBe(
        `Imported ${saved.fileName}: results of ${closed.length} closed pulses (added ${closed.length}, updated 0, 0 already here as new or newer).`,
      );
      // The dashboard charts them as the lead's does: the same rows, figures and gaps.
      // The lead's sample pulses have no seats: marked "shared link" (not verified) on the lead's
      // dashboard, and each published result says `sharedLink: true`, so the coordinator's
      // dashboard marks them too: the same rows, figures and marks.
      expect(lead.trust.every((row) => row[5] === 'shared link')).toBe(true);
      expect(
        (JSON.parse(saved.text) as { publishedResults: PublishedResult[] }).publishedResults.every(
          (result) => result.sharedLink === true,
        ),
      ).toBe(true);
      const trust = await sortedRows(other, 'dimension-trust');
      expect(trust.every((row) => row[5] === 'shared link')).toBe(true);
      expect(trust).toEqual(lead.trust);
      expect(await sortedRows(other, 'dimension-equity')).toEqual(lead.equity);
      expect(await readRecords<PublishedResult>(other, 'publishedResults')).toHaveLength(closed.length);
    } catch (error) {
      await fresh.closeUnchecked();
      throw error;
    }
    await fresh.close();
  }, 240_000);
});
