/**
 * Where the sync keeps its checkpoints in this browser: per server and database, how far the
 * pull read the server's changes (its `seq`), and up to which `updatedAt` the push sent ours.
 * Local-only; never a password.
 */
export interface SyncState {
  getCheckpoint(server: string, db: string, direction: 'pull' | 'push'): Promise<string | number | undefined>;
  setCheckpoint(server: string, db: string, direction: 'pull' | 'push', value: string | number): Promise<void>;
}

const key = (server: string, db: string, direction: string) => `${direction} ${server} ${db}`;

/** Checkpoints in a plain map: a key-value store's backing (extension storage) or tests. */
export function mapState(map: Map<string, string | number> = new Map()): SyncState {
  return {
    getCheckpoint: async (server, db, direction) => map.get(key(server, db, direction)),
    setCheckpoint: async (server, db, direction, value) => {
      map.set(key(server, db, direction), value);
    },
  };
}
