import type { DBSchema, IDBPDatabase, StoreNames } from 'idb';
import type {
  Draft,
  Meeting,
  Membership,
  Organisation,
  Partnership,
  Person,
  PendingResult,
  PublishedResult,
  PulseResponse,
  PulseSecrets,
  PurposeTag,
  StoredPulse,
  StoredSeat,
} from './records';

/** The database the extension pages share. Bump DB_VERSION with a new step in upgrade.ts. */
export const DB_NAME = 'partnership-pulse';
export const DB_VERSION = 7;

/**
 * Every store is keyed by the record's `id` (drafts by `key`). `by-updated` indexes let
 * export and merge walk records changed since a time without reading everything.
 */
export interface PulseDB extends DBSchema {
  partnerships: {
    key: string;
    value: Partnership;
    indexes: { 'by-updated': number };
  };
  organisations: {
    key: string;
    value: Organisation;
    indexes: { 'by-domain': string; 'by-updated': number };
  };
  memberships: {
    key: string;
    value: Membership;
    indexes: { 'by-partnership': string; 'by-organisation': string; 'by-updated': number };
  };
  people: {
    key: string;
    value: Person;
    indexes: { 'by-alias': string; 'by-email': string; 'by-organisation': string; 'by-updated': number };
  };
  purposeTags: {
    key: string;
    value: PurposeTag;
    indexes: { 'by-updated': number };
  };
  meetings: {
    key: string;
    value: Meeting;
    indexes: {
      'by-partnership-start': [string, number];
      'by-start': number;
      'by-call': string;
      'by-organisation': string;
      'by-updated': number;
    };
  };
  /** Pulses without their private key, totals or refused count (those are in pulseSecrets). */
  pulses: {
    key: string;
    value: StoredPulse;
    indexes: { 'by-partnership': string; 'by-meeting': string; 'by-updated': number };
  };
  responses: {
    key: string;
    value: PulseResponse;
    indexes: { 'by-pulse': string; 'by-updated': number };
  };
  drafts: {
    key: string;
    value: Draft;
  };
  /** Local only (see LOCAL_STORES): a personal-link pulse's seats. */
  seats: {
    key: string;
    value: StoredSeat;
    indexes: { 'by-pulse': string; 'by-token': string };
  };
  /**
   * Local only (see LOCAL_STORES): each pulse's private key, running totals and refused count,
   * keyed by the pulse's id (utils/db/pulse-secrets.ts).
   */
  pulseSecrets: {
    key: string;
    value: PulseSecrets;
  };
  /**
   * Local only (see LOCAL_STORES): the change journal (utils/db/journal.ts), its keys the oldest
   * `updatedAt` of each write the workspace push has not rewound to yet.
   */
  journal: {
    key: number;
    value: number;
  };
  /**
   * Local only (see LOCAL_STORES): the result each pulse not released yet will publish, keyed by
   * the pulse's id (utils/db/pending.ts).
   */
  pendingResults: {
    key: string;
    value: PendingResult;
  };
  /** Results published by leads (coordinator exports), one per pulse: see utils/db/published.ts. */
  publishedResults: {
    key: string;
    value: PublishedResult;
    indexes: { 'by-partnership': string; 'by-updated': number };
  };
}

export type PulseDatabase = IDBPDatabase<PulseDB>;
export type StoreName = StoreNames<PulseDB>;

/**
 * Stores that never leave this browser: no bundle, no sync, no coordinator export. Seats hold
 * the tokens of personal links (and the names of the people invited); pulseSecrets the pulses'
 * private keys and raw totals (a personal backup carries a pulse's refused count, read from it);
 * journal the workspace push's rewind mark; pendingResults the results of pulses not released yet.
 */
export const LOCAL_STORES = [
  'drafts',
  'seats',
  'pulseSecrets',
  'journal',
  'pendingResults',
] as const satisfies readonly StoreName[];
export type LocalStoreName = (typeof LOCAL_STORES)[number];

/**
 * Stores of shared records, with id / createdAt / updatedAt: what a personal backup carries.
 * Not the published results either: those come from coordinator exports, imported again.
 */
export type RecordStoreName = Exclude<StoreName, LocalStoreName | 'publishedResults'>;

/** Every record store, in the order a bundle writes them (referenced before referencing). */
export const RECORD_STORES = [
  'partnerships',
  'organisations',
  'memberships',
  'people',
  'purposeTags',
  'meetings',
  'pulses',
  'responses',
] as const satisfies readonly RecordStoreName[];

// A store added to the schema and not to RECORD_STORES fails to compile here.
const everyRecordStore: Exclude<RecordStoreName, (typeof RECORD_STORES)[number]> extends never ? true : never = true;
void everyRecordStore;

export const STORE_NAMES: readonly StoreName[] = [...RECORD_STORES, 'publishedResults', ...LOCAL_STORES];
