import type { Stamped } from '../db/records';
import { t } from '../i18n/messages';
import { rewindMark } from '../db/journal';
import { publishPending } from '../db/pending';
import { directoryChangesSince, holdsNothingOf, partnershipChangesSince } from '../db/sync';
import { ImportRejected, ProblemList, describeProblem } from '../your-data/bundle/problems';
import { SHARED_RECORD_FIELDS, checkStores, sameContent } from '../your-data/bundle/validate';
import { readDoc, toDoc, type DbScope, type SyncedDoc } from './documents';
import { CouchClient, SyncError, reasonOf } from './http';
import {
  DIRECTORY_STORES,
  PARTNERSHIP_DOC_STORES,
  PARTNERSHIP_STORES,
  PUBLISHED_STORE,
  directoryDb,
  docId,
  isPartnershipId,
  listedPartnerships,
  partnershipDb,
  SYNCED_STORES,
  userDb,
  WORKSPACE_DOC_ID,
  type DocStore,
  type SyncedStore,
} from './layout';
import { shareable } from './attendance';
import { applySynced, tieBreak, type SyncedRecords, type Tie } from './merge';
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
  /** The CouchDB user signed in: their own list says how each partnership shares attendance. */
  user: string;
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
  /** Documents per `_bulk_docs` (500), and per page pulled unless pullBatchSize says. */
  batchSize?: number;
  /** Documents per page of `_changes` or `_all_docs` (1,000; a store's first page of a first pull a quarter of that). */
  pullBatchSize?: number;
  /** The partnerships whose results carry comments (settings: shareCommentsWith); none by default. */
  shareCommentsWith?: readonly string[];
}

type Grouped = Map<DocStore, Map<string, Record<string, unknown>>>;

const MAX_PUSH_ROUNDS = 4;
/**
 * Pages of `_changes` one sync reads from one database (100,000 changes at the usual size): a
 * hostile or broken server sending full pages with a new `last_seq` each time would otherwise
 * hold the one sync that runs for ever. The next sync reads on from the checkpoint.
 */
export const MAX_PULL_PAGES = 100;
const capped = (where: string) => new SyncError('server', t('syncCap', where, MAX_PULL_PAGES));
/** A store's first page of a first pull holds this part of a page. */
const FIRST_PAGE_PART = 4;

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
    get: (key, direction) => state.getCheckpoint(client.base, key, direction),
    set: (key, direction, value) => state.setCheckpoint(client.base, key, direction, value),
    target,
    report,
    now: options.now ?? Date.now,
    batchSize: options.batchSize ?? 500,
    pullBatchSize: options.pullBatchSize ?? options.batchSize ?? 1_000,
    asOnServer: new Set(),
    shareCommentsWith: options.shareCommentsWith ?? [],
    pages: 0,
  };
  try {
    // The cookie is the browser's: a sign-in on a tab of this server replaces it. Never sync as them.
    if ((await currentUser(client))?.name !== target.user) throw new SyncError('signed-out', t('syncOtherUser'));
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    report.error = error;
    return report;
  }
  const dbs = workspaceDbs(target);
  // The change journal (utils/db/journal.ts): records written here with a stamp older than a push
  // checkpoint move it back, for each database (and its organisation-only one), and only then
  // is the mark cleared: a worker stopped in between finds it again.
  const mark = await rewindMark(db);
  if (mark !== undefined) {
    for (const { name } of dbs) await rewind(ctx, name, mark);
    await rewindMark(db, mark);
  }
  for (const { name, scope } of dbs) {
    try {
      ctx.asOnServer.clear();
      ctx.pages = 0;
      await pull(ctx, name, scope);
      // Released with no page open: the result a page made before (utils/db/pending.ts), if still up to date after the pull.
      if (scope.kind === 'partnership')
        await publishPending(db, scope.partnershipId, ctx.now(), ctx.shareCommentsWith.includes(scope.partnershipId));
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
        // The same plain words whichever code the server chose; its own words follow.
        const reason = t(error.kind === 'missing' ? 'syncNoDatabase' : 'syncNotMember', error.detail);
        refuse(ctx, name, reason);
        continue;
      }
      report.error = error;
      break;
    }
  }
  return report;
}

