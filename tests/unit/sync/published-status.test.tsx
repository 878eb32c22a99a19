import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkspaceConnect } from '../../../components/manage/WorkspaceConnect';
import { syncStatus, workspaceConnection } from '../../../utils/sync/background';
import { freshDb } from '../db/helpers';
import {
  MAX_LISTED,
  notePublishedRefusals,
  publishedRefused,
  refusedList,
  type ListedRefusal,
} from '../../../utils/sync/published-status';

const DB = 'pp-p-d1111111-1111-4111-8111-111111111111';
/** Waits for what the page must show: storage reads can run past a fixed number of ticks under load. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });

const refusal = (id: string, at: number, direction: 'pull' | 'push' = 'pull'): ListedRefusal => ({
  db: DB,
  id,
  direction,
  reason: `reason for ${id}`,
  at,
});

/** Connected to a workspace sharing no partnership, as `user`. */
const connectAs = (user: string) =>
  workspaceConnection.setValue({ server: 'https://couch.example.org', prefix: 'pp-', user, partnershipIds: [] });

afterEach(async () => {
  await publishedRefused.setValue([]);
  await workspaceConnection.setValue(null);
  document.body.replaceChildren();
});

describe('published results refused, in the sync status', { timeout: 30_000 }, () => {
  it("lists the sync's refusals and the published results' together, latest first, at most MAX_LISTED", () => {
    const sync = [refusal('meetings:a', 30, 'push'), refusal('meetings:b', 10)];
    const published = [refusal('publishedResults:c', 20)];
    expect(refusedList(sync, published).map((r) => r.id)).toEqual(['meetings:a', 'publishedResults:c', 'meetings:b']);
    const many = Array.from({ length: MAX_LISTED + 5 }, (_, i) => refusal(`publishedResults:${i}`, i));
    const listed = refusedList(sync, many);
    expect(listed).toHaveLength(MAX_LISTED);
    expect(listed[0]!.id).toBe('meetings:a');
  });

  it("keeps the last pull's refusals: the same ones keep when they were first seen, fixed ones leave", async () => {
    const { at: _a, ...first } = refusal('publishedResults:x', 0);
    const { at: _b, ...second } = refusal('publishedResults:y', 0);
    await notePublishedRefusals([first, second], 1_000);
    expect((await publishedRefused.getValue()).map((r) => [r.id, r.at])).toEqual([
      ['publishedResults:x', 1_000],
      ['publishedResults:y', 1_000],
    ]);
    await notePublishedRefusals([first, second], 2_000);
    expect((await publishedRefused.getValue()).map((r) => r.at)).toEqual([1_000, 1_000]);
    // Fixed on the server: the next pull refuses only one.
    await notePublishedRefusals([second], 3_000);
    expect((await publishedRefused.getValue()).map((r) => [r.id, r.at])).toEqual([['publishedResults:y', 3_000]]);
    await notePublishedRefusals([], 4_000);
    expect(await publishedRefused.getValue()).toEqual([]);
  });

  it('the management page shows a refused published result beside the refused records of the sync', async () => {
    await connectAs('cora');
    await syncStatus.setValue({
      state: 'synced',
      lastSyncedAt: 1_000,
      waiting: 0,
      resolved: [],
      refused: [{ ...refusal('meetings:m1', 1_000), reason: 'it is dated 2030-01-01, in the future' }],
    });
    await publishedRefused.setValue([
      { ...refusal('publishedResults:p1', 2_000), reason: 'a group under the threshold is shown' },
    ]);
    const host = document.createElement('div');
    document.body.append(host);
    render(<WorkspaceConnect db={await freshDb('published-status')} />, host);
    const items = () => [...host.querySelectorAll('li')].map((li) => li.textContent);
    await until(() => expect(items()).toHaveLength(2));
    expect(items()).toEqual([
      // Named as the lead knows them (sync-status.test.tsx); neither is here, since both were refused.
      'Not stored from the server (published results this browser does not have): a group under the threshold is shown',
      'Not stored from the server (a meeting this browser does not have): it is dated 2030-01-01, in the future',
    ]);
    // A later pull finds nothing wrong: the list follows.
    await publishedRefused.setValue([]);
    await until(() => expect(items()).toHaveLength(1));
    expect(items()).toEqual([
      'Not stored from the server (a meeting this browser does not have): it is dated 2030-01-01, in the future',
    ]);
    render(null, host);
  });

  it('says when pulse results are published: at the close by the next sync, no page needed, unless changed elsewhere since a page was open', async () => {
    await connectAs('ana');
    await syncStatus.setValue({ state: 'synced', lastSyncedAt: 1_000, waiting: 0, resolved: [], refused: [] });
    const host = document.createElement('div');
    document.body.append(host);
    render(<WorkspaceConnect db={await freshDb('published-line')} />, host);
    const status = () => host.querySelector('[aria-live="polite"]')?.textContent ?? '';
    await until(() => expect(status()).toContain('Last synced'));
    expect(status()).toContain(
      "A pulse's results are published when it closes, by the next sync, even with none of the extension's pages open. If the pulse or its partnership was changed on another computer since a page was last open, they wait until one of the extension's pages (the side panel, the dashboard or this page) opens.",
    );
    render(null, host);
  });
});
