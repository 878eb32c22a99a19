import { afterEach, describe, expect, it } from 'vitest';
import { closePulseDb, openPulseDb } from '../../../utils/db/open';
import { DB_NAME } from '../../../utils/db/schema';
import { leaveWorkspace, syncStatus, workspaceConnection } from '../../../utils/sync/background';
import { meeting, organisation, partnership, putAll } from '../../factories';

const P1 = 'a1111111-1111-4111-8111-111111111111';

afterEach(async () => {
  await closePulseDb();
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = req.onerror = () => resolve();
  });
});

describe('leaving a workspace (issue 14)', () => {
  it('forgets the connection and keeps every record in this browser', async () => {
    const db = await openPulseDb();
    await putAll(db, {
      partnerships: [partnership({ id: P1, name: 'Food bank' })],
      organisations: [organisation({ id: 'o1', name: 'Age UK' })],
      meetings: [meeting({ id: 'm1', partnershipId: P1 })],
    });
    const before = JSON.stringify(
      await Promise.all((['partnerships', 'organisations', 'meetings'] as const).map((s) => db.getAll(s))),
    );
    await workspaceConnection.setValue({
      server: 'https://couch.example.org',
      prefix: 'pp-',
      user: 'ana',
      partnershipIds: [P1],
    });
    await leaveWorkspace();
    expect(await workspaceConnection.getValue()).toBeNull();
    expect((await syncStatus.getValue()).state).toBe('off');
    const after = JSON.stringify(
      await Promise.all((['partnerships', 'organisations', 'meetings'] as const).map((s) => db.getAll(s))),
    );
    expect(after).toBe(before);
    expect(after).toContain('Food bank');
  });
});