/** The directory, then each shared partnership's database (only ids that can name one: the list came from the server once). */
export function workspaceDbs(
  target: Pick<WorkspaceTarget, 'prefix' | 'partnershipIds'>,
): Array<{ name: string; scope: DbScope }> {
  return [
    { name: directoryDb(target.prefix), scope: { kind: 'directory' } },
    ...target.partnershipIds.filter(isPartnershipId).map((partnershipId) => ({
      name: partnershipDb(target.prefix, partnershipId),
      scope: { kind: 'partnership', partnershipId } as DbScope,
    })),
  ];
}

/**
 * Moves the database's push checkpoints (its organisation-only one too) back before `stamp`:
 * records stamped from then on are pushed again (those the server holds cost one `_all_docs` row).
 */
async function rewind(ctx: Context, name: string, stamp: number): Promise<void> {
  for (const key of [name, name + ORGANISATIONS_ONLY])
    if (((await ctx.get(key, 'push')) as number) >= stamp) await ctx.set(key, 'push', stamp - 1);
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
  /** This browser's checkpoints (SyncState) of this server. */
  get: (key: string, direction: 'pull' | 'push') => Promise<string | number | undefined>;
  set: (key: string, direction: 'pull' | 'push', value: string | number) => Promise<void>;
  target: WorkspaceTarget;
  report: SyncReport;
  now: () => number;
  batchSize: number;
  pullBatchSize: number;
  /** Records this sync wrote here as the server has them (serverKey): nothing to push. */
  asOnServer: Set<string>;
  shareCommentsWith: readonly string[];
  /** Pages pulled from the database this sync (`_all_docs` and `_changes`): at most MAX_PULL_PAGES. */
  pages: number;
  /** The partnerships sharing attendance by organisation only (attendance.ts), read once per sync. */
  organisationOnly?: Set<string>;
}

/** Something this browser would not store (`pull`), or a write the server refused (`push`). */
function refuse(ctx: Context, db: string, reason: string, id?: string, direction: Refused['direction'] = 'pull'): void {
  ctx.report.refused.push({ db, id, direction, reason });
}

const serverKey = (store: DocStore, id: string, updatedAt: number) => `${store}:${id}@${updatedAt}`;

const path = (name: string) => `/${encodeURIComponent(name)}`;
// ---- pull ----

interface ChangesPage {
  results: Array<{ id: string; doc?: unknown; deleted?: boolean }>;
  lastSeq: string | number;
}

/** A `_changes` answer checked: rows with ids and a `last_seq`, or SyncError 'malformed'. */
export function readChanges(body: unknown, where: string): ChangesPage {
  // `?.` reads nothing from null or a primitive: each of those fails its check.
  const page = body as { results?: unknown; last_seq?: unknown } | null;
  const bad = () => new SyncError('malformed', t('syncNotFeed', where));
  if (!Array.isArray(page?.results)) throw bad();
  if (typeof page.last_seq !== 'string' && typeof page.last_seq !== 'number') throw bad();
  for (const row of page.results as unknown[]) {
    if (typeof (row as { id?: unknown } | null)?.id !== 'string') throw bad();
  }
  return { results: page.results as ChangesPage['results'], lastSeq: page.last_seq };
}

/** Starts a request now and lets it fail unobserved until it is awaited (the page before may stop the pull first). */
function early<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

