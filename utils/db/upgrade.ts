import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { builtInPurposeTags } from './built-in-purposes';
import { PULSE_SECRET_FIELDS } from './records';
import { DB_VERSION, type PulseDB, type StoreName } from './schema';

type UpgradeTransaction = IDBPTransaction<PulseDB, StoreName[], 'versionchange'>;

/**
 * The schema's history, one step per version. It runs inside the versionchange transaction,
 * so it must not await anything: every request below joins that transaction.
 *
 * It stops at `newVersion`, so opening with an older version number (`openDB(name, 1, { upgrade })`)
 * builds exactly that version's schema: the upgrade test uses this to write old databases.
 *
 * - 1: the domain stores (partnerships … responses) and their indexes.
 * - 2: the `drafts` store, the meetings `by-call` index (a calendar plan matched to its call),
 *      and the built-in purpose tags.
 * - 3: see upgradeToVersion3 (the `seats` and `publishedResults` stores).
 * - 4: see upgradeToVersion4 (the local-only `pulseSecrets` store, filled from the pulses).
 * - 5: see upgradeToVersion5 (seats withdrawn before the WithdrawnSeat change stripped).
 * - 6: the local-only `journal` store (utils/db/journal.ts: the workspace push's rewind mark),
 *      empty: records written before it were pushed by their stamps, as before.
 *
 * `event` is the open request's: its `transaction` is the raw versionchange transaction
 * (openPulseDb passes idb's wrapper as `tx`), for steps that walk records with a cursor.
 */
export function upgrade(
  db: IDBPDatabase<PulseDB>,
  oldVersion: number,
  newVersion: number | null,
  tx: UpgradeTransaction,
  event: IDBVersionChangeEvent,
): void {
  const target = newVersion ?? DB_VERSION;

  if (oldVersion < 1 && target >= 1) {
    const partnerships = db.createObjectStore('partnerships', { keyPath: 'id' });
    partnerships.createIndex('by-updated', 'updatedAt');

    const organisations = db.createObjectStore('organisations', { keyPath: 'id' });
    organisations.createIndex('by-domain', 'emailDomains', { multiEntry: true });
    organisations.createIndex('by-updated', 'updatedAt');

    const memberships = db.createObjectStore('memberships', { keyPath: 'id' });
    memberships.createIndex('by-partnership', 'partnershipId');
    memberships.createIndex('by-organisation', 'organisationId');
    memberships.createIndex('by-updated', 'updatedAt');

    const people = db.createObjectStore('people', { keyPath: 'id' });
    people.createIndex('by-alias', 'aliases', { multiEntry: true });
    people.createIndex('by-email', 'emails', { multiEntry: true });
    people.createIndex('by-organisation', 'organisationId');
    people.createIndex('by-updated', 'updatedAt');

    const purposeTags = db.createObjectStore('purposeTags', { keyPath: 'id' });
    purposeTags.createIndex('by-updated', 'updatedAt');

    const meetings = db.createObjectStore('meetings', { keyPath: 'id' });
    meetings.createIndex('by-partnership-start', ['partnershipId', 'startAt']);
    meetings.createIndex('by-start', 'startAt');
    meetings.createIndex('by-organisation', 'organisationIds', { multiEntry: true });
    meetings.createIndex('by-updated', 'updatedAt');

    const pulses = db.createObjectStore('pulses', { keyPath: 'id' });
    pulses.createIndex('by-partnership', 'partnershipId');
    pulses.createIndex('by-meeting', 'meetingId');
    pulses.createIndex('by-updated', 'updatedAt');

    const responses = db.createObjectStore('responses', { keyPath: 'id' });
    responses.createIndex('by-pulse', 'pulseId');
    responses.createIndex('by-updated', 'updatedAt');
  }

  if (oldVersion < 2 && target >= 2) {
    db.createObjectStore('drafts', { keyPath: 'key' });

    // Built over the meetings already stored, so plans written by version 1 are found too.
    tx.objectStore('meetings').createIndex('by-call', 'callKey');

    const purposeTags = tx.objectStore('purposeTags');
    for (const tag of builtInPurposeTags()) void purposeTags.put(tag);
  }

  if (oldVersion < 3 && target >= 3) upgradeToVersion3(db);
  if (oldVersion < 4 && target >= 4) upgradeToVersion4(db, (event.target as IDBOpenDBRequest).transaction!);
  if (oldVersion < 5 && target >= 5) upgradeToVersion5((event.target as IDBOpenDBRequest).transaction!);
  if (oldVersion < 6 && target >= 6) db.createObjectStore('journal');
}

