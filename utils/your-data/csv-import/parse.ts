import Papa from 'papaparse';
import { ImportRejected, localise, ProblemList } from '../bundle/problems';

/**
 * The table of a CSV text, through papaparse with the delimiter guessed among comma, semicolon
 * and tab. Rows are numbered as a spreadsheet shows them (the header is row 1). A row with more
 * or fewer cells than the header is listed as a problem and left out.
 */

export interface CsvRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  cells: string[];
}

export interface CsvTable {
  columns: string[];
  rows: CsvRow[];
  delimiter: string;
}

export const DELIMITERS = [',', ';', '\t'];

export function parseCsvText(text: string, fileName: string, problems: ProblemList): CsvTable {
  // One kind of line break: papaparse guesses one for the whole file, so a file joined from a
  // Windows (CR LF), a Unix (LF) and an old Mac (CR) export would run rows together.
  const result = Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), {
    delimitersToGuess: DELIMITERS,
    skipEmptyLines: false,
    newline: '\n',
  });
  const [header, ...data] = result.data;
  const columns = (header ?? []).map((name) => name.trim());
  if (columns.length < 2 || columns.every((name) => name === '')) {
    throw new ImportRejected([
      { file: fileName, line: 1, message: localise('csvImport_noDelimiter'), key: 'csvImport_noDelimiter' },
    ]);
  }
  const broken = new Set<number>();
  for (const error of result.errors) {
    // Papaparse's own guess failing is the check above; quote errors are the row's problem.
    if (error.type === 'Delimiter' || error.row === undefined) continue;
    broken.add(error.row);
    problems.add({ record: rowName(error.row + 1) }, 'csvImport_badQuotes');
  }
  const rows: CsvRow[] = [];
  data.forEach((cells, index) => {
    const row = index + 2;
    if (broken.has(index + 1)) return;
    if (cells.every((cell) => cell.trim() === '')) return;
    if (cells.length !== columns.length) {
      problems.add({ record: rowName(row) }, 'csvImport_ragged', String(cells.length), String(columns.length));
      return;
    }
    rows.push({ row, cells });
  });
  if (rows.length === 0 && problems.count === 0) {
    throw new ImportRejected([{ file: fileName, message: localise('csvImport_noRows'), key: 'csvImport_noRows' }]);
  }
  return { columns, rows, delimiter: result.meta.delimiter };
}

export const rowName = (row: number) => localise('csvImport_row', [String(row)]);
