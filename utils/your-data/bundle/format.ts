import type {
  Meeting,
  Membership,
  Organisation,
  Partnership,
  Person,
  Pulse,
  PulseResponse,
  PurposeTag,
} from '../../db/records';
import type { RecordStoreName } from '../../db/schema';

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

export interface BundleRecords {
  partnerships: Partnership[];
  organisations: Organisation[];
  memberships: Membership[];
  people: Person[];
  purposeTags: PurposeTag[];
  meetings: Meeting[];
  pulses: BundlePulse[];
  responses: PulseResponse[];
}

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

/** The stores a bundle carries, in the order they are written (referenced before referencing). */
export const BUNDLE_STORES = [
  'partnerships',
  'organisations',
  'memberships',
  'people',
  'purposeTags',
  'meetings',
  'pulses',
  'responses',
] as const satisfies readonly RecordStoreName[];

export type BundleStore = (typeof BUNDLE_STORES)[number];
