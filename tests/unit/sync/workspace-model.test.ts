import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '#imports';
import { shareCommentsWith } from '../../../utils/settings/settings';
import { syncStatus, workspaceConnection, type WorkspaceConnection } from '../../../utils/sync/background';
import { ConnectError, type Offered } from '../../../utils/sync/connect';
import { DEFAULT_PREFIX } from '../../../utils/sync/layout';
import { publishedRefused, type ListedRefusal } from '../../../utils/sync/published-status';
import { WorkspaceModel, type WorkspaceCalls } from '../../../utils/sync/workspace-model';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const P3 = '33333333-3333-4333-8333-333333333333';
const CONNECTION: WorkspaceConnection = {
  server: 'https://couch.example.org',
  prefix: 'pp-riverside-',
  user: 'ana',
  partnershipIds: [P1],
};
const offer = (id: string, name: string): Offered => ({ id, name, attendance: 'people' });

const until = (check: () => Promise<void> | void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });

/** The browser's prompt and the server, as a test wants them; each call recorded. */
function calls(over: Partial<WorkspaceCalls> = {}) {
  const asked: string[] = [];
  const record: WorkspaceCalls = {
    requestPermission: async (server) => (asked.push(`permission ${server}`), true),
    signIn: async (server, prefix, name) => (
      asked.push(`sign in ${server} ${prefix} ${name}`),
      { user: name, offered: [offer(P1, 'Riverside'), offer(P2, 'Harbour')] }
    ),
    signOut: async (server) => void asked.push(`sign out ${server}`),
    release: async (server) => void asked.push(`release ${server}`),
    sampleWouldTravel: async (ids) => (asked.push(`sample? ${ids.join(' ')}`), false),
    ...over,
  };
  return { record, asked };
}

const models: WorkspaceModel[] = [];
function open(model: WorkspaceModel): WorkspaceModel {
  models.push(model);
  return model;
}
afterEach(() => {
  models.splice(0).forEach((model) => model[Symbol.dispose]());
  vi.restoreAllMocks();
});

async function connected(record = calls().record) {
  await workspaceConnection.setValue(CONNECTION);
  const model = open(new WorkspaceModel(record));
  await until(() => expect(model.connection.value).toEqual(CONNECTION));
  return model;
}

