import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addPurposeTag } from '../../../utils/db/purpose-tags';
import type { PulseDatabase } from '../../../utils/db/schema';
import { RecordsModel } from '../../../utils/models/records';
import { freshDb } from '../db/helpers';

let db: PulseDatabase;
let models: RecordsModel[];

beforeEach(async () => {
  db = await freshDb('records-model');
  models = [];
});

afterEach(() => models.forEach((model) => model[Symbol.dispose]()));

async function loaded(): Promise<RecordsModel> {
  const model = new RecordsModel(db);
  models.push(model);
  await model.load();
  return model;
}

describe('the records model', () => {
  it('takes in a record written after it loaded', async () => {
    const model = await loaded();
    const before = model.purposeTags.value.length;
    const tag = await addPurposeTag(db, 'Shared evaluation');
    await vi.waitFor(() => expect(model.purposeTags.value.map((t) => t.id)).toContain(tag.id));
    expect(model.purposeTags.value).toHaveLength(before + 1);
  });

  it('stops taking in changes once disposed', async () => {
    const live = await loaded();
    const disposed = await loaded();
    disposed[Symbol.dispose]();
    const tag = await addPurposeTag(db, 'Joint bid');
    await vi.waitFor(() => expect(live.purposeTags.value.map((t) => t.id)).toContain(tag.id));
    // Give a reload (were one started) the same time again before looking.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(disposed.purposeTags.value.map((t) => t.id)).not.toContain(tag.id);
  });
});
