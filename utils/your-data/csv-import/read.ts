import { ProblemList } from '../bundle/problems';
import { checkFileSize } from '../bundle/read';
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

/**
 * The largest CSV file read: about 130,000 answers, far past any partnership's surveys. Past it the
 * file is refused before it is read (it is read, parsed and mapped in the page, again on every
 * change of the mapping).
 */
export const CSV_FILE_BYTES = 10 * 1024 * 1024;

export async function readCsvFile(file: Pick<File, 'name' | 'size' | 'arrayBuffer'>): Promise<CsvFileRead> {
  checkFileSize(file.size, file.name, CSV_FILE_BYTES);
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
