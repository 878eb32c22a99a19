import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveCsv } from '../../../../components/shared/download';
import { exportCsv } from '../../../../utils/your-data/csv-export/export';
import type { PulseDatabase } from '../../../../utils/db/schema';
import { anonymityThreshold } from '../../../../utils/settings/settings';
import { freshDb } from '../../db/helpers';
import {
  DAY,
  T0,
  meeting,
  membership,
  organisation,
  partnership,
  pulse,
  purposeTag,
  putAll,
  response,
  uuid,
} from './records';

let db: PulseDatabase;

const NORTH = partnership(1, 'Northside');
const SOUTH = partnership(2, 'Southside');
const AGE_UK = organisation(11, 'Age UK');
const ADVICE = organisation(12, 'Citizens Advice');
const FOOD = organisation(13, 'Food Bank');
const LATE = organisation(14, 'Late Joiner');
const NOW = T0 + 30 * DAY;

function parse(csv: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
  return { header: header!, rows };
}

function column(table: { header: string[]; rows: string[][] }, name: string): string[] {
  const index = table.header.indexOf(name);
  expect(index, `column ${name}`).toBeGreaterThanOrEqual(0);
  return table.rows.map((row) => row[index]!);
}

beforeEach(async () => {
  db = await freshDb('csv-export');
  await putAll(db, {
    partnerships: [NORTH, SOUTH, partnership(3, 'Gone', { deletedAt: T0 })],
    organisations: [AGE_UK, ADVICE, FOOD, LATE],
    purposeTags: [purposeTag(21, 'Decision-making'), purposeTag(22, '=HYPERLINK("http://evil.example")')],
  });
});

afterEach(() => vi.restoreAllMocks());

