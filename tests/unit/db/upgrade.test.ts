import { openDB, unwrap, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import v1 from '../../fixtures/db/v1.json';
import v2 from '../../fixtures/db/v2.json';
import v3 from '../../fixtures/db/v3.json';
import v4 from '../../fixtures/db/v4.json';
import v5 from '../../fixtures/db/v5.json';
import v6 from '../../fixtures/db/v6.json';
import { BUILT_IN_PURPOSES } from '../../../utils/db/built-in-purposes';
import { openPulseDb } from '../../../utils/db/open';
import { getPulse } from '../../../utils/db/pulses';
import { addSeatResponses } from '../../../utils/db/seats';
import { checkEntry } from '../../../utils/pulse/entry';
import { generatePulseKeys } from '../../../utils/pulse/keys';
import { openResponseCode, sealResponse } from '../../../utils/pulse/response-code';
import { PULSE_SECRET_FIELDS, type Pulse } from '../../../utils/db/records';
import { DB_VERSION, LOCAL_STORES, STORE_NAMES, type PulseDB, type StoreName } from '../../../utils/db/schema';
import { inTransaction } from '../../../utils/db/bulk';
import { journalWrites, rewindMark } from '../../../utils/db/journal';
import { upgrade } from '../../../utils/db/upgrade';
import { uniqueName } from './helpers';
import { publishedResult } from '../../factories';

interface Fixture {
  version: number;
  stores: Record<string, Array<Record<string, unknown>>>;
}

/** One fixture per released version before the current one: add one whenever DB_VERSION goes up. */
const FIXTURES: Record<number, Fixture> = {
  1: v1 as Fixture,
  2: v2 as Fixture,
  3: v3 as Fixture,
  4: v4 as Fixture,
  5: v5 as Fixture,
  6: v6 as Fixture,
};

/** The fields a withdrawn seat keeps (WithdrawnSeat): version 5 strips the rest from older ones. */
const WITHDRAWN_SEAT_FIELDS = ['id', 'createdAt', 'updatedAt', 'deletedAt', 'pulseId', 'tokenHash'];

/** A fixture's seat as version 5 keeps it: a withdrawn one with its token's hash only, a live one as it was. */
function upgradedSeat(record: Record<string, unknown>): Record<string, unknown> {
  if (record.deletedAt === undefined) return record;
  return Object.fromEntries(Object.entries(record).filter(([field]) => WITHDRAWN_SEAT_FIELDS.includes(field)));
}

type AnyDb = IDBPDatabase<unknown>;

/** Stores and index definitions, to compare an upgraded database with a new one. */
function describeSchema(db: AnyDb): unknown {
  const names = [...db.objectStoreNames].sort();
  const tx = db.transaction(names);
  return names.map((name) => {
    const store = tx.objectStore(name);
    return {
      name,
      keyPath: store.keyPath,
      autoIncrement: store.autoIncrement,
      indexes: [...store.indexNames].sort().map((indexName) => {
        const index = store.index(indexName);
        return { indexName, keyPath: index.keyPath, multiEntry: index.multiEntry, unique: index.unique };
      }),
    };
  });
}

/** A fixture's pulse as version 4 keeps it: the record without its local-only fields, and those fields. */
function splitFixturePulse(record: Record<string, unknown>): {
  shared: Record<string, unknown>;
  secrets: Record<string, unknown> | undefined;
} {
  const shared = { ...record };
  const secrets: Record<string, unknown> = { id: record.id };
  for (const field of PULSE_SECRET_FIELDS) {
    if (!(field in shared)) continue;
    secrets[field] = shared[field];
    delete shared[field];
  }
  return { shared, secrets: Object.keys(secrets).length > 1 ? secrets : undefined };
}

async function writeOldDatabase(name: string, fixture: Fixture, extra?: Fixture['stores']): Promise<void> {
  // The same upgrade code, stopped at the fixture's version.
  const old = await openDB<PulseDB>(name, fixture.version, { upgrade });
  expect(old.version).toBe(fixture.version);
  const stores = Object.keys(fixture.stores) as StoreName[];
  const tx = old.transaction(stores, 'readwrite');
  for (const store of stores) {
    for (const record of fixture.stores[store]!) void tx.objectStore(store).put(record as never);
  }
  // Records JSON cannot hold (a CryptoKey), written over the fixture's.
  for (const [store, records] of Object.entries(extra ?? {})) {
    for (const record of records) void tx.objectStore(store as StoreName).put(record as never);
  }
  await tx.done;
  old.close();
}

/** Opens a database of version `from` at the next version with its upgrade aborted: still `from`, without `store`. */
async function expectUnfinishedUpgradeKeeps(from: number, store: string): Promise<void> {
  const name = uniqueName(`v${from}-to-v${from + 1}-aborted`);
  await writeOldDatabase(name, FIXTURES[from]!);
  await expect(
    openDB<PulseDB>(name, from + 1, {
      upgrade(db, oldVersion, newVersion, tx, event) {
        upgrade(db, oldVersion, newVersion, tx, event);
        tx.done.catch(() => {});
        tx.abort();
      },
    }),
  ).rejects.toThrow();
  const old = await openDB(name);
  expect(old.version).toBe(from);
  expect([...old.objectStoreNames]).not.toContain(store);
  old.close();
}

describe('schema upgrades', () => {
  it('has a fixture for every earlier version', () => {
    expect(DB_VERSION).toBeGreaterThanOrEqual(2);
    for (let version = 1; version < DB_VERSION; version += 1) {
      expect(FIXTURES[version], `tests/fixtures/db/v${version}.json`).toBeDefined();
      expect(FIXTURES[version]!.version).toBe(version);
    }
  });

  it('version 1 is the domain stores without drafts, the by-call index or built-in tags', async () => {
    const old = (await openDB<PulseDB>(uniqueName('v1'), 1, { upgrade })) as unknown as AnyDb;
    expect([...old.objectStoreNames].sort()).toEqual(
      STORE_NAMES.filter(
        (name) => !['drafts', 'seats', 'publishedResults', 'pulseSecrets', 'journal', 'pendingResults'].includes(name),
      ).sort(),
    );
    expect([...old.transaction('meetings').store.indexNames]).not.toContain('by-call');
    expect(await old.count('purposeTags')).toBe(0);
    old.close();
  });

  for (const [version, fixture] of Object.entries(FIXTURES)) {
    describe(`from version ${version}`, () => {
      it('keeps every record intact', async () => {
        const name = uniqueName(`from-v${version}`);
        await writeOldDatabase(name, fixture);
        const db = await openPulseDb(name);
        expect(db.version).toBe(DB_VERSION);
        for (const [store, records] of Object.entries(fixture.stores)) {
          for (const record of records) {
            const key = (record.id ?? record.key) as string;
            if (store === 'seats') {
              // Version 5: a seat withdrawn before the WithdrawnSeat change keeps its token's hash only.
              expect(await db.get('seats', key), `seats ${key}`).toEqual(upgradedSeat(record));
              continue;
            }
            if (store !== 'pulses') {
              expect(await db.get(store as StoreName, key), `${store} ${key}`).toEqual(record);
              continue;
            }
            // Version 4: a pulse's private key, totals and refused count moved to pulseSecrets;
            // the record is otherwise the same, its updatedAt included.
            const { shared, secrets } = splitFixturePulse(record);
            expect(await db.get('pulses', key), `pulses ${key}`).toEqual(shared);
            // From version 4 on the fixture holds pulseSecrets itself (compared as a store above).
            if (fixture.version < 4) {
              expect(await db.get('pulseSecrets', key), `pulseSecrets ${key}`).toEqual(secrets);
            }
          }
          // The built-in tags come with version 2 (or the upgrade to it), beside the fixture's own.
          const added =
            store === 'purposeTags'
              ? BUILT_IN_PURPOSES.filter(({ id }) => !records.some((r) => r.id === id)).length
              : 0;
          expect(await db.count(store as StoreName), store).toBe(records.length + added);
        }
      });

      it('ends with the same schema as a new database', async () => {
        const name = uniqueName(`schema-v${version}`);
        await writeOldDatabase(name, fixture);
        const upgraded = await openPulseDb(name);
        const fresh = await openPulseDb(uniqueName('fresh'));
        expect(describeSchema(upgraded as unknown as AnyDb)).toEqual(describeSchema(fresh as unknown as AnyDb));
      });

      it('makes the new stores and indexes work on the old records', async () => {
        const name = uniqueName(`works-v${version}`);
        await writeOldDatabase(name, fixture);
        const db = await openPulseDb(name);

        // by-call is built over meetings written before it existed.
        const planned = await db.getAllFromIndex('meetings', 'by-call', 'meet:wbf-jstc-cor');
        expect(planned.map((meeting) => meeting.id)).toEqual(['6a7b8c9d-0e1f-4a2b-9c3d-5e6f7a8b9c0d']);

        await db.put('drafts', { key: 'meeting:new', value: { title: 'x' }, updatedAt: 1 });
        expect(await db.get('drafts', 'meeting:new')).toEqual({
          key: 'meeting:new',
          value: { title: 'x' },
          updatedAt: 1,
        });

        const builtIns = (await db.getAll('purposeTags')).filter((tag) => tag.builtIn);
        expect(builtIns.map((tag) => tag.builtIn).sort()).toEqual(BUILT_IN_PURPOSES.map(({ key }) => key).sort());

        // Older indexes still answer.
        const partnershipId = '0d6c3a1e-6f0b-4b57-9d1e-1d3c6b0f2a11';
        const range = IDBKeyRange.bound([partnershipId, -Infinity], [partnershipId, Infinity]);
        expect(await db.countFromIndex('meetings', 'by-partnership-start', range)).toBe(2);
        expect((await db.getFromIndex('people', 'by-alias', 'jo bright'))?.id).toBe(
          '3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a',
        );
        expect((await db.getFromIndex('organisations', 'by-domain', 'wb.gov.example'))?.name).toBe(
          'Westbridge Borough Council',
        );
        expect(await db.countFromIndex('responses', 'by-pulse', '8c9d0e1f-2a3b-4c4d-9e5f-7a8b9c0d1e2f')).toBe(2);

        // Version 3: the published results, found by partnership.
        await db.put('publishedResults', publishedResult({ id: 'p1', partnershipId }));
        expect(
          (await db.getAllFromIndex('publishedResults', 'by-partnership', partnershipId)).map((r) => r.id),
        ).toEqual(['p1']);
      });
    });
  }

  it('version 2 has drafts but no seats store; version 3 adds it, empty, beside the v2 records', async () => {
    const name = uniqueName('v2-to-v3');
    await writeOldDatabase(name, FIXTURES[2]!);
    const old = await openDB(name, 2);
    expect([...old.objectStoreNames]).toContain('drafts');
    expect([...old.objectStoreNames]).not.toContain('seats');
    old.close();

    const db = await openPulseDb(name);
    expect(await db.count('seats')).toBe(0);
    const pulseId = '8c9d0e1f-2a3b-4c4d-9e5f-7a8b9c0d1e2f';
    const seat = {
      id: 'seat-1',
      createdAt: 1,
      updatedAt: 1,
      pulseId,
      name: 'Priya Raman',
      organisationId: '5f1a7c2b-2c4e-4d8a-a0f1-6e2b9c3d4e51',
      partnerType: 'core' as const,
      token: 'AAAAAAAAAAAAAAAAAAAAAA',
      tokenHash: 'hash-1',
    };
    await db.put('seats', seat);
    expect(await db.getAllFromIndex('seats', 'by-pulse', pulseId)).toEqual([seat]);
    expect((await db.getFromIndex('seats', 'by-token', 'hash-1'))?.id).toBe('seat-1');
    // One seat per token hash: a second seat with the same hash is refused.
    await expect(db.put('seats', { ...seat, id: 'seat-2' })).rejects.toThrow();
    // The v2 responses are untouched and still count as verified (no flag).
    const responses = await db.getAllFromIndex('responses', 'by-pulse', pulseId);
    expect(responses).toHaveLength(2);
    expect(responses.every((response) => response.verified === undefined)).toBe(true);
  });

  it("version 4 moves a v3 pulse's private key, totals and refused count to pulseSecrets: its codes still open, its stamp unmoved", async () => {
    const name = uniqueName('v3-to-v4');
    const fixturePulse = FIXTURES[3]!.stores.pulses![0]! as unknown as Pulse;
    const keys = await generatePulseKeys();
    const withKey = { ...fixturePulse, publicKeyJwk: keys.publicKeyJwk, privateKey: keys.privateKey };
    await writeOldDatabase(name, FIXTURES[3]!, { pulses: [withKey as unknown as Record<string, unknown>] });
    const old = await openDB(name, 3);
    expect([...old.objectStoreNames]).not.toContain('pulseSecrets');
    expect(((await old.get('pulses', fixturePulse.id)) as Pulse).privateKey).toBeInstanceOf(CryptoKey);
    old.close();

    const db = await openPulseDb(name);
    expect(db.version).toBe(DB_VERSION);
    // The shared record: no key, no totals, no refused count, the same stamp and everything else.
    const record = (await db.get('pulses', fixturePulse.id))! as Record<string, unknown>;
    for (const field of PULSE_SECRET_FIELDS) expect(record, field).not.toHaveProperty(field);
    const { privateKey: _key, summary: _summary, refusedOverCap: _refused, ...shared } = withKey;
    expect(record).toEqual(shared);
    expect(record.updatedAt).toBe(fixturePulse.updatedAt);
    // The local-only part, beside it: the key moved by structured clone, still non-extractable.
    const secrets = (await db.get('pulseSecrets', fixturePulse.id))!;
    expect(secrets.summary).toEqual(fixturePulse.summary);
    expect(secrets.refusedOverCap).toBe(2);
    expect(secrets.privateKey).toBeInstanceOf(CryptoKey);
    expect(secrets.privateKey!.extractable).toBe(false);
    // The deleted pulse had none: it gets no entry.
    expect(await db.count('pulseSecrets')).toBe(1);

    // A code sealed to the pulse's public key before the upgrade opens with the moved key.
    const pulse = (await getPulse(db, fixturePulse.id))!;
    const answeredAt = fixturePulse.createdAt + 60_000;
    const code = await sealResponse(
      keys.publicKeyJwk,
      {
        v: 2,
        pulseId: pulse.id,
        responseId: crypto.randomUUID(),
        partnerType: 'core',
        answers: { 'q-trust': 5 },
        answeredAt,
      },
      pulse.questions.map((q) => q.id),
    );
    const opened = await openResponseCode(
      code,
      {
        id: pulse.id,
        privateKey: pulse.privateKey!,
        expiresAt: pulse.expiresAt,
        questionIds: pulse.questions.map((q) => q.id),
      },
      answeredAt,
    );
    expect(opened.ok && opened.payload.answers).toEqual({ 'q-trust': 5 });
  });

  describe('version 5: seats withdrawn before the WithdrawnSeat change', () => {
    const pulseId = '8c9d0e1f-2a3b-4c4d-9e5f-7a8b9c0d1e2f';
    const fixtureSeats = FIXTURES[4]!.stores.seats!;
    const oldWithdrawn = fixtureSeats.find((seat) => seat.deletedAt !== undefined && 'token' in seat)!;
    /** Written by hand, as a tampered or odd version 4 database could hold them. */
    const odd = [
      {
        // Withdrawn at the epoch, with a stamp from the future and fields no seat ever had.
        id: 'odd-withdrawn',
        createdAt: 1,
        updatedAt: 4_102_444_800_000,
        deletedAt: 0,
        pulseId,
        name: 'Kim Hidden',
        organisationId: '9a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        partnerType: 'wider',
        token: 'AwMDAwMDAwMDAwMDAwMDAw',
        tokenHash: 'odd-hash',
        email: 'kim@hidden.example',
        answeredAt: 5,
      },
    ];

    async function upgraded(): Promise<Awaited<ReturnType<typeof openPulseDb>>> {
      const name = uniqueName('v4-to-v5');
      await writeOldDatabase(name, FIXTURES[4]!, { seats: odd });
      return openPulseDb(name);
    }

    it('keeps nothing of the person or the link anywhere: only the token hash, its stamps unmoved', async () => {
      expect(oldWithdrawn).toMatchObject({ name: 'Alex Withdrawn', token: 'AgICAgICAgICAgICAgICAg' });
      const db = await upgraded();
      expect(await db.get('seats', oldWithdrawn.id as string)).toEqual({
        id: oldWithdrawn.id,
        createdAt: oldWithdrawn.createdAt,
        updatedAt: oldWithdrawn.updatedAt,
        deletedAt: oldWithdrawn.deletedAt,
        pulseId,
        tokenHash: 'fixture-hash-3',
      });
      expect(await db.get('seats', 'odd-withdrawn')).toEqual({
        id: 'odd-withdrawn',
        createdAt: 1,
        updatedAt: 4_102_444_800_000,
        deletedAt: 0,
        pulseId,
        tokenHash: 'odd-hash',
      });
      // Not in any store, under any key.
      const everything = JSON.stringify(
        await Promise.all([...db.objectStoreNames].map((store) => db.getAll(store as StoreName))),
      );
      for (const gone of ['Alex Withdrawn', 'AgICAgICAgICAgICAgICAg', 'Kim Hidden', 'AwMDAwMDAwMDAwMDAwMDAw']) {
        expect(everything).not.toContain(gone);
      }
      expect(everything).not.toContain('kim@hidden.example');
      // The live seats keep their tokens (the lead copies their links again).
      expect(everything).toContain('AAAAAAAAAAAAAAAAAAAAAA');
    });

    it('leaves live seats, the seat that answered and seats withdrawn since the change as they were', async () => {
      const db = await upgraded();
      for (const seat of fixtureSeats.filter((s) => s !== oldWithdrawn)) {
        expect(await db.get('seats', seat.id as string), seat.id as string).toEqual(seat);
      }
      expect(await db.count('seats')).toBe(fixtureSeats.length + odd.length);
    });

    it("still refuses the withdrawn seat's link as withdrawn, and stores nothing", async () => {
      const db = await upgraded();
      const before = await db.getAll('responses');
      const outcomes = await addSeatResponses(
        db,
        pulseId,
        [
          {
            tokenHash: 'fixture-hash-3',
            answeredAt: 1714600000000,
            responseId: crypto.randomUUID(),
            answers: { 'q-trust': 1 },
          },
        ],
        { check: checkEntry, now: 1714600000000 },
      );
      expect(outcomes).toEqual(['withdrawn-seat']);
      expect(await db.getAll('responses')).toEqual(before);
      expect((await db.getFromIndex('seats', 'by-token', 'odd-hash'))?.id).toBe('odd-withdrawn');
    });

    it('an upgrade that does not finish changes nothing: the old records stay, at version 4', async () => {
      const name = uniqueName('v4-to-v5-aborted');
      await writeOldDatabase(name, FIXTURES[4]!);
      await expect(
        openDB<PulseDB>(name, 5, {
          upgrade(db, oldVersion, newVersion, tx, event) {
            upgrade(db, oldVersion, newVersion, tx, event);
            tx.done.catch(() => {});
            tx.abort();
          },
        }),
      ).rejects.toThrow();
      const old = await openDB(name, 4);
      expect(await old.get('seats', oldWithdrawn.id as string)).toEqual(oldWithdrawn);
      old.close();
    });
  });

  describe('version 6: the change journal (utils/db/journal.ts)', () => {
    it('adds the local-only journal store, empty: the records of version 5 were pushed by their stamps, and stay as they were', async () => {
      const name = uniqueName('v5-to-v6');
      await writeOldDatabase(name, FIXTURES[5]!);
      const before = await openDB(name, 5);
      expect([...before.objectStoreNames]).not.toContain('journal');
      before.close();
      const db = await openPulseDb(name);
      expect([...db.objectStoreNames]).toContain('journal');
      expect(await db.getAll('journal')).toEqual([]);
      expect(LOCAL_STORES).toContain('journal');
      // The marks work on the upgraded database: the oldest is read; clearing from a mark keeps older ones.
      await inTransaction(db, ['journal'], 'readwrite', async (tx) => {
        journalWrites(tx, 2_000);
        journalWrites(tx, 1_000);
        journalWrites(tx, 3_000);
      });
      expect(await rewindMark(unwrap(db))).toBe(1_000);
      expect(await rewindMark(unwrap(db), 2_000)).toBe(1_000);
      expect(await db.getAllKeys('journal')).toEqual([1_000]);
      expect(await rewindMark(unwrap(db), 1_000)).toBeUndefined();
    });

    it('an upgrade that does not finish changes nothing: still version 5, no journal', async () => {
      await expectUnfinishedUpgradeKeeps(5, 'journal');
    });
  });

  describe('version 7: pending results (utils/db/pending.ts)', () => {
    it('adds the local-only pendingResults store, empty, keyed by pulse id: the records of version 6 stay as they were', async () => {
      const name = uniqueName('v6-to-v7');
      await writeOldDatabase(name, FIXTURES[6]!);
      const before = await openDB(name, 6);
      expect([...before.objectStoreNames]).not.toContain('pendingResults');
      before.close();
      const db = await openPulseDb(name);
      expect(await db.getAll('pendingResults')).toEqual([]);
      expect(LOCAL_STORES).toContain('pendingResults');
      const result = publishedResult({ id: 'pulse-pending', partnershipId: 'p-1' });
      await db.put('pendingResults', { id: result.id, result, pulseUpdatedAt: 1, releaseAt: 2 });
      expect((await db.get('pendingResults', 'pulse-pending'))?.result).toEqual(result);
    });

    it('an upgrade that does not finish changes nothing: still version 6, no pendingResults', async () => {
      await expectUnfinishedUpgradeKeeps(6, 'pendingResults');
    });
  });

  it('a new database gets the nine built-in purpose tags with fixed ids, labels in English', async () => {
    const db = await openPulseDb(uniqueName('fresh-tags'));
    const tags = await db.getAll('purposeTags');
    expect(tags).toHaveLength(9);
    for (const { key, id, label } of BUILT_IN_PURPOSES) {
      expect(tags.find((tag) => tag.builtIn === key)).toMatchObject({ id, label });
    }
  });
});
