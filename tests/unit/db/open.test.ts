import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { closePulseDb, onDbBlocked, openPulseDb, type DbBlockState } from '../../../utils/db/open';
import { DB_VERSION, type PulseDB } from '../../../utils/db/schema';
import { upgrade } from '../../../utils/db/upgrade';
import { uniqueName } from './helpers';

function recordStates(): { states: DbBlockState[]; stop: () => void } {
  const states: DbBlockState[] = [];
  const stop = onDbBlocked((state) => states.push(state));
  states.length = 0; // drop the immediate call with the current state
  return { states, stop };
}

/** Waits for what must happen: fake-indexeddb's events can run past a fixed number of ticks under load. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });

describe('openPulseDb', { timeout: 30_000 }, () => {
  it('opens at the current version, once per name', async () => {
    const name = uniqueName('memo');
    const first = openPulseDb(name);
    expect(openPulseDb(name)).toBe(first);
    const db = await first;
    expect(db.version).toBe(DB_VERSION);
    expect(await openPulseDb(uniqueName('other'))).not.toBe(db);
  });

  it('closePulseDb forgets the connection so the next call reopens', async () => {
    const name = uniqueName('close');
    const db = await openPulseDb(name);
    await closePulseDb(name);
    const again = await openPulseDb(name);
    expect(again).not.toBe(db);
    expect(await again.count('purposeTags')).toBe(9);
  });

  it('tells a late subscriber the current state at once', () => {
    const seen: DbBlockState[] = [];
    const stop = onDbBlocked((state) => seen.push(state));
    stop();
    expect(seen).toEqual([null]);
  });

  it('reports "blocked" while another page holds an older version, and clears it once that closes', async () => {
    const name = uniqueName('blocked');
    // Another page, still on version 1, which does not give way.
    const old = await openDB<PulseDB>(name, 1, { upgrade });
    const { states, stop } = recordStates();

    const opening = openPulseDb(name);
    let opened = false;
    void opening.then(() => (opened = true));
    await until(() => expect(states).toEqual(['blocked']));
    expect(opened).toBe(false);

    old.close();
    const db = await opening;
    expect(db.version).toBe(DB_VERSION);
    expect(states).toEqual(['blocked', null]);
    stop();
  });

  it('closes this page\'s connection and reports "blocking" when a newer version wants to open', async () => {
    const name = uniqueName('blocking');
    const db = await openPulseDb(name);
    const { states, stop } = recordStates();

    // A newer build in another page. It would wait for ever if this page kept its connection.
    let newerBlocked = false;
    const newer = await openDB(name, DB_VERSION + 1, {
      blocked: () => {
        newerBlocked = true;
      },
    });
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(newerBlocked).toBe(false);
    expect(states).toEqual(['blocking']);

    // The old connection is closed: using it fails instead of hanging.
    expect(() => db.transaction('meetings')).toThrow();
    // And it is no longer handed out: reopening at the older version is refused.
    await expect(openPulseDb(name)).rejects.toThrow();
    newer.close();
    stop();
  });
});
