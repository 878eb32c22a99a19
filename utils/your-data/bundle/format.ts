import type { RecordSet } from '../../db/bulk';
import type { Pulse } from '../../db/records';
import { RECORD_STORES, type RecordStoreName } from '../../db/schema';

/**
 * The bundle: everything (or one partnership) as one JSON file, documented in
 * docs/bundle-format.md with the JSON Schema docs/bundle.schema.json.
 *
 * Records are exactly as stored (ids, epoch-ms stamps, tombstones with `deletedAt`), except a
 * pulse's `privateKey` (a non-extractable CryptoKey that never leaves this browser) and its
 * `summary` (running totals the importer recomputes from the responses).
 */
export const BUNDLE_FORMAT = 'partnership-pulse';
export const BUNDLE_VERSION = 1;

export type BundlePulse = Omit<Pulse, 'privateKey' | 'summary'>;

/** One list per store, typed by the database schema; pulses travel as BundlePulse. */
export type BundleRecords = Omit<RecordSet, 'pulses'> & { pulses: BundlePulse[] };

/** One entry of the local error log (utils/errors), carried by a bundle when the user chooses. */
export interface ErrorLogEntry {
  at: number;
  page: string;
  message: string;
  stack?: string;
  version: string;
}

export interface Bundle extends BundleRecords {
  format: typeof BUNDLE_FORMAT;
  version: number;
  /** ISO 8601. */
  exportedAt: string;
  /** The extension version that wrote it. */
  app: string;
  /** Everything, or one partnership (its id) and what it refers to. */
  scope: { partnershipId: string } | 'all';
  errorLog?: ErrorLogEntry[];
}

/** A bundle carries every record store, in RECORD_STORES' order (referenced before referencing). */
export const BUNDLE_STORES = RECORD_STORES;

/**
 * The stores an import or a partnership's export spans: the bundle's, and the pulses' local-only
 * part (their private keys are kept, their refused counts carried: utils/db/pulse-secrets.ts).
 */
export const BUNDLE_TX_STORES = [...BUNDLE_STORES, 'pulseSecrets'] as const;

export type BundleStore = RecordStoreName;
