import { inTransaction } from '../../db/bulk';
import { getMany, request } from '../../db/raw-store';
import type { Organisation, Pulse, QuestionScale, Stamped } from '../../db/records';
import type { PulseDatabase } from '../../db/schema';
import {
  BUNDLE_STORES,
  BUNDLE_TX_STORES,
  type Bundle,
  type BundlePulse,
  type BundleRecords,
  type BundleStore,
} from './format';
import { arrivalProblem } from './answer-times';
import {
  matchOrganisations,
  mergedIntoPairs,
  organisationRedirects,
  recordName,
  redirectReferences,
  type FieldChanges,
  type ImportChoices,
  type OrganisationMatch,
  type StoreCounts,
} from './merge';
import { ProblemList, localise } from './problems';
import { checkHeldPulses } from './held-pulses';
import { SHARED_REFERENCES, checkReferences, type ReferenceTable } from './references';
import { decideAgainstStored, readFoldedMemberships } from './stored';
import { describeFound, offScale, recordLabel } from './validate';

export type { OrganisationMatch, StoreCounts } from './merge';

export interface Conflict {
  store: BundleStore;
  id: string;
  label: string;
  message: string;
}

export interface ImportPlan {
  fileName: string;
  counts: Record<BundleStore, StoreCounts>;
  conflicts: Conflict[];
  /** Offered for merging, never silently applied. */
  organisationMatches: OrganisationMatch[];
  /**
   * Responses live here that the file deletes: deleted only when the user ticks the box that
   * says how many (ImportChoices.deleteResponses), else kept.
   */
  responseDeletions: number;
  /** Pulses and responses the import updates, with the fields that change (the first ones of each store). */
  changes: FieldChanges[];
  bundle: Bundle;
}

/** Conflicts listed in a plan; the counts hold them all. */
const MAX_CONFLICTS = 200;

/** The shared stores' references, then the responses'. */
const REFERENCES: ReferenceTable = [
  ...SHARED_REFERENCES,
  [
    'responses',
    [
      ['pulseId', 'pulses'],
      ['organisationId', 'organisations'],
    ],
  ],
];

/**
 * A response answers only questions its pulse has (the pulse in the file, or failing that the
 * one stored here), each within its question's scale, and arrived within its pulse's time
 * (answer-times.ts). Throws ImportRejected naming the response and the answer or field.
 */
async function checkAnswers(tx: IDBTransaction, records: BundleRecords, fileName: string): Promise<void> {
  if (records.responses.length === 0) return;
  const pulses = new Map<string, PulseOfAnswers>();
  for (const pulse of records.pulses) pulses.set(pulse.id, pulseOfAnswers(pulse));
  const missing = [...new Set(records.responses.map((r) => r.pulseId))].filter((id) => !pulses.has(id));
  const stored = await getMany<Pulse>(tx.objectStore('pulses'), missing);
  for (const pulse of stored) if (pulse) pulses.set(pulse.id, pulseOfAnswers(pulse));
  const problems = new ProblemList(fileName);
  records.responses.forEach((response, index) => {
    const pulse = pulses.get(response.pulseId);
    const record = recordLabel('responses', index, response);
    for (const key of Object.keys(response.answers)) {
      const scale = pulse?.scales.get(key);
      const where = { record, field: `answers.${key}` };
      if (scale === undefined) {
        problems.add(where, 'bundle_problem_unknownQuestion', describeFound(key), response.pulseId);
        continue;
      }
      const wrong = offScale(response.answers[key]!, scale);
      if (wrong) problems.add(where, ...wrong);
    }
    const late = pulse && arrivalProblem(response, pulse);
    if (late) problems.add({ record, field: 'receivedAt' }, ...late);
  });
  problems.throwIfAny();
}

/** What a response is checked against: its pulse's times and its questions' scales. */
type PulseOfAnswers = Pick<Pulse, 'createdAt' | 'periodStart' | 'expiresAt' | 'releasedAt'> & {
  scales: Map<string, QuestionScale>;
};

function pulseOfAnswers(pulse: BundlePulse): PulseOfAnswers {
  return { ...pulse, scales: new Map(pulse.questions.map((q) => [q.id, q.scale] as const)) };
}

/**
 * What importing `bundle` would do, store by store, without writing anything: counts of
 * records to add, update, leave alone (unchanged, or newer here, or folded into a membership
 * here) and conflicts; organisations that look like ones stored here. With `choices`, as the
 * import would go with those organisations merged (the preview plans again when they change).
 * Throws ImportRejected for references that lead nowhere.
 */
export async function planImport(
  db: PulseDatabase,
  bundle: Bundle,
  fileName: string,
  choices: ImportChoices = { mergeOrganisations: {} },
): Promise<ImportPlan> {
  return inTransaction(db, BUNDLE_TX_STORES, 'readonly', (tx) => planInTransaction(tx, bundle, fileName, choices));
}

async function planInTransaction(
  tx: IDBTransaction,
  bundle: Bundle,
  fileName: string,
  choices: ImportChoices,
): Promise<ImportPlan> {
  const localOrganisations = await request<Organisation[]>(tx.objectStore('organisations').getAll());
  const redirects = organisationRedirects(
    mergedIntoPairs(localOrganisations),
    mergedIntoPairs(bundle.organisations),
    Object.entries(choices.mergeOrganisations),
  );
  // References are checked as the file has them, so a bad `mergedInto` is blamed on itself and
  // not on the records redirected through it.
  await checkReferences(tx, bundle, fileName, REFERENCES);
  await checkAnswers(tx, bundle, fileName);
  await checkHeldPulses(tx, bundle, fileName);
  const records = redirectReferences(bundle, redirects);
  const context = {
    mergedHere: new Set(localOrganisations.filter((o) => o.mergedInto !== undefined).map((o) => o.id)),
    folded: await readFoldedMemberships(tx, records.memberships),
  };

  const counts = {} as Record<BundleStore, StoreCounts>;
  const conflicts: Conflict[] = [];
  const changes: FieldChanges[] = [];
  let responseDeletions = 0;
  let storedOrganisations = new Map<string, number>();
  for (const store of BUNDLE_STORES) {
    const incoming = records[store] as readonly Stamped[];
    const decided = await decideAgainstStored(tx, store, incoming, context, {
      deleteResponses: choices.deleteResponses,
      describe: true,
    });
    responseDeletions += decided.deletions;
    // Not push(...): 100,000 changed answers would overflow the call stack with its arguments.
    for (const change of decided.changes) changes.push(change);
    if (store === 'organisations') storedOrganisations = decided.stamps;
    counts[store] = decided.decisions.counts;
    for (const record of decided.conflicts) {
      if (conflicts.length >= MAX_CONFLICTS) break;
      conflicts.push({ store, id: record.id, label: recordName(record), message: localise('bundle_conflict') });
    }
  }

  const organisationMatches = matchOrganisations(records.organisations, localOrganisations, (id) =>
    storedOrganisations.has(id),
  );
  return { fileName, counts, conflicts, organisationMatches, responseDeletions, changes, bundle };
}
