import { afterEach, describe, expect, it } from 'vitest';
import { listPartnerships } from '../../../utils/db/partnerships';
import { PartnershipFormModel } from '../../../utils/manage/partnership-model';
import { partnership, putAll } from '../../factories';
import { freshDb } from '../db/helpers';

const models: Array<{ [Symbol.dispose](): void }> = [];
afterEach(() => models.splice(0).forEach((model) => model[Symbol.dispose]()));
const open = (...args: ConstructorParameters<typeof PartnershipFormModel>) => {
  const model = new PartnershipFormModel(...args);
  models.push(model);
  return model;
};

describe('the partnership form’s model', () => {
  it('starts from the partnership, with no errors shown and nothing saved', async () => {
    const db = await freshDb();
    const model = open(db, partnership({ id: 'p1', name: 'Food Share', startDate: '2023-02-03' }));
    expect(model.values.value.name).toBe('Food Share');
    expect(model.values.value.startDate).toBe('2023-02-03');
    expect(model.errors.value).toEqual({});
    expect(model.saved.value).toBe(false);
  });

  it('sets each field', async () => {
    const model = open(await freshDb(), null);
    model.setName('Healthy Lives');
    model.setStartDate('2025-04-01');
    model.setCadence('widerDays', '60');
    expect(model.values.value).toMatchObject({
      name: 'Healthy Lives',
      startDate: '2025-04-01',
      cadence: { widerDays: '60' },
    });
  });

  it('a save that fails shows the errors, keeps everything typed and stores nothing; the errors then follow the typing', async () => {
    const db = await freshDb();
    const model = open(db, null);
    model.setName('  ');
    model.setCadence('coreMinDays', '50');
    model.setCadence('coreMaxDays', '42');
    expect(model.errors.value).toEqual({});
    expect(await model.save()).toBeNull();
    expect(model.errors.value).toEqual({ name: 'required', coreMaxDays: 'cadenceOrder' });
    expect(model.values.value.cadence.coreMinDays).toBe('50');
    expect(model.saved.value).toBe(false);
    expect(await listPartnerships(db)).toEqual([]);
    model.setName('Healthy Lives');
    expect(model.errors.value).toEqual({ coreMaxDays: 'cadenceOrder' });
  });

  it('a name over the database’s limit is said at the name, the text kept and nothing saved', async () => {
    const db = await freshDb();
    const model = open(db, null);
    const long = 'x'.repeat(501);
    model.setName(long);
    expect(await model.save()).toBeNull();
    const error = model.errors.value.name;
    expect(typeof error === 'object' && error.tooLarge).toMatch(/\S/);
    expect(model.values.value.name).toBe(long);
    expect(await listPartnerships(db)).toEqual([]);
  });

  it('creates a new partnership, and saves an existing one under its id', async () => {
    const db = await freshDb();
    const created = open(db, null);
    created.setName(' Healthy Lives ');
    const result = await created.save();
    expect(result?.name).toBe('Healthy Lives');
    expect(created.saved.value).toBe(true);

    await putAll(db, { partnerships: [partnership({ id: 'p1', name: 'Food Share' })] });
    const edited = open(
      db,
      (await listPartnerships(db)).find((p) => p.id === 'p1')!,
    );
    edited.setName('Food Share North');
    edited.setCadence('reviewDays', '300');
    const saved = await edited.save();
    expect(saved).toMatchObject({ id: 'p1', name: 'Food Share North', cadence: { reviewDays: 300 } });
    expect((await listPartnerships(db)).map((p) => p.name)).toEqual(['Food Share North', 'Healthy Lives']);
  });
});
