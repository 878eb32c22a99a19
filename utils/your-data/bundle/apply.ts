import { least } from '../../collections/extremes';
import { groupBy } from '../../collections/group';
import { inTransaction } from '../../db/bulk';
import { journalWrites } from '../../db/journal';
import { announceAll } from '../../db/changes';
import { existingKeys, getMany, request } from '../../db/raw-store';
import { putSecretsRaw, readSecretsRaw, splitPulse } from '../../db/pulse-secrets';
import type { Organisation, Pulse, PulseResponse, PulseSecrets, Stamped, StoredPulse } from '../../db/records';
import type { PulseDatabase } from '../../db/schema';
import { BUNDLE_STORES, BUNDLE_TX_STORES, type BundlePulse, type BundleStore } from './format';
import {
  mergedIntoPairs,
  mergedTombstone,
  organisationRedirects,
  redirectReferences,
  type ImportChoices,
  type StoreCounts,
} from './merge';
import type { ImportPlan } from './plan';
import { checkHeldPulses } from './held-pulses';
import { ProblemList } from './problems';
import { decideAgainstStored, readFoldedMemberships } from './stored';
import { rebuildSummary } from './summaries';

export type { ImportChoices } from './merge';

export interface ImportResult {
  written: number;
  counts: Record<BundleStore, StoreCounts>;
}

/** Progress is reported every this many writes. */
const PROGRESS_STEP = 1_000;

/**
 * Writes what the plan found, in ONE readwrite transaction over every bundle store: all or
 * nothing. Each record's stored updatedAt is read again inside that transaction (a page may
 * have written since the plan), and a record is only written while the incoming one is still
 * newer. Pulses keep their stored private key (local only, in pulseSecrets); the summaries of
 * pulses whose responses changed are rebuilt. Every change is announced once the transaction has committed.
 */
export async function applyImport(
  db: PulseDatabase,
  plan: ImportPlan,
  choices: ImportChoices,
  onProgress?: (done: number, total: number) => void,
  options: { now?: number } = {},
): Promise<ImportResult> {
  const now = options.now ?? Date.now();
  // publishedResults is read only: a pulse with a result gets the import's mark (withStoredParts);
  // journal: the workspace push's rewind mark (utils/db/journal.ts).
  const stores = [...BUNDLE_TX_STORES, 'publishedResults', 'journal'] as const;
  const { written, counts } = await inTransaction(db, stores, 'readwrite', (tx) =>
    writeInTransaction(tx, plan, choices, now, onProgress),
  );
  return { written: announceAll(written), counts };
}

