// `npm run workspace -- init URL CONFIG`: sets a CouchDB up as a workspace (docs/workspace.md).
// Safe to run again: it brings databases, security, validation, users and roll-up jobs to what
// CONFIG says, keeping every record and every existing password.
import {
  COORDINATOR_ROLE,
  DEFAULT_PREFIX,
  DESIGN_DOC_ID,
  LEAD_ROLE,
  PARTNERSHIP_STORES,
  WORKSPACE_DOC_ID,
  coordinatorsDb,
  directoryDb,
  isPartnershipId,
  isValidPrefix,
  partnershipDb,
  rollupDb,
  userDb,
  validateDocSource,
  type ValidateKind,
  type WorkspaceDoc,
} from '../../utils/sync/layout';
import { ATTENDANCE_MODES, type AttendanceMode } from '../../utils/sync/attendance';

export interface WorkspaceConfig {
  /** Database names start with this (default `pp-`). */
  prefix?: string;
  /** `attendance`: `people` (names and e-mails travel, the default) or `organisations` (organisations and counts only). */
  partnerships: Array<{ id: string; name: string; leads: string[]; attendance?: AttendanceMode }>;
  users: Array<{ name: string; role: 'lead' | 'coordinator'; password?: string }>;
}

export interface InitOptions {
  /** The server, without credentials. */
  url: string;
  admin: { name: string; password: string };
  config: WorkspaceConfig;
  /** The roll-up jobs reach the databases at this address (the server's own view of itself); default `url`. */
  replicationUrl?: string;
  log?: (line: string) => void;
}

export interface InitResult {
  databases: string[];
  /** Users created now, with the password made for them (shown once, stored nowhere). */
  newUsers: Array<{ name: string; password: string }>;
  rollupJobs: string[];
}

export class WorkspaceError extends Error {}

const USER_NAME = /^[a-z0-9][a-z0-9._@-]{0,99}$/i;
/**
 * The longest database name CouchDB takes: a shard's file is named `<name>.<timestamp>.couch`
 * and must fit a file system's 255 bytes.
 */
const MAX_DB_NAME = 238;

/** CONFIG checked before anything is sent: every problem, with where it is. */
export function checkConfig(value: unknown): WorkspaceConfig {
  const problems: string[] = [];
  const config = value as Partial<WorkspaceConfig> | null;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new WorkspaceError('The workspace file must hold a JSON object with "partnerships" and "users".');
  }
  if (config.prefix !== undefined && (typeof config.prefix !== 'string' || !isValidPrefix(config.prefix))) {
    problems.push('prefix: lower-case letters, digits and _$()+/- only, starting with a letter');
  }
  if (!Array.isArray(config.users)) problems.push('users: a list is needed');
  if (!Array.isArray(config.partnerships)) problems.push('partnerships: a list is needed');
  const roles = new Map<string, string>();
  for (const [i, user] of (Array.isArray(config.users) ? config.users : []).entries()) {
    if (typeof user?.name !== 'string' || !USER_NAME.test(user.name))
      problems.push(`users[${i}].name: not a user name`);
    else if (roles.has(user.name)) problems.push(`users[${i}].name: ${user.name} is listed twice`);
    else roles.set(user.name, user.role);
    const own = typeof user?.name === 'string' ? userDb(config.prefix ?? DEFAULT_PREFIX, user.name).length : 0;
    if (user?.role === 'lead' && own > MAX_DB_NAME) {
      problems.push(
        `users[${i}].name: their own list's database name would be ${own} characters (capitals and . @ count 4 each), CouchDB takes ${MAX_DB_NAME}`,
      );
    }
    if (user?.role !== 'lead' && user?.role !== 'coordinator')
      problems.push(`users[${i}].role: "lead" or "coordinator"`);
    if (user?.password !== undefined && (typeof user.password !== 'string' || user.password.length < 8)) {
      problems.push(`users[${i}].password: at least 8 characters`);
    }
  }
  const ids = new Set<string>();
  for (const [i, p] of (Array.isArray(config.partnerships) ? config.partnerships : []).entries()) {
    if (typeof p?.id !== 'string' || !isPartnershipId(p.id))
      problems.push(`partnerships[${i}].id: not a partnership id`);
    else if (ids.has(p.id)) problems.push(`partnerships[${i}].id: listed twice`);
    else ids.add(p.id);
    if (typeof p?.name !== 'string' || p.name.trim() === '') problems.push(`partnerships[${i}].name: empty`);
    if (p?.attendance !== undefined && !ATTENDANCE_MODES.includes(p.attendance))
      problems.push(`partnerships[${i}].attendance: "people" or "organisations"`);
    if (!Array.isArray(p?.leads)) problems.push(`partnerships[${i}].leads: a list is needed`);
    for (const lead of Array.isArray(p?.leads) ? p.leads : []) {
      if (roles.get(lead) !== 'lead') problems.push(`partnerships[${i}].leads: ${String(lead)} is not a lead in users`);
    }
  }
  if (problems.length > 0) throw new WorkspaceError(`The workspace file has problems:\n  ${problems.join('\n  ')}`);
  return config as WorkspaceConfig;
}

function randomPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return Buffer.from(bytes).toString('base64url');
}

export async function initWorkspace(options: InitOptions): Promise<InitResult> {
  const config = checkConfig(options.config);
  const prefix = config.prefix ?? DEFAULT_PREFIX;
  const log = options.log ?? (() => {});
  const auth = `Basic ${Buffer.from(`${options.admin.name}:${options.admin.password}`).toString('base64')}`;
  const base = options.url.replace(/\/$/, '');

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: auth, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      // Never followed: a 307 would send the admin's request, users' passwords included, to wherever it points.
      redirect: 'manual',
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const to = response.headers.get('Location') ?? '?';
      throw new WorkspaceError(`${method} ${path} was redirected to ${to}: give init the address it leads to`);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Kept as text for the message.
    }
    return { status: response.status, body: parsed };
  }
  async function must(method: string, path: string, body?: unknown, ok: number[] = [200, 201, 202]) {
    const answer = await call(method, path, body);
    if (!ok.includes(answer.status)) {
      throw new WorkspaceError(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer;
  }
  /** Creates or replaces a document, keeping its current revision. */
  async function put(db: string, doc: { _id: string; [key: string]: unknown }) {
    const path = `/${encodeURIComponent(db)}/${doc._id.startsWith('_design/') ? doc._id : encodeURIComponent(doc._id)}`;
    const current = await call('GET', path);
    const rev = current.status === 200 ? (current.body as { _rev?: string })._rev : undefined;
    await must('PUT', path, rev ? { ...doc, _rev: rev } : doc);
  }
  async function database(
    name: string,
    kind: ValidateKind,
    security: unknown,
    id?: string,
    leads?: string[],
    attendance?: AttendanceMode,
  ) {
    const made = await must('PUT', `/${encodeURIComponent(name)}`, undefined, [201, 202, 412]);
    log(`${made.status === 412 ? 'kept' : 'created'} ${name}`);
    // The validation first: CouchDB 3 keeps a new database admin-only until its `_security` names
    // members, so no member can write before the validation is in.
    await put(name, { _id: DESIGN_DOC_ID, validate_doc_update: validateDocSource(kind, id, leads, attendance) });
    await must('PUT', `/${encodeURIComponent(name)}/_security`, security);
  }
  function listDoc(partnerships: WorkspaceDoc['partnerships']): { _id: string } {
    const doc: WorkspaceDoc = { _id: WORKSPACE_DOC_ID, type: 'workspace', partnerships };
    return doc;
  }
  /**
   * A workspace set up before the lists moved out of the directory kept every partnership's
   * name and leads there, readable by every lead: every leaf of the document is deleted (a
   * conflict, left by two sites replicating, would otherwise become the document once the
   * winner goes) and the directory compacted, so its earlier revisions cannot be read either
   * (`?rev=`, `?open_revs=all`).
   */
  async function removeSharedList(db: string) {
    const path = `/${encodeURIComponent(db)}/${encodeURIComponent(WORKSPACE_DOC_ID)}`;
    // With Accept: application/json, `open_revs=all` answers a list of `{ ok: doc }`, one per leaf.
    const leaves = await call('GET', `${path}?open_revs=all`);
    const live = (
      Array.isArray(leaves.body) ? (leaves.body as Array<{ ok?: { _rev?: string; _deleted?: boolean } }>) : []
    )
      .map((leaf) => leaf.ok)
      .filter((doc) => doc?._rev !== undefined && doc._deleted !== true)
      .map((doc) => doc!._rev!);
    if (live.length === 0) return;
    for (const rev of live) await must('DELETE', `${path}?rev=${encodeURIComponent(rev)}`);
    await must('POST', `/${encodeURIComponent(db)}/_compact`, {});
    // CouchDB compacts in the background (a cluster asks each shard, which may start a moment
    // later): wait, a minute at most, until no compaction runs and no old revision has a body.
    const gone = async () => {
      const info = await must('GET', `/${encodeURIComponent(db)}`);
      if ((info.body as { compact_running?: boolean }).compact_running === true) return false;
      for (const rev of live) {
        const old = await call('GET', `${path}?rev=${encodeURIComponent(rev)}`);
        if (old.status === 200 && (old.body as { partnerships?: unknown }).partnerships !== undefined) return false;
      }
      return true;
    };
    let tries = 0;
    while (!(await gone())) {
      if (++tries === 120) {
        log(`${db} is still compacting: its old list goes when that ends`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    log(`removed the list of partnerships and leads from ${db}`);
  }

  const root = await call('GET', '/');
  if (root.status !== 200) throw new WorkspaceError(`${base} is not answering as CouchDB (status ${root.status}).`);
  const session = await call('GET', '/_session');
  const roles = (session.body as { userCtx?: { roles?: string[] } }).userCtx?.roles ?? [];
  if (!roles.includes('_admin')) throw new WorkspaceError(`${options.admin.name} is not an admin of ${base}.`);

  // Users first: security objects name them.
  await must('PUT', '/_users', undefined, [201, 202, 412]);
  const newUsers: InitResult['newUsers'] = [];
  for (const user of config.users) {
    const path = `/_users/${encodeURIComponent(`org.couchdb.user:${user.name}`)}`;
    const current = await call('GET', path);
    const role = user.role === 'lead' ? LEAD_ROLE : COORDINATOR_ROLE;
    if (current.status === 200) {
      const doc = current.body as { roles?: string[]; [key: string]: unknown };
      const others = (doc.roles ?? []).filter((r) => r !== LEAD_ROLE && r !== COORDINATOR_ROLE);
      await must('PUT', path, {
        ...doc,
        roles: [...others, role],
        ...(user.password ? { password: user.password } : {}),
      });
      log(`kept user ${user.name}`);
    } else {
      const password = user.password ?? randomPassword();
      await must('PUT', path, {
        _id: `org.couchdb.user:${user.name}`,
        name: user.name,
        type: 'user',
        roles: [role],
        password,
      });
      if (!user.password) newUsers.push({ name: user.name, password });
      log(`created user ${user.name}`);
    }
  }

  const databases: string[] = [];
  const directory = directoryDb(prefix);
  await database(directory, 'directory', {
    admins: { names: [], roles: [] },
    members: { names: [], roles: [LEAD_ROLE, COORDINATOR_ROLE] },
  });
  databases.push(directory);
  await removeSharedList(directory);

  // Who leads what: in full for coordinators only, and to each lead their own partnerships only.
  const noAdmins = { names: [], roles: [] };
  const coordinators = coordinatorsDb(prefix);
  await database(coordinators, 'list', { admins: noAdmins, members: { names: [], roles: [COORDINATOR_ROLE] } });
  databases.push(coordinators);
  // Each partnership says how it shares attendance, the default written out: the connect screen shows it.
  const listed = config.partnerships.map((p) => ({ ...p, attendance: p.attendance ?? 'people' }));
  await put(coordinators, listDoc(listed));
  for (const user of config.users) {
    const own = userDb(prefix, user.name);
    if (user.role !== 'lead') {
      // A lead who became a coordinator: their old list is emptied (they now read the full one).
      if ((await call('GET', `/${encodeURIComponent(own)}`)).status === 200) await put(own, listDoc([]));
      continue;
    }
    await database(own, 'list', { admins: noAdmins, members: { names: [user.name], roles: [] } });
    databases.push(own);
    const theirs = listed
      .filter((p) => p.leads.includes(user.name))
      .map(({ id, name, attendance }) => ({ id, name, attendance }));
    await put(own, listDoc(theirs));
  }

  const rollup = rollupDb(prefix);
  await database(rollup, 'rollup', {
    admins: { names: [], roles: [] },
    members: { names: [], roles: [COORDINATOR_ROLE] },
  });
  databases.push(rollup);

  for (const partnership of config.partnerships) {
    const name = partnershipDb(prefix, partnership.id);
    await database(
      name,
      'partnership',
      { admins: { names: [], roles: [] }, members: { names: partnership.leads, roles: [COORDINATOR_ROLE] } },
      partnership.id,
      partnership.leads,
      partnership.attendance,
    );
    databases.push(name);
  }

  // The roll-up: one continuous job per partnership, records only (no design documents).
  await must('PUT', '/_replicator', undefined, [201, 202, 412]);
  const target = (options.replicationUrl ?? base).replace(/\/$/, '');
  const headers = { Authorization: auth };
  const rollupJobs: string[] = [];
  for (const partnership of config.partnerships) {
    const source = partnershipDb(prefix, partnership.id);
    const id = `${prefix}rollup-${partnership.id}`;
    const job = {
      _id: id,
      source: { url: `${target}/${source}`, headers },
      target: { url: `${target}/${rollup}`, headers },
      continuous: true,
      selector: { type: { $in: PARTNERSHIP_STORES } },
    };
    const path = `/_replicator/${encodeURIComponent(id)}`;
    const current = await call('GET', path);
    // A running job is replaced only when it would change (CouchDB restarts it on every edit).
    if (current.status === 200) {
      const { _rev: rev, ...rest } = current.body as { _rev: string; [key: string]: unknown };
      const same = ['source', 'target', 'continuous', 'selector'].every(
        (key) => JSON.stringify(rest[key]) === JSON.stringify((job as Record<string, unknown>)[key]),
      );
      if (!same) await must('PUT', path, { ...job, _rev: rev });
    } else {
      await must('PUT', path, job);
    }
    rollupJobs.push(id);
    log(`roll-up job ${id}`);
  }
  return { databases, newUsers, rollupJobs };
}
