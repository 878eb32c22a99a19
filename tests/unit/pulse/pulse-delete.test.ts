// Deleting a pulse after it has started, tried as an attacker would: codes for it pasted later
// (from a personal link, the shared link, after the close), a second deletion, an older copy.
import { beforeEach, describe, expect, it } from 'vitest';
import { getDraft, pulseDraftKeys, putDraft } from '../../../utils/db/drafts';
import { countPulseAnswers, deletePulse } from '../../../utils/db/pulse-delete';
import { getPulse, listPulses } from '../../../utils/db/pulses';
import type { Pulse } from '../../../utils/db/records';
import { listResponses } from '../../../utils/db/responses';
import type { PulseDatabase } from '../../../utils/db/schema';
import { collectCodes } from '../../../utils/pulse/collect';
import { pasteDraftKey } from '../../../utils/pulse/paste-draft';
import { publishPulse } from '../../../utils/pulse/published';
import { quickRoundDraftKey } from '../../../utils/pulse/quick-round';
import { newSeatDraftKey } from '../../../utils/pulse/seat-changes';
import { releaseAt } from '../../../utils/pulse/release';
import type { ResponsePayload } from '../../../utils/pulse/response-code';
import { seatPeople, sealForPulse, startedPulse } from './helpers';
import { freshDb, readPulse } from '../db/helpers';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 10, 12);
const CLOSE = NOW + 2 * DAY;
const LATE = releaseAt({ expiresAt: CLOSE }) + 1;
const ORG = '5a5a5a5a-1111-4222-8333-444455556601';

let db: PulseDatabase;
let shared: Pulse;
let seated: Pulse;
let token: string;

const answers = { trust: 4, equity: 2, flexibility: 3, communication: 5 };
// The invited organisations are not members here, so they count as wider partners (the shared link's cap).
const seal = (pulse: Pulse, overrides: Partial<ResponsePayload> = {}) =>
  sealForPulse(pulse, answers, NOW, { partnerType: 'wider', ...overrides });
const outcomes = async (pulse: Pulse, text: string, now = NOW) =>
  (await collectCodes(db, text, { pulseId: pulse.id, now })).map((r) => r.outcome);

async function stored(): Promise<string> {
  const [p, k, r, s] = await Promise.all([
    db.getAll('pulses'),
    db.getAll('pulseSecrets'),
    db.getAll('responses'),
    db.getAll('seats'),
  ]);
  // A CryptoKey says nothing in JSON: whether each pulse still has one does.
  const keys = k.map(({ privateKey, ...rest }) => ({ ...rest, key: privateKey instanceof CryptoKey }));
  return JSON.stringify({ p, keys, r, s });
}

beforeEach(async () => {
  db = await freshDb('pulse-delete');
  const start = (partnershipId: string) =>
    startedPulse(
      db,
      {
        partnershipId,
        invitedOrganisationIds: Array.from({ length: 6 }, (_, i) => ORG.replace(/01$/, `0${i}`)),
        expiresAt: CLOSE,
      },
      NOW - DAY,
    );
  shared = await start('p1');
  seated = await start('p2');
  token = (await seatPeople(db, seated.id, [['Priya Raman', ORG, 'lead']])).get('Priya Raman')!;
  // Two answers in time, and one held in the late queue.
  expect(await outcomes(shared, `${await seal(shared)}\n${await seal(shared, { comment: 'Say it once' })}`)).toEqual([
    'added',
    'added',
  ]);
  expect(await outcomes(shared, await seal(shared, { answeredAt: CLOSE - 1000 }), LATE)).toEqual(['held']);
  expect(await outcomes(seated, await seal(seated, { token, partnerType: undefined }))).toEqual(['added']);
});