async function pull(ctx: Context, name: string, scope: DbScope): Promise<void> {
  // This browser's own checkpoint only. A copy on the server (a `_local/` document) would be
  // writable by every member of the database, unvalidated: another lead could move it past
  // records this browser never pulled. Without one here, the pull starts from the beginning.
  let since = await ctx.get(name, 'pull');
  if (since === undefined) {
    // A partnership new to this browser (another device, a coordinator): nothing older than this
    // pull waits to be pushed, so the push reads only what changes from now on.
    const from = ctx.now() - 60_000; // Before any save still in flight.
    if (
      scope.kind === 'partnership' &&
      (await ctx.get(name, 'push')) === undefined &&
      (await holdsNothingOf(ctx.db, scope.partnershipId))
    )
      await ctx.set(name, 'push', from);
    // Nothing pulled yet: every document as it is now, then the changes made since it was read;
    // from where an earlier sync's first pull stopped at its cap of pages, if one did.
    const at = (await ctx.get(name + FIRST_PULL, 'pull')) as string | undefined;
    since = await firstPull(ctx, name, scope, at ? (JSON.parse(at) as FirstPullAt) : undefined);
    if (since === undefined) return; // A reference leads nowhere (reported): tried again from there next time.
    await ctx.set(name, 'pull', since);
  }
  let carried: Grouped = new Map();
  const where = `GET ${name}/_changes`;
  const read = (from: string | number) => {
    const query = `since=${encodeURIComponent(String(from))}&limit=${ctx.pullBatchSize}&include_docs=true`;
    return early(
      ctx.client.request('GET', `${path(name)}/_changes?${query}`).then((answer) => readChanges(answer, where)),
    );
  };
  let next = read(since);
  // A full page must lead somewhere new: a server sending a seq read already would keep this going for ever.
  const seqs = new Set([String(since)]);
  for (;;) {
    const page = await next;
    if (++ctx.pages > MAX_PULL_PAGES) throw capped(where);
    const more = page.results.length >= ctx.pullBatchSize;
    if (more && seqs.has(String(page.lastSeq))) throw new SyncError('malformed', t('syncRowsAgain', where));
    seqs.add(String(page.lastSeq));
    // The next page is on its way while this one is checked and written.
    if (more) next = read(page.lastSeq);
    takeDocs(
      ctx,
      name,
      scope,
      page.results.filter((row) => !row.deleted).map((row) => row.doc),
      carried,
    );
    const outcome = await applyRecords(ctx, name, carried, scope);
    if (outcome === 'dangling' && more) {
      // A record here names one further on in the feed: read on, and apply them together.
      since = page.lastSeq;
      continue;
    }
    if (outcome === 'dangling') return; // Reported; the checkpoint stays, so this is tried again.
    carried = new Map();
    // Nothing new (most syncs of a quiet database): the checkpoints stand.
    if (page.results.length) await ctx.set(name, 'pull', page.lastSeq);
    since = page.lastSeq;
    if (!more) return;
  }
}

/** Reads the documents of one page into `carried` (published results aside); refusals are reported. */
function takeDocs(ctx: Context, name: string, scope: DbScope, docs: readonly unknown[], carried: Grouped): void {
  const now = ctx.now();
  for (const doc of docs) {
    const read = readDoc(doc, scope, now);
    if (read.ok) {
      if (read.store !== PUBLISHED_STORE) group(carried, read.store, read.record);
    } else if (!('skip' in read)) refuse(ctx, name, read.reason, read.id);
  }
}

/**
 * Where a first pull stopped at its cap of pages (kept beside the database's checkpoints, under
 * its name and FIRST_PULL): its `update_seq`, then the store (its index) and the id to read on from.
 */
type FirstPullAt = [seq: string | number, store: number, after?: string];
const FIRST_PULL = ' first pull';

/**
 * A database pulled for the first time: its `update_seq` first, then every record through
 * `_all_docs` (far quicker to serve than `_changes` from the start), store by store in the order
 * they refer to each other. Resolves to that `update_seq`: the checkpoint, so that an edit made
 * while this read goes on comes again through `_changes`. Undefined when a reference still leads
 * nowhere at the end (reported; nothing of that is written, and no checkpoint is saved). After
 * MAX_PULL_PAGES pages it stops, keeping where the pages merged whole end (`resume` next time).
 */
