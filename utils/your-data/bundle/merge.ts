import {
  PULSE_SECRET_FIELDS,
  type AttendanceCount,
  type Meeting,
  type Membership,
  type Organisation,
  type Stamped,
} from '../../db/records';
import { nextStamp } from '../../db/stamp';
import { isPersonalEmailDomain, normaliseDomain, normaliseName } from '../../db/normalise';
import type { BundleRecords, BundleStore } from './format';
import { sameContent } from './validate';

/** The merge rules of docs/bundle-format.md, shared by the plan and the import. */

export type Decision = 'add' | 'update' | 'unchanged' | 'keepLocal' | 'conflict';

export interface StoreCounts {
  add: number;
  update: number;
  unchanged: number;
  keepLocal: number;
  conflict: number;
}

export const emptyCounts = (): StoreCounts => ({ add: 0, update: 0, unchanged: 0, keepLocal: 0, conflict: 0 });

/**
 * What is local only (a pulse's key, running totals and refused count: utils/db/pulse-secrets.ts)
 * is left out of comparisons: a stored pulse has none of it, a file's may carry its refused count.
 */
export function comparable(store: BundleStore, record: Stamped): Stamped {
  if (store !== 'pulses') return record;
  const rest: Record<string, unknown> = { ...record };
  for (const field of PULSE_SECRET_FIELDS) delete rest[field];
  return rest as unknown as Stamped;
}

/**
 * Newer updatedAt wins; the same updatedAt with the same content is unchanged, with different
 * content a conflict (the local copy is kept). `stored` is only needed when the stamps are equal.
 */
export function decide(incomingUpdatedAt: number, storedUpdatedAt: number | undefined): Decision | 'compare' {
  if (storedUpdatedAt === undefined) return 'add';
  if (incomingUpdatedAt > storedUpdatedAt) return 'update';
  if (incomingUpdatedAt < storedUpdatedAt) return 'keepLocal';
  return 'compare';
}

export function compareEqualStamps(store: BundleStore, incoming: Stamped, stored: Stamped): Decision {
  return sameContent(comparable(store, incoming), comparable(store, stored)) ? 'unchanged' : 'conflict';
}

export interface ImportChoices {
  /** Incoming organisation id → the id of the organisation here it is the same as. */
  mergeOrganisations: Record<string, string>;
  /**
   * The user ticked "delete N responses" in the preview: the file's deletions (tombstones) of
   * responses live here are applied. Without it those responses are kept (counted as kept here).
   */
  deleteResponses?: boolean;
}

/** A record the import would update, and which of its fields change (pulses and responses). */
export interface FieldChanges {
  store: 'pulses' | 'responses';
  id: string;
  label: string;
  fields: string[];
}

/** The top-level fields whose content differs between the stored record and the incoming one. */
export function changedFields(store: BundleStore, incoming: Stamped, stored: Stamped): string[] {
  const here = comparable(store, stored) as unknown as Record<string, unknown>;
  const there = comparable(store, incoming) as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(here), ...Object.keys(there)]);
  keys.delete('updatedAt');
  return [...keys].filter((key) => !sameContent(there[key], here[key])).sort();
}

/** What is already settled here for some records, whatever their stamps. */
export interface DecisionContext {
  /** Organisations merged here (tombstones with `mergedInto`): they stay merged, and later imports follow them. */
  mergedHere: ReadonlySet<string>;
  /** Incoming memberships folded into one here (see foldedMemberships). */
  folded: ReadonlySet<string>;
}

/** The decision for one incoming record, given the stored record's updatedAt (undefined: not stored). */
export function decideRecord(
  store: BundleStore,
  record: Stamped,
  storedUpdatedAt: number | undefined,
  context: DecisionContext,
): Decision | 'compare' {
  if (store === 'organisations' && context.mergedHere.has(record.id)) return 'unchanged';
  if (store === 'memberships' && context.folded.has(record.id)) return 'keepLocal';
  return decide(record.updatedAt, storedUpdatedAt);
}

export interface StoreDecisions {
  counts: StoreCounts;
  /** The records to write (added or updated), in the file's order. */
  winners: Stamped[];
  /** Ids of the winners not stored here yet. */
  added: Set<string>;
  /** Records with the stored stamp: settleComparisons decides them from the stored copies. */
  toCompare: Stamped[];
}

/**
 * One store's incoming records decided against the stored stamps: the step the plan counts
 * and the import executes. Pure.
 */
export function decideStore(
  store: BundleStore,
  incoming: readonly Stamped[],
  stamps: ReadonlyMap<string, number>,
  context: DecisionContext,
): StoreDecisions {
  const result: StoreDecisions = { counts: emptyCounts(), winners: [], added: new Set(), toCompare: [] };
  for (const record of incoming) {
    const decision = decideRecord(store, record, stamps.get(record.id), context);
    if (decision === 'compare') {
      result.toCompare.push(record);
      continue;
    }
    result.counts[decision] += 1;
    if (decision === 'add' || decision === 'update') result.winners.push(record);
    if (decision === 'add') result.added.add(record.id);
  }
  return result;
}

