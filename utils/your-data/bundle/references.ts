import { existingKeys } from '../../db/raw-store';
import type { BundleRecords, BundleStore } from './format';
import { ProblemList } from './problems';
import { recordLabel } from './validate';

/**
 * References between records, checked against the file (or the pulled batch) and the database.
 * Shared by the bundle import (plan.ts) and the workspace sync (utils/sync/merge.ts), which
 * imports nothing of the bundle's plan: that keeps idb out of the background's sync.
 */

/** The records of the stores a workspace shares: all but responses (pulses travel without their keys). */
export type SharedRecords = Omit<BundleRecords, 'responses'>;

/** Each reference a record makes: the store it points into, the id, and the field that holds it. */
export interface Reference {
  target: 'partnerships' | 'organisations' | 'people' | 'purposeTags' | 'meetings' | 'pulses';
  id: string;
  store: BundleStore;
  index: number;
  field: string;
}

type Target = Reference['target'];
/**
 * Where a record's references are, in the order they are reported: a field holding an id (or a
 * list of ids) and the store it points into, or a field holding an object (or a list of them)
 * with references of its own. Absent optional fields have none.
 */
type ReferenceFields = readonly (readonly [field: string, target: Target | ReferenceFields])[];

const SHARED_REFERENCES: readonly (readonly [keyof SharedRecords, ReferenceFields])[] = [
  ['organisations', [['mergedInto', 'organisations']]],
  [
    'memberships',
    [
      ['partnershipId', 'partnerships'],
      ['organisationId', 'organisations'],
    ],
  ],
  ['people', [['organisationId', 'organisations']]],
  [
    'meetings',
    [
      ['partnershipId', 'partnerships'],
      ['purposeTagIds', 'purposeTags'],
      ['organisationIds', 'organisations'],
      [
        'attendees',
        [
          ['organisationId', 'organisations'],
          ['personId', 'people'],
        ],
      ],
      ['attendanceCounts', [['organisationId', 'organisations']]],
      ['chairOrganisationId', 'organisations'],
      ['chairPersonId', 'people'],
    ],
  ],
  [
    'pulses',
    [
      ['partnershipId', 'partnerships'],
      ['meetingId', 'meetings'],
      ['invitedOrganisationIds', 'organisations'],
    ],
  ],
];

function* referencesIn(
  value: Record<string, unknown>,
  fields: ReferenceFields,
  path: string,
  store: BundleStore,
  index: number,
): Generator<Reference> {
  for (const [key, target] of fields) {
    const held = value[key];
    if (held === undefined) continue;
    const items: [unknown, string][] = Array.isArray(held)
      ? held.map((item, i) => [item, `${path}${key}[${i}]`])
      : [[held, path + key]];
    for (const [item, field] of items) {
      if (typeof target === 'string') yield { target, id: item as string, store, index, field };
      else yield* referencesIn(item as Record<string, unknown>, target, `${field}.`, store, index);
    }
  }
}

/** The references of the records a workspace shares (utils/sync checks those alone). */
export function* sharedReferences(records: SharedRecords): Generator<Reference> {
  for (const [store, fields] of SHARED_REFERENCES) {
    for (const [index, record] of records[store].entries()) {
      yield* referencesIn(record as unknown as Record<string, unknown>, fields, '', store, index);
    }
  }
}

/**
 * Every reference must name a record in the file or in the database (tombstones count: a
 * deleted record still exists). Throws ImportRejected naming the record and field otherwise.
 */
export async function checkReferences<R extends SharedRecords>(
  tx: IDBTransaction,
  records: R,
  fileName: string,
  referencesOf: (records: R) => Iterable<Reference>,
): Promise<void> {
  const inBundle = new Map<string, Set<string>>();
  const idsOf = (store: BundleStore) => {
    let ids = inBundle.get(store);
    if (!ids) inBundle.set(store, (ids = new Set((records as Partial<BundleRecords>)[store]?.map((r) => r.id))));
    return ids;
  };
  const unresolved: Reference[] = [];
  const lookups = new Map<Reference['target'], Set<string>>();
  for (const reference of referencesOf(records)) {
    if (idsOf(reference.target).has(reference.id)) continue;
    unresolved.push(reference);
    let ids = lookups.get(reference.target);
    if (!ids) lookups.set(reference.target, (ids = new Set()));
    ids.add(reference.id);
  }
  if (unresolved.length === 0) return;
  const stored = new Map<string, Set<string>>();
  for (const [target, ids] of lookups) stored.set(target, await existingKeys(tx.objectStore(target), [...ids]));
  const problems = new ProblemList(fileName);
  for (const reference of unresolved) {
    if (stored.get(reference.target)!.has(reference.id)) continue;
    const list = (records as Partial<BundleRecords>)[reference.store];
    const record = recordLabel(reference.store, reference.index, list?.[reference.index]);
    problems.add({ record, field: reference.field }, 'bundle_problem_dangling', reference.id);
  }
  problems.throwIfAny();
}
