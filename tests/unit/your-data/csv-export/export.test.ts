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
} from '../../../factories';

let db: PulseDatabase;

const NORTH = partnership({ id: uuid(1), name: 'Northside' });
const SOUTH = partnership({ id: uuid(2), name: 'Southside' });
const AGE_UK = organisation({ id: uuid(11), name: 'Age UK' });
const ADVICE = organisation({ id: uuid(12), name: 'Citizens Advice' });
const FOOD = organisation({ id: uuid(13), name: 'Food Bank' });
const LATE = organisation({ id: uuid(14), name: 'Late Joiner' });
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
    partnerships: [NORTH, SOUTH, partnership({ id: uuid(3), name: 'Gone', deletedAt: T0 })],
    organisations: [AGE_UK, ADVICE, FOOD, LATE],
    purposeTags: [
      purposeTag({ id: uuid(21), label: 'Decision-making' }),
      purposeTag({ id: uuid(22), label: '=HYPERLINK("http://evil.example")' }),
    ],
  });
});

afterEach(() => vi.restoreAllMocks());

describe('meetings CSV', () => {
  it('has one row per live meeting in scope, headers in words, ISO 8601 times and CRLF line ends', async () => {
    await putAll(db, {
      meetings: [
        meeting({
          id: uuid(31),
          partnershipId: NORTH.id,
          title: 'March core',
          organisationIds: [AGE_UK.id, ADVICE.id],
        }),
        meeting({ id: uuid(32), partnershipId: NORTH.id, title: 'Deleted', deletedAt: T0 + 1 }),
        meeting({
          id: uuid(33),
          partnershipId: SOUTH.id,
          title: 'South wider',
          kind: 'wider',
          startAt: T0 + DAY,
          endAt: undefined,
        }),
        meeting({ id: uuid(34), partnershipId: uuid(3), title: 'Of a deleted partnership' }),
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
      partnerships: [partnership({ id: uuid(1), name: '+Northside' })],
      organisations: [organisation({ id: uuid(11), name: '@Age UK' })],
      meetings: [
        meeting({
          id: uuid(31),
          partnershipId: NORTH.id,
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
    await putAll(db, { meetings: [meeting({ id: uuid(31), partnershipId: NORTH.id, title: 'Café' })] });
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
        membership({ id: uuid(41), partnershipId: NORTH.id, organisationId: AGE_UK.id, partnerType: 'lead' }),
        // Citizens Advice was wider until the meeting's month, core from then on.
        membership({
          id: uuid(42),
          partnershipId: NORTH.id,
          organisationId: ADVICE.id,
          partnerType: 'wider',
          leftOn: '2025-03-01',
        }),
        membership({
          id: uuid(43),
          partnershipId: NORTH.id,
          organisationId: ADVICE.id,
          partnerType: 'core',
          joinedOn: '2025-03-01',
        }),
        membership({ id: uuid(44), partnershipId: NORTH.id, organisationId: FOOD.id, partnerType: 'wider' }),
        membership({
          id: uuid(45),
          partnershipId: NORTH.id,
          organisationId: LATE.id,
          partnerType: 'core',
          joinedOn: '2025-04-01',
        }),
      ],
      meetings: [
        meeting({ id: uuid(31), partnershipId: NORTH.id, organisationIds: [AGE_UK.id, FOOD.id] }),
        meeting({ id: uuid(32), partnershipId: NORTH.id, status: 'planned', startAt: T0 + 20 * DAY }),
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
      pulses: [
        pulse({ id: uuid(51), partnershipId: NORTH.id, ...closed }),
        pulse({ id: uuid(52), partnershipId: NORTH.id, expiresAt: NOW + DAY }),
        pulse({ id: uuid(53), partnershipId: NORTH.id, ...closed }),
      ],
      responses: [
        ...[61, 62, 63].map((n) => response({ id: uuid(n), pulseId: uuid(51), partnerType: 'core' })),
        ...[64, 65, 66].map((n) => response({ id: uuid(n), pulseId: uuid(52), partnerType: 'core' })),
        ...[67, 68].map((n) => response({ id: uuid(n), pulseId: uuid(53), partnerType: 'core' })),
        response({ id: uuid(69), pulseId: uuid(53), partnerType: 'core', deletedAt: T0 }),
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
      pulses: [pulse({ id: uuid(51), partnershipId: NORTH.id, ...closed })],
      responses: [61, 62, 63].map((n) => response({ id: uuid(n), pulseId: uuid(51), partnerType: 'core' })),
    });
    await anonymityThreshold.setValue(4);
    const result = await exportCsv(db, 'responses', 'all', NOW);
    expect(result.withheld).toBe(1);
    expect(parse(result.csv).rows).toEqual([]);
  });

  it('names a partner type or organisation only where that group is shown', async () => {
    await putAll(db, {
      pulses: [pulse({ id: uuid(51), partnershipId: NORTH.id, ...closed })],
      responses: [
        response({ id: uuid(61), pulseId: uuid(51), partnerType: 'lead', organisationId: AGE_UK.id }),
        ...[62, 63, 64].map((n) =>
          response({ id: uuid(n), pulseId: uuid(51), partnerType: 'wider', organisationId: FOOD.id }),
        ),
        ...[65, 66, 67].map((n) => response({ id: uuid(n), pulseId: uuid(51), partnerType: 'core' })),
        response({
          id: uuid(68),
          pulseId: uuid(51),
          partnerType: 'core',
          organisationId: ADVICE.id,
          comment: '=cmd',
          source: 'lead',
        }),
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

  it('names no group whose ratings of a question the dashboard hides (attacker: two "prefer not to say" beside one rating)', async () => {
    // Three lead answers, two of them "prefer not to say" on trust: the dashboard hides the lead's
    // trust (one rating) and, so it cannot be subtracted, core's too. Rows named "Lead" would
    // show that one rating; rows named "Core" would leave the unnamed ones to be the lead's.
    const answers = (trust: number | null) => ({ trust, equity: 3, flexibility: 5, communication: 4 });
    await putAll(db, {
      pulses: [pulse({ id: uuid(51), partnershipId: NORTH.id, ...closed })],
      responses: [
        response({ id: uuid(61), pulseId: uuid(51), partnerType: 'lead', answers: answers(1) }),
        response({ id: uuid(62), pulseId: uuid(51), partnerType: 'lead', answers: answers(null) }),
        response({ id: uuid(63), pulseId: uuid(51), partnerType: 'lead', answers: answers(null) }),
        ...[64, 65, 66].map((n) =>
          response({ id: uuid(n), pulseId: uuid(51), partnerType: 'core', answers: answers(5) }),
        ),
      ],
    });
    const table = parse((await exportCsv(db, 'responses', 'all', NOW)).csv);
    expect(table.rows).toHaveLength(6);
    expect(column(table, 'Partner type')).toEqual(['', '', '', '', '', '']);
  });

  it('names each group shown for every question, and hides a sibling so the rest gives nothing away', async () => {
    // Core rates everything (3), wider rates everything (3), lead (3) left equity unrated but one:
    // lead is hidden by equity; the partition then hides the smaller of core and wider... both are
    // 3, so one of them; the other may be named.
    const answers = (equity: number | null) => ({ trust: 4, equity, flexibility: 5, communication: 4 });
    await putAll(db, {
      pulses: [pulse({ id: uuid(51), partnershipId: NORTH.id, ...closed })],
      responses: [
        response({ id: uuid(61), pulseId: uuid(51), partnerType: 'lead', answers: answers(2) }),
        response({ id: uuid(62), pulseId: uuid(51), partnerType: 'lead', answers: answers(null) }),
        response({ id: uuid(63), pulseId: uuid(51), partnerType: 'lead', answers: answers(null) }),
        ...[64, 65, 66, 67].map((n) =>
          response({ id: uuid(n), pulseId: uuid(51), partnerType: 'core', answers: answers(3) }),
        ),
        ...[68, 69, 70].map((n) =>
          response({ id: uuid(n), pulseId: uuid(51), partnerType: 'wider', answers: answers(4) }),
        ),
      ],
    });
    const table = parse((await exportCsv(db, 'responses', 'all', NOW)).csv);
    // Lead hidden (equity), wider hidden with it (the smaller shown sibling), core named.
    expect(column(table, 'Partner type').sort()).toEqual(['', '', '', '', '', '', 'Core', 'Core', 'Core', 'Core']);
  });

  it('names the organisation the partners gave when its group reaches the threshold', async () => {
    await putAll(db, {
      pulses: [pulse({ id: uuid(51), partnershipId: NORTH.id, ...closed })],
      responses: [
        ...[61, 62, 63].map((n) =>
          response({ id: uuid(n), pulseId: uuid(51), partnerType: 'core', organisationId: ADVICE.id }),
        ),
        ...[64, 65, 66].map((n) => response({ id: uuid(n), pulseId: uuid(51), partnerType: 'core' })),
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
