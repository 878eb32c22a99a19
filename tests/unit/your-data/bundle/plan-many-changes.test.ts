import { describe, expect, it, vi } from 'vitest';
import type { FieldChanges } from '../../../../utils/your-data/bundle/merge';
import { freshDb } from '../../db/helpers';
import { exportText, planText } from './helpers';

/** Changed answers listed by the store's decision: more than a call's arguments can carry. */
const MANY = 300_000;

vi.mock('../../../../utils/your-data/bundle/stored', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../../utils/your-data/bundle/stored')>();
  return {
    ...original,
    decideAgainstStored: async (...args: Parameters<typeof original.decideAgainstStored>) => {
      const decided = await original.decideAgainstStored(...args);
      if (args[1] !== 'responses') return decided;
      const changes: FieldChanges[] = Array.from({ length: MANY }, (_, i) => ({
        store: 'responses',
        id: `r-${i}`,
        label: `r-${i}`,
        fields: ['comment'],
      }));
      return { ...decided, changes };
    },
  };
});

describe('an import plan listing very many changed records', () => {
  it('lists them all rather than overflowing the call stack', async () => {
    const db = await freshDb('plan-many-changes');
    const plan = await planText(db, await exportText(db));
    expect(plan.changes).toHaveLength(MANY);
    expect(plan.changes[MANY - 1]!.id).toBe(`r-${MANY - 1}`);
  });
});
