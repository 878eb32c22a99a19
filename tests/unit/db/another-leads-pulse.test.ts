import { describe, expect, it, vi } from 'vitest';
import { DashboardModel } from '../../../utils/dashboard/model';
import { DEFAULT_FILTERS } from '../../../utils/dashboard/filters';
import { getPulse } from '../../../utils/db/pulses';
import { DEFAULT_CADENCE, isKnownOnlyFromWorkspace, type Pulse } from '../../../utils/db/records';
import type { PulseDatabase } from '../../../utils/db/schema';
import { summarise } from '../../../utils/db/summary';
import { publishReleased } from '../../../utils/pulse/publish-released';
import { DAY, T0, partnership, pulse, putAll, response } from '../../factories';
import { exportText, importText } from '../your-data/bundle/helpers';
import { freshDb } from './helpers';

/**
 * "Another lead's pulse" is one rule (isKnownOnlyFromWorkspace): no private key here and no
 * totals here. The dashboard leaves such a pulse to its published result, and the publish pass
 * never makes a result for it. Answers are "here" when their totals are: every write that stores
 * an answer (a paste, a seat's answer, a quick round, a late batch, a file's import) writes the
 * pulse's totals in the same transaction, and the dashboard reads pulses alone, never responses.
 */

const P1 = 'e1111111-1111-4111-8111-111111111111';
const CLOSES = T0 + 7 * DAY;
const NOW = CLOSES + 2 * DAY;

async function privateKey(): Promise<CryptoKey> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, [
    'deriveBits',
  ])) as CryptoKeyPair;
  return pair.privateKey;
}

const answers = [0, 1, 2].map((i) => response({ id: `answer-${i}`, pulseId: 'pulse-x', partnerType: 'core' }));

async function seeded(fields: Partial<Pulse>, withAnswers: boolean): Promise<PulseDatabase> {
  const db = await freshDb('another-lead');
  await putAll(db, {
    partnerships: [partnership({ id: P1, name: 'Food bank', startDate: '2025-01-05', cadence: DEFAULT_CADENCE })],
    pulses: [{ ...pulse({ id: 'pulse-x', partnershipId: P1 }), ...fields }],
    responses: withAnswers ? answers : [],
  });
  return db;
}

/** What each side makes of the pulse: the rule on the pulse as read, the dashboard's own pulses, the publish pass. */
async function verdicts(db: PulseDatabase) {
  const read = await getPulse(db, 'pulse-x');
  const model = new DashboardModel(db, { ...DEFAULT_FILTERS }, { timeZone: 'Europe/London', now: () => NOW });
  await model.start();
  // The pulses' read can take longer than any fixed wait on a loaded machine: wait for it.
  await vi.waitFor(() => expect(model.released.value).not.toBeNull(), { timeout: 20_000, interval: 10 });
  const charted = (model.released.value ?? []).map((p) => p.id);
  model[Symbol.dispose]();
  const published = await publishReleased(db, { now: NOW });
  return {
    anotherLeads: isKnownOnlyFromWorkspace(read!),
    charted,
    published: published.map((r) => [r.id, r.responses]),
  };
}

describe("another lead's pulse: one rule for the dashboard and the publish pass", { timeout: 30_000 }, () => {
  it("a pulse whose key is here is this lead's with no answer yet: charted, and published with no responses", async () => {
    const db = await seeded({ privateKey: await privateKey() }, false);
    expect(await verdicts(db)).toEqual({ anotherLeads: false, charted: ['pulse-x'], published: [['pulse-x', 0]] });
  });

  it("a pulse known only through the workspace (no key, no totals, no answer) is another lead's: neither charted nor published", async () => {
    const db = await seeded({}, false);
    expect(await verdicts(db)).toEqual({ anotherLeads: true, charted: [], published: [] });
  });

  it("a pulse restored from the lead's own backup (keys never travel; the import rebuilds its totals) is this lead's", async () => {
    const db = await seeded(
      { privateKey: await privateKey(), summary: summarise(pulse({ id: 'x', partnershipId: P1 }), answers) },
      true,
    );
    const backup = await exportText(db);
    expect(backup).not.toContain('privateKey');
    const restored = await freshDb('restored');
    await importText(restored, backup);
    expect(await verdicts(restored)).toEqual({
      anotherLeads: false,
      charted: ['pulse-x'],
      published: [['pulse-x', 3]],
    });
  });

  it("no key but totals here, no answer record left: this lead's, its answers were counted here (was charted but never published)", async () => {
    const db = await seeded({ summary: summarise(pulse({ id: 'x', partnershipId: P1 }), answers) }, false);
    expect(await verdicts(db)).toEqual({ anotherLeads: false, charted: ['pulse-x'], published: [['pulse-x', 0]] });
  });

  it("no key and no totals, yet answer records here: another lead's, no write of this extension stores answers without totals (was published from them, though the dashboard left the pulse to that lead's result)", async () => {
    const db = await seeded({}, true);
    expect(await verdicts(db)).toEqual({ anotherLeads: true, charted: [], published: [] });
  });
});
