import { beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_STORES } from '../../../utils/bundle/format';
import { ImportRejected } from '../../../utils/bundle/problems';
import { applyPlan, planRecords } from '../../../utils/bundle/session';
import { loadImportContext } from '../../../utils/csv-import/context';
import { guessMapping } from '../../../utils/csv-import/mapping';
import { readCsvFile } from '../../../utils/csv-import/read';
import { buildImport } from '../../../utils/csv-import/records';
import { databaseDigest } from '../../../utils/db/digest';
import { savePartnership } from '../../../utils/db/partnerships';
import { listPulses } from '../../../utils/db/pulses';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { freshDb } from '../db/helpers';
import { fileOf, fixtureBytes } from './helpers';

let db: PulseDatabase;

beforeEach(async () => {
  db = await freshDb('csv-import');
  await savePartnership(db, {
    name: 'Northside Hardship Partnership',
    startDate: '2023-01-01',
    cadence: DEFAULT_CADENCE,
  });
});

/** What the CSV import flow does up to the preview: read, match against the database, build, plan. */
async function planCsv(file: File) {
  const read = await readCsvFile(file);
  const context = await loadImportContext(db);
  const mapping = guessMapping(read.table, { locale: 'en-GB' });
  const build = buildImport(read.table, mapping, context, { name: read.fileName, digest: read.digest });
  return planRecords(db, build.records, read.fileName, 'test');
}

const total = (plan: Awaited<ReturnType<typeof planCsv>>, kind: 'add' | 'update' | 'conflict' | 'unchanged') =>
  BUNDLE_STORES.reduce((sum, store) => sum + plan.counts[store][kind], 0);

describe('importing an earlier survey', () => {
  it('adds the pulses and responses once: importing the same file again changes nothing', async () => {
    const file = () => fileOf(fixtureBytes('google-forms.csv'), 'google-forms.csv');
    const plan = await planCsv(file());
    expect(plan.counts.pulses.add).toBe(3);
    expect(plan.counts.responses.add).toBe(5);
    expect(plan.counts.partnerships.add).toBe(1);
    await applyPlan(db, plan, { mergeOrganisations: {} });

    const pulses = await listPulses(db);
    expect(pulses).toHaveLength(3);
    expect(pulses.map((p) => p.summary?.responses).sort()).toEqual([1, 1, 3]);
    const after = await databaseDigest(db);

    const again = await planCsv(file());
    expect([total(again, 'add'), total(again, 'update'), total(again, 'conflict')]).toEqual([0, 0, 0]);
    // The partnerships and organisations it created are matched by name now, so only the pulses and responses come again.
    expect([again.counts.pulses.unchanged, again.counts.responses.unchanged]).toEqual([3, 5]);
    await applyPlan(db, again, { mergeOrganisations: {} });
    expect(await databaseDigest(db)).toBe(after);
  });

  it('leaves the database exactly as it was for each rejected file', async () => {
    const rejected = [
      fileOf('', 'empty.csv'),
      fileOf('Timestamp|Trust\n2024-03-15|4\n', 'pipes.csv'),
      fileOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]), 'workbook.csv'),
      fileOf(new Uint8Array([0x54, 0, 0x2c, 0, 0x41, 0, 0x0a, 0]), 'utf16-no-bom.csv'),
      fileOf('Timestamp,Trust\n', 'header-only.csv'),
    ];
    const before = await databaseDigest(db);
    for (const file of rejected) {
      await expect(planCsv(file), file.name).rejects.toBeInstanceOf(ImportRejected);
      expect(await databaseDigest(db), file.name).toBe(before);
    }
  });

  it('leaves the database as it was when every row has a problem, and plans nothing', async () => {
    const before = await databaseDigest(db);
    const plan = await planCsv(
      fileOf('Timestamp,Partnership,Partner type,Trust\nnot a date,North,core,4\n2024-03-15,North,core,\n', 'bad.csv'),
    );
    expect(total(plan, 'add')).toBe(0);
    expect(await databaseDigest(db)).toBe(before);
  });
});
