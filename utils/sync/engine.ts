import type { Stamped } from '../db/records';
import { t } from '../i18n/messages';
import { directoryChangesSince, partnershipChangesSince, storedUpdatedAt } from '../db/sync';
import { ImportRejected, ProblemList, describeProblem } from '../your-data/bundle/problems';
import { SHARED_RECORD_FIELDS, checkStores, sameContent } from '../your-data/bundle/validate';
import { readDoc, toDoc, type DbScope, type SyncedDoc } from './documents';
import { CouchClient, SyncError } from './http';
import {
  DIRECTORY_STORES,
  PARTNERSHIP_DOC_STORES,
  PUBLISHED_STORE,
  directoryDb,
  docId,
  isPartnershipId,
  partnershipDb,
  SYNCED_STORES,
  WORKSPACE_DOC_ID,
  type DocStore,
} from './layout';
import { organisationOnlyIn, shareable } from './attendance';
import { applySynced, tieBreak } from './merge';
import { currentUser } from './session';
import type { SyncState } from './state';

/**
 * One sync with a workspace: for the directory and then each shared partnership, pull what
 * the server has since the last checkpoint, then push what changed here since the last push.
 *
 * Pulled records go through the bundle import's checks and newer-wins merge (merge.ts, equal
 * stamps settled by content): one database transaction per batch, all or nothing. A push carries each
 * document's current `_rev`; a `409` fetches the server copy and the newer `updatedAt` wins
 * (the server's is merged here, or ours is pushed again), so the server never keeps a
 * conflict branch. Checkpoints move after each batch, so a sync that stops resumes there.
 */

export interface WorkspaceTarget {
  /** Database names start with this (the workspace's `prefix`). */
  prefix: string;
  /** The partnerships this lead shares. */
  partnershipIds: readonly string[];
  /** This browser's name in `_local/` checkpoint documents. */
  clientId: string;
}

export interface Resolved {
  db: string;
  store: DocStore;
  id: string;
  /** Which copy won: this browser's edit, or the server's. */
  kept: 'here' | 'server';
}

export interface Refused {
  db: string;
  /** The document, when one was refused (absent when a whole database was). */
  id?: string;
  /** `pull`: the server sent something this browser would not store; `push`: the server refused a write. */
  direction: 'pull' | 'push';
  reason: string;
}

export interface SyncReport {
  pulled: number;
  pushed: number;
  resolved: Resolved[];
  refused: Refused[];
  /** The sync stopped here; checkpoints hold what finished, and the next sync resumes. */
  error?: SyncError;
}

export interface SyncOptions {
  now?: () => number;
  /** Documents per `_changes` page and per `_bulk_docs`. */
  batchSize?: number;
}

type Grouped = Map<DocStore, Map<string, Record<string, unknown>>>;

const MAX_PUSH_ROUNDS = 4;

export async function syncWorkspace(
  db: IDBDatabase,
  client: CouchClient,
  target: WorkspaceTarget,
  state: SyncState,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const report: SyncReport = { pulled: 0, pushed: 0, resolved: [], refused: [] };
  const ctx: Context = {
    db,
    client,
    state,
    target,
    report,
    now: options.now ?? Date.now,
    batchSize: options.batchSize ?? 500,
  };
  for (const { name, scope } of workspaceDbs(target)) {
    try {
      await pull(ctx, name, scope);
      await push(ctx, name, scope);
    } catch (error) {
      if (!(error instanceof SyncError)) throw error;
      // One partnership the server will not open (not a member, or no database yet): the others
      // go on. Some servers answer a member of the workspace who is not one of this database's
      // with 401, as if signed out: the session says which it is.
      const notMember =
        error.kind === 'forbidden' ||
        error.kind === 'missing' ||
        (error.kind === 'signed-out' && (await stillSignedIn(client)));
      if (scope.kind === 'partnership' && notMember) {
        report.refused.push({ db: name, direction: 'pull', reason: error.detail });
        continue;
      }
      report.error = error;
      break;
    }
  }
  return report;
}

/** The directory, then each shared partnership's database (only ids that can name one: the list came from the server once). */
export function workspaceDbs(target: Omit<WorkspaceTarget, 'clientId'>): Array<{ name: string; scope: DbScope }> {
  return [
    { name: directoryDb(target.prefix), scope: { kind: 'directory' } },
    ...target.partnershipIds.filter(isPartnershipId).map((partnershipId) => ({
      name: partnershipDb(target.prefix, partnershipId),
      scope: { kind: 'partnership', partnershipId } as DbScope,
    })),
  ];
}

async function stillSignedIn(client: CouchClient): Promise<boolean> {
  try {
    return (await currentUser(client)) !== null;
  } catch {
    return false;
  }
}