describe('deleting a pulse after the start', () => {
  it('says how many answers go with it, the late queue among them', async () => {
    expect(await countPulseAnswers(db, shared.id)).toEqual({ answers: 2, held: 1 });
    expect(await countPulseAnswers(db, seated.id)).toEqual({ answers: 1, held: 0 });
  });

  it('leaves a tombstone, with no key, summary, answer, comment or seat behind', async () => {
    await deletePulse(db, shared.id, NOW + DAY);
    await deletePulse(db, seated.id, NOW + DAY);
    expect(await getPulse(db, shared.id)).toBeUndefined();
    expect((await listPulses(db)).map((p) => p.id)).toEqual([]);
    const tombstone = (await readPulse(db, shared.id))!;
    expect(tombstone.deletedAt).toBe(NOW + DAY);
    expect(tombstone).not.toHaveProperty('privateKey');
    expect(tombstone).not.toHaveProperty('summary');
    // Its local-only part (key, totals, refused count) is gone; the other pulse's too.
    expect(await db.getAll('pulseSecrets')).toEqual([]);
    expect(tombstone.updatedAt).toBeGreaterThan(shared.updatedAt);
    const responses = await db.getAll('responses');
    expect(responses).toHaveLength(4);
    for (const response of responses) {
      expect(response.deletedAt).toBe(NOW + DAY);
      expect(response.answers).toEqual({});
      expect(response).not.toHaveProperty('comment');
      expect(response).not.toHaveProperty('heldSince');
    }
    expect(await listResponses(db, shared.id, { held: true })).toEqual([]);
    expect(await db.getAll('seats')).toEqual([]);
    expect(await countPulseAnswers(db, shared.id)).toEqual({ answers: 0, held: 0 });
    // Nothing to publish.
    expect(publishPulse(tombstone, responses, { now: LATE + DAY } as never)).toBeNull();
  });

  it('refuses its codes with their own message afterwards (shared link, personal link, late), storing nothing', async () => {
    const codes = {
      shared: await seal(shared, { responseId: crypto.randomUUID() }),
      seat: await seal(seated, { token, partnerType: undefined, answeredAt: NOW + 1000 }),
      late: await seal(shared, { answeredAt: CLOSE - 1 }),
    };
    await deletePulse(db, shared.id, NOW + 2000);
    await deletePulse(db, seated.id, NOW + 2000);
    const before = await stored();
    expect(await outcomes(shared, codes.shared, NOW + 3000)).toEqual(['deleted-pulse']);
    expect(await outcomes(seated, codes.seat, NOW + 3000)).toEqual(['deleted-pulse']);
    expect(await outcomes(shared, codes.late, LATE)).toEqual(['deleted-pulse']);
    // From the dashboard's box (any pulse) too.
    expect((await collectCodes(db, codes.shared, { now: NOW + 3000 })).map((r) => r.outcome)).toEqual([
      'deleted-pulse',
    ]);
    expect(await stored()).toBe(before);
  });

  it('refuses a second deletion and an unknown pulse, changing nothing', async () => {
    await deletePulse(db, shared.id, NOW + DAY);
    const before = await stored();
    await expect(deletePulse(db, shared.id, NOW + 2 * DAY)).rejects.toThrow();
    await expect(deletePulse(db, 'no-such-pulse', NOW + 2 * DAY)).rejects.toThrow();
    expect(await stored()).toBe(before);
  });

  it('an older copy of the pulse cannot come back over the tombstone in a merge (its stamp is later)', async () => {
    const before = (await readPulse(db, seated.id))!;
    const tombstone = await deletePulse(db, seated.id, before.updatedAt);
    expect(tombstone.updatedAt).toBeGreaterThan(before.updatedAt);
  });

  describe('its drafts', () => {
    // What the panel keeps half-typed for a pulse: codes in its paste box, a name in its invite form, scores in its quick round.
    const draftsOf = (pulse: Pulse) => [
      pasteDraftKey(pulse.id),
      newSeatDraftKey(pulse.id),
      quickRoundDraftKey(pulse.id),
    ];
    const writeDrafts = async (pulse: Pulse) => {
      const [paste, seat, quick] = draftsOf(pulse);
      await putDraft(db, paste!, `${await seal(pulse)}\nhalf a co`);
      await putDraft(db, seat!, { organisationId: ORG, name: 'Grace Mensah' });
      await putDraft(db, quick!, { [ORG]: { trust: 2 } });
    };
    const draftKeys = async () => (await db.getAllKeys('drafts')).sort();

    it('every draft key the panel uses for a pulse is one deletion knows', () => {
      expect(draftsOf(seated).sort()).toEqual(pulseDraftKeys(seated.id).sort());
    });

    it('removes the paste box, invite form and quick round of the deleted pulse in the same transaction, keeping every other draft', async () => {
      await writeDrafts(shared);
      await writeDrafts(seated);
      // Drafts that are not the deleted pulse's: the dashboard's box, a meeting form, and a key that only starts like one of its own.
      await putDraft(db, pasteDraftKey(), 'codes for any pulse');
      await putDraft(db, 'meeting:new', { title: 'Core' });
      await putDraft(db, `${pasteDraftKey(seated.id)}-other`, 'not this pulse');
      const kept = [...draftsOf(shared), pasteDraftKey(), 'meeting:new', `${pasteDraftKey(seated.id)}-other`].sort();

      await deletePulse(db, seated.id, NOW + DAY);
      expect(await draftKeys()).toEqual(kept);
      for (const key of draftsOf(seated)) expect(await getDraft(db, key)).toBeUndefined();
      expect((await getDraft(db, pasteDraftKey()))?.value).toBe('codes for any pulse');
    });

    it('deletes a pulse that has only some drafts, or none', async () => {
      await putDraft(db, quickRoundDraftKey(shared.id), { [ORG]: { equity: 1 } });
      await deletePulse(db, shared.id, NOW + DAY);
      await deletePulse(db, seated.id, NOW + DAY);
      expect(await draftKeys()).toEqual([]);
    });

    it('a refused deletion (already deleted, unknown pulse) leaves every draft', async () => {
      await deletePulse(db, shared.id, NOW + DAY);
      await writeDrafts(shared);
      await writeDrafts(seated);
      const before = await draftKeys();
      await expect(deletePulse(db, shared.id, NOW + 2 * DAY)).rejects.toThrow();
      await expect(deletePulse(db, 'no-such-pulse', NOW + 2 * DAY)).rejects.toThrow();
      expect(await draftKeys()).toEqual(before);
      expect(before).toHaveLength(6);
    });
  });
});
