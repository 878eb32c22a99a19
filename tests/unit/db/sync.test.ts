import { describe, expect, it } from 'vitest';
import { inRawTransaction } from '../../../utils/db/raw-open';
import { holdsNothingOf, partnershipChangesSince } from '../../../utils/db/sync';
import { meeting, partnership, person } from '../../factories';
import { freshRawDb } from './helpers';

const P1 = 'a1111111-1111-4111-8111-111111111111';
const P2 = 'a2222222-2222-4222-8222-222222222222';
const T = 1_700_000_000_000;

async function rawDb(records: Record<string, object[]>) {
  const db = await freshRawDb('sync-reads');
  if (Object.keys(records).length === 0) return db;
  await inRawTransaction(db, Object.keys(records), 'readwrite', async (tx) => {
    for (const [store, list] of Object.entries(records)) for (const r of list) tx.objectStore(store).put(r);
  });
  return db;
}

/** partnershipChangesSince, with the indexes of the meetings store it read. */
async function changesAndReads(db: IDBDatabase, since: number) {
  const getAll = IDBIndex.prototype.getAll;
  const indexes: string[] = [];
  IDBIndex.prototype.getAll = function (this: IDBIndex, query?: IDBValidKey | IDBKeyRange | null, count?: number) {
    if (this.objectStore.name === 'meetings') indexes.push(this.name);
    return getAll.call(this, query, count);
  };
  try {
    return { changes: await partnershipChangesSince(db, P1, since), indexes };
  } finally {
    IDBIndex.prototype.getAll = getAll;
  }
}

describe('partnershipChangesSince', () => {
  const dee = person({ id: 'dee', displayNames: ['Dee'], updatedAt: T });
  const named = meeting({ id: 'm1', partnershipId: P1, attendees: [{ displayName: 'Dee', personId: 'dee' }] });
  const records = {
    partnerships: [partnership({ id: P1, updatedAt: T }), partnership({ id: P2, updatedAt: T })],
    people: [dee],
    meetings: [
      { ...named, updatedAt: T },
      meeting({ id: 'm2', partnershipId: P1, updatedAt: T + 20 }),
      meeting({ id: 'm3', partnershipId: P1, updatedAt: T + 10 }),
      meeting({ id: 'other', partnershipId: P2, updatedAt: T + 30 }),
    ],
  };

  it('reads only the meetings changed since, of this partnership and oldest first, when no person changed', async () => {
    const db = await rawDb(records);
    const { changes, indexes } = await changesAndReads(db, T);
    expect(changes.meetings.map((m) => m.id)).toEqual(['m3', 'm2']);
    expect(changes.people).toEqual([]);
    expect(indexes).toEqual(['by-updated']);
    db.close();
  });

  it("reads the partnership's meetings to find the people they name when a person changed", async () => {
    const db = await rawDb({
      ...records,
      people: [{ ...dee, updatedAt: T + 5 }, person({ id: 'nobody', updatedAt: T + 5 })],
    });
    const { changes, indexes } = await changesAndReads(db, T);
    // Dee, named by a meeting not changed since; not someone no meeting of it names.
    expect(changes.people.map((p) => p.id)).toEqual(['dee']);
    expect(changes.meetings.map((m) => m.id)).toEqual(['m3', 'm2']);
    expect(indexes).toContain('by-partnership-start');
    db.close();
  });
});

describe('holdsNothingOf', () => {
  it('is true only without the partnership and without any person', async () => {
    const empty = await rawDb({});
    expect(await holdsNothingOf(empty, P1)).toBe(true);
    const other = await rawDb({ partnerships: [partnership({ id: P2 })] });
    expect(await holdsNothingOf(other, P1)).toBe(true);
    const tombstone = await rawDb({ partnerships: [partnership({ id: P1, deletedAt: T })] });
    expect(await holdsNothingOf(tombstone, P1)).toBe(false);
    const people = await rawDb({ people: [person({ id: 'dee' })] });
    expect(await holdsNothingOf(people, P1)).toBe(false);
    for (const db of [empty, other, tombstone, people]) db.close();
  });
});
