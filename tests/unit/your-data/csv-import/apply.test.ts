import { beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_STORES } from '../../../../utils/your-data/bundle/format';
import { ImportRejected } from '../../../../utils/your-data/bundle/problems';
import { applyPlan, planRecords } from '../../../../utils/your-data/bundle/session';
import { loadImportContext } from '../../../../utils/your-data/csv-import/context';
import { guessMapping, type ColumnMapping } from '../../../../utils/your-data/csv-import/mapping';
import { readCsvFile } from '../../../../utils/your-data/csv-import/read';
import { buildImport } from '../../../../utils/your-data/csv-import/records';
import { databaseDigest } from '../../../../utils/db/digest';
import { savePartnership } from '../../../../utils/db/partnerships';
import { listPulses } from '../../../../utils/db/pulses';
import type { PulseResponse } from '../../../../utils/db/records';
import { DEFAULT_CADENCE } from '../../../../utils/db/records';
import type { PulseDatabase } from '../../../../utils/db/schema';
import { freshDb } from '../../db/helpers';
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
async function planCsv(file: File, adjust: (mapping: ColumnMapping) => void = () => {}) {
  const read = await readCsvFile(file);
  const context = await loadImportContext(db);
  const mapping = guessMapping(read.table, { locale: 'en-GB' });
  adjust(mapping);
  const build = buildImport(read.table, mapping, context, { name: read.fileName });
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

describe('importing a survey exported again', () => {
  const googleForms = () => new TextDecoder().decode(fixtureBytes('google-forms.csv'));
  const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
  const crlf = (text: string) => text.replaceAll('\n', '\r\n');
  const responses = () => db.getAll('responses') as Promise<PulseResponse[]>;

  async function importCsv(file: File, adjust?: (mapping: ColumnMapping) => void) {
    await applyPlan(db, await planCsv(file, adjust), { mergeOrganisations: {} });
  }

  it('adds nothing for the same rows saved with other line endings or a byte-order mark', async () => {
    // With a comment over two lines: its line break is CRLF in one file and LF in the other.
    const text = `${googleForms()}"21/03/2024 08:00:00","Northside Hardship Partnership","Core","","Agree","Agree","Agree","Agree","Two lines:\nfirst, second"\n`;
    const first = await planCsv(fileOf(text, 'export.csv'));
    expect([first.counts.pulses.add, first.counts.responses.add]).toEqual([3, 6]);
    await applyPlan(db, first, { mergeOrganisations: {} });
    const after = await databaseDigest(db);
    const again: Array<[string, File]> = [
      ['CRLF', fileOf(crlf(text), 'export.csv')],
      ['BOM', fileOf(withBom(text), 'export.csv')],
      ['BOM and CRLF', fileOf(withBom(crlf(text)), 'export (1).csv')],
    ];
    for (const [name, file] of again) {
      const plan = await planCsv(file);
      expect([total(plan, 'add'), total(plan, 'update'), total(plan, 'conflict')], name).toEqual([0, 0, 0]);
      expect([plan.counts.pulses.unchanged, plan.counts.responses.unchanged], name).toEqual([3, 6]);
      await applyPlan(db, plan, { mergeOrganisations: {} });
      expect(await databaseDigest(db), name).toBe(after);
    }
  });

  it('adds only the new rows of a later export, and no pulse for a month it already has', async () => {
    await importCsv(fileOf(googleForms(), 'export.csv'));
    const earlier = new Set((await responses()).map((r) => r.id));
    // A month later, from the same form (Google Forms writes CRLF): one more answer in April, one in May.
    const later = crlf(
      [
        googleForms().trimEnd(),
        '"25/04/2024 09:00:00","Northside Hardship Partnership","Wider","Food Bank North","Agree","Disagree","Agree","Agree",""',
        '"03/05/2024 10:00:00","Northside Hardship Partnership","Lead","Age UK Northside","Agree","Agree","Agree","Agree",""',
      ].join('\n'),
    );
    const plan = await planCsv(fileOf(later, 'export-may.csv'));
    expect(plan.counts.responses).toMatchObject({ add: 2, update: 0, unchanged: 5, conflict: 0 });
    // May is new; Northside's April pulse now closes with its later answer; March and Riverside are as they were.
    expect(plan.counts.pulses).toMatchObject({ add: 1, update: 1, unchanged: 2, conflict: 0 });
    for (const store of ['partnerships', 'organisations', 'memberships'] as const) {
      expect(plan.counts[store].add, store).toBe(0);
    }
    await applyPlan(db, plan, { mergeOrganisations: {} });

    const added = (await responses()).filter((r) => !earlier.has(r.id)).sort((a, b) => a.receivedAt - b.receivedAt);
    expect(added.map((r) => [r.partnerType, r.answers.equity])).toEqual([
      ['wider', 2],
      ['lead', 4],
    ]);
    const pulses = await listPulses(db);
    expect(pulses).toHaveLength(4);
    expect(pulses.map((p) => p.summary?.responses).sort()).toEqual([1, 1, 2, 3]);
  });

  it('counts identical rows in one file as separate answers, and adds none of them again', async () => {
    const text = [
      'Timestamp,Partnership,Partner type,Trust',
      '2024-03-15,Northside Hardship Partnership,core,4',
      '2024-03-15,Northside Hardship Partnership,core,4',
      '2024-03-15,Northside Hardship Partnership,core,5',
    ].join('\n');
    const plan = await planCsv(fileOf(text, 'paper.csv'));
    expect(plan.counts.responses.add).toBe(3);
    await applyPlan(db, plan, { mergeOrganisations: {} });
    expect((await responses()).map((r) => r.answers.trust).sort()).toEqual([4, 4, 5]);

    const again = await planCsv(fileOf(crlf(text), 'paper.csv'));
    expect([total(again, 'add'), again.counts.responses.unchanged]).toEqual([0, 3]);
    // One of the two alike rows again in a later copy: still two, one more is a third.
    const more = await planCsv(fileOf(`${text}\n2024-03-15,Northside Hardship Partnership,core,4`, 'paper.csv'));
    expect(more.counts.responses).toMatchObject({ add: 1, unchanged: 3 });
  });

  it('does not add the rows again when the same file is mapped differently: what changed is shown as conflicts', async () => {
    await importCsv(fileOf(googleForms(), 'export.csv'));
    const after = await databaseDigest(db);
    const plan = await planCsv(fileOf(googleForms(), 'export.csv'), (mapping) => {
      mapping.comment = null;
    });
    // The three rows with a comment read differently now; the local copies are kept.
    expect(plan.counts.responses).toMatchObject({ add: 0, unchanged: 2, conflict: 3 });
    expect(total(plan, 'add')).toBe(0);
    await applyPlan(db, plan, { mergeOrganisations: {} });
    expect(await databaseDigest(db)).toBe(after);
  });
});
