import Papa from 'papaparse';

/**
 * A chart's data table as the cells it shows: text, or a number (already rounded as shown).
 * The table on the page and the CSV download are both made from it, so the CSV holds exactly
 * what the chart shows.
 */
export type Cell = string | number;

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
  return Papa.unparse({ fields: table.columns, data: table.rows }, { escapeFormulae: true, newline: '\r\n' });
}
