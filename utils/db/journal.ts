import { inRawTransaction } from './raw-open';
import { request } from './raw-store';

/**
 * The change journal (issue 14). The workspace push finds local changes by `updatedAt` after its
 * checkpoint, but a record's `updatedAt` is its edit stamp, kept by every merge: a backup from an
 * old laptop, a CSV import or anything else written here with an older stamp would never be
 * pushed. So each such write also notes the oldest stamp it wrote, in the same transaction as the
 * records, as a key of the local-only `journal` store: the "rewind" marks. The sync moves its push
 * checkpoints back to the oldest mark before pushing (utils/sync/engine.ts), and the push sends
 * whatever the server does not hold yet (a record already there costs one `_all_docs` row). No
 * list of record keys is kept, settled per database or cleaned up record by record. The sync's
 * own pull writes no mark: what it wrote came from the server.
 */

/** Inside a readwrite transaction over `journal`: records stamped `oldest` or later were written in it. */
export function journalWrites(tx: IDBTransaction, oldest: number): void {
  tx.objectStore('journal').put(oldest, oldest);
}

/**
 * The oldest mark, or undefined. With `clear` (a mark read before, once the push checkpoints are
 * behind it): first removes the marks from `clear` on, so a mark written since that is older stays
 * for the next sync; one as new or newer is behind the checkpoints too. On the raw database.
 */
export function rewindMark(db: IDBDatabase, clear?: number): Promise<number | undefined> {
  return inRawTransaction(db, 'journal', 'readwrite', async (tx) => {
    const journal = tx.objectStore('journal');
    if (clear !== undefined) journal.delete(IDBKeyRange.lowerBound(clear));
    return (await request(journal.getAllKeys(null, 1)))[0] as number | undefined;
  });
}
