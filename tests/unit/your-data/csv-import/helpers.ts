import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportContext } from '../../../../utils/your-data/csv-import/context';
import { guessMapping, type ColumnMapping } from '../../../../utils/your-data/csv-import/mapping';
import { readCsvFile, type CsvFileRead } from '../../../../utils/your-data/csv-import/read';
import { buildImport, type ImportBuild } from '../../../../utils/your-data/csv-import/records';

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(process.cwd(), 'tests/fixtures/csv', name)));
}

export function fileOf(bytes: Uint8Array | string, name = 'survey.csv'): File {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return new File([data as Uint8Array<ArrayBuffer>], name, { type: 'text/csv' });
}

export const emptyContext = (extra: Partial<ImportContext> = {}): ImportContext => ({
  partnerships: [],
  organisations: [],
  memberships: [],
  wording: new Map(),
  threshold: 3,
  ...extra,
});

/** Read, guess the mapping (then adjust it), build. */
export async function importOf(
  file: File,
  context: ImportContext = emptyContext(),
  adjust: (mapping: ColumnMapping) => void = () => {},
): Promise<{ read: CsvFileRead; mapping: ColumnMapping; build: ImportBuild }> {
  const read = await readCsvFile(file);
  const mapping = guessMapping(read.table, { locale: 'en-GB' });
  adjust(mapping);
  const build = buildImport(read.table, mapping, context, { name: read.fileName });
  return { read, mapping, build };
}