async function firstPull(
  ctx: Context,
  name: string,
  scope: DbScope,
  resume?: FirstPullAt,
): Promise<string | number | undefined> {
  const seq = resume
    ? resume[0]
    : ((await ctx.client.request('GET', path(name))) as { update_seq?: unknown } | null)?.update_seq;
  if (typeof seq !== 'string' && typeof seq !== 'number') {
    throw new SyncError('malformed', t('syncNoUpdateSeq', `GET ${name}`));
  }
  const stores: readonly SyncedStore[] = scope.kind === 'directory' ? DIRECTORY_STORES : PARTNERSHIP_STORES;
  const seen = new Set<string>();
  // A store's first page is small, so that storing starts sooner; each page after it twice the one before, up to pullBatchSize.
  const first = Math.ceil(ctx.pullBatchSize / FIRST_PAGE_PART);
  const read = (index: number, after?: string, rows = first): Promise<Page> =>
    early(
      readRange(ctx, name, stores[index]!, after, rows, seen).then(({ docs, after: last }) => {
        let more: Promise<Page> | undefined;
        const next = () =>
          last === undefined ? starts[index + 1] : read(index, last, Math.min(rows * 2, ctx.pullBatchSize));
        return { docs, at: last === undefined ? [index + 1] : [index, last], more: () => (more ??= next()) };
      }),
    );
  // Where the pages merged whole end: the store and the last id read of it.
  let at = (resume?.slice(1) ?? [0]) as Page['at'];
  // Every store's first page is asked for at once (most stores fit in one); they are merged in order.
  const starts = stores.map((_, index) =>
    index < at[0] ? undefined : read(index, index === at[0] ? at[1] : undefined),
  );
  // A page's transaction commits while the next one is checked; the checkpoint waits for them all.
  const commits: Promise<unknown>[] = [];
  let carried: Grouped = new Map();
  let next = starts[at[0]];
  while (next) {
    const page: Page = await next;
    if (++ctx.pages > MAX_PULL_PAGES) {
      await Promise.all(commits);
      await ctx.set(name + FIRST_PULL, 'pull', JSON.stringify([seq, ...at]));
      throw capped(`GET ${name}/_all_docs`);
    }
    // The server reads on while this page is merged: the next page is asked for now, and the one
    // after it as soon as the next is in (at most two pages ahead of the merge).
    next = page.more();
    next?.then(
      (after) => void after.more(),
      () => {},
    );
    takeDocs(ctx, name, scope, page.docs, carried);
    // Dangling: a reference leads to a later page (read on, applied together) or nowhere (reported).
    if ((await applyRecords(ctx, name, carried, scope, commits)) === 'done') {
      carried = new Map();
      at = page.at;
    }
  }
  await Promise.all(commits);
  return carried.size ? undefined : seq;
}

interface Page {
  docs: unknown[];
  /** Where this page ends: its store and last id, or the next store from its start. */
  at: [store: number, after?: string];
  /** Asks for the page after this one (once); undefined after the last store's last page. */
  more: () => Promise<Page> | undefined;
}

/**
 * One page of `size` of a store's documents (`_id` from `<store>:`), after `after` when given. `after` in
 * the answer: the id to read on from, when the page was full. A row the server says it could
 * not read is reported; a row already read in this pull is skipped, and a full page with
 * nothing new is a malformed answer (it would never end).
 */