/**
 * Decides `decisions.toCompare` from their stored copies (`stored[i]` for `toCompare[i]`),
 * adding them to the counts. Returns the conflicts (the local copy is kept). Pure.
 */
export function settleComparisons(
  store: BundleStore,
  decisions: StoreDecisions,
  stored: readonly Stamped[],
): Stamped[] {
  const conflicts: Stamped[] = [];
  decisions.toCompare.forEach((record, i) => {
    const decision = compareEqualStamps(store, record, stored[i]!);
    decisions.counts[decision] += 1;
    if (decision === 'conflict') conflicts.push(record);
  });
  return conflicts;
}

/**
 * Organisation ids to read as another: local tombstones with `mergedInto`, then the file's own,
 * then the user's choices. Chains are followed to their end (cycles stop where they loop).
 */
export function organisationRedirects(...sources: Array<Iterable<[string, string]>>): Map<string, string> {
  const direct = new Map<string, string>();
  for (const source of sources) for (const [from, to] of source) if (from !== to) direct.set(from, to);
  const resolved = new Map<string, string>();
  for (const from of direct.keys()) {
    const seen = new Set([from]);
    let to = direct.get(from)!;
    while (direct.has(to) && !seen.has(to)) {
      seen.add(to);
      to = direct.get(to)!;
    }
    if (to !== from) resolved.set(from, to);
  }
  return resolved;
}

export function mergedIntoPairs(organisations: Iterable<Organisation>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const organisation of organisations) {
    if (organisation.mergedInto !== undefined) pairs.push([organisation.id, organisation.mergedInto]);
  }
  return pairs;
}

/**
 * The records with every organisation reference redirected. Only records that change are
 * copied; the merged organisations themselves are not touched here (see mergedTombstone).
 */
export function redirectReferences(records: BundleRecords, redirects: ReadonlyMap<string, string>): BundleRecords {
  if (redirects.size === 0) return records;
  const { to, hits, list, mapIf } = redirecting(redirects);
  return {
    ...redirectShared(records, redirects),
    pulses: mapIf(
      records.pulses,
      (p) => p.invitedOrganisationIds.some(hits),
      (p) => ({ ...p, invitedOrganisationIds: list(p.invitedOrganisationIds) }),
    ),
    responses: mapIf(
      records.responses,
      (r) => hits(r.organisationId),
      (r) => ({ ...r, organisationId: to(r.organisationId) }),
    ),
  };
}

function redirecting(redirects: ReadonlyMap<string, string>) {
  const to = (id: string | undefined) => (id === undefined ? undefined : (redirects.get(id) ?? id));
  const hits = (id: string | undefined) => id !== undefined && redirects.has(id);
  const list = (ids: readonly string[]) => [...new Set(ids.map((id) => to(id)!))];
  const mapIf = <T>(items: T[], needs: (item: T) => boolean, rewrite: (item: T) => T): T[] =>
    items.some(needs) ? items.map((item) => (needs(item) ? rewrite(item) : item)) : items;
  return { to, hits, list, mapIf };
}

/** As redirectReferences, for the records a workspace shares (no pulses or responses). */
export function redirectShared<R extends Omit<BundleRecords, 'pulses' | 'responses'>>(
  records: R,
  redirects: ReadonlyMap<string, string>,
): R {
  if (redirects.size === 0) return records;
  const { to, hits, list, mapIf } = redirecting(redirects);
  const meetingNeeds = (m: Meeting) =>
    m.organisationIds.some(hits) ||
    m.attendees.some((a) => hits(a.organisationId)) ||
    hits(m.chairOrganisationId) ||
    (m.attendanceCounts ?? []).some((c) => hits(c.organisationId));
  return {
    ...records,
    organisations: mapIf(
      records.organisations,
      (o) => hits(o.mergedInto),
      (o) => ({ ...o, mergedInto: to(o.mergedInto) }),
    ),
    memberships: mapIf(
      records.memberships,
      (m) => hits(m.organisationId),
      (m) => ({ ...m, organisationId: to(m.organisationId)! }),
    ),
    people: mapIf(
      records.people,
      (p) => hits(p.organisationId),
      (p) => ({ ...p, organisationId: to(p.organisationId) }),
    ),
    meetings: mapIf(records.meetings, meetingNeeds, (m) => ({
      ...m,
      organisationIds: list(m.organisationIds),
      attendees: m.attendees.map((a) => (hits(a.organisationId) ? { ...a, organisationId: to(a.organisationId) } : a)),
      ...(m.chairOrganisationId !== undefined ? { chairOrganisationId: to(m.chairOrganisationId) } : {}),
      ...(m.attendanceCounts ? { attendanceCounts: mergeCounts(m.attendanceCounts, to) } : {}),
    })),
  };
}

