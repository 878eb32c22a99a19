import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onChange, type Change } from '../../../utils/db/changes';
import {
  closePulse,
  createPulse,
  defaultExpiry,
  getPulse,
  latestPulse,
  listPulses,
  listPulsesOfMeeting,
  type NewPulse,
} from '../../../utils/db/pulses';
import {
  addResponses as addUnchecked,
  listResponses,
  storedResponseIds,
  UnknownPulseError,
  type ResponseEntry,
} from '../../../utils/db/responses';
import type { PulseDatabase } from '../../../utils/db/schema';
import { checkEntry } from '../../../utils/pulse/entry';
import { generatePulseKeys } from '../../../utils/pulse/keys';
import { buildQuestions, defaultCoreWording } from '../../../utils/pulse/questions';
import * as summaryModule from '../../../utils/db/summary';
import { freshDb } from './helpers';

let db: PulseDatabase;
let changes: Change[];
let stop: () => void;

beforeEach(async () => {
  db = await freshDb('pulses');
  changes = [];
  stop = onChange((change) => changes.push(change));
});

afterEach(() => {
  stop();
  vi.restoreAllMocks();
});

const ORG_A = '11111111-1111-4111-8111-111111111111';
const ORG_B = '22222222-2222-4222-8222-222222222222';

function newPulse(overrides: Partial<NewPulse> = {}): NewPulse {
  return {
    partnershipId: 'partnership-1',
    meetingId: 'meeting-1',
    questions: buildQuestions(defaultCoreWording(), [{ wording: 'How useful was today?', scale: 'zeroTen' }]),
    invitedOrganisationIds: [ORG_A, ORG_B],
    expiresAt: defaultExpiry(1_000),
    threshold: 3,
    ...overrides,
  };
}

function entry(responseId: string, overrides: Partial<ResponseEntry> = {}): ResponseEntry {
  return { responseId, partnerType: 'core', answers: { trust: 4, equity: null, x1: 7 }, ...overrides };
}

const addResponses = (
  target: PulseDatabase,
  pulseId: string,
  entries: ResponseEntry[],
  options: Omit<Parameters<typeof addUnchecked>[3], 'check'> = {},
) => addUnchecked(target, pulseId, entries, { check: checkEntry, ...options });

const id = (n: number) => `0000000${n}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`;

describe('createPulse', () => {
  it('stores the pulse with its own key pair, the private key non-extractable', async () => {
    const pulse = await createPulse(db, newPulse(), generatePulseKeys);
    const stored = await getPulse(db, pulse.id);
    expect(stored?.publicKeyJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(stored?.publicKeyJwk).not.toHaveProperty('d');
    expect(stored?.privateKey).toBeInstanceOf(CryptoKey);
    expect(stored?.privateKey?.extractable).toBe(false);
    expect(stored?.privateKey?.usages).toEqual(['deriveBits']);
    expect(stored?.questions.map((q) => q.id)).toEqual(['trust', 'equity', 'flexibility', 'communication', 'x1']);
    expect(stored?.expiresAt).toBe(1_000 + 7 * 24 * 60 * 60 * 1000);
    expect(changes).toContainEqual({ store: 'pulses', ids: [pulse.id] });
  });

  it('never takes a threshold below 2, and lists each invited organisation once', async () => {
    const pulse = await createPulse(
      db,
      newPulse({ threshold: 1, invitedOrganisationIds: [ORG_A, ORG_A, ORG_B] }),
      generatePulseKeys,
    );
    expect(pulse.threshold).toBe(2);
    expect(pulse.invitedOrganisationIds).toEqual([ORG_A, ORG_B]);
    expect((await createPulse(db, newPulse({ threshold: 5 }), generatePulseKeys)).threshold).toBe(5);
  });

  it('refuses a pulse without questions, with a blank question or without a partnership', async () => {
    await expect(createPulse(db, newPulse({ questions: [] }), generatePulseKeys)).rejects.toThrow(RangeError);
    const [first, ...rest] = buildQuestions(defaultCoreWording());
    await expect(
      createPulse(db, newPulse({ questions: [{ ...first!, wording: '  ' }, ...rest] }), generatePulseKeys),
    ).rejects.toThrow(RangeError);
    await expect(createPulse(db, newPulse({ partnershipId: '' }), generatePulseKeys)).rejects.toThrow(RangeError);
    expect(await listPulses(db)).toEqual([]);
  });

  it('lists pulses newest first, by partnership and by meeting', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000);
    const older = await createPulse(db, newPulse(), generatePulseKeys);
    vi.setSystemTime(2_000);
    const newer = await createPulse(db, newPulse(), generatePulseKeys);
    const other = await createPulse(
      db,
      newPulse({ partnershipId: 'partnership-2', meetingId: 'meeting-2' }),
      generatePulseKeys,
    );
    vi.useRealTimers();
    expect((await listPulses(db, { partnershipId: 'partnership-1' })).map((p) => p.id)).toEqual([newer.id, older.id]);
    expect((await latestPulse(db, 'partnership-2'))?.id).toBe(other.id);
    expect((await listPulsesOfMeeting(db, 'meeting-1')).map((p) => p.id)).toEqual([newer.id, older.id]);
  });

  it('closes a pulse early, never later than it was', async () => {
    const pulse = await createPulse(db, newPulse({ expiresAt: 10_000 }), generatePulseKeys);
    expect((await closePulse(db, pulse.id, 5_000))?.expiresAt).toBe(5_000);
    expect((await closePulse(db, pulse.id, 20_000))?.expiresAt).toBe(5_000);
  });
});