interface Context {
  db: IDBDatabase;
  client: CouchClient;
  state: SyncState;
  target: WorkspaceTarget;
  report: SyncReport;
  now: () => number;
  batchSize: number;
  /** The partnerships sharing attendance by organisation only (attendance.ts), read once per sync. */
  organisationOnly?: Set<string>;
}

const path = (name: string) => `/${encodeURIComponent(name)}`;
const localDocPath = (ctx: Context, name: string) =>
  `${path(name)}/_local/${encodeURIComponent(`pp-sync-${ctx.target.clientId}`)}`;

// ---- pull ----

interface ChangesPage {
  results: Array<{ id: string; doc?: unknown; deleted?: boolean }>;
  lastSeq: string | number;
}

/** A `_changes` answer checked: rows with ids and a `last_seq`, or SyncError 'malformed'. */
export function readChanges(body: unknown, where: string): ChangesPage {
  const page = body as { results?: unknown; last_seq?: unknown } | null;
  const bad = () => new SyncError('malformed', t('syncNotFeed', where));
  if (typeof page !== 'object' || page === null || !Array.isArray(page.results)) throw bad();
  if (typeof page.last_seq !== 'string' && typeof page.last_seq !== 'number') throw bad();
  for (const row of page.results as unknown[]) {
    if (typeof row !== 'object' || row === null || typeof (row as { id?: unknown }).id !== 'string') throw bad();
  }
  return { results: page.results as ChangesPage['results'], lastSeq: page.last_seq };
}

async function pullCheckpoint(ctx: Context, name: string): Promise<string | number> {
  const local = await ctx.state.getCheckpoint(ctx.client.base, name, 'pull');
  if (local !== undefined) return local;
  // This browser's state is gone but the server remembers how far it got.
  const remote = await ctx.client.request('GET', localDocPath(ctx, name), { accept: [200, 404] });
  const seq = (remote.body as { last_seq?: unknown } | null)?.last_seq;
  return remote.status === 200 && (typeof seq === 'string' || typeof seq === 'number') ? seq : 0;
}

/** The server's copy of the pull checkpoint, for a browser whose own is gone: once per pull, not per page. */
async function saveRemoteCheckpoint(ctx: Context, name: string, seq: string | number): Promise<void> {
  const at = localDocPath(ctx, name);
  const current = await ctx.client.request('GET', at, { accept: [200, 404] });
  const rev = current.status === 200 ? (current.body as { _rev?: unknown })._rev : undefined;
  await ctx.client.request('PUT', at, { body: { last_seq: seq, ...(typeof rev === 'string' ? { _rev: rev } : {}) } });
}

async function pull(ctx: Context, name: string, scope: DbScope): Promise<void> {
  let since = await pullCheckpoint(ctx, name);
  let carried: Grouped = new Map();
  let moved = false;
  for (;;) {
    const query = `since=${encodeURIComponent(String(since))}&limit=${ctx.batchSize}&include_docs=true`;
    const where = `GET ${name}/_changes`;
    const page = readChanges((await ctx.client.request('GET', `${path(name)}/_changes?${query}`)).body, where);
    const now = ctx.now();
    for (const row of page.results) {
      if (row.deleted) continue;
      const read = readDoc(row.doc, scope, now);
      if (read.ok) {
        if (read.store !== PUBLISHED_STORE) group(carried, read.store, read.record);
      } else if (!('skip' in read))
        ctx.report.refused.push({ db: name, id: read.id, direction: 'pull', reason: read.reason });
    }
    const more = page.results.length >= ctx.batchSize;
    await noteEditsMet(ctx, name, carried);
    const outcome = await applyRecords(ctx, name, carried);
    if (outcome === 'dangling' && more) {
      // A record here names one further on in the feed: read on, and apply them together.
      since = page.lastSeq;
      continue;
    }
    if (outcome === 'dangling') return; // Reported; the checkpoint stays, so this is tried again.
    carried = new Map();
    // Nothing new (most syncs of a quiet database): the checkpoints stand.
    if (page.results.length) {
      await ctx.state.setCheckpoint(ctx.client.base, name, 'pull', page.lastSeq);
      moved = true;
    }
    since = page.lastSeq;
    if (!more) return moved ? saveRemoteCheckpoint(ctx, name, since) : undefined;
  }
}

/**
 * Edits made here and not pushed yet that meet another edit of the same record coming from
 * the server: the newer stays (applyRecords keeps it here, or push sends it), and the user is
 * told which.
 */
async function noteEditsMet(ctx: Context, name: string, grouped: Grouped): Promise<void> {
  const pushedUpTo = await ctx.state.getCheckpoint(ctx.client.base, name, 'push');
  const since = typeof pushedUpTo === 'number' ? pushedUpTo : -Infinity;
  for (const [store, records] of grouped) {
    const stamps = await storedUpdatedAt(ctx.db, store, [...records.keys()]);
    for (const [id, local] of stamps) {
      const incoming = (records.get(id) as { updatedAt: number }).updatedAt;
      if (local <= since || local === incoming) continue;
      ctx.report.resolved.push({ db: name, store, id, kept: incoming > local ? 'server' : 'here' });
    }
  }
}