/** Counts per organisation after a merge of organisations: two rows that now name one add up. */
function mergeCounts(counts: readonly AttendanceCount[], to: (id: string | undefined) => string | undefined) {
  const byOrganisation = new Map<string | undefined, number>();
  for (const row of counts) {
    const id = to(row.organisationId);
    byOrganisation.set(id, (byOrganisation.get(id) ?? 0) + row.count);
  }
  return [...byOrganisation].map(([organisationId, count]) =>
    organisationId === undefined ? { count } : { organisationId, count },
  );
}

const membershipKey = (m: Membership) => `${m.partnershipId}\u0000${m.organisationId}`;

/**
 * One live membership per organisation and partnership: a merge of organisations (chosen now,
 * or followed from `mergedInto`) can make an incoming membership name an organisation that
 * already has one in that partnership. The one here is kept, its join and leave dates as they
 * are; when none is here, the incoming one updated last (the first in the file on a tie). The
 * others are folded: not written, and counted as kept here. Nothing refers to a membership by
 * id, so nothing is left dangling.
 *
 * `incoming`: the file's memberships, references redirected; `stored`: the live and deleted
 * memberships here of the partnerships the file names. Returns the ids of the folded ones.
 */
export function foldedMemberships(incoming: readonly Membership[], stored: readonly Membership[]): Set<string> {
  // A membership here that the file deletes (and the file's deletion is newer) holds nothing.
  const deletedByFile = new Map<string, number>();
  for (const m of incoming) if (m.deletedAt !== undefined) deletedByFile.set(m.id, m.updatedAt);
  const here = new Map<string, Set<string>>();
  for (const m of stored) {
    if (m.deletedAt !== undefined) continue;
    const deletion = deletedByFile.get(m.id);
    if (deletion !== undefined && deletion > m.updatedAt) continue;
    const key = membershipKey(m);
    let ids = here.get(key);
    if (!ids) here.set(key, (ids = new Set()));
    ids.add(m.id);
  }
  const newest = new Map<string, Membership>();
  for (const m of incoming) {
    if (m.deletedAt !== undefined) continue;
    const key = membershipKey(m);
    if (here.has(key)) continue;
    const best = newest.get(key);
    if (!best || m.updatedAt > best.updatedAt) newest.set(key, m);
  }
  const folded = new Set<string>();
  for (const m of incoming) {
    if (m.deletedAt !== undefined) continue;
    const key = membershipKey(m);
    const holders = here.get(key);
    if (holders ? !holders.has(m.id) : newest.get(key) !== m) folded.add(m.id);
  }
  return folded;
}

/** An incoming organisation the user chose to merge into `into`: stored as a tombstone pointing there. */
export function mergedTombstone(incoming: Organisation, into: string, now: number): Organisation {
  const updatedAt = nextStamp(incoming.updatedAt, now);
  return { ...incoming, deletedAt: incoming.deletedAt ?? updatedAt, mergedInto: into, updatedAt };
}

export interface OrganisationMatch {
  incoming: Organisation;
  existing: Organisation;
  reason: 'name' | 'domain';
}

/**
 * Incoming organisations unknown here that look like a live local one: the same name once
 * normalised, or a shared email domain (not a public mail provider's).
 */
export function matchOrganisations(
  incoming: readonly Organisation[],
  local: readonly Organisation[],
  isStored: (id: string) => boolean,
): OrganisationMatch[] {
  const live = local.filter((o) => o.deletedAt === undefined && o.mergedInto === undefined);
  const byName = new Map<string, Organisation>();
  const byDomain = new Map<string, Organisation>();
  for (const organisation of live) {
    const key = normaliseName(organisation.name);
    if (key !== '' && !byName.has(key)) byName.set(key, organisation);
    for (const domain of organisation.emailDomains) {
      const normal = normaliseDomain(domain);
      if (!isPersonalEmailDomain(normal) && !byDomain.has(normal)) byDomain.set(normal, organisation);
    }
  }
  const matches: OrganisationMatch[] = [];
  for (const organisation of incoming) {
    if (isStored(organisation.id) || organisation.deletedAt !== undefined || organisation.mergedInto !== undefined) {
      continue;
    }
    const named = byName.get(normaliseName(organisation.name));
    if (named) {
      matches.push({ incoming: organisation, existing: named, reason: 'name' });
      continue;
    }
    const domain = organisation.emailDomains.map(normaliseDomain).find((d) => byDomain.has(d));
    if (domain !== undefined)
      matches.push({ incoming: organisation, existing: byDomain.get(domain)!, reason: 'domain' });
  }
  return matches;
}

/** A short name for a record in a list of conflicts. */
export function recordName(record: Stamped): string {
  const r = record as Stamped & { name?: string; title?: string; label?: string; displayNames?: string[] };
  return r.name ?? r.title ?? r.label ?? r.displayNames?.[0] ?? record.id;
}
