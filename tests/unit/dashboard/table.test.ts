import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { tableToCsv } from '../../../utils/dashboard/table';

describe('tableToCsv', () => {
  it('writes the header and the rows, quoting what needs it', () => {
    const csv = tableToCsv({
      columns: ['Partnership', 'Date', 'Mean'],
      rows: [
        ['Northmoor, Hardship', '2026-06-02', 3.6],
        ['Say "hello"', '2026-06-16', 'fewer than 3 responses'],
      ],
    });
    expect(csv).toBe(
      'Partnership,Date,Mean\r\n"Northmoor, Hardship",2026-06-02,3.6\r\n"Say ""hello""",2026-06-16,fewer than 3 responses',
    );
  });

  it('neutralises text that a spreadsheet would run as a formula, and leaves numbers alone', () => {
    const csv = tableToCsv({
      columns: ['Organisation', 'Gap'],
      rows: [
        ['=HYPERLINK("http://evil.example")', -0.5],
        ['+1 Partners', 0],
        ['-minus', 1.25],
        ['@handle', 2],
        ['\tTabbed', 3],
        ['Plain = fine', -1],
      ],
    });
    const parsed = Papa.parse<string[]>(csv).data;
    expect(parsed.slice(1).map((row) => row[0])).toEqual([
      `'=HYPERLINK("http://evil.example")`,
      `'+1 Partners`,
      `'-minus`,
      `'@handle`,
      `'\tTabbed`,
      'Plain = fine',
    ]);
    expect(parsed.slice(1).map((row) => row[1])).toEqual(['-0.5', '0', '1.25', '2', '3', '-1']);
  });

  it("neutralises a formula that ends in a line break (papaparse's default pattern misses it)", () => {
    // Attacker: an organisation named '=cmd|"/c calc"!A1' followed by a newline, from a call page.
    const csv = tableToCsv({ columns: ['Organisation'], rows: [['=cmd|"/c calc"!A1\n'], ['@SUM(A1)\r\nmore']] });
    const parsed = Papa.parse<string[]>(csv).data;
    expect(parsed.slice(1, 3).map((row) => row[0])).toEqual([`'=cmd|"/c calc"!A1\n`, `'@SUM(A1)\r\nmore`]);
  });
});
