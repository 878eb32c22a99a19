import { describe, expect, it } from 'vitest';
import { ImportRejected, type Problem } from '../../../../utils/your-data/bundle/problems';
import { firstInvalidUtf8 } from '../../../../utils/your-data/csv-import/decode';
import { readCsvFile } from '../../../../utils/your-data/csv-import/read';
import { fileOf } from './helpers';

const TABLE = 'Timestamp,Organisation,Trust\r\n2024-03-15,Café Ümlaut,4\r\n';

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const [hi, lo] = [code >> 8, code & 0xff];
    bytes.set(order === 'le' ? [lo, hi] : [hi, lo], 2 + i * 2);
  }
  return bytes;
}

async function rejection(file: File): Promise<Problem[]> {
  const error = await readCsvFile(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRejected);
  return (error as ImportRejected).problems;
}

describe('reading a CSV file', () => {
  it('reads UTF-8 with and without a byte-order mark alike', async () => {
    const plain = await readCsvFile(fileOf(TABLE));
    const withBom = await readCsvFile(fileOf(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TABLE)])));
    for (const read of [plain, withBom]) {
      expect(read.encoding).toBe('utf-8');
      expect(read.table.columns).toEqual(['Timestamp', 'Organisation', 'Trust']);
      expect(read.table.rows).toEqual([{ row: 2, cells: ['2024-03-15', 'Café Ümlaut', '4'] }]);
    }
  });

  it('reads UTF-16 little- and big-endian with a byte-order mark (Excel "Unicode text", tab-separated)', async () => {
    const text = TABLE.replaceAll(',', '\t');
    for (const order of ['le', 'be'] as const) {
      const read = await readCsvFile(fileOf(utf16(text, order)));
      expect(read.encoding).toBe(order === 'le' ? 'utf-16le' : 'utf-16be');
      expect(read.table.delimiter).toBe('\t');
      expect(read.table.rows[0]!.cells[1]).toBe('Café Ümlaut');
    }
  });

  it('reads bytes that are not UTF-8 as Windows-1252 and says where the first one is', async () => {
    // "Café" with é as the single byte 0xE9, on line 2.
    const bytes = new Uint8Array([...new TextEncoder().encode('Timestamp,Organisation\n2024-03-15,Caf'), 0xe9, 0x0a]);
    const read = await readCsvFile(fileOf(bytes));
    expect(read.encoding).toBe('windows-1252');
    expect(read.notUtf8At).toEqual({ byte: 38, line: 2 });
    expect(read.table.rows[0]!.cells[1]).toBe('Café');
  });

  it('counts the byte-order mark in the byte it names for a file that starts as UTF-8 and is not', async () => {
    // The same bytes after a UTF-8 byte-order mark (3 bytes): the 0xE9 is the file's byte 41.
    const text = new TextEncoder().encode('Timestamp,Organisation\n2024-03-15,Caf');
    const read = await readCsvFile(fileOf(new Uint8Array([0xef, 0xbb, 0xbf, ...text, 0xe9, 0x0a])));
    expect(read.encoding).toBe('windows-1252');
    expect(read.notUtf8At).toEqual({ byte: 41, line: 2 });
    expect(read.table.columns[0]).toBe('Timestamp');
    expect(read.table.rows[0]!.cells[1]).toBe('Café');
  });

  it('guesses semicolons and tabs as delimiters', async () => {
    const semicolon = await readCsvFile(fileOf('Timestamp;Organisation;Trust\n15/03/2024;"A; B";4\n'));
    expect(semicolon.table.delimiter).toBe(';');
    expect(semicolon.table.rows[0]!.cells).toEqual(['15/03/2024', 'A; B', '4']);
    const tab = await readCsvFile(fileOf('Timestamp\tOrganisation\tTrust\n15/03/2024\tA, B\t4\n'));
    expect(tab.table.delimiter).toBe('\t');
    expect(tab.table.rows[0]!.cells).toEqual(['15/03/2024', 'A, B', '4']);
  });

  it('lists ragged rows with their row number and leaves them out', async () => {
    const read = await readCsvFile(
      fileOf('Timestamp,Organisation,Trust\n2024-03-15,A,4\n2024-03-16,B\n\n2024-03-17,C,4,extra\n2024-03-18,D,5\n'),
    );
    expect(read.table.rows.map((r) => r.row)).toEqual([2, 6]);
    expect(read.problems.problems.map((p) => [p.record, p.message])).toEqual([
      ['row 3', "this row's cell count (2) differs from the header's (3); the row is left out."],
      ['row 5', "this row's cell count (4) differs from the header's (3); the row is left out."],
    ]);
    expect(read.problems.problems[0]!.file).toBe('survey.csv');
  });

  it('rejects a file whose columns cannot be told apart', async () => {
    const problems = await rejection(fileOf('Timestamp|Organisation|Trust\n2024-03-15|A|4\n', 'pipes.csv'));
    expect(problems).toEqual([expect.objectContaining({ file: 'pipes.csv', line: 1 })]);
    expect(problems[0]!.message).toMatch(/commas, semicolons or tabs/);
  });

  it('rejects an empty file, a workbook and UTF-16 without its byte-order mark, saying what to do', async () => {
    expect((await rejection(fileOf('')))[0]!.message).toBe('The file is empty.');
    expect((await rejection(fileOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))))[0]!.message).toMatch(
      /not a text file.*CSV UTF-8/,
    );
    const noBom = utf16(TABLE, 'le').subarray(2);
    expect((await rejection(fileOf(noBom)))[0]!.message).toMatch(/UTF-16 text without a byte-order mark/);
    expect((await rejection(fileOf('Timestamp,Trust\n')))[0]!.message).toBe(
      'The file has a header row but no answers.',
    );
  });
});

describe('firstInvalidUtf8', () => {
  it('finds lone continuation bytes, truncated sequences, overlong forms and surrogates', () => {
    expect(firstInvalidUtf8(new TextEncoder().encode('aé€😀'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0xe0, 0x80, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
  });
});
