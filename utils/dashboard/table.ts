import Papa from 'papaparse';

/**
 * A cell written one way on the page and another in the CSV: a date is in the reader's locale
 * on screen ("2 Jun 2026") and ISO 8601 in the file ("2026-06-02"), which a spreadsheet or a
 * script reads the same whatever the language.
 */
export interface TwoWayCell {
  shown: string;
  csv: string;
}

/**
 * A chart's data table as the cells it shows: text, a number (already rounded as shown;
 * localised on the page, plain in the CSV), or a two-way cell. The table on the page and the
 * CSV download are both made from it, so the CSV holds exactly what the chart shows.
 */
export type Cell = string | number | TwoWayCell;

/** What a cell holds in the CSV. */
export const csvCell = (cell: Cell): string | number => (typeof cell === 'object' ? cell.csv : cell);

export interface ChartTable {
  columns: string[];
  rows: Cell[][];
}

/**
 * CSV with a header row. Text cells starting with = + - @ (or a tab / carriage return) get a
 * leading apostrophe so a spreadsheet never runs them as formulas (papaparse's escapeFormulae);
 * numbers stay numbers, so a negative gap is still -0.5.
 */
export function tableToCsv(table: ChartTable): string {
  return Papa.unparse(
    { fields: table.columns, data: table.rows.map((row) => row.map(csvCell)) },
    // Not `true`: papaparse's own pattern (/^[=+\-@\t\r].*$/) misses a value ending in a line break.
    { escapeFormulae: /^[=+\-@\t\r]/, newline: '\r\n' },
  );
}
