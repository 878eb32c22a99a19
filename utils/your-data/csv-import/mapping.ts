import { DIMENSIONS, type Dimension } from '../../db/records';
import type { CsvTable } from './parse';
import { guessDateOrder, guessScale, type DateOrder, type ImportScale } from './values';

/**
 * Which column holds what. Columns are indexes into the table's header. The partnership comes
 * from a column or is one name for every row; the partner type from a column or, when null,
 * from the organisation's membership of the partnership.
 */
export interface ColumnMapping {
  date: number | null;
  dateOrder: DateOrder;
  partnership: { column: number } | { name: string };
  partnerType: number | null;
  organisation: number | null;
  comment: number | null;
  dimensions: Record<Dimension, { column: number | null; scale: ImportScale }>;
}

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** Header patterns, most telling first; wordings from the domain brief and the survey tools' own columns. */
const DIMENSION_PATTERNS: Record<Dimension, RegExp[]> = {
  trust: [/\btrust/],
  equity: [/decisions.*shared|shared fairly|real influence/, /\bequity\b|\bfair/],
  flexibility: [/\badapts?\b|how my organi[sz]ation works/, /flexib/],
  communication: [/know what is happening|who is doing what|raise problems/, /communicat/],
};
const DATE_PATTERNS = [
  /^timestamp$/,
  /^completion time$/,
  /submitted|submission/,
  /\bdate\b/,
  /^start time$/,
  /\btime\b/,
];
const PARTNERSHIP_PATTERNS = [/^partnership( name)?$/, /which partnership/, /partnership/];
const PARTNER_TYPE_PATTERNS = [/partner type|type of partner|organi[sz]ation type|type of organi[sz]ation/, /\brole\b/];
const ORGANISATION_PATTERNS = [/^(your )?organi[sz]ation( name)?$/, /organi[sz]ation|\bagency\b|\bemployer\b/];
const COMMENT_PATTERNS = [/comment|anything else|other feedback|what should change|\bnotes?\b/];

/** A first mapping from the header names and the first rows; the user changes what is wrong. */
export function guessMapping(table: CsvTable, options: { locale: string; partnershipName?: string }): ColumnMapping {
  const headers = table.columns.map(normalise);
  const taken = new Set<number>();
  const find = (patterns: RegExp[]): number | null => {
    for (const pattern of patterns) {
      const index = headers.findIndex((header, i) => !taken.has(i) && pattern.test(header));
      if (index >= 0) {
        taken.add(index);
        return index;
      }
    }
    return null;
  };
  const cellsOf = (column: number | null) =>
    column === null ? [] : table.rows.slice(0, 200).map((row) => row.cells[column] ?? '');

  // The statements come first: their wording mentions "partnership" and "organisation" too.
  const dimensions = {} as ColumnMapping['dimensions'];
  for (const dimension of DIMENSIONS) {
    const column = find(DIMENSION_PATTERNS[dimension]);
    dimensions[dimension] = {
      column,
      scale: column === null ? 'agree5' : guessScale(cellsOf(column), table.columns[column]),
    };
  }
  const date = find(DATE_PATTERNS);
  const partnerType = find(PARTNER_TYPE_PATTERNS);
  const partnershipColumn = find(PARTNERSHIP_PATTERNS);
  const organisation = find(ORGANISATION_PATTERNS);
  const comment = find(COMMENT_PATTERNS);
  return {
    date,
    dateOrder: guessDateOrder(cellsOf(date), options.locale),
    partnership: partnershipColumn === null ? { name: options.partnershipName ?? '' } : { column: partnershipColumn },
    partnerType,
    organisation,
    comment,
    dimensions,
  };
}
