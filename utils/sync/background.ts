import { browser, storage } from '#imports';
import type { SyncNowMessage } from '../browser/messaging';
import { onChange, type Change } from '../db/changes';
import { t } from '../i18n/messages';
import { openRawPulseDb } from '../db/raw-open';
import { shareCommentsWith } from '../settings/share-comments';
import { syncWorkspace, workspaceDbs, type Refused, type Resolved } from './engine';
import { CouchClient } from './http';
import { TRAVELLING_STORES } from './layout';
import { livePages, watchChanges } from './live';
import { LIVE_PORT } from './live-port';
import { syncScheduler, type RunOutcome } from './schedule';
import type { SyncState } from './state';

/**
 * The workspace sync in the background: what it is connected to, its status (read by the
 * pages), and its checkpoints, all in extension storage. Nothing runs until the management
 * page connects; a default install makes no request.
 */

export interface WorkspaceConnection {
  /** The server's origin and path, no credentials: `https://couch.example.org`. */
  server: string;
  prefix: string;
  /** The CouchDB user signed in (the password is never stored). */
  user: string;
  partnershipIds: string[];
}

export type SyncStatusState = 'off' | 'syncing' | 'synced' | RunOutcome;

export interface SyncStatus {
  state: SyncStatusState;
  lastSyncedAt?: number;
  /** Records changed here since the last sync that finished. */
  waiting: number;
  /** Latest first, the last MAX_LISTED of each. */
  resolved: Array<Resolved & { at: number }>;
  refused: Array<Refused & { at: number }>;
  /** What stopped the last sync, for the status line. */
  detail?: string;
  /** Epoch ms: the next try waits until then (the server was away). */
  retryAt?: number;
}

const MAX_LISTED = 20;
export const SYNC_ALARM = 'pp-workspace-sync';
const ALARM_MINUTES = 5;

export const workspaceConnection = storage.defineItem<WorkspaceConnection | null>('local:workspace', {
  fallback: null,
});

export const syncStatus = storage.defineItem<SyncStatus>('local:workspaceStatus', {
  fallback: { state: 'off', waiting: 0, resolved: [], refused: [] },
});

const checkpoints = storage.defineItem<Record<string, string | number>>('local:workspaceCheckpoints', {
  fallback: {},
});

/** Checkpoints in extension storage (local-only). */
export const storageState: SyncState = {
  async getCheckpoint(server, db, direction) {
    return (await checkpoints.getValue())[`${direction} ${server} ${db}`];
  },
  async setCheckpoint(server, db, direction, value) {
    const all = await checkpoints.getValue();
    await checkpoints.setValue({ ...all, [`${direction} ${server} ${db}`]: value });
  },
};

/** Forget the workspace: local records stay; checkpoints go, so a later connection starts clean. */
export async function leaveWorkspace(): Promise<void> {
  await workspaceConnection.setValue(null);
  await checkpoints.setValue({});
  await syncStatus.setValue({ state: 'off', waiting: 0, resolved: [], refused: [] });
}

/** One sync of the stored connection, its outcome written to the status. */
export async function runSync(fetcher?: (input: string, init?: RequestInit) => Promise<Response>): Promise<RunOutcome> {
  const connection = await workspaceConnection.getValue();
  if (!connection) return 'ok';
  const before = await syncStatus.getValue();
  await syncStatus.setValue({ ...before, state: 'syncing' });
  let report;
  try {
    const db = await openRawPulseDb();
    if (!db) {
      // The database is older than this code (or not made yet): a page upgrades it when opened.
      await syncStatus.setValue({ ...before, state: 'waiting' });
      return 'waiting';
    }
    // Each request only while still connected: "Leave workspace" during a sync stops it there
    // (what is thrown only ends the sync: its status is not written, below).
    const send = async (input: string, init?: RequestInit) => {
      if (!(await workspaceConnection.getValue())) throw 0;
      return (fetcher ?? fetch)(input, init);
    };
    report = await syncWorkspace(db, new CouchClient(connection.server, send), connection, storageState, {
      shareCommentsWith: await shareCommentsWith.getValue(),
    });
  } catch (error) {
    // Failed here, not on the server (the database newer than this code, say): said, never left "syncing".
    await syncStatus.setValue({
      ...before,
      state: 'server',
      detail: t('syncLocalFailed', (error as Error).name),
    });
    return 'server';
  }
  // Left meanwhile: the status stays as leaving set it.
  if (!(await workspaceConnection.getValue())) return 'ok';
  const at = Date.now();
  const status = await syncStatus.getValue();
  const outcome: RunOutcome = report.error?.kind ?? 'ok';
  await syncStatus.setValue({
    state: outcome === 'ok' ? 'synced' : outcome,
    lastSyncedAt: outcome === 'ok' ? at : status.lastSyncedAt,
    waiting: outcome === 'ok' ? 0 : status.waiting,
    resolved: [...report.resolved.map((r) => ({ ...r, at })), ...status.resolved].slice(0, MAX_LISTED),
    refused: [...report.refused.map((r) => ({ ...r, at })), ...status.refused].slice(0, MAX_LISTED),
    ...(report.error ? { detail: report.error.detail } : {}),
  });
  return outcome;
}

const travelling = new Set<string>(TRAVELLING_STORES);

/**
 * Whether a change here has something for the workspace: records of a travelling store. Only
 * pulses have a local-only part (their totals), so a `localOnly` mark counts on pulses alone: on
 * another store it is forged by some extension page and must not hold a push back.
 */
export function startsPush(change: Change): boolean {
  return travelling.has(change.store) && !(change.localOnly && change.store === 'pulses');
}

/** Wires the scheduler to local changes, the alarm, the server's changes while a page is open, and "sync now". */
export function startWorkspaceSync(): void {
  const scheduler = syncScheduler(() => runSync());
  onChange((change) => {
    if (!startsPush(change)) return;
    void (async () => {
      if (!(await workspaceConnection.getValue())) return;
      const status = await syncStatus.getValue();
      await syncStatus.setValue({ ...status, waiting: status.waiting + change.ids.length });
      scheduler.changed();
    })();
  });
  // `alarms` is an optional permission, granted when connecting: absent before.
  const armAlarm = () => {
    if (browser.alarms) void browser.alarms.create(SYNC_ALARM, { periodInMinutes: ALARM_MINUTES });
  };
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) scheduler.now();
  });
  // Live while any extension page is open: the server's changes start a sync.
  const live = livePages(async (signal) => {
    const connection = await workspaceConnection.getValue();
    if (!connection || signal.aborted) return;
    const client = new CouchClient(connection.server);
    const dbs = workspaceDbs(connection).map((db) => db.name);
    const sinceOf = (db: string) => storageState.getCheckpoint(client.base, db, 'pull');
    await watchChanges({ client, dbs, sinceOf }, () => scheduler.now(), signal);
  });
  workspaceConnection.watch(() => live.restart());
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LIVE_PORT) return;
    live.opened();
    scheduler.now();
    port.onDisconnect.addListener(() => live.closed());
  });
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Only the extension's own pages; the type is all a SyncNowMessage carries (type-only import: no code here).
    if (sender.id !== browser.runtime.id || (message as Partial<SyncNowMessage> | null)?.type !== 'pp:sync-now') return;
    armAlarm();
    scheduler.now(true);
  });
  void workspaceConnection.getValue().then((connection) => {
    if (connection) {
      armAlarm();
      scheduler.now();
    }
  });
}
