import { fileSlug } from '../files';
import type { ExportScope } from '../bundle/export';
import type { PulseResponse } from '../../db/records';
import type { PulseDatabase } from '../../db/schema';
import { calendarDate } from '../../time/calendar';
import { tableToCsv, type ChartTable } from '../../dashboard/table';
import { anonymityThreshold } from '../../settings/settings';
import { attendanceTable } from './attendance';
import { meetingsTable } from './meetings';
import { namesOf } from './names';
import { responsesTable } from './responses';

export type { ExportScope };
export type CsvKind = 'meetings' | 'attendance' | 'responses';

export interface CsvExport {
  /** Without the byte-order mark: saveCsv (components/shared/download.ts) adds it. */
  csv: string;
  fileName: string;
  /** Responses only: pulses left out to keep answers anonymous. */
  withheld?: number;
}

/**
 * A CSV of live records in scope (tombstones and records of deleted partnerships left out),
 * headers in the user's language, formulas neutralised (tableToCsv). Reads, never writes.
 */
export async function exportCsv(
  db: PulseDatabase,
  kind: CsvKind,
  scope: ExportScope,
  now: number = Date.now(),
): Promise<CsvExport> {
  const [partnerships, organisations, purposeTags] = await Promise.all([
    db.getAll('partnerships'),
    db.getAll('organisations'),
    db.getAll('purposeTags'),
  ]);
  const inScope = new Set(
    partnerships
      .filter((p) => p.deletedAt === undefined && (scope === 'all' || p.id === scope.partnershipId))
      .map((p) => p.id),
  );
  const names = namesOf({ partnerships, organisations, purposeTags });
  const live = <T extends { deletedAt?: number; partnershipId: string }>(records: T[]) =>
    records.filter((r) => r.deletedAt === undefined && inScope.has(r.partnershipId));

  let table: ChartTable;
  let withheld: number | undefined;
  if (kind === 'meetings') {
    table = meetingsTable(live(await db.getAll('meetings')), names);
  } else if (kind === 'attendance') {
    const [meetings, memberships] = await Promise.all([db.getAll('meetings'), db.getAll('memberships')]);
    table = attendanceTable(live(meetings), live(memberships), names);
  } else {
    const pulses = live(await db.getAll('pulses'));
    const responsesOf = new Map<string, PulseResponse[]>();
    for (const pulse of pulses) {
      const responses = await db.getAllFromIndex('responses', 'by-pulse', pulse.id);
      responsesOf.set(
        pulse.id,
        responses.filter((r) => r.deletedAt === undefined),
      );
    }
    const result = responsesTable(pulses, responsesOf, names, { now, threshold: await anonymityThreshold.getValue() });
    table = result.table;
    withheld = result.withheld;
  }
  const partnershipName = scope === 'all' ? undefined : names.partnership(scope.partnershipId);
  return {
    csv: tableToCsv(table),
    fileName: csvFileName(kind, now, partnershipName),
    ...(withheld === undefined ? {} : { withheld }),
  };
}

/** partnership-pulse-meetings-2025-05-12(-northside).csv */
export function csvFileName(kind: CsvKind, now: number, partnershipName?: string): string {
  const slug = partnershipName ? `-${fileSlug(partnershipName)}` : '';
  return `partnership-pulse-${kind}-${calendarDate(now)}${slug}.csv`;
}
