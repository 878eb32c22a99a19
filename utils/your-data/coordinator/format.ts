import type { PublishedResult } from '../../db/records';
import { BUNDLE_FORMAT } from '../bundle/format';

/**
 * The coordinator export: a bundle of another `kind` (docs/bundle-format.md), holding one
 * published result per closed pulse (utils/pulse/published.ts) and nothing else: no individual
 * answers, no organisations, no arrival times. An older extension refuses it (unknown `kind`).
 */
export const COORDINATOR_KIND = 'coordinator-summary';
export const COORDINATOR_VERSION = 1;

export interface CoordinatorFile {
  format: typeof BUNDLE_FORMAT;
  kind: typeof COORDINATOR_KIND;
  version: number;
  /** ISO 8601. */
  exportedAt: string;
  app: string;
  /** Whether the lead chose to include comments (of groups that pass the threshold only). */
  includesComments: boolean;
  publishedResults: PublishedResult[];
}

/** The largest coordinator file and what it may hold (docs/bundle-format.md states the same). */
export const COORDINATOR_LIMITS = {
  fileBytes: 20 * 1024 * 1024,
  results: 10_000,
  /** Texts per partner type of one result. */
  texts: 10_000,
  /** How far ahead of this browser's clock a stamp may be (clocks differ a little). */
  clockSkewMs: 24 * 60 * 60 * 1000,
} as const;

/** A safe id: letters, digits and `-_.:`, starting with a letter or digit (UUIDs, question keys). */
export const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** The first bytes of a file tell a coordinator export from a personal backup (it writes `kind` second). */
export function looksLikeCoordinatorFile(head: string): boolean {
  return /^\s*\{\s*"format"\s*:\s*"partnership-pulse"\s*,\s*"kind"\s*:/.test(head);
}