/**
 * Version 3. Each change is a small function of its own, called from here.
 * - seats: a personal-link pulse's invited people (local only), found by pulse and by token hash.
 * - publishedResults: results published by leads (coordinator exports), one per pulse.
 */
function upgradeToVersion3(db: IDBPDatabase<PulseDB>): void {
  addSeatsStore(db);
  addPublishedResultsStore(db);
}

function addSeatsStore(db: IDBPDatabase<PulseDB>): void {
  const seats = db.createObjectStore('seats', { keyPath: 'id' });
  seats.createIndex('by-pulse', 'pulseId');
  seats.createIndex('by-token', 'tokenHash', { unique: true });
}

/** Results published by leads (coordinator exports), keyed by pulse id. */
function addPublishedResultsStore(db: IDBPDatabase<PulseDB>): void {
  const published = db.createObjectStore('publishedResults', { keyPath: 'id' });
  published.createIndex('by-partnership', 'partnershipId');
  published.createIndex('by-updated', 'updatedAt');
}

/**
 * Version 4 (issue 14: nothing private on the server). The local-only `pulseSecrets` store,
 * keyed by pulse id, and every pulse's private key, running totals and refused count moved into
 * it, in this same versionchange transaction: each pulse record is written back without them and
 * with its `updatedAt` as it was (nothing about the shared record changed). A CryptoKey moves
 * by structured clone, so codes sealed before the upgrade still open after it.
 */
function upgradeToVersion4(db: IDBPDatabase<PulseDB>, tx: IDBTransaction): void {
  db.createObjectStore('pulseSecrets', { keyPath: 'id' });
  const secrets = tx.objectStore('pulseSecrets');
  const walk = tx.objectStore('pulses').openCursor();
  walk.onsuccess = () => {
    const cursor = walk.result;
    if (!cursor) return;
    const pulse = cursor.value as Record<string, unknown> & { id: string };
    const moved: Record<string, unknown> = { id: pulse.id };
    let stripped = false;
    for (const field of PULSE_SECRET_FIELDS) {
      if (!(field in pulse)) continue;
      if (pulse[field] !== undefined) moved[field] = pulse[field];
      delete pulse[field];
      stripped = true;
    }
    if (Object.keys(moved).length > 1) secrets.put(moved);
    if (stripped) cursor.update(pulse);
    cursor.continue();
  };
}

/** What a withdrawn seat kept at version 5 (records.ts WithdrawnSeat): its token's hash, and nothing about the person. */
const WITHDRAWN_SEAT_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'deletedAt', 'pulseId', 'tokenHash']);

/**
 * Version 5 (issue 12): seats withdrawn before the WithdrawnSeat change still hold their token,
 * name, organisation and partner type. Each withdrawn seat (any `deletedAt`, as utils/db/seats.ts
 * reads one) is written back with only the WithdrawnSeat fields, its `updatedAt` as it was (the
 * store is local only: nothing merges it), in this same versionchange transaction, so an upgrade
 * that does not finish leaves every record as it was. Live seats are not touched.
 */
function upgradeToVersion5(tx: IDBTransaction): void {
  const walk = tx.objectStore('seats').openCursor();
  walk.onsuccess = () => {
    const cursor = walk.result;
    if (!cursor) return;
    const seat = cursor.value as Record<string, unknown>;
    const extra = seat.deletedAt !== undefined && Object.keys(seat).some((field) => !WITHDRAWN_SEAT_FIELDS.has(field));
    if (extra) {
      cursor.update(Object.fromEntries(Object.entries(seat).filter(([field]) => WITHDRAWN_SEAT_FIELDS.has(field))));
    }
    cursor.continue();
  };
}
