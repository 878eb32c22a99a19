import { describe, expect, it } from 'vitest';
import { databaseDigest } from '../../../../utils/db/digest';
import { freshDb } from '../../db/helpers';
import {
  coarsenStoredResponses,
  demoDb,
  NOW,
  exportText,
  importText,
  planText,
  SAME_RECORDS,
  totalOf,
} from './helpers';

describe('export and import', () => {
  it('an export imported into an empty database gives the same database, arrival times coarsened to the close', async () => {
    const source = await demoDb('source');
    const text = await exportText(source);
    const target = await freshDb('target');
    const result = await importText(target, text);
    expect(result.written).toBeGreaterThan(100);
    const pulses = new Map((await source.getAll('pulses')).map((p) => [p.id, p]));
    const responses = await target.getAll('responses');
    expect(responses.length).toBeGreaterThan(0);
    for (const response of responses) {
      const close = Math.min(pulses.get(response.pulseId)!.expiresAt, NOW);
      expect([response.receivedAt, response.createdAt, response.updatedAt]).toEqual([close, close, close]);
    }
    // The sample answers arrived before their close: the backup does not say when.
    const stored = await source.getAll('responses');
    expect(stored.some((r) => r.receivedAt !== Math.min(pulses.get(r.pulseId)!.expiresAt, NOW))).toBe(true);
    await coarsenStoredResponses(source);
    expect(await databaseDigest(target, SAME_RECORDS)).toBe(await databaseDigest(source, SAME_RECORDS));
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

  it('restoring a backup into the browser that made it changes nothing: coarsened times are no change', async () => {
    const source = await demoDb('source');
    const digest = await databaseDigest(source);
    const text = await exportText(source);
    const plan = await planText(source, text);
    expect(plan.counts.responses.update).toBe(0);
    expect(plan.counts.responses.unchanged).toBe((await source.getAll('responses')).length);
    expect(plan.changes.filter((c) => c.store === 'responses')).toEqual([]);
    expect((await importText(source, text)).written).toBe(0);
    // The answers keep their own arrival times here.
    expect(await databaseDigest(source)).toBe(digest);
  });
});
