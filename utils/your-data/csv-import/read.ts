import { ProblemList } from '../bundle/problems';
import { decodeCsvBytes, type DecodedCsv } from './decode';
import { parseCsvText, type CsvTable } from './parse';

/** A chosen CSV file read into a table: decoded, parsed, ragged rows listed. Throws ImportRejected. */
export interface CsvFileRead {
  fileName: string;
  encoding: DecodedCsv['encoding'];
  notUtf8At?: DecodedCsv['notUtf8At'];
  table: CsvTable;
  /** Rows left out while parsing (ragged, broken quotes). */
  problems: ProblemList;
}

export async function readCsvFile(file: Pick<File, 'name' | 'arrayBuffer'>): Promise<CsvFileRead> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const decoded = decodeCsvBytes(bytes, file.name);
  const problems = new ProblemList(file.name);
  const table = parseCsvText(decoded.text, file.name, problems);
  return {
    fileName: file.name,
    encoding: decoded.encoding,
    ...(decoded.notUtf8At ? { notUtf8At: decoded.notUtf8At } : {}),
    table,
    problems,
  };
}