describe('the workspace section’s model', { timeout: 30_000 }, () => {
  it('shows the stored connection in the fields, what is shared, and the sync’s status with every refusal', async () => {
    const refusedHere: ListedRefusal = {
      db: 'pp-riverside-p1',
      id: 'o1',
      direction: 'push',
      reason: 'forbidden',
      at: 1,
    };
    const refusedPull: ListedRefusal = {
      db: 'pp-riverside-p1',
      id: 'r1',
      direction: 'pull',
      reason: 'malformed',
      at: 2,
    };
    await syncStatus.setValue({ state: 'synced', waiting: 2, resolved: [], refused: [refusedHere] });
    await publishedRefused.setValue([refusedPull]);
    await shareCommentsWith.setValue([P1]);
    const model = await connected();
    expect(model.server.value).toBe(CONNECTION.server);
    expect(model.prefix.value).toBe(CONNECTION.prefix);
    expect(model.user.value).toBe('ana');
    expect(model.shared.value).toEqual([P1]);
    await until(() => expect(model.comments.value).toEqual([P1]));
    await until(() => expect(model.refused.value).toEqual([refusedPull, refusedHere]));
    expect(model.status.value?.state).toBe('synced');
  });

  it('shows a connection, a share, a status and refusals changed in another page', async () => {
    const model = await connected();
    // Another extension page writes the same storage area.
    await fakeBrowser.storage.local.set({
      workspace: { ...CONNECTION, partnershipIds: [P1, P2] },
      shareCommentsWith: [P2],
      workspaceStatus: { state: 'offline', waiting: 1, resolved: [], refused: [] },
      workspacePublishedRefused: [{ db: 'd', direction: 'pull', reason: 'bad', at: 3 }],
    });
    await until(() => expect(model.shared.value).toEqual([P1, P2]));
    await until(() => expect(model.comments.value).toEqual([P2]));
    await until(() => expect(model.status.value?.state).toBe('offline'));
    await until(() => expect(model.refused.value.map((r) => r.reason)).toEqual(['bad']));
    await fakeBrowser.storage.local.set({ workspace: null });
    await until(() => expect(model.connection.value).toBeNull());
    expect(model.shared.value).toEqual([]);
    expect(model.server.value).toBe('');
    expect(model.prefix.value).toBe(DEFAULT_PREFIX);
  });

  it('keeps ticks not yet saved when another page changes what is shared, and follows storage again once it holds them', async () => {
    const model = await connected();
    model.setShared([P1, P3]);
    model.setComments([P3]);
    await fakeBrowser.storage.local.set({
      workspace: { ...CONNECTION, partnershipIds: [P2] },
      shareCommentsWith: [P2],
    });
    await until(() => expect(model.connection.value?.partnershipIds).toEqual([P2]));
    expect(model.shared.value).toEqual([P1, P3]);
    expect(model.comments.value).toEqual([P3]);
    // Another page saves the same ticks: stored and shown agree, and later changes show again.
    await fakeBrowser.storage.local.set({ workspace: { ...CONNECTION, partnershipIds: [P3, P1] } });
    await fakeBrowser.storage.local.set({ workspace: { ...CONNECTION, partnershipIds: [P2] } });
    await until(() => expect(model.shared.value).toEqual([P2]));
  });

  it('keeps what is typed over the stored connection, an emptied user name included', async () => {
    const model = await connected();
    model.setPrefix('pp-harbour-');
    model.setUser('');
    await fakeBrowser.storage.local.set({ workspace: { ...CONNECTION, prefix: 'pp-other-', user: 'ben' } });
    await until(() => expect(model.connection.value?.user).toBe('ben'));
    expect(model.prefix.value).toBe('pp-harbour-');
    expect(model.user.value).toBe('');
  });

  it('keeps an emptied server field empty, and says the missing address at that field on connecting', async () => {
    const { record, asked } = calls();
    const model = await connected(record);
    model.setServer('');
    expect(model.server.value).toBe('');
    await fakeBrowser.storage.local.set({ workspace: { ...CONNECTION, user: 'ben' } });
    await until(() => expect(model.connection.value?.user).toBe('ben'));
    expect(model.server.value).toBe('');
    await model.connect();
    expect(model.fieldProblem.value).toEqual({ field: 'server', problem: 'badAddress' });
    expect(asked).toEqual([]);
    expect(await workspaceConnection.getValue()).toEqual({ ...CONNECTION, user: 'ben' });
  });

  it('says a bad address or prefix at its field, asks no permission and stores nothing', async () => {
    const { record, asked } = calls();
    const model = open(new WorkspaceModel(record));
    model.setServer('http://couch.example.org');
    await model.connect();
    expect(model.fieldProblem.value).toEqual({ field: 'server', problem: 'badAddress' });
    model.setServer('https://couch.example.org');
    model.setPrefix('Bad Prefix');
    await model.connect();
    expect(model.fieldProblem.value).toEqual({ field: 'prefix', problem: 'badPrefix' });
    expect(asked).toEqual([]);
    expect(await workspaceConnection.getValue()).toBeNull();
  });

  it('says which server the browser was refused, and stores nothing', async () => {
    const { record } = calls({ requestPermission: async () => false });
    const model = open(new WorkspaceModel(record));
    model.setServer('https://couch.example.org/');
    model.setPassword('secret');
    await model.connect();
    expect(model.problem.value).toEqual({ problem: 'permissionDenied', detail: 'https://couch.example.org' });
    expect(model.fieldProblem.value).toBeNull();
    expect(model.busy.value).toBe(false);
    expect(model.password.value).toBe('secret');
    expect(await workspaceConnection.getValue()).toBeNull();
  });

  it('says what the server refused, keeping the password typed', async () => {
    const { record } = calls({
      signIn: async () => {
        throw new ConnectError('signed-out', 'Name or password is incorrect.');
      },
    });
    const model = open(new WorkspaceModel(record));
    model.setServer('https://couch.example.org');
    model.setPassword('wrong');
    await model.connect();
    expect(model.problem.value).toEqual({ problem: 'signed-out', detail: 'Name or password is incorrect.' });
    expect(model.password.value).toBe('wrong');
    expect(await workspaceConnection.getValue()).toBeNull();
  });

  it("refuses a workspace this browser's sample data would travel to: signs out again, stores nothing", async () => {
    const { record, asked } = calls({
      sampleWouldTravel: async (ids) => (asked.push(`sample? ${ids.join(' ')}`), true),
    });
    const model = open(new WorkspaceModel(record));
    model.setServer('https://couch.example.org');
    model.setPassword('secret');
    await model.connect();
    expect(model.problem.value).toEqual({ problem: 'sampleData', detail: '' });
    expect(asked.slice(-2)).toEqual([`sample? ${P1} ${P2}`, 'sign out https://couch.example.org']);
    expect(model.offered.value).toBeNull();
    expect(await workspaceConnection.getValue()).toBeNull();
  });

  it('signs in, lists what is offered, keeps only offered partnerships shared and saves the connection', async () => {
    const { record, asked } = calls();
    await workspaceConnection.setValue({ ...CONNECTION, partnershipIds: [P1, P3] });
    const model = open(new WorkspaceModel(record));
    await until(() => expect(model.shared.value).toEqual([P1, P3]));
    model.setPassword('secret');
    await model.connect();
    expect(asked).toEqual([
      `permission ${CONNECTION.server}`,
      `sign in ${CONNECTION.server} pp-riverside- ana`,
      `sample? ${P1} ${P2}`,
    ]);
    expect(model.problem.value).toBeNull();
    expect(model.password.value).toBe('');
    expect(model.offered.value?.map((p) => p.id)).toEqual([P1, P2]);
    expect(model.shared.value).toEqual([P1]);
    expect(await workspaceConnection.getValue()).toEqual(CONNECTION);
    // The password went to the server only: no storage area holds it.
    for (const area of [fakeBrowser.storage.local, fakeBrowser.storage.session, fakeBrowser.storage.sync]) {
      expect(JSON.stringify(await area.get(null))).not.toContain('secret');
    }
  });

  it('saves what is shared, with comments only for partnerships shared', async () => {
    const model = await connected();
    model.setShared([P1, P2]);
    model.setComments([P2, P3]);
    await model.saveShared();
    expect(await workspaceConnection.getValue()).toEqual({ ...CONNECTION, partnershipIds: [P1, P2] });
    expect(await shareCommentsWith.getValue()).toEqual([P2]);
    expect(model.note.value).toBe('workspaceShareSaved');
    await until(() => expect(model.comments.value).toEqual([P2]));
  });

  it('leaves: signs out, gives the server back, forgets the connection and the refusals', async () => {
    const { record, asked } = calls();
    await publishedRefused.setValue([{ db: 'd', direction: 'pull', reason: 'bad', at: 3 }]);
    const model = await connected(record);
    await model.leave();
    expect(asked).toEqual([`sign out ${CONNECTION.server}`, `release ${CONNECTION.server}`]);
    expect(await workspaceConnection.getValue()).toBeNull();
    expect(await publishedRefused.getValue()).toEqual([]);
    expect(model.note.value).toBe('workspaceLeft');
    await until(() => expect(model.connection.value).toBeNull());
    expect(model.shared.value).toEqual([]);
    expect(model.refused.value).toEqual([]);
  });
});