async function readRange(
  ctx: Context,
  name: string,
  store: SyncedStore,
  after: string | undefined,
  size: number,
  seen: Set<string>,
): Promise<{ docs: unknown[]; after?: string }> {
  const where = `GET ${name}/_all_docs`;
  // From the last id read, which comes again first (a server need not collate as this browser does).
  const limit = after === undefined ? size : size + 1;
  const key = (id: string) => encodeURIComponent(JSON.stringify(id));
  const query = `include_docs=true&limit=${limit}&startkey=${key(after ?? `${store}:`)}&endkey=${key(`${store}:\ufff0`)}`;
  const rows = rowsOf(await ctx.client.request('GET', `${path(name)}/_all_docs?${query}`), where);
  const docs: unknown[] = [];
  let fresh = 0;
  for (const { key, error, doc } of rows) {
    if (seen.has(key)) continue;
    seen.add(key);
    fresh += 1;
    if (error !== undefined) {
      refuse(ctx, name, t('syncRowError', String(error)), key);
    } else if (doc !== undefined && doc !== null) docs.push(doc);
  }
  if (rows.length < limit) return { docs };
  if (fresh === 0) throw new SyncError('malformed', t('syncRowsAgain', where));
  return { docs, after: rows[rows.length - 1]!.key };
}

/** A row of an `_all_docs` answer: its key is the document's id. */
interface AllDocsRow {
  key: string;
  error?: unknown;
  value?: { rev?: unknown; deleted?: unknown };
  doc?: unknown;
}

