import { beforeEach, describe, expect, it } from 'vitest';
import type { BundleRecords } from '../../../../utils/your-data/bundle/format';
import { ImportRejected } from '../../../../utils/your-data/bundle/problems';
import { databaseDigest } from '../../../../utils/db/digest';
import type { PulseDatabase } from '../../../../utils/db/schema';
import { CsvImportModel } from '../../../../utils/your-data/csv-import/model';
import { freshDb } from '../../db/helpers';
import { fileOf, fixtureBytes } from './helpers';

let db: PulseDatabase;
beforeEach(async () => {
  db = await freshDb('csv-model');
});

function model(file: File, previewRecords = async (records: Partial<BundleRecords>) => records) {
  return new CsvImportModel({ db, file, locale: 'en-GB', previewRecords });
}

describe('the CSV import model', () => {
  it('reads the file, guesses the mapping and hands the records of the current mapping to the preview', async () => {
    const m = model(fileOf(fixtureBytes('google-forms.csv'), 'google-forms.csv'));
    await m.start();
    expect(m.state.value).toEqual({ step: 'mapping' });
    expect(m.build.value!.rows).toHaveLength(5);
    m.setMapping({ ...m.mapping.value!, comment: null });
    const records = (await m.submit()) as Partial<BundleRecords>;
    expect(records.responses).toHaveLength(5);
    expect(records.responses!.some((r) => r.comment !== undefined)).toBe(false);
  });

  it('says why a file cannot be read, and writes nothing', async () => {
    const before = await databaseDigest(db);
    const m = model(fileOf('just one column\nvalue\n', 'one.csv'));
    await m.start();
    expect(m.state.value.step).toBe('rejected');
    const state = m.state.value as { problems: Array<{ file: string; message: string }> };
    expect(state.problems[0]).toMatchObject({
      file: 'one.csv',
      message: expect.stringMatching(/could not be told apart/),
    });
    expect(await databaseDigest(db)).toBe(before);
  });

  it('does not continue while the mapping is incomplete, and shows a refusal of the records', async () => {
    const m = model(fileOf(fixtureBytes('google-forms.csv')), async () => {
      throw new ImportRejected([{ file: 'survey.csv', message: 'refused' }]);
    });
    await m.start();
    m.setMapping({ ...m.mapping.value!, date: null });
    expect(await m.submit()).toBeNull();
    expect(m.state.value).toEqual({ step: 'mapping' });
    m.setMapping({ ...m.mapping.value!, date: 0 });
    expect(await m.submit()).toBeNull();
    expect(m.state.value).toEqual({ step: 'failed', problems: [{ file: 'survey.csv', message: 'refused' }] });
  });

  it('changes nothing once disposed: a read or a check still under way when the flow closes is dropped', async () => {
    const reading = model(fileOf(fixtureBytes('google-forms.csv'), 'google-forms.csv'));
    const started = reading.start();
    reading[Symbol.dispose]();
    await started;
    expect(reading.state.value).toEqual({ step: 'reading' });
    expect(reading.mapping.value).toBeNull();

    let release: () => void = () => undefined;
    const checking = model(fileOf(fixtureBytes('google-forms.csv'), 'google-forms.csv'), async (records) => {
      await new Promise<void>((resolve) => (release = resolve));
      return records;
    });
    await checking.start();
    const submitted = checking.submit();
    expect(checking.state.value).toEqual({ step: 'checking' });
    checking[Symbol.dispose]();
    release();
    expect(await submitted).toBeNull();
    expect(checking.state.value).toEqual({ step: 'checking' });
  });
});
