import { initWorkspace, type WorkspaceConfig } from '../../../scripts/workspace/init';
import { meeting } from '../../factories';
import { TEST_DB_PREFIX, startCouch, type Couch } from '../../harness/couch';

/** A user of a test workspace: `pp-test-<first>`, with the password `<first>-password`. */
export const testUser = (first: string, role: 'lead' | 'coordinator' = 'lead') => ({
  name: `pp-test-${first}`,
  role,
  password: `${first}-password`,
});

/** Starts the CouchDB for tests and sets a workspace up on it under a fresh prefix. */
export async function startWorkspace(
  partnerships: WorkspaceConfig['partnerships'],
  users: WorkspaceConfig['users'],
): Promise<{ couch: Couch; prefix: string }> {
  const couch = await startCouch();
  const prefix = `${TEST_DB_PREFIX}${crypto.randomUUID().slice(0, 8)}-`;
  try {
    await initWorkspace({ url: couch.url, admin: couch.admin, config: { prefix, partnerships, users } });
  } catch (error) {
    await couch.stop();
    throw error;
  }
  return { couch, prefix };
}

/** Requests as one CouchDB user (basic auth), for checking what the server lets them do. */
export function asUser(couch: Couch, name: string, password: string) {
  const authorization = `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${couch.url}${path}`, {
      method,
      headers: { Authorization: authorization, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Left as text.
    }
    return { status: response.status, body: parsed };
  };
  return {
    get: (path: string) => call('GET', path),
    put: (path: string, body: unknown) => call('PUT', path, body),
    post: (path: string, body: unknown) => call('POST', path, body),
    delete: (path: string) => call('DELETE', path),
  };
}

/** A meeting as it travels (see utils/sync/layout.ts). */
export function meetingDoc(id: string, partnershipId: string, updatedAt = 1_700_000_000_000) {
  const record = meeting({
    id,
    partnershipId,
    title: `Meeting ${id}`,
    createdAt: updatedAt,
    updatedAt,
    startAt: updatedAt,
  });
  return { ...record, _id: `meetings:${id}`, type: 'meetings' };
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
