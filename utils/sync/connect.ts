import { browser } from '#imports';
import type { SyncNowMessage } from '../browser/messaging';
import { SYNC_ALARM, workspaceConnection, type WorkspaceConnection } from './background';
import { CouchClient, SyncError } from './http';
import {
  COORDINATOR_ROLE,
  WORKSPACE_DOC_ID,
  coordinatorsDb,
  isValidPrefix,
  listedPartnerships,
  userDb,
  type ListedPartnership,
} from './layout';
import { originPattern, serverPermissionRequest, type OfferedPermissions } from './permissions';
import { signIn, signOut, type SessionUser } from './session';

/** The management page's connect screen, as plain steps (components/manage/WorkspaceConnect.tsx). */

export type ConnectProblem = 'badAddress' | 'badPrefix' | 'permissionDenied' | 'sampleData' | SyncError['kind'];

export class ConnectError extends Error {
  constructor(
    readonly problem: ConnectProblem,
    readonly detail = '',
  ) {
    super(`${problem} ${detail}`);
    this.name = 'ConnectError';
  }
}

/** This computer's own addresses: the only ones plain http may reach (a test or demo server). */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * The address as stored: origin and path, no credentials, query or trailing slash. Plain http
 * only to this computer: over a network anyone on the way would read the password and every
 * record, and could answer in the server's place.
 */
export function normaliseServer(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
  if (!secure || url.username || url.password) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Asks for the host permission of that one server (and the alarm) now: call it straight from
 * the click, before anything is awaited, or the browser refuses to show its prompt.
 */
export function requestServerPermission(server: string): Promise<boolean> {
  const request = serverPermissionRequest(server, browser.runtime.getManifest() as OfferedPermissions);
  if (!request) return Promise.resolve(false);
  // `data_collection` (Firefox 140+) is not in the browser API's types yet.
  return browser.permissions.request(request as Parameters<typeof browser.permissions.request>[0]);
}

/** A partnership offered to sync, with how it shares attendance (attendance.ts). */
export type Offered = ListedPartnership;

/**
 * Signs in (the password goes to the server only) and reads which of the workspace's
 * partnerships this user may sync: the ones they lead, or every one for a coordinator.
 */
export async function signInAndList(
  server: string,
  prefix: string,
  name: string,
  password: string,
): Promise<{ user: string; offered: Offered[] }> {
  if (!isValidPrefix(prefix)) throw new ConnectError('badPrefix');
  const client = new CouchClient(server);
  try {
    const user = await signIn(client, name, password);
    return { user: user.name, offered: await readOffered(client, prefix, user) };
  } catch (error) {
    if (error instanceof SyncError) throw new ConnectError(error.kind, error.detail);
    throw error;
  }
}

/**
 * The partnerships this signed-in user may sync: a coordinator's come from the coordinators'
 * list (every one), a lead's from their own list, which holds only theirs (the directory names
 * no partnership: docs/workspace.md).
 */
export async function readOffered(client: CouchClient, prefix: string, user: SessionUser): Promise<Offered[]> {
  const coordinator = user.roles.includes(COORDINATOR_ROLE);
  const db = coordinator ? coordinatorsDb(prefix) : userDb(prefix, user.name);
  const answer = await client.request('GET', `/${encodeURIComponent(db)}/${encodeURIComponent(WORKSPACE_DOC_ID)}`);
  return listedPartnerships(answer);
}

/** Saves the connection and starts a sync in the background. */
export async function saveConnection(connection: WorkspaceConnection): Promise<void> {
  await workspaceConnection.setValue(connection);
  await syncNow();
}

export async function syncNow(): Promise<void> {
  const message: SyncNowMessage = { type: 'pp:sync-now' };
  try {
    await browser.runtime.sendMessage(message);
  } catch {
    // No background listening (tests): the alarm or the next change starts it.
  }
}

/** Signs out on the server; the caller then forgets the workspace (local records stay). */
export async function signOutOf(server: string): Promise<void> {
  try {
    await signOut(new CouchClient(server));
  } catch {
    // Away or already signed out: leaving goes on regardless.
  }
}

/**
 * Gives back what connecting asked for: the host permission of that server (the extension can
 * then reach it no more) and the sync's alarm. A permission the browser will not give back (one
 * the manifest requires, as in tests) stays; leaving goes on regardless.
 */
export async function releaseServer(server: string): Promise<void> {
  await browser.alarms?.clear(SYNC_ALARM).catch(() => false);
  const pattern = originPattern(server);
  if (pattern) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
}