function group(grouped: Grouped, store: DocStore, record: Record<string, unknown> & { id: string }): void {
  let records = grouped.get(store);
  if (!records) grouped.set(store, (records = new Map()));
  records.set(record.id, record);
}

/**
 * Checks the records like an imported file's, then merges them (merge.ts): newer `updatedAt`
 * wins, equal stamps by content. A record with a bad field is refused on its own; the others
 * still go in. 'dangling' when a reference leads nowhere yet (nothing is written then).
 */
async function applyRecords(ctx: Context, name: string, grouped: Grouped): Promise<'done' | 'dangling'> {
  // Published results are pulled by the pages that chart them (published-pull.ts), checked like a coordinator file.
  const raw: Partial<Record<DocStore, unknown[]>> = {};
  for (const [store, records] of grouped) if (store !== PUBLISHED_STORE) raw[store] = [...records.values()];
  if (Object.keys(raw).length === 0) return 'done';
  const problems = new ProblemList(name);
  const records = checkStores(raw, SYNCED_STORES, SHARED_RECORD_FIELDS, problems);
  for (const problem of problems.problems) {
    ctx.report.refused.push({ db: name, direction: 'pull', reason: describeProblem(problem) });
  }
  if (SYNCED_STORES.every((store) => records[store].length === 0)) return 'done';
  try {
    const { written, ties } = await applySynced(ctx.db, records, name);
    ctx.report.pulled += written;
    for (const tie of ties) ctx.report.resolved.push({ db: name, ...tie });
    return 'done';
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    for (const problem of error.problems) {
      ctx.report.refused.push({ db: name, direction: 'pull', reason: describeProblem(problem) });
    }
    return error.problems.every((p) => p.key === 'bundle_problem_dangling' || p.key === 'bundle_problem_more')
      ? 'dangling'
      : 'done';
  }
}

// ---- push ----

interface Candidate {
  store: DocStore;
  record: Stamped;
}

async function pushCandidates(ctx: Context, scope: DbScope, since: number): Promise<Candidate[]> {
  const changes =
    scope.kind === 'directory'
      ? await directoryChangesSince(ctx.db, since)
      : await partnershipChangesSince(ctx.db, scope.partnershipId, since);
  const stores: readonly DocStore[] = scope.kind === 'directory' ? DIRECTORY_STORES : PARTNERSHIP_DOC_STORES;
  const candidates: Candidate[] = [];
  for (const store of stores) {
    for (const record of (changes as unknown as Record<string, Stamped[]>)[store] ?? []) {
      candidates.push({ store, record });
    }
  }
  if (scope.kind === 'partnership' && (await organisationOnly(ctx)).has(scope.partnershipId)) {
    return shareableOnly(candidates);
  }
  // Referenced before referencing within a batch; oldest first for the checkpoint.
  return candidates.sort((a, b) => a.record.updatedAt - b.record.updatedAt);
}

async function organisationOnly(ctx: Context): Promise<Set<string>> {
  const at = `${path(directoryDb(ctx.target.prefix))}/${encodeURIComponent(WORKSPACE_DOC_ID)}`;
  return (ctx.organisationOnly ??= await organisationOnlyIn(ctx.client, at));
}

/** An organisation-only partnership's candidates: no people, meetings without names (attendance.ts). */
function shareableOnly(candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const { store, record } of candidates) {
    const shared = shareable(store, record);
    if (shared) kept.push({ store, record: shared });
  }
  return kept.sort((a, b) => a.record.updatedAt - b.record.updatedAt);
}

interface ServerRow {
  rev?: string;
  deleted?: boolean;
  doc?: unknown;
}

