import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkspaceConnect } from '../../../components/manage/WorkspaceConnect';
import { syncStatus, workspaceConnection, type SyncStatus } from '../../../utils/sync/background';
import type { PulseDatabase } from '../../../utils/db/schema';
import { formatDate, formatDateTime } from '../../../utils/i18n/format';
import { meeting, organisation, partnership, uuid } from '../../factories';
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
async function shown(status: SyncStatus, db?: PulseDatabase): Promise<() => string> {
  await workspaceConnection.setValue({
    server: 'https://couch.example.org',
    prefix: 'pp-',
    user: 'ana',
    partnershipIds: [],
  });
  await syncStatus.setValue(status);
  const host = document.createElement('div');
  document.body.append(host);
  render(<WorkspaceConnect db={db ?? (await freshDb('sync-status'))} />, host);
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

  it('names the record of a conflict as the lead knows it and which edit was kept, and a write the server refused with its reason', async () => {
    const db = await freshDb('sync-status-names');
    const steering = meeting({ id: uuid(1), partnershipId: uuid(9), title: 'Steering group', startAt: LAST });
    await db.put('partnerships', partnership({ id: uuid(9), name: 'Hartside Food Partnership' }));
    await db.put('partnerships', partnership({ id: DB.slice('pp-p-'.length), name: 'Northmoor Partnership' }));
    await db.put('meetings', steering);
    await db.put('organisations', organisation({ id: uuid(2), name: 'Age UK Hartside' }));
    await db.put('meetings', meeting({ id: uuid(3), partnershipId: uuid(9), title: 'Old plan', deletedAt: LAST }));
    await db.put('organisations', organisation({ id: uuid(5), name: 'x'.repeat(10_000) }));
    const text = await shown(
      {
        state: 'synced',
        lastSyncedAt: LAST,
        waiting: 0,
        resolved: [
          { db: DB, store: 'meetings', id: uuid(1), kept: 'here', at: LAST },
          { db: 'pp-directory', store: 'organisations', id: uuid(2), kept: 'server', at: LAST },
          { db: DB, store: 'meetings', id: uuid(3), kept: 'server', at: LAST },
          { db: DB, store: 'meetings', id: uuid(4), kept: 'here', at: LAST },
          { db: 'pp-directory', store: 'organisations', id: uuid(5), kept: 'server', at: LAST },
        ],
        refused: [
          {
            db: DB,
            id: 'meetings:m-bad',
            direction: 'push',
            reason: 'The updatedAt of the record is in the future.',
            at: LAST,
          },
          { db: DB, id: `meetings:${uuid(1)}`, direction: 'push', reason: 'x'.repeat(10_000), at: LAST },
          { db: DB, direction: 'pull', reason: 'not a list of rows', at: LAST },
          { db: 'pp-directory', id: 'nonsense', direction: 'pull', reason: '<b>not a document</b>', at: LAST },
        ],
      },
      db,
    );
    const day = formatDate(LAST, { dateStyle: 'full' });
    const when = formatDateTime(LAST);
    await until(() =>
      expect(text()).toContain(
        `Edited in two places: your edit to the meeting “Steering group” on ${day} was newer and kept (${when}).`,
      ),
    );
    expect(text()).toContain(
      `Edited in two places: a newer edit to the organisation “Age UK Hartside” from the workspace was kept (${when}).`,
    );
    // A deleted record (a tombstone), or none here at all, still says what kind it was, never its id.
    expect(text()).toContain(
      `Edited in two places: a newer edit to a deleted meeting from the workspace was kept (${when}).`,
    );
    expect(text()).toContain(
      `Edited in two places: your edit to a meeting this browser does not have was newer and kept (${when}).`,
    );
    expect(text()).not.toContain(uuid(3));
    expect(text()).not.toContain(uuid(4));
    // A hostile server's 10,000-character name is shortened for the status line.
    expect(text()).toContain(`the organisation “${'x'.repeat(79)}…” from the workspace`);
    expect(text()).not.toContain('x'.repeat(200));
    // A refused write is named as its record is; one not here by its kind, a whole database by its partnership.
    expect(text()).toContain(
      'The server refused a change (a meeting this browser does not have): The updatedAt of the record is in the future.',
    );
    expect(text()).toContain(
      `The server refused a change (the meeting “Steering group” on ${day}): ${'x'.repeat(199)}…`,
    );
    expect(text()).toContain(
      'Not stored from the server (the partnership “Northmoor Partnership”): not a list of rows',
    );
    // An id that names no record is shown as text, and so is a reason, never as HTML.
    expect(text()).toContain('Not stored from the server (nonsense): <b>not a document</b>');
    expect(text()).not.toContain('m-bad');
    expect(text()).not.toContain('changes waiting');
  });
});
