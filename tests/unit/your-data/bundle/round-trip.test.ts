import { describe, expect, it } from 'vitest';
import { databaseDigest } from '../../../../utils/db/digest';
import { freshDb } from '../../db/helpers';
import { demoDb, exportText, importText, planText, totalOf } from './helpers';

describe('export and import', () => {
  it('an export imported into an empty database gives the same database', async () => {
    const source = await demoDb('source');
    const text = await exportText(source);
    const target = await freshDb('target');
    const result = await importText(target, text);
    expect(result.written).toBeGreaterThan(100);
    expect(await databaseDigest(target)).toBe(await databaseDigest(source));
  });

  it('importing the same bundle twice changes nothing the second time', async () => {
    const source = await demoDb('source');
    const text = await exportText(source);
    const target = await freshDb('target');
    await importText(target, text);
    const digest = await databaseDigest(target);
    const second = await planText(target, text);
    expect(totalOf(second, 'add') + totalOf(second, 'update') + totalOf(second, 'conflict')).toBe(0);
    expect(totalOf(second, 'unchanged')).toBeGreaterThan(100);
    const result = await importText(target, text);
    expect(result.written).toBe(0);
    expect(await databaseDigest(target)).toBe(digest);
  });
});
