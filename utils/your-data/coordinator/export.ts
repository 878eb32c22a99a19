import { groupBy } from '../../collections/group';
import { inReadTransaction } from '../../db/bulk';
import type { Partnership, Pulse, PulseResponse } from '../../db/records';
import type { PulseDatabase } from '../../db/schema';
import { pulseIdsWithSeats } from '../../db/seats';
import { publishPulse } from '../../pulse/published';
import { bundleFileName } from '../bundle/export';
import { BUNDLE_FORMAT } from '../bundle/format';
import type { ExportScope } from '../bundle/export';
import { COORDINATOR_KIND, COORDINATOR_VERSION, type CoordinatorFile } from './format';

export interface CoordinatorExportOptions {
  includeComments: boolean;
  app?: string;
  now?: number;
}

/**
 * Builds the coordinator file from records already read: closed pulses only, each published.
 * `seated` holds the ids of the pulses that have personal-link seats; every other pulse was
 * answered through the shared link and is published with `sharedLink: true` (none given: none has seats).
 */
export function buildCoordinatorFile(
  records: {
    partnerships: readonly Partnership[];
    pulses: readonly Pulse[];
    responses: readonly PulseResponse[];
    seated?: ReadonlySet<string>;
  },
  options: CoordinatorExportOptions & { now: number; app: string },
): CoordinatorFile {
  const names = new Map(records.partnerships.map((p) => [p.id, p.name]));
  const byPulse = groupBy(records.responses, (response) => response.pulseId);
  const publishedResults = records.pulses
    .flatMap((pulse) => {
      const name = names.get(pulse.partnershipId);
      if (name === undefined) return [];
      const result = publishPulse(pulse, byPulse.get(pulse.id) ?? [], {
        partnershipName: name,
        includeComments: options.includeComments,
        now: options.now,
        sharedLink: !records.seated?.has(pulse.id),
      });
      return result ? [result] : [];
    })
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  return {
    format: BUNDLE_FORMAT,
    kind: COORDINATOR_KIND,
    version: COORDINATOR_VERSION,
    exportedAt: new Date(options.now).toISOString(),
    app: options.app,
    includesComments: options.includeComments,
    publishedResults,
  };
}

/** Reads the scope's partnerships, pulses and responses in one transaction and builds the file. */
export async function collectCoordinatorFile(
  db: PulseDatabase,
  scope: ExportScope,
  options: CoordinatorExportOptions,
): Promise<CoordinatorFile> {
  const records = await inReadTransaction(db, ['partnerships', 'pulses', 'responses'], async (tx) => {
    const partnerships =
      scope === 'all'
        ? await tx.objectStore('partnerships').getAll()
        : [await tx.objectStore('partnerships').get(scope.partnershipId)].filter((p) => p !== undefined);
    const pulses = (
      await Promise.all(partnerships.map((p) => tx.objectStore('pulses').index('by-partnership').getAll(p.id)))
    ).flat();
    const responses = (
      await Promise.all(pulses.map((p) => tx.objectStore('responses').index('by-pulse').getAll(p.id)))
    ).flat();
    return { partnerships: partnerships.filter((p) => p.deletedAt === undefined), pulses, responses };
  });
  // Which pulses have personal-link seats (a key cursor, no seat read). Read apart from the
  // records: only closed pulses publish, and a closed pulse's seats no longer change.
  const seated = await pulseIdsWithSeats(db);
  return buildCoordinatorFile(
    { ...records, seated },
    {
      ...options,
      now: options.now ?? Date.now(),
      app: options.app ?? 'unknown',
    },
  );
}

export function coordinatorFileToBlob(file: CoordinatorFile): Blob {
  return new Blob([`${JSON.stringify(file, null, 1)}\n`], { type: 'application/json' });
}

/** `partnership-pulse-summary-2026-11-25.json` (with the partnership's name for one). */
export function coordinatorFileName(file: CoordinatorFile, partnershipName?: string): string {
  return bundleFileName(
    { exportedAt: file.exportedAt } as Parameters<typeof bundleFileName>[0],
    partnershipName,
  ).replace(/^partnership-pulse-/, 'partnership-pulse-summary-');
}