async function serverCopies(ctx: Context, name: string, ids: string[]): Promise<Map<string, ServerRow>> {
  const where = `POST ${name}/_all_docs`;
  const answer = await ctx.client.request('POST', `${path(name)}/_all_docs?include_docs=true`, {
    body: { keys: ids },
  });
  const rows = (answer.body as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw new SyncError('malformed', t('syncNoRows', where));
  const copies = new Map<string, ServerRow>();
  for (const row of rows as unknown[]) {
    const r = row as { key?: unknown; error?: unknown; value?: { rev?: unknown; deleted?: unknown }; doc?: unknown };
    if (typeof r !== 'object' || r === null || typeof r.key !== 'string') {
      throw new SyncError('malformed', t('syncRowNoKey', where));
    }
    if (r.error !== undefined) continue; // not_found
    if (typeof r.value?.rev !== 'string') throw new SyncError('malformed', t('syncRowNoRev', where));
    copies.set(r.key, { rev: r.value.rev, deleted: r.value.deleted === true, doc: r.doc });
  }
  return copies;
}

async function push(ctx: Context, name: string, scope: DbScope): Promise<void> {
  const since = (await ctx.state.getCheckpoint(ctx.client.base, name, 'push')) ?? 0;
  // Stamps come from several computers' clocks: a record pulled from a computer whose clock is
  // ahead must not carry the checkpoint past edits made here later. Every edit here is stamped
  // at least with this computer's time (utils/db/stamp.ts), so the checkpoint stays behind it.
  const startedAt = ctx.now();
  const candidates = await pushCandidates(ctx, scope, typeof since === 'number' ? since : 0);
  for (let start = 0; start < candidates.length; start += ctx.batchSize) {
    const batch = candidates.slice(start, start + ctx.batchSize);
    const left = await pushBatch(ctx, name, scope, batch);
    if (left.length > 0) return; // Tried again next time, from this batch.
    const next = candidates[start + ctx.batchSize];
    const last = batch[batch.length - 1]!.record.updatedAt;
    // Records sharing a stamp across the batch boundary are all pushed next time.
    const checkpoint = Math.min(next && next.record.updatedAt === last ? last - 1 : last, startedAt - 1);
    await ctx.state.setCheckpoint(ctx.client.base, name, 'push', checkpoint);
  }
}

/** Pushes one batch; returns what is still unsettled after MAX_PUSH_ROUNDS rounds of 409s. */
async function pushBatch(ctx: Context, name: string, scope: DbScope, batch: Candidate[]): Promise<Candidate[]> {
  let pending = batch;
  for (let round = 0; round < MAX_PUSH_ROUNDS && pending.length > 0; round += 1) {
    const copies = await serverCopies(
      ctx,
      name,
      pending.map((c) => docId(c.store, c.record.id)),
    );
    const docs: SyncedDoc[] = [];
    const sent: Candidate[] = [];
    const serverWins: Grouped = new Map();
    const now = ctx.now();
    for (const candidate of pending) {
      const copy = copies.get(docId(candidate.store, candidate.record.id));
      const read = copy?.doc !== undefined && !copy.deleted ? readDoc(copy.doc, scope, now) : undefined;
      // A server copy this browser would refuse counts as older: ours replaces it.
      const serverStamp = read?.ok ? read.record.updatedAt : -Infinity;
      if (read?.ok && serverStamp >= candidate.record.updatedAt) {
        const tie = serverStamp === candidate.record.updatedAt;
        if (tie && sameContent(read.record, candidate.record)) continue; // Already there.
        if (!tie || !tieBreak(candidate.record, read.record)) {
          // The server's copy is newer, or wins the tie (applyRecords reports that): it is kept, here too.
          if (!tie)
            ctx.report.resolved.push({ db: name, store: candidate.store, id: candidate.record.id, kept: 'server' });
          group(serverWins, read.store, read.record);
          continue;
        }
        // The same stamp, and ours wins the tie: it replaces the server's.
        ctx.report.resolved.push({ db: name, store: candidate.store, id: candidate.record.id, kept: 'here' });
      }
      docs.push(toDoc(candidate.store, candidate.record, copy?.rev));
      sent.push(candidate);
    }
    await applyRecords(ctx, name, serverWins);
    if (docs.length === 0) return [];
    const answer = await ctx.client.request('POST', `${path(name)}/_bulk_docs`, { body: { docs } });
    const results = answer.body;
    if (!Array.isArray(results) || results.length !== docs.length) {
      throw new SyncError('malformed', t('syncBulkCount', name));
    }
    const conflicts: Candidate[] = [];
    // By id: CouchDB answers in the order sent, the stand-in lists refused writes first.
    const byId = new Map<unknown, Record<string, unknown>>();
    for (const result of results as unknown[]) {
      const r = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
      byId.set(r.id, r);
    }
    docs.forEach((doc, i) => {
      const candidate = sent[i]!;
      const r = byId.get(doc._id);
      if (!r) throw new SyncError('malformed', t('syncBulkOrder', name));
      if (r.error === undefined && typeof r.rev === 'string') {
        ctx.report.pushed += 1;
        if (round > 0)
          ctx.report.resolved.push({ db: name, store: candidate.store, id: candidate.record.id, kept: 'here' });
      } else if (r.error === 'conflict') {
        conflicts.push(candidate);
      } else {
        const reason = typeof r.reason === 'string' ? r.reason : String(r.error ?? t('syncNoReason'));
        ctx.report.refused.push({ db: name, id: docs[i]!._id, direction: 'push', reason: reason.slice(0, 300) });
      }
    });
    pending = conflicts;
  }
  return pending;
}
