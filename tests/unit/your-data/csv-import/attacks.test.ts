import { describe, expect, it } from 'vitest';
import { ImportRejected } from '../../../../utils/your-data/bundle/problems';
import { CSV_FILE_BYTES, readCsvFile } from '../../../../utils/your-data/csv-import/read';
import { fileOf, importOf } from './helpers';

/*
 * A CSV file as an attacker (or an unlucky spreadsheet) writes it: huge, with line breaks of every
 * kind, its header again half-way down, a thousand columns, prototype keys for headers. Each is
 * read, or refused with a message that says what and where; none throws anything else.
 */

const HEADER = 'Timestamp,Organisation,Partner type,Partnership,Trust,Equity,Flexibility,Communication,Comment';
const ROW = '2024-03-15,Age UK Hartside,core,Hartside,4,3,5,2,"A comment, with a comma"';

describe('a CSV file as an attacker writes it', () => {
  it('refuses a file over the limit (50 MB) before reading it, saying its size and the limit', async () => {
    let read = false;
    const file = {
      name: 'huge.csv',
      size: 50 * 1024 * 1024,
      arrayBuffer: () => {
        read = true;
        return Promise.resolve(new ArrayBuffer(0));
      },
    };
    const error = await readCsvFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).problems.map((p) => [p.file, p.message])).toEqual([
      ['huge.csv', `The file is too large: 50 MB, at most ${CSV_FILE_BYTES / (1024 * 1024)} MB.`],
    ]);
    expect(read).toBe(false);
  });

  it('builds a month of 130,000 answers just under the limit (no argument list overflowing the stack)', async () => {
    const rows = Math.floor((CSV_FILE_BYTES - HEADER.length - 2) / (ROW.length + 2));
    const text = `${HEADER}\r\n${`${ROW}\r\n`.repeat(rows)}`;
    expect(text.length).toBeLessThanOrEqual(CSV_FILE_BYTES);
    const { build } = await importOf(fileOf(text));
    expect(build.rows).toHaveLength(rows);
    expect(build.records.responses).toHaveLength(rows);
    expect(build.records.pulses).toHaveLength(1);
  }, 180_000);

  it('reads every row of a file mixing CR LF, LF and CR line breaks', async () => {
    const text = `\uFEFF${HEADER}\n${ROW}\r${ROW.replace('15', '16')}\r\n${ROW.replace('15', '17')}\n`;
    const read = await readCsvFile(fileOf(text));
    expect(read.problems.count).toBe(0);
    expect(read.table.columns[0]).toBe('Timestamp');
    expect(read.table.rows.map((r) => [r.row, r.cells[0], r.cells[8]])).toEqual([
      [2, '2024-03-15', 'A comment, with a comma'],
      [3, '2024-03-16', 'A comment, with a comma'],
      [4, '2024-03-17', 'A comment, with a comma'],
    ]);
  });

  it('names the header repeated half-way down as a row whose date cannot be read, and imports the rest', async () => {
    const text = [HEADER, ROW, HEADER, ROW.replace('15', '16')].join('\r\n');
    const { build } = await importOf(fileOf(text));
    expect(build.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(build.problems.problems.map((p) => [p.record, p.field])).toContainEqual(['row 3', 'Timestamp']);
    expect(build.records.responses).toHaveLength(2);
  });

  it('names a row dated after today (2099, or a day and a minute ahead) as from the future, and imports the rest', async () => {
    const ahead = `${new Date(Date.now() + 25 * 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ')}Z`;
    const text = [HEADER, ROW, ROW.replace('2024-03-15', '2099-01-01'), ROW.replace('2024-03-15', ahead)].join('\n');
    const { build } = await importOf(fileOf(text));
    expect(build.rows.map((r) => r.row)).toEqual([2]);
    const future = build.problems.problems.map((p) => [
      p.record,
      p.field,
      p.message.includes('cannot come from the future'),
    ]);
    expect(future).toEqual([
      ['row 3', 'Timestamp', true],
      ['row 4', 'Timestamp', true],
    ]);
    expect(build.records.responses.map((r) => r.receivedAt)).toEqual([build.rows[0]!.at]);
  });

  it('gives records named __proto__, constructor or with spaces ids of the safe pattern, never from the file', async () => {
    const row = ROW.replace('Age UK Hartside', 'constructor').replace('Hartside,4', '__proto__ x,4');
    const text = [HEADER, row].join('\n');
    const { build } = await importOf(fileOf(text));
    expect(build.problems.count).toBe(0);
    const { partnerships, organisations, memberships, pulses, responses } = build.records;
    expect([partnerships[0]?.name, organisations[0]?.name]).toEqual(['__proto__ x', 'constructor']);
    const ids = [...partnerships, ...organisations, ...memberships, ...pulses, ...responses].map((r) => r.id);
    expect(ids).toHaveLength(5);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('maps a file of 1,000 columns, the extra columns left unused', async () => {
    const extra = Array.from({ length: 1000 }, (_, i) => `Column ${i}`);
    const text = `${HEADER},${extra.join(',')}\r\n${ROW},${extra.map(() => '=cmd|"/c calc"!A1').join(',')}\r\n`;
    const { read, build } = await importOf(fileOf(text));
    expect(read.table.columns).toHaveLength(1009);
    expect(build.mappingErrors).toEqual([]);
    expect(build.records.responses).toHaveLength(1);
    expect(JSON.stringify(build.records)).not.toContain('calc');
  });

  it('takes __proto__ and constructor as column names like any other', async () => {
    const text = `${HEADER},__proto__,constructor\r\n${ROW},x,y\r\n`;
    const { read, build } = await importOf(fileOf(text));
    expect(read.table.columns.slice(-2)).toEqual(['__proto__', 'constructor']);
    expect(build.records.responses).toHaveLength(1);
    expect(Object.getPrototypeOf(build.records.responses![0])).toBe(Object.prototype);
  });
});
