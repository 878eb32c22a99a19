import { openDB } from 'idb';
import { DB_NAME, DB_VERSION, type PulseDB, type PulseDatabase } from './schema';
import { upgrade } from './upgrade';

/**
 * - `blocked`: another page still holds an older version open, so this one waits.
 * - `blocking`: a newer version wants to open; this page closed its connection and must reload.
 */
export type DbBlockState = 'blocked' | 'blocking' | null;
export type DbBlockListener = (state: DbBlockState) => void;

const connections = new Map<string, Promise<PulseDatabase>>();
const blockListeners = new Set<DbBlockListener>();
let blockState: DbBlockState = null;

function setBlockState(state: DbBlockState): void {
  if (state === blockState) return;
  blockState = state;
  for (const listener of [...blockListeners]) listener(state);
}

/** The shared connection for `name`, opened (and upgraded) once per page. */
export function openPulseDb(name: string = DB_NAME): Promise<PulseDatabase> {
  const existing = connections.get(name);
  if (existing) return existing;

  const opening = openDB<PulseDB>(name, DB_VERSION, {
    upgrade,
    blocked() {
      setBlockState('blocked');
    },
    blocking(_currentVersion, _blockedVersion, event) {
      // Let the newer version open instead of hanging it; this page can no longer write.
      (event.target as IDBDatabase).close();
      connections.delete(name);
      setBlockState('blocking');
    },
    terminated() {
      // The browser closed the connection (e.g. storage cleared): reopen on next use.
      connections.delete(name);
    },
  }).then(
    (db) => {
      if (blockState === 'blocked') setBlockState(null);
      return db;
    },
    (error: unknown) => {
      connections.delete(name);
      if (blockState === 'blocked') setBlockState(null);
      throw error;
    },
  );
  connections.set(name, opening);
  return opening;
}

/**
 * Calls `listener` now with the current state and again whenever it changes, so a view that
 * subscribes late still shows the message. Returns the unsubscribe function.
 */
export function onDbBlocked(listener: DbBlockListener): () => void {
  blockListeners.add(listener);
  listener(blockState);
  return () => {
    blockListeners.delete(listener);
  };
}

/** Close and forget the connection for `name` (every connection when omitted). For tests. */
export async function closePulseDb(name?: string): Promise<void> {
  const names = name === undefined ? [...connections.keys()] : [name];
  for (const each of names) {
    const opening = connections.get(each);
    connections.delete(each);
    if (!opening) continue;
    try {
      (await opening).close();
    } catch {
      // It never opened: nothing to close.
    }
  }
  if (name === undefined) setBlockState(null);
}