/** The rows of an `_all_docs` answer, each an object with a string key, or SyncError 'malformed'. */
function rowsOf(body: unknown, where: string): AllDocsRow[] {
  const rows = (body as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw new SyncError('malformed', t('syncNoRows', where));
  for (const row of rows as unknown[]) {
    if (typeof (row as { key?: unknown } | null)?.key !== 'string') {
      throw new SyncError('malformed', t('syncRowNoKey', where));
    }
  }
  return rows as AllDocsRow[];
}

/**
 * Edits made here and not pushed yet that meet another edit of the same record coming from
 * the server: the newer stays (applyRecords keeps it here, or push sends it), and the user is
 * told which. `stored`: the stamps here before the merge, read in its transaction. A server copy
 * losing to one here that was pushed already (a co-lead wrote an older one back) moves the push
 * checkpoints back before it, before the pull's checkpoint moves on: the push sends it again.
 */
async function noteEditsMet(
  ctx: Context,
  name: string,
  scope: DbScope,
  records: SyncedRecords,
  stored: Map<SyncedStore, Map<string, number>>,
  ties: Tie[],
): Promise<void> {
  // The checkpoint the push keeps (an organisation-only partnership's own); stamps (numbers).
  const since = ((await ctx.get(await pushKey(ctx, name, scope), 'push')) ?? -Infinity) as number;
  let behind = Infinity;
  for (const store of SYNCED_STORES) {
    const stamps = stored.get(store)!;
    for (const record of records[store]) {
      const local = stamps.get(record.id);
      if (local === undefined) continue;
      // Equal stamps: a tie. Kept here, the server's copy lost; the server's kept is not pushed (asOnServer).
      if (local > record.updatedAt || ties.some((tie) => tie.id === record.id)) behind = Math.min(behind, local);
      // Pushed already and newer on the server: no edit met. Older on the server: written back over ours, said.
      if ((local <= since && local < record.updatedAt) || local === record.updatedAt) continue;
      ctx.report.resolved.push({ db: name, store, id: record.id, kept: record.updatedAt > local ? 'server' : 'here' });
    }
  }
  if (behind < Infinity) await rewind(ctx, name, behind);
}

function group(grouped: Grouped, store: DocStore, record: Record<string, unknown> & { id: string }): void {
  let records = grouped.get(store);
  if (!records) grouped.set(store, (records = new Map()));
  records.set(record.id, record);
}

/**
 * Checks the records like an imported file's, then merges them (merge.ts): newer `updatedAt`
 * wins, equal stamps by content. A record with a bad field is refused on its own; the others
 * still go in. 'dangling' when a reference leads nowhere yet (nothing is written then). With
 * `commits`, resolves once the writes are issued and adds their commit there; else once committed.
 */
async function applyRecords(
  ctx: Context,
  name: string,
  grouped: Grouped,
  /** Where the records were pulled from; absent for a push's server copies. */
  pulled?: DbScope,
  commits?: Promise<unknown>[],
): Promise<'done' | 'dangling'> {
  // Published results are pulled by the pages that chart them (published-pull.ts), checked like a coordinator file.
  const raw: Partial<Record<DocStore, unknown[]>> = {};
  for (const [store, records] of grouped) if (store !== PUBLISHED_STORE) raw[store] = [...records.values()];
  if (Object.keys(raw).length === 0) return 'done';
  const problems = new ProblemList(name);
  const records = checkStores(raw, SYNCED_STORES, SHARED_RECORD_FIELDS, problems);
  for (const problem of problems.problems) {
    refuse(ctx, name, describeProblem(problem));
  }
  if (SYNCED_STORES.every((store) => records[store].length === 0)) return 'done';
  try {
    const { committed, ties, asOnServer, storedStamps, refused } = await applySynced(ctx.db, records, name);
    for (const problem of refused) {
      refuse(ctx, name, describeProblem(problem));
    }
    const counted = committed.then((written) => (ctx.report.pulled += written));
    if (commits) commits.push(early(counted));
    else await counted;
    if (pulled) await noteEditsMet(ctx, name, pulled, records, storedStamps, ties);
    for (const r of asOnServer) ctx.asOnServer.add(serverKey(r.store, r.id, r.updatedAt));
    for (const tie of ties) ctx.report.resolved.push({ db: name, ...tie });
    return 'done';
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    for (const problem of error.problems) {
      refuse(ctx, name, describeProblem(problem));
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

async function pushCandidates(ctx: Context, scope: DbScope, since: number, namesKept: boolean): Promise<Candidate[]> {
  const changes =
    scope.kind === 'directory'
      ? await directoryChangesSince(ctx.db, since)
      : await partnershipChangesSince(ctx.db, scope.partnershipId, since);
  const stores: readonly DocStore[] = scope.kind === 'directory' ? DIRECTORY_STORES : PARTNERSHIP_DOC_STORES;
  const candidates: Candidate[] = [];
  for (const store of stores) {
    for (const record of (changes as unknown as Record<string, Stamped[]>)[store] ?? []) {
      // An organisation-only partnership's: no people, meetings without names (attendance.ts).
      const shared = namesKept ? shareable(store, record) : record;
      if (shared) candidates.push({ store, record: shared });
    }
  }
  // Referenced before referencing within a batch; oldest first for the checkpoint.
  return candidates.sort((a, b) => a.record.updatedAt - b.record.updatedAt);
}

async function organisationOnly(ctx: Context): Promise<Set<string>> {
  // The lead's own list says how each of their partnerships shares attendance.
  const at = `${path(userDb(ctx.target.prefix, ctx.target.user))}/${encodeURIComponent(WORKSPACE_DOC_ID)}`;
  // No list (a workspace set up before attendance modes): a 404's body lists none.
  return (ctx.organisationOnly ??= new Set(
    listedPartnerships(await ctx.client.request('GET', at, { accept: [200, 404] }))
      .filter((p) => p.attendance !== 'people')
      .map((p) => p.id),
  ));
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
  const copies = new Map<string, ServerRow>();
  for (const r of rowsOf(answer, where)) {
    if (r.error !== undefined) continue; // not_found
    if (typeof r.value?.rev !== 'string') throw new SyncError('malformed', t('syncRowNoRev', where));
    copies.set(r.key, { rev: r.value.rev, deleted: r.value.deleted === true, doc: r.doc });
  }
  return copies;
}

/** An organisation-only partnership's push checkpoint is its own: switched to people, what was held back goes. */
const ORGANISATIONS_ONLY = ' organisations';

/** The key of the push checkpoint in use: an organisation-only partnership's is its own. */
async function pushKey(ctx: Context, name: string, scope: DbScope): Promise<string> {
  return scope.kind === 'partnership' && (await organisationOnly(ctx)).has(scope.partnershipId)
    ? name + ORGANISATIONS_ONLY
    : name;
}

async function push(ctx: Context, name: string, scope: DbScope): Promise<void> {
  const key = await pushKey(ctx, name, scope);
  const namesKept = key !== name;
  const since = ((await ctx.get(key, 'push')) ?? 0) as number;
  // Stamps come from several computers' clocks: a record pulled from a computer whose clock is
  // ahead must not carry the checkpoint past edits made here later. Every edit here is stamped
  // at least with this computer's time (utils/db/stamp.ts), so the checkpoint stays behind it.
  const startedAt = ctx.now();
  const candidates = await pushCandidates(ctx, scope, since, namesKept);
  for (let start = 0; start < candidates.length; start += ctx.batchSize) {
    const batch = candidates.slice(start, start + ctx.batchSize);
    const left = await pushBatch(ctx, name, scope, batch);
    if (left.length > 0) return; // Tried again next time, from this batch.
    const next = candidates[start + ctx.batchSize];
    const last = batch[batch.length - 1]!.record.updatedAt;
    // Records sharing a stamp across the batch boundary are all pushed next time.
    const checkpoint = Math.min(next && next.record.updatedAt === last ? last - 1 : last, startedAt - 1);
    await ctx.set(key, 'push', checkpoint);
  }
}

/** Pushes one batch; returns what is still unsettled after MAX_PUSH_ROUNDS rounds of 409s. */
async function pushBatch(ctx: Context, name: string, scope: DbScope, batch: Candidate[]): Promise<Candidate[]> {
  // Records just pulled, unchanged since: the server has them (a newer copy there comes with the next pull).
  let pending = batch.filter((c) => !ctx.asOnServer.has(serverKey(c.store, c.record.id, c.record.updatedAt)));
  const resolved = (c: Candidate, kept: Resolved['kept']) =>
    ctx.report.resolved.push({ db: name, store: c.store, id: c.record.id, kept });
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
          if (!tie) resolved(candidate, 'server');
          group(serverWins, read.store, read.record);
          continue;
        }
        // The same stamp, and ours wins the tie: it replaces the server's.
        resolved(candidate, 'here');
      }
      docs.push(toDoc(candidate.store, candidate.record, copy?.rev));
      sent.push(candidate);
    }
    await applyRecords(ctx, name, serverWins);
    if (docs.length === 0) return [];
    const answer = await ctx.client.request('POST', `${path(name)}/_bulk_docs`, {
      body: { docs },
      accept: [200, 201, 202, 413],
    });
    // One document over the server's max_document_size refuses the whole request, naming it (413
    // `{"error":"document_too_large","reason":"<id>"}`): that one is refused, the rest go again. A
    // list (2xx) names no document by `reason`.
    const big = docs.findIndex((doc) => doc._id === (answer as { reason?: unknown } | null)?.reason);
    if (big >= 0) {
      refuse(ctx, name, t('syncDocTooLarge'), docs[big]!._id, 'push');
      pending = sent.filter((_, i) => i !== big);
      round -= 1; // Not a round of 409s; bounded, one document fewer each time.
      continue;
    }
    const conflicts: Candidate[] = [];
    // By id: CouchDB answers in the order sent, the stand-in lists refused writes first. An answer
    // that is not a list names none; one that does not name every document sent is refused below.
    const byId = new Map<unknown, Record<string, unknown>>();
    // A row that is not an object has no id: no document sent is named by it.
    for (const result of Array.isArray(answer) ? (answer as unknown[]) : [])
      byId.set((result as { id?: unknown } | null)?.id, result as Record<string, unknown>);
    docs.forEach((doc, i) => {
      const candidate = sent[i]!;
      const r = byId.get(doc._id);
      if (!r) throw new SyncError('malformed', t('syncBulkOrder', name));
      if (r.error === undefined && typeof r.rev === 'string') {
        ctx.report.pushed += 1;
        if (round > 0) resolved(candidate, 'here');
      } else if (r.error === 'conflict') {
        conflicts.push(candidate);
      } else {
        refuse(ctx, name, reasonOf(r), doc._id, 'push');
      }
    });
    pending = conflicts;
  }
  return pending;
}
