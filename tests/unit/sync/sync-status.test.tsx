import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkspaceConnect } from '../../../components/manage/WorkspaceConnect';
import { syncStatus, workspaceConnection, type SyncStatus } from '../../../utils/sync/background';
import { formatDateTime } from '../../../utils/i18n/format';
import { freshDb } from '../db/helpers';

const DB = 'pp-p-d1111111-1111-4111-8111-111111111111';
const LAST = Date.UTC(2026, 11, 1, 9, 30);
/** Waits for what the page must show: storage reads can run past a fixed number of ticks under load. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });

afterEach(async () => {
  await syncStatus.setValue({ state: 'off', waiting: 0, resolved: [], refused: [] });
  await workspaceConnection.setValue(null);
  document.body.replaceChildren();
});

/** The management page's workspace section, connected, showing `status`: its text. */
async function shown(status: SyncStatus): Promise<() => string> {
  await workspaceConnection.setValue({
    server: 'https://couch.example.org',
    prefix: 'pp-',
    user: 'ana',
    partnershipIds: [],
  });
  await syncStatus.setValue(status);
  const host = document.createElement('div');
  document.body.append(host);
  render(<WorkspaceConnect db={await freshDb('sync-status')} />, host);
  return () => host.textContent ?? '';
}

describe('the sync status where the lead looks (issue 14)', { timeout: 30_000 }, () => {
  it('says when it last synced and how many changes wait', async () => {
    const text = await shown({ state: 'synced', lastSyncedAt: LAST, waiting: 3, resolved: [], refused: [] });
    await until(() => expect(text()).toContain(`Last synced ${formatDateTime(LAST)}.`));
    expect(text()).toContain('3 changes waiting.');
  });

  it('says offline since the last sync, with the changes that wait here', async () => {
    const text = await shown({ state: 'offline', lastSyncedAt: LAST, waiting: 1, resolved: [], refused: [] });
    await until(() => expect(text()).toContain(`Offline since the last sync (${formatDateTime(LAST)})`));
    expect(text()).toContain('1 change waiting.');
  });

  it('says signed out, and that changes wait', async () => {
    const text = await shown({ state: 'signed-out', lastSyncedAt: LAST, waiting: 2, resolved: [], refused: [] });
    await until(() => expect(text()).toContain('Signed out (the session ended): sign in again to sync.'));
    expect(text()).toContain('2 changes waiting.');
  });

  it('names the record of a conflict and which edit was kept, and a write the server refused with its reason', async () => {
    const text = await shown({
      state: 'synced',
      lastSyncedAt: LAST,
      waiting: 0,
      resolved: [
        { db: DB, store: 'meetings', id: 'm-here', kept: 'here', at: LAST },
        { db: DB, store: 'meetings', id: 'm-there', kept: 'server', at: LAST },
      ],
      refused: [
        {
          db: DB,
          id: 'meetings:m-bad',
          direction: 'push',
          reason: 'The updatedAt of the record is in the future.',
          at: LAST,
        },
      ],
    });
    await until(() => expect(text()).toContain('The server refused a change'));
    expect(text()).toContain(`Edited in two places (m-here): your edit was newer and kept (${formatDateTime(LAST)}).`);
    expect(text()).toContain(
      `Edited in two places (m-there): a newer edit from the workspace was kept (${formatDateTime(LAST)}).`,
    );
    expect(text()).toContain(
      'The server refused a change (meetings:m-bad): The updatedAt of the record is in the future.',
    );
    expect(text()).not.toContain('changes waiting');
  });
});