describe('addResponses', () => {
  it('stores each response under its own id, with the source and one receivedAt for the batch', async () => {
    const pulse = await createPulse(db, newPulse(), generatePulseKeys);
    const outcomes = await addResponses(
      db,
      pulse.id,
      [entry(id(1)), entry(id(2), { partnerType: 'wider', organisationId: ORG_B })],
      {
        now: 5_000,
      },
    );
    expect(outcomes).toEqual(['added', 'added']);
    const stored = (await listResponses(db, pulse.id)).sort((a, b) => a.id.localeCompare(b.id));
    expect(stored).toEqual([
      {
        id: id(1),
        pulseId: pulse.id,
        partnerType: 'core',
        answers: { trust: 4, equity: null, x1: 7 },
        source: 'widget',
        receivedAt: 5_000,
        verified: true,
        createdAt: 5_000,
        updatedAt: 5_000,
      },
      {
        id: id(2),
        pulseId: pulse.id,
        partnerType: 'wider',
        organisationId: ORG_B,
        answers: { trust: 4, equity: null, x1: 7 },
        source: 'widget',
        receivedAt: 5_000,
        verified: true,
        createdAt: 5_000,
        updatedAt: 5_000,
      },
    ]);
    expect(changes).toContainEqual({ store: 'responses', ids: [id(1), id(2)] });
  });

  it('a paste-sized batch (one key-range read) still refuses replays, of this pulse and of another, and nothing else', async () => {
    const pulse = await createPulse(db, newPulse(), generatePulseKeys);
    const other = await createPulse(db, newPulse(), generatePulseKeys);
    const many = (n: number) => `${String(n).padStart(8, '0')}-bbbb-4bbb-8bbb-bbbbbbbbbbbb`;
    // Stored already: one at each end of the batch's range, one in its middle under another pulse,
    // and one of the other pulse's beyond the range (a lookup outside it must still answer right).
    expect(await addResponses(db, pulse.id, [entry(many(10)), entry(many(49))])).toEqual(['added', 'added']);
    expect(await addResponses(db, other.id, [entry(many(30)), entry(many(60))])).toEqual(['added', 'added']);
    const batch = Array.from({ length: 40 }, (_, i) => entry(many(10 + i)));
    const outcomes = await addResponses(db, pulse.id, [...batch, entry(many(25))]);
    const alreadyAt = outcomes.flatMap((outcome, i) => (outcome === 'already-added' ? [i] : []));
    // many(10), many(30), many(49), and the repeat of many(25) at the end.
    expect(alreadyAt).toEqual([0, 20, 39, 40]);
    expect(outcomes.filter((outcome) => outcome === 'added')).toHaveLength(37);
    // The replays changed nothing: the other pulse's response stays its own.
    expect((await listResponses(db, other.id)).map((r) => r.id).sort()).toEqual([many(30), many(60)]);
    expect((await getPulse(db, pulse.id))?.summary?.responses).toBe(39);
    expect(
      await storedResponseIds(db, [many(9), many(10), many(60), many(50), ...batch.map((e) => e.responseId)]),
    ).toEqual(new Set([...batch.map((e) => e.responseId), many(60)]));
  });

  it('is replay-safe: the same response again, in a later batch or the same one, is "already added"', async () => {
    const pulse = await createPulse(db, newPulse(), generatePulseKeys);
    expect(await addResponses(db, pulse.id, [entry(id(1))])).toEqual(['added']);
    expect(
      await addResponses(db, pulse.id, [entry(id(1), { answers: { trust: 1 } }), entry(id(2)), entry(id(2))]),
    ).toEqual(['already-added', 'added', 'already-added']);
    const stored = await listResponses(db, pulse.id);
    expect(stored).toHaveLength(2);
    // The replay did not overwrite the first answer.
    expect(stored.find((r) => r.id === id(1))?.answers.trust).toBe(4);
    expect((await getPulse(db, pulse.id))?.summary?.responses).toBe(2);
    expect(await storedResponseIds(db, [id(1), id(3)])).toEqual(new Set([id(1)]));
  });

  it('two panels adding the same code at once store it once', async () => {
    const pulse = await createPulse(db, newPulse(), generatePulseKeys);
    const results = await Promise.all([
      addResponses(db, pulse.id, [entry(id(1))]),
      addResponses(db, pulse.id, [entry(id(1))]),
    ]);
    expect(results.flat().sort()).toEqual(['added', 'already-added']);
    expect(await listResponses(db, pulse.id)).toHaveLength(1);
  });

  it('rejects what does not fit the pulse, and stores the rest', async () => {
    const pulse = await createPulse(db, newPulse(), generatePulseKeys);
    const outcomes = await addResponses(db, pulse.id, [
      entry(id(1), { answers: { trust: 6 } }),
      entry(id(2), { answers: { unknown: 3 } }),
      entry(id(3), { organisationId: 'not-invited' }),
      entry(id(4), { partnerType: 'boss' as never }),
      entry(id(5), { answers: { x1: 11 } }),
      entry(id(6), { answers: { trust: '4' as never } }),
      entry(id(7), { comment: 'x'.repeat(2001) }),
      entry('short'),
      entry(id(8), { answers: { x1: 0, communication: 5 }, comment: '  Good meeting  ' }),
    ]);
    expect(outcomes).toEqual([
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'added',
    ]);
    const stored = await listResponses(db, pulse.id);
    expect(stored.map((r) => [r.id, r.answers, r.comment])).toEqual([
      [id(8), { x1: 0, communication: 5 }, 'Good meeting'],
    ]);
  });

  it('keeps the pulse summary in the same transaction', async () => {
    const pulse = await createPulse(db, newPulse(), generatePulseKeys);
    const transaction = vi.spyOn(db, 'transaction');
    await addResponses(
      db,
      pulse.id,
      [
        entry(id(1), { partnerType: 'core', answers: { trust: 4, equity: null, x1: 7 } }),
        entry(id(2), { partnerType: 'core', answers: { trust: 2 } }),
        entry(id(3), { partnerType: 'lead', answers: { trust: 5, equity: 3 } }),
      ],
      { source: 'lead' },
    );
    expect(transaction).toHaveBeenCalledTimes(1);
    expect(transaction.mock.calls[0]?.[1]).toBe('readwrite');
    const summary = (await getPulse(db, pulse.id))?.summary;
    expect(summary?.responses).toBe(3);
    expect(summary?.byPartnerType.core).toEqual({
      responses: 2,
      questions: {
        trust: { rated: 2, sum: 6, preferNotToSay: 0 },
        equity: { rated: 0, sum: 0, preferNotToSay: 1 },
        x1: { rated: 1, sum: 7, preferNotToSay: 0 },
      },
    });
    expect(summary?.byPartnerType.lead.questions.equity).toEqual({ rated: 1, sum: 3, preferNotToSay: 0 });
    expect(summary?.byPartnerType.wider).toEqual({ responses: 0, questions: {} });
    expect((await listResponses(db, pulse.id)).every((r) => r.source === 'lead')).toBe(true);
  });

  it('keeps the totals and the refused count local only: the pulse record and its updatedAt do not move', async () => {
    const pulse = await createPulse(db, newPulse(), generatePulseKeys);
    const record = await db.get('pulses', pulse.id);
    // The private key never sits in the record that may travel.
    expect(record).not.toHaveProperty('privateKey');
    expect((await db.get('pulseSecrets', pulse.id))?.privateKey).toBeInstanceOf(CryptoKey);
    // A shared-link cap of one core answer: the second is refused and counted.
    const cap = () => ({ lead: 5, core: 1, wider: 5 });
    changes.length = 0;
    const outcomes = await addResponses(db, pulse.id, [entry(id(1)), entry(id(2))], { now: 5_000, cap });
    expect(outcomes).toEqual(['added', 'over-cap']);
    expect(await db.get('pulses', pulse.id)).toEqual(record);
    // Pages refresh the pulse; the change says only its local part moved (no push for the workspace).
    expect(changes.filter((c) => c.store === 'pulses')).toEqual([
      { store: 'pulses', ids: [pulse.id], localOnly: true },
    ]);
    const secrets = (await db.get('pulseSecrets', pulse.id))!;
    expect(secrets.summary?.responses).toBe(1);
    expect(secrets.refusedOverCap).toBe(1);
    expect(secrets.privateKey).toBeInstanceOf(CryptoKey);
    const joined = (await getPulse(db, pulse.id))!;
    expect(joined.updatedAt).toBe(pulse.updatedAt);
    expect(joined.summary).toEqual(secrets.summary);
    expect(joined.refusedOverCap).toBe(1);
    // Closing the pulse is a shared change: that does move its stamp, and keeps the local part.
    changes.length = 0;
    const closed = (await closePulse(db, pulse.id, 6_000))!;
    expect(changes).toEqual([{ store: 'pulses', ids: [pulse.id] }]);
    expect(closed.updatedAt).toBeGreaterThan(pulse.updatedAt);
    expect(closed.summary?.responses).toBe(1);
    expect(closed.privateKey).toBeInstanceOf(CryptoKey);
  });

  it('stores nothing of a batch when a step fails half-way', async () => {
    const pulse = await createPulse(db, newPulse(), generatePulseKeys);
    // The summary is counted once for the batch, after every response's write is queued.
    vi.spyOn(summaryModule, 'addAllToSummary').mockImplementation(() => {
      throw new Error('boom');
    });
    await expect(addResponses(db, pulse.id, [entry(id(1)), entry(id(2))])).rejects.toThrow('boom');
    expect(await listResponses(db, pulse.id)).toEqual([]);
    expect((await getPulse(db, pulse.id))?.summary).toBeUndefined();
  });

  it('stores nothing of a batch when the database refuses one write half-way (its request fails, nothing is thrown)', async () => {
    const pulse = await createPulse(db, newPulse(), generatePulseKeys);
    expect(await addResponses(db, pulse.id, [entry(id(9))])).toEqual(['added']);
    const summary = (await getPulse(db, pulse.id))?.summary;
    const add = IDBObjectStore.prototype.add;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      calls += 1;
      // The second record goes in under a key the store holds: the database refuses it (ConstraintError).
      return add.call(this, calls === 2 ? { ...(value as object), id: id(9) } : value, key);
    });
    await expect(addResponses(db, pulse.id, [entry(id(1)), entry(id(2)), entry(id(3))])).rejects.toThrow();
    expect(calls).toBe(3);
    vi.restoreAllMocks();
    expect((await listResponses(db, pulse.id)).map((r) => r.id)).toEqual([id(9)]);
    expect((await getPulse(db, pulse.id))?.summary).toEqual(summary);
  });

  it('refuses responses to an unknown pulse', async () => {
    await expect(addResponses(db, 'no-such-pulse', [entry(id(1))])).rejects.toBeInstanceOf(UnknownPulseError);
    expect(await db.count('responses')).toBe(0);
  });
});
