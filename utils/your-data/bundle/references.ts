import { existingKeys } from '../../db/raw-store';
import type { BundleRecords, BundleStore } from './format';
import { ProblemList } from './problems';
import { recordLabel } from './validate';

/**
 * References between records, checked against the file (or the pulled batch) and the database.
 * Shared by the bundle import (plan.ts) and the workspace sync (utils/sync/merge.ts), which
 * imports nothing of the bundle's plan: that keeps idb out of the background's sync.
 */

/** The records of the stores a workspace shares: all but pulses and responses. */
export type SharedRecords = Omit<BundleRecords, 'pulses' | 'responses'>;

/** Each reference a record makes: the store it points into, the id, and the field that holds it. */
export interface Reference {
  target: 'partnerships' | 'organisations' | 'people' | 'purposeTags' | 'meetings' | 'pulses';
  id: string;
  store: BundleStore;
  index: number;
  field: string;
}

/** The references of the records a workspace shares (utils/sync checks those alone). */
export function* sharedReferences(records: SharedRecords): Generator<Reference> {
  for (const [index, o] of records.organisations.entries()) {
    if (o.mergedInto !== undefined) {
      yield { target: 'organisations', id: o.mergedInto, store: 'organisations', index, field: 'mergedInto' };
    }
  }
  for (const [index, m] of records.memberships.entries()) {
    yield { target: 'partnerships', id: m.partnershipId, store: 'memberships', index, field: 'partnershipId' };
    yield { target: 'organisations', id: m.organisationId, store: 'memberships', index, field: 'organisationId' };
  }
  for (const [index, p] of records.people.entries()) {
    if (p.organisationId !== undefined) {
      yield { target: 'organisations', id: p.organisationId, store: 'people', index, field: 'organisationId' };
    }
  }
  for (const [index, m] of records.meetings.entries()) {
    yield { target: 'partnerships', id: m.partnershipId, store: 'meetings', index, field: 'partnershipId' };
    for (const [i, tag] of m.purposeTagIds.entries()) {
      yield { target: 'purposeTags', id: tag, store: 'meetings', index, field: `purposeTagIds[${i}]` };
    }
    for (const [i, organisation] of m.organisationIds.entries()) {
      yield { target: 'organisations', id: organisation, store: 'meetings', index, field: `organisationIds[${i}]` };
    }
    for (const [i, attendee] of m.attendees.entries()) {
      if (attendee.organisationId !== undefined) {
        const field = `attendees[${i}].organisationId`;
        yield { target: 'organisations', id: attendee.organisationId, store: 'meetings', index, field };
      }
      if (attendee.personId !== undefined) {
        const field = `attendees[${i}].personId`;
        yield { target: 'people', id: attendee.personId, store: 'meetings', index, field };
      }
    }
    for (const [i, row] of (m.attendanceCounts ?? []).entries()) {
      if (row.organisationId !== undefined) {
        const field = `attendanceCounts[${i}].organisationId`;
        yield { target: 'organisations', id: row.organisationId, store: 'meetings', index, field };
      }
    }
    if (m.chairOrganisationId !== undefined) {
      const field = 'chairOrganisationId';
      yield { target: 'organisations', id: m.chairOrganisationId, store: 'meetings', index, field };
    }
    if (m.chairPersonId !== undefined) {
      yield { target: 'people', id: m.chairPersonId, store: 'meetings', index, field: 'chairPersonId' };
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
