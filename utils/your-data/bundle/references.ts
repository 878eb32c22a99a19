import { existingKeys } from '../../db/raw-store';
import type { BundleRecords, BundleStore } from './format';
import { ProblemList } from './problems';
import { recordLabel } from './validate';

/**
 * References between records, checked against the file (or the pulled batch) and the database.
 * Shared by the bundle import (plan.ts) and the workspace sync (utils/sync/merge.ts), which
 * imports nothing of the bundle's plan: that keeps idb out of the background's sync.
 */

/** Each reference a record makes: the store it points into, the id, and the field that holds it. */
interface Reference {
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

/** Each store's reference fields, in the order they are reported. */
export type ReferenceTable = readonly (readonly [BundleStore, ReferenceFields])[];

export const SHARED_REFERENCES: ReferenceTable = [
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

/**
 * Walks every reference of `records` in report order and calls `missing` with each; those it
 * says are missing are listed with their field. The field's name is built only for those: a
 * pulled page of 2,000 meetings holds some 80,000 references, nearly all of them fine.
 */
function walk(
  records: Partial<Record<BundleStore, readonly unknown[]>>,
  table: ReferenceTable,
  missing: (target: Target, id: string) => boolean,
): Reference[] {
  const found: Reference[] = [];
  const visit = (
    value: Record<string, unknown>,
    fields: ReferenceFields,
    path: () => string,
    store: BundleStore,
    index: number,
  ) => {
    for (const [key, target] of fields) {
      const held = value[key];
      if (held === undefined) continue;
      const many = Array.isArray(held);
      const items: readonly unknown[] = many ? held : [held];
      const field = (i: number) => (many ? `${path()}${key}[${i}]` : path() + key);
      for (let i = 0; i < items.length; i += 1) {
        const item = items[i];
        if (typeof target !== 'string')
          visit(item as Record<string, unknown>, target, () => `${field(i)}.`, store, index);
        else if (missing(target, item as string))
          found.push({ target, id: item as string, store, index, field: field(i) });
      }
    }
  };
  for (const [store, fields] of table) {
    records[store]?.forEach((record, index) =>
      visit(record as Record<string, unknown>, fields, () => '', store, index),
    );
  }
  return found;
}

/**
 * Every reference must name a record in the file or in the database (tombstones count: a
 * deleted record still exists). Throws ImportRejected naming the record and field otherwise.
 * The ids named outside the file are read once each; only when one is not stored are the
 * references walked again, to name each record and field that holds it.
 */
export async function checkReferences(
  tx: IDBTransaction,
  records: Partial<BundleRecords>,
  fileName: string,
  table: ReferenceTable = SHARED_REFERENCES,
): Promise<void> {
  const inBundle = new Map<string, Set<string>>();
  const outside = (target: Target, id: string) => {
    let ids = inBundle.get(target);
    if (!ids) inBundle.set(target, (ids = new Set(records[target]?.map((r) => r.id))));
    return !ids.has(id);
  };
  const lookups = new Map<Target, Set<string>>();
  walk(records, table, (target, id) => {
    if (outside(target, id)) {
      let ids = lookups.get(target);
      if (!ids) lookups.set(target, (ids = new Set()));
      ids.add(id);
    }
    return false;
  });
  const stored = new Map<string, Set<string>>();
  let absent = false;
  for (const [target, ids] of lookups) {
    const keys = await existingKeys(tx.objectStore(target), [...ids]);
    stored.set(target, keys);
    absent ||= keys.size < ids.size;
  }
  if (!absent) return;
  const problems = new ProblemList(fileName);
  for (const reference of walk(records, table, (target, id) => outside(target, id) && !stored.get(target)!.has(id))) {
    const record = recordLabel(reference.store, reference.index, records[reference.store]?.[reference.index]);
    problems.add({ record, field: reference.field }, 'bundle_problem_dangling', reference.id);
  }
  problems.throwIfAny();
}