describe('meetings CSV', () => {
  it('has one row per live meeting in scope, headers in words, ISO 8601 times and CRLF line ends', async () => {
    await putAll(db, {
      meetings: [
        meeting(31, NORTH.id, { title: 'March core', organisationIds: [AGE_UK.id, ADVICE.id] }),
        meeting(32, NORTH.id, { title: 'Deleted', deletedAt: T0 + 1 }),
        meeting(33, SOUTH.id, { title: 'South wider', kind: 'wider', startAt: T0 + DAY, endAt: undefined }),
        meeting(34, uuid(3), { title: 'Of a deleted partnership' }),
      ],
    });
    const all = await exportCsv(db, 'meetings', 'all', NOW);
    expect(all.csv.split('\r\n').length).toBe(3);
    expect(all.csv).not.toMatch(/[^\r]\n/);
    const table = parse(all.csv);
    expect(table.header.slice(0, 4)).toEqual(['Meeting id', 'Partnership', 'Start', 'End']);
    expect(column(table, 'Title')).toEqual(['March core', 'South wider']);
    const starts = column(table, 'Start');
    expect(starts[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    expect(starts.map(Date.parse)).toEqual([T0, T0 + DAY]);
    expect(column(table, 'End')).toEqual([expect.stringMatching(/^2025-03-10T/), '']);
    expect(column(table, 'Organisations represented')).toEqual(['2', '0']);
    expect(column(table, 'Organisations')[0]).toBe('Age UK; Citizens Advice');
    expect(column(table, 'Kind')).toEqual(['Core meeting', 'Wider meeting']);

    const south = parse((await exportCsv(db, 'meetings', { partnershipId: SOUTH.id }, NOW)).csv);
    expect(column(south, 'Title')).toEqual(['South wider']);
  });

  it('neutralises every kind of text cell that starts like a formula', async () => {
    await putAll(db, {
      partnerships: [partnership(1, '+Northside')],
      organisations: [organisation(11, '@Age UK')],
      meetings: [
        meeting(31, NORTH.id, {
          title: '=1+1',
          decisions: '-2+3',
          notes: '\tcmd',
          chairName: '@SUM(A1)',
          chairOrganisationId: AGE_UK.id,
          purposeTagIds: [uuid(22)],
          organisationIds: [AGE_UK.id],
        }),
      ],
    });
    const table = parse((await exportCsv(db, 'meetings', 'all', NOW)).csv);
    const cell = (name: string) => column(table, name)[0];
    expect(cell('Title')).toBe("'=1+1");
    expect(cell('Decisions')).toBe("'-2+3");
    expect(cell('Notes')).toBe("'\tcmd");
    expect(cell('Chair')).toBe("'@SUM(A1)");
    expect(cell('Chair organisation')).toBe("'@Age UK");
    expect(cell('Partnership')).toBe("'+Northside");
    expect(cell('Purposes')).toBe('\'=HYPERLINK("http://evil.example")');
    expect(cell('Organisations')).toBe("'@Age UK");
  });

  it('is saved with a UTF-8 byte-order mark', async () => {
    await putAll(db, { meetings: [meeting(31, NORTH.id, { title: 'Café' })] });
    const { csv, fileName } = await exportCsv(db, 'meetings', { partnershipId: NORTH.id }, NOW);
    expect(fileName).toBe(`partnership-pulse-meetings-${new Date(NOW).toISOString().slice(0, 10)}-northside.csv`);
    let saved: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved = blob as Blob;
      return 'blob:test';
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    saveCsv(csv, fileName);
    const bytes = new Uint8Array(await saved!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('Café');
  });
});

describe('attendance CSV', () => {
  it('has a row per expected member (attended or not) and per present non-member, with the partner type of that date', async () => {
    await putAll(db, {
      memberships: [
        membership(41, NORTH.id, AGE_UK.id, 'lead'),
        // Citizens Advice was wider until the meeting's month, core from then on.
        membership(42, NORTH.id, ADVICE.id, 'wider', { leftOn: '2025-03-01' }),
        membership(43, NORTH.id, ADVICE.id, 'core', { joinedOn: '2025-03-01' }),
        membership(44, NORTH.id, FOOD.id, 'wider'),
        membership(45, NORTH.id, LATE.id, 'core', { joinedOn: '2025-04-01' }),
      ],
      meetings: [
        meeting(31, NORTH.id, { organisationIds: [AGE_UK.id, FOOD.id] }),
        meeting(32, NORTH.id, { status: 'planned', startAt: T0 + 20 * DAY }),
      ],
    });
    const table = parse((await exportCsv(db, 'attendance', 'all', NOW)).csv);
    expect(table.header).toEqual([
      'Meeting id',
      'Date',
      'Partnership',
      'Kind',
      'Organisation',
      'Partner type',
      'Expected',
      'Attended',
    ]);
    const rows = table.rows.map((row) => [row[4], row[5], row[6], row[7]]);
    expect(rows).toEqual([
      ['Age UK', 'Lead', 'yes', 'yes'],
      ['Citizens Advice', 'Core', 'yes', 'no'],
      ['Food Bank', 'Wider', 'no', 'yes'],
    ]);
    expect(column(table, 'Date')).toEqual(['2025-03-10', '2025-03-10', '2025-03-10']);
  });
});

describe('responses CSV', () => {
  const closed = { expiresAt: T0 + 7 * DAY };

  it('leaves out open pulses and pulses below the threshold, and says how many', async () => {
    await putAll(db, {
      pulses: [pulse(51, NORTH.id, closed), pulse(52, NORTH.id, { expiresAt: NOW + DAY }), pulse(53, NORTH.id, closed)],
      responses: [
        ...[61, 62, 63].map((n) => response(n, uuid(51), 'core')),
        ...[64, 65, 66].map((n) => response(n, uuid(52), 'core')),
        ...[67, 68].map((n) => response(n, uuid(53), 'core')),
        response(69, uuid(53), 'core', { deletedAt: T0 }),
      ],
    });
    const result = await exportCsv(db, 'responses', 'all', NOW);
    expect(result.withheld).toBe(2);
    const table = parse(result.csv);
    expect(new Set(column(table, 'Pulse id'))).toEqual(new Set([uuid(51)]));
    expect(column(table, 'Trust')).toEqual(['4', '4', '4']);
    expect(column(table, 'Communication')).toEqual(['prefer not to say', 'prefer not to say', 'prefer not to say']);
    expect(column(table, 'Pulse date')).toEqual(['2025-03-10', '2025-03-10', '2025-03-10']);
  });

  it('uses the stricter of the pulse threshold and the current setting', async () => {
    await putAll(db, {
      pulses: [pulse(51, NORTH.id, closed)],
      responses: [61, 62, 63].map((n) => response(n, uuid(51), 'core')),
    });
    await anonymityThreshold.setValue(4);
    const result = await exportCsv(db, 'responses', 'all', NOW);
    expect(result.withheld).toBe(1);
    expect(parse(result.csv).rows).toEqual([]);
  });

  it('names a partner type or organisation only where that group is shown', async () => {
    await putAll(db, {
      pulses: [pulse(51, NORTH.id, closed)],
      responses: [
        response(61, uuid(51), 'lead', { organisationId: AGE_UK.id }),
        ...[62, 63, 64].map((n) => response(n, uuid(51), 'wider', { organisationId: FOOD.id })),
        ...[65, 66, 67].map((n) => response(n, uuid(51), 'core')),
        response(68, uuid(51), 'core', { organisationId: ADVICE.id, comment: '=cmd', source: 'lead' }),
      ],
    });
    const table = parse((await exportCsv(db, 'responses', 'all', NOW)).csv);
    expect(table.rows).toHaveLength(8);
    const cells = table.rows.map((row) => `${row[3]}|${row[4]}`).sort();
    // The lone lead is hidden, which hides the smallest other type (wider, 3) so the total gives nothing away.
    expect(cells).toEqual(['Core|', 'Core|', 'Core|', 'Core|', '|', '|', '|', '|']);
    // Free text is never written beside its partner's scores.
    expect(table.header).not.toContain('Comment');
    expect(table.rows.flat()).not.toContain("'=cmd");
    expect(column(table, 'Source')).toContain('entered by the lead');
    expect(table.header).toContain('How useful was it?');
  });

  it('names the organisation the partners gave when its group reaches the threshold', async () => {
    await putAll(db, {
      pulses: [pulse(51, NORTH.id, closed)],
      responses: [
        ...[61, 62, 63].map((n) => response(n, uuid(51), 'core', { organisationId: ADVICE.id })),
        ...[64, 65, 66].map((n) => response(n, uuid(51), 'core')),
      ],
    });
    const table = parse((await exportCsv(db, 'responses', 'all', NOW)).csv);
    expect(column(table, 'Organisation').sort()).toEqual([
      '',
      '',
      '',
      'Citizens Advice',
      'Citizens Advice',
      'Citizens Advice',
    ]);
    expect(new Set(column(table, 'Partner type'))).toEqual(new Set(['Core']));
  });
});