async function writeInTransaction(
  tx: IDBTransaction,
  plan: ImportPlan,
  choices: ImportChoices,
  now: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ written: Map<BundleStore, string[]>; counts: Record<BundleStore, StoreCounts> }> {
  const { bundle } = plan;
  const localOrganisations = await request<Organisation[]>(tx.objectStore('organisations').getAll());
  const local = new Map(localOrganisations.map((o) => [o.id, o]));
  const incomingOrganisations = new Map(bundle.organisations.map((o) => [o.id, o]));

  const problems = new ProblemList(plan.fileName);
  const merges = Object.entries(choices.mergeOrganisations);
  for (const [incomingId, existingId] of merges) {
    const existing = local.get(existingId);
    const valid =
      incomingOrganisations.has(incomingId) &&
      !local.has(incomingId) &&
      existing !== undefined &&
      existing.deletedAt === undefined &&
      existing.mergedInto === undefined;
    if (!valid)
      problems.add({ record: `organisations (id ${incomingId})` }, 'bundle_problem_badMerge', incomingId, existingId);
  }
  problems.throwIfAny();
  // Again inside this transaction: a pulse may have been started here since the plan.
  await checkHeldPulses(tx, bundle, plan.fileName);

  const redirects = organisationRedirects(
    mergedIntoPairs(localOrganisations),
    mergedIntoPairs(bundle.organisations),
    merges,
  );
  const redirected = redirectReferences(bundle, redirects);
  const chosen = new Map(merges);
  const records = {
    ...redirected,
    organisations: redirected.organisations.map((o) =>
      chosen.has(o.id) ? mergedTombstone(o, redirects.get(o.id) ?? chosen.get(o.id)!, now) : o,
    ),
  };

  const context = {
    mergedHere: new Set(localOrganisations.filter((o) => o.mergedInto !== undefined).map((o) => o.id)),
    folded: await readFoldedMemberships(tx, records.memberships),
  };

  // Decide each record against what is stored now.
  const counts = {} as Record<BundleStore, StoreCounts>;
  const winners = new Map<BundleStore, Stamped[]>();
  const storedPulses = new Map<string, StoredPulse>();
  let newPulses = new Set<string>();
  for (const store of BUNDLE_STORES) {
    const incoming = records[store] as readonly Stamped[];
    const { decisions } = await decideAgainstStored(tx, store, incoming, context, {
      deleteResponses: choices.deleteResponses,
    });
    counts[store] = decisions.counts;
    winners.set(store, decisions.winners);
    if (store === 'pulses') {
      newPulses = decisions.added;
      const existing = await getMany<StoredPulse>(
        tx.objectStore(store),
        decisions.winners.filter((p) => !newPulses.has(p.id)).map((p) => p.id),
      );
      for (const pulse of existing) if (pulse) storedPulses.set(pulse.id, pulse);
    }
  }

  // The records keep their stamps, perhaps older than a workspace's last push: the push rewinds
  // to the oldest (utils/db/journal.ts). Responses never travel.
  const oldest = least(
    BUNDLE_STORES.flatMap((s) => (s === 'responses' ? [] : winners.get(s)!.map((r) => r.updatedAt))),
  );
  if (oldest < Infinity) journalWrites(tx, oldest);

  // Pulses whose responses change, and how many responses each has stored already.
  const responseWinners = winners.get('responses') as PulseResponse[];
  const touched = new Set<string>(newPulses);
  for (const response of responseWinners) touched.add(response.pulseId);
  const touchedIds = [...touched];
  const byPulse = tx.objectStore('responses').index('by-pulse');
  const storedCounts = await Promise.all(touchedIds.map((id) => request(byPulse.count(id))));
  const missingPulses = touchedIds.filter((id) => !storedPulses.has(id) && !newPulses.has(id));
  for (const pulse of await getMany<StoredPulse>(tx.objectStore('pulses'), missingPulses)) {
    if (pulse) storedPulses.set(pulse.id, pulse);
  }
  const storedSecrets = await readSecretsRaw(tx, [...storedPulses.keys()]);
  /** Pulses with a published result here: the import's change to their answers marks it stale. */
  const withResult = await existingKeys(tx.objectStore('publishedResults'), touchedIds);

  let total = touched.size;
  for (const store of BUNDLE_STORES) if (store !== 'pulses') total += winners.get(store)!.length;
  const pulseWinners = winners.get('pulses') as BundlePulse[];
  total += pulseWinners.filter((p) => !touched.has(p.id)).length;
  let done = 0;
  onProgress?.(0, total);
  const progressed = () => {
    done += PROGRESS_STEP;
    onProgress?.(Math.min(done, total), total);
  };
  let issued = 0;
  const put = (objectStore: IDBObjectStore, record: unknown) => {
    const req = objectStore.put(record);
    issued += 1;
    if (issued % PROGRESS_STEP === 0) req.onsuccess = progressed;
  };

  const written = new Map<BundleStore, string[]>();
  for (const store of BUNDLE_STORES) {
    if (store === 'pulses') continue;
    const objectStore = tx.objectStore(store);
    const list = winners.get(store)!;
    for (const record of list) put(objectStore, record);
    written.set(
      store,
      list.map((r) => r.id),
    );
  }

  // Summaries: from the file alone when nothing was stored for the pulse, else from the store
  // (read after the writes above, which it sees, being the same transaction).
  const fromFile = groupBy(responseWinners, (response) => response.pulseId);
  const rereadIds = touchedIds.filter((_, i) => storedCounts[i]! > 0);
  const reread = await Promise.all(rereadIds.map((id) => request<PulseResponse[]>(byPulse.getAll(id))));
  const responsesOf = new Map(rereadIds.map((id, i) => [id, reread[i]!]));

  const pulses = tx.objectStore('pulses');
  const secretsStore = tx.objectStore('pulseSecrets');
  const putPulse = (pulse: BundlePulse | StoredPulse, summary: Pulse['summary'], restoredAt?: number) => {
    const { record, secrets } = withStoredParts(pulse, storedSecrets.get(pulse.id), summary, restoredAt);
    put(pulses, record);
    putSecretsRaw(secretsStore, pulse.id, secrets);
  };
  const incomingPulses = new Map(pulseWinners.map((p) => [p.id, p]));
  const pulseIds: string[] = [];
  for (const pulse of pulseWinners) {
    if (touched.has(pulse.id)) continue;
    putPulse(pulse, storedSecrets.get(pulse.id)?.summary);
    pulseIds.push(pulse.id);
  }
  for (const id of touchedIds) {
    const stored = storedPulses.get(id);
    const pulse = incomingPulses.get(id) ?? stored;
    if (!pulse) continue;
    const summary = rebuildSummary(pulse, responsesOf.get(id) ?? fromFile.get(id) ?? []);
    // Its answers changed here, perhaps with stamps before its published result: made again.
    putPulse(pulse, summary, withResult.has(id) ? now : undefined);
    pulseIds.push(id);
  }
  written.set('pulses', pulseIds);
  onProgress?.(total, total);
  return { written, counts };
}

/**
 * The incoming pulse split into its record and its local-only part: the private key held here,
 * the summary, the refused count (the file's for a pulse it carries; else the one here), and
 * the mark saying its answers were changed by an import (`restoredAt`: now, or the one here).
 */
function withStoredParts(
  pulse: BundlePulse | StoredPulse,
  stored: PulseSecrets | undefined,
  summary: Pulse['summary'],
  restoredAt = stored?.restoredAt,
): { record: StoredPulse; secrets: PulseSecrets | undefined } {
  const { record } = splitPulse(pulse);
  const refusedOverCap = (pulse as Pulse).refusedOverCap ?? stored?.refusedOverCap;
  const kept: Omit<PulseSecrets, 'id'> = {
    ...(stored?.privateKey !== undefined ? { privateKey: stored.privateKey } : {}),
    ...(summary !== undefined ? { summary } : {}),
    ...(refusedOverCap !== undefined ? { refusedOverCap } : {}),
    ...(restoredAt !== undefined ? { restoredAt } : {}),
  };
  return { record, secrets: Object.keys(kept).length > 0 ? { id: pulse.id, ...kept } : undefined };
}
