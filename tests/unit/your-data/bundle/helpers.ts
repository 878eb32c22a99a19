import { expect } from 'vitest';
import { applyImport, type ImportChoices, type ImportResult } from '../../../../utils/your-data/bundle/apply';
import {
  bundleToBlob,
  coarsenedResponse,
  collectBundle,
  type ExportScope,
} from '../../../../utils/your-data/bundle/export';
import { BUNDLE_TX_STORES, type Bundle } from '../../../../utils/your-data/bundle/format';
import { planImport, type ImportPlan } from '../../../../utils/your-data/bundle/plan';
import { ImportRejected, type Problem } from '../../../../utils/your-data/bundle/problems';
import { parseBundle } from '../../../../utils/your-data/bundle/read';
import { inTransaction } from '../../../../utils/db/bulk';
import { databaseDigest } from '../../../../utils/db/digest';
import { STORE_NAMES, type PulseDatabase } from '../../../../utils/db/schema';
import { loadDemoData } from '../../../../utils/demo/load';
import type { Pulse } from '../../../../utils/db/records';
import { generatePulseKeys } from '../../../../utils/pulse/keys';
import { freshDb, putPulse, readPulse } from '../../db/helpers';

export const NOW = Date.UTC(2026, 10, 25, 12);

/**
 * The stores two databases holding the same records agree on: not the change journal, where an
 * import notes the oldest stamp it wrote for the workspace push (utils/db/journal.ts).
 */
export const SAME_RECORDS = STORE_NAMES.filter((store) => store !== 'journal');

/** A fresh database holding the sample data. */
export async function demoDb(label = 'demo'): Promise<PulseDatabase> {
  const db = await freshDb(label);
  await loadDemoData(db, NOW);
  return db;
}

/**
 * Holds a fresh private key here for the stored pulse `pulseId`, as for the lead who started it,
 * with `fields` changed too: the key.
 */
export async function holdKey(db: PulseDatabase, pulseId: string, fields: Partial<Pulse> = {}): Promise<CryptoKey> {
  const { privateKey } = await generatePulseKeys();
  await putPulse(db, { ...(await readPulse(db, pulseId))!, ...fields, privateKey });
  return privateKey;
}

/** The bundle file's text, as exported. */
export async function exportText(db: PulseDatabase, scope: ExportScope = 'all'): Promise<string> {
  return bundleToBlob(await collectBundle(db, scope, { app: '0.1.0', now: NOW })).text();
}

export async function planText(db: PulseDatabase, text: string, fileName = 'bundle.json'): Promise<ImportPlan> {
  return planImport(db, parseBundle(text, fileName), fileName);
}

export async function importText(
  db: PulseDatabase,
  text: string,
  choices: ImportChoices = { mergeOrganisations: {} },
): Promise<ImportResult> {
  return applyImport(db, await planText(db, text), choices);
}

/** Parsed, edited and written back: for making bad or altered bundles. */
export function editBundle(text: string, edit: (bundle: Record<string, unknown> & Bundle) => void): string {
  const bundle = JSON.parse(text) as Record<string, unknown> & Bundle;
  edit(bundle);
  return JSON.stringify(bundle);
}

/** The import is refused with these problems and the database is exactly as before. */
export async function expectRejected(db: PulseDatabase, text: string, fileName = 'bad.json'): Promise<Problem[]> {
  const before = await databaseDigest(db);
  let rejected: unknown;
  try {
    const plan = await planImport(db, parseBundle(text, fileName), fileName);
    await applyImport(db, plan, { mergeOrganisations: {} });
  } catch (error) {
    rejected = error;
  }
  expect(rejected).toBeInstanceOf(ImportRejected);
  expect(await databaseDigest(db)).toBe(before);
  const { problems } = rejected as ImportRejected;
  for (const problem of problems) expect(problem.file).toBe(fileName);
  return problems;
}

export function totalOf(
  result: ImportResult | ImportPlan,
  kind: 'add' | 'update' | 'unchanged' | 'keepLocal' | 'conflict',
) {
  return Object.values(result.counts).reduce((sum, counts) => sum + counts[kind], 0);
}

/**
 * The source database as its backup tells it: each response's arrival time (and stamps)
 * coarsened to its pulse's close, as the export writes them. A round trip gives this database.
 */
export async function coarsenStoredResponses(db: PulseDatabase): Promise<void> {
  const pulses = new Map((await db.getAll('pulses')).map((p) => [p.id, p]));
  for (const response of await db.getAll('responses')) {
    await db.put('responses', coarsenedResponse(response, pulses.get(response.pulseId), NOW));
  }
}

/** What `check` refuses, run in a read transaction over the bundle's stores; [] when it lets the records through. */
export async function refusedBy(db: PulseDatabase, check: (tx: IDBTransaction) => Promise<void>): Promise<Problem[]> {
  try {
    await inTransaction(db, BUNDLE_TX_STORES, 'readonly', check);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ImportRejected);
    return (error as ImportRejected).problems;
  }
}
