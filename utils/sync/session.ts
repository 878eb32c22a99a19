import { t } from '../i18n/messages';
import { CouchClient, SyncError } from './http';

/**
 * CouchDB's cookie session. The password goes to the server once, in the sign-in request, and
 * is kept nowhere; the browser holds the `AuthSession` cookie, which the server renews.
 */

export interface SessionUser {
  name: string;
  roles: string[];
}

function userOf(body: unknown, where: string): SessionUser | null {
  const ctx = (body as { userCtx?: { name?: unknown; roles?: unknown } } | null)?.userCtx;
  const flat = body as { name?: unknown; roles?: unknown } | null;
  const name = ctx ? ctx.name : flat?.name;
  const roles = ctx ? ctx.roles : flat?.roles;
  if (name === null || name === undefined) return null;
  if (typeof name !== 'string' || !Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
    throw new SyncError('malformed', t('syncNotSession', where));
  }
  return { name, roles: roles as string[] };
}

export async function signIn(client: CouchClient, name: string, password: string): Promise<SessionUser> {
  const user = userOf(await client.request('POST', '/_session', { body: { name, password } }), 'POST /_session');
  if (!user) throw new SyncError('signed-out', t('syncNoSignIn'));
  return user;
}

/** Who the cookie signs in as, or null when signed out (or the session expired). */
export async function currentUser(client: CouchClient): Promise<SessionUser | null> {
  return userOf(await client.request('GET', '/_session'), 'GET /_session');
}

export async function signOut(client: CouchClient): Promise<void> {
  await client.request('DELETE', '/_session');
}
