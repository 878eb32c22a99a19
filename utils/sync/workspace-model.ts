import { computed, createModel, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { MessageKey } from '../i18n/messages';
import { readonly } from '../models/readonly';
import { liveSetting } from '../settings/live';
import { shareCommentsWith } from '../settings/settings';
import { leaveWorkspace, syncStatus, workspaceConnection } from './background';
import {
  ConnectError,
  normaliseServer,
  releaseServer,
  requestServerPermission,
  saveConnection,
  signInAndList,
  signOutOf,
  type ConnectProblem,
  type Offered,
} from './connect';
import { DEFAULT_PREFIX, isValidPrefix } from './layout';
import { publishedRefused, refusedList } from './published-status';

/** What went wrong, and what to name in the message (the server refused, or the address asked for). */
export interface WorkspaceProblem {
  problem: ConnectProblem;
  detail: string;
}

/** A field typed wrong, said at that field (checked before the browser's permission prompt). */
export interface WorkspaceFieldProblem {
  field: 'server' | 'prefix';
  problem: ConnectProblem;
}

/** The calls that leave this page (the browser's prompt, the server) and the sample-data check, which needs the page's database. Replaced in tests. */
export interface WorkspaceCalls {
  requestPermission(server: string): Promise<boolean>;
  signIn: typeof signInAndList;
  signOut(server: string): Promise<void>;
  release(server: string): Promise<void>;
  /** Whether connecting to a workspace offering these partnerships would send this browser's sample data there. */
  sampleWouldTravel(offeredIds: readonly string[]): Promise<boolean>;
}

const REAL_CALLS: WorkspaceCalls = {
  requestPermission: requestServerPermission,
  signIn: signInAndList,
  signOut: signOutOf,
  release: releaseServer,
  sampleWouldTravel: () => Promise.resolve(false),
};

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * A list of ids shown from storage (kept live) until the lead changes it here: then the lead's
 * choice shows until storage holds it, so a change from another page never drops unsaved ticks.
 */
function storedOrChosen(stored: ReadonlySignal<readonly string[]>) {
  const chosen = signal<readonly string[] | null>(null);
  effect(() => {
    const now = stored.value;
    const held = chosen.peek();
    if (held && sameIds(held, now)) chosen.value = null;
  });
  return {
    shown: computed(() => chosen.value ?? stored.value),
    choose(ids: readonly string[]) {
      chosen.value = sameIds(ids, stored.peek()) ? null : ids;
    },
  };
}

/**
 * The management page's workspace section: the connection, the sync's status and what it
 * refused, what is shared, each read live (a change made in another page shows here); the
 * sign-in form's fields; and connecting, saving what is shared and leaving. `new WorkspaceModel()`,
 * disposed with its page.
 */
export const WorkspaceModel = createModel((replaced: Partial<WorkspaceCalls> = {}) => {
  const calls: WorkspaceCalls = { ...REAL_CALLS, ...replaced };
  const connection = liveSetting(workspaceConnection);
  const status = liveSetting(syncStatus);
  const refusedResults = liveSetting(publishedRefused);
  const commentsStored = liveSetting(shareCommentsWith);

  const stored = computed(() => connection.value.value ?? null);
  const shared = storedOrChosen(computed(() => stored.value?.partnershipIds ?? []));
  /** Partnerships whose published results carry comments: none unless the lead ticks them. */
  const comments = storedOrChosen(computed(() => commentsStored.value.value ?? []));

  // What is typed; until then the connection's own, so signing in again goes to that workspace.
  const serverTyped = signal<string | null>(null);
  const prefixTyped = signal<string | null>(null);
  const userTyped = signal<string | null>(null);
  const password = signal('');
  const server = computed(() => serverTyped.value ?? stored.value?.server ?? '');
  const prefix = computed(() => prefixTyped.value ?? stored.value?.prefix ?? DEFAULT_PREFIX);
  const user = computed(() => userTyped.value ?? stored.value?.user ?? '');

  const offered = signal<Offered[] | null>(null);
  const problem = signal<WorkspaceProblem | null>(null);
  const fieldProblem = signal<WorkspaceFieldProblem | null>(null);
  const note = signal<MessageKey | null>(null);
  const busy = signal(false);

  const sayAtField = (field: WorkspaceFieldProblem['field'], wrong: ConnectProblem) => {
    problem.value = null;
    fieldProblem.value = { field, problem: wrong };
  };

  return {
    /** Undefined until read, null when not connected. */
    connection: readonly(connection.value),
    status: computed(() => status.value.value ?? null),
    /** The sync's refusals and the published results the dashboard's pull refused, as one list. */
    refused: computed(() => refusedList(status.value.value?.refused ?? [], refusedResults.value.value ?? [])),
    server,
    prefix,
    user,
    password: readonly(password),
    offered: readonly(offered),
    shared: shared.shown,
    comments: comments.shown,
    problem: readonly(problem),
    fieldProblem: readonly(fieldProblem),
    note: readonly(note),
    busy: readonly(busy),

    setServer(text: string) {
      serverTyped.value = text;
    },
    setPrefix(text: string) {
      prefixTyped.value = text;
    },
    setUser(text: string) {
      userTyped.value = text;
    },
    setPassword(text: string) {
      password.value = text;
    },
    setShared(ids: readonly string[]) {
      shared.choose(ids);
    },
    setComments(ids: readonly string[]) {
      comments.choose(ids);
    },

    /**
     * Checks the fields (a wrong one is said in `fieldProblem`), asks the browser for the server
     * (call it straight from the click: the browser shows its prompt only then), signs in, lists
     * what is offered and saves the connection. Resolves when done.
     */
    async connect(): Promise<void> {
      if (busy.value) return;
      note.value = null;
      const address = normaliseServer(server.value);
      if (!address) return sayAtField('server', 'badAddress');
      const prefixNow = prefix.value.trim();
      if (!isValidPrefix(prefixNow)) return sayAtField('prefix', 'badPrefix');
      fieldProblem.value = null;
      const permission = calls.requestPermission(address);
      busy.value = true;
      try {
        if (!(await permission)) throw new ConnectError('permissionDenied', address);
        const result = await calls.signIn(address, prefixNow, user.value.trim(), password.value);
        const ids = result.offered.map((p) => p.id);
        if (await calls.sampleWouldTravel(ids)) {
          await calls.signOut(address);
          throw new ConnectError('sampleData');
        }
        password.value = '';
        offered.value = result.offered;
        const kept = shared.shown.value.filter((id) => ids.includes(id));
        shared.choose(kept);
        await saveConnection({ server: address, prefix: prefixNow, user: result.user, partnershipIds: [...kept] });
        problem.value = null;
      } catch (error) {
        if (!(error instanceof ConnectError)) throw error;
        problem.value = {
          problem: error.problem,
          detail: error.problem === 'permissionDenied' ? address : error.detail,
        };
      } finally {
        busy.value = false;
      }
    },

    async saveShared(): Promise<void> {
      const current = stored.value;
      if (!current) return;
      const ids = [...shared.shown.value];
      const withComments = comments.shown.value.filter((id) => ids.includes(id));
      comments.choose(withComments);
      await shareCommentsWith.setValue(withComments);
      await saveConnection({ ...current, partnershipIds: ids });
      note.value = 'workspaceShareSaved';
    },

    async leave(): Promise<void> {
      const current = stored.value;
      if (current) await calls.signOut(current.server);
      await leaveWorkspace();
      if (current) await calls.release(current.server);
      await publishedRefused.setValue([]);
      offered.value = null;
      shared.choose([]);
      note.value = 'workspaceLeft';
    },
  };
});

export type WorkspaceModel = InstanceType<typeof WorkspaceModel>;
