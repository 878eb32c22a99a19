import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCE } from '../../../../utils/db/records';
import { buildImport } from '../../../../utils/your-data/csv-import/records';
import { buildQuestions, defaultCoreWording } from '../../../../utils/pulse/questions';
import { emptyContext, fileOf, fixtureBytes, importOf } from './helpers';
import * as make from '../../../factories';

const stamps = { createdAt: 1, updatedAt: 1 };
const NORTHSIDE = make.partnership({
  id: 'p-north',
  name: 'Northside Hardship Partnership',
  startDate: '2023-01-01',
  ...stamps,
});
const CITIZENS = make.organisation({ id: 'o-citizens', name: 'Citizens  Advice', ...stamps });
const FOOD_BANK = make.organisation({ id: 'o-food', name: 'food bank north', ...stamps });
const CITIZENS_CORE = make.membership({
  id: 'm-1',
  partnershipId: 'p-north',
  organisationId: 'o-citizens',
  partnerType: 'core',
  joinedOn: '2023-01-01',
  ...stamps,
});

const local = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => new Date(y, m - 1, d, h, min, s).getTime();

describe('a Google Forms export', () => {
  it('is mapped from its header names, with agreement words and day-first dates', async () => {
    const { read, mapping } = await importOf(fileOf(fixtureBytes('google-forms.csv')));
    const column = (index: number | null) => (index === null ? null : read.table.columns[index]);
    expect(column(mapping.date)).toBe('Timestamp');
    expect(mapping.dateOrder).toBe('dmy');
    expect('column' in mapping.partnership && column(mapping.partnership.column)).toBe(
      'Which partnership are you part of?',
    );
    expect(column(mapping.partnerType)).toBe('What type of partner is your organisation?');
    expect(column(mapping.organisation)).toBe('Your organisation (optional)');
    expect(column(mapping.comment)).toBe('Anything else you would like to tell us?');
    expect(column(mapping.dimensions.trust.column)).toMatch(/^I trust/);
    expect(column(mapping.dimensions.equity.column)).toMatch(/^Decisions/);
    expect(column(mapping.dimensions.flexibility.column)).toMatch(/adapts/);
    expect(column(mapping.dimensions.communication.column)).toMatch(/^I know what is happening/);
    expect(Object.values(mapping.dimensions).map((d) => d.scale)).toEqual(['agree5', 'agree5', 'agree5', 'agree5']);
  });

  it('becomes one closed pulse per partnership per month, responses from the import, and the records it names', async () => {
    const context = emptyContext({
      partnerships: [NORTHSIDE],
      organisations: [CITIZENS, FOOD_BANK],
      memberships: [CITIZENS_CORE],
    });
    const { build } = await importOf(fileOf(fixtureBytes('google-forms.csv')), context);
    expect(build.problems.count).toBe(0);
    const { pulses, responses, partnerships, organisations, memberships } = build.records;

    // Northside March (3 rows), Northside April (1), Riverside April (1).
    expect(
      pulses.map((p) => [
        p.partnershipId,
        new Date(p.periodStart!).getMonth() + 1,
        responses.filter((r) => r.pulseId === p.id).length,
      ]),
    ).toEqual([
      ['p-north', 3, 3],
      ['p-north', 4, 1],
      [partnerships[0]!.id, 4, 1],
    ]);
    const march = pulses[0]!;
    expect(march.periodStart).toBe(local(2024, 3, 1));
    expect(march.periodEnd).toBe(local(2024, 4, 1) - 1);
    expect(march.expiresAt).toBe(local(2024, 3, 20, 16, 45));
    expect(march.questions).toEqual(buildQuestions(defaultCoreWording()));
    expect(march.threshold).toBe(3);

    expect(responses[0]).toMatchObject({
      partnerType: 'lead',
      answers: { trust: 5, equity: 4, flexibility: 4, communication: 5 },
      source: 'import',
      receivedAt: local(2024, 3, 14, 10, 22, 33),
    });
    expect(responses[1]).toMatchObject({ partnerType: 'core', comment: 'More notice of meetings, please.' });
    expect(responses[1]!.organisationId).toBeUndefined();
    // "Prefer not to say" is null; a formula stays text (the export neutralises it).
    expect(responses[2]).toMatchObject({
      organisationId: 'o-food',
      answers: { trust: 2, equity: 1, flexibility: null, communication: 3 },
      comment: '=HYPERLINK("http://evil.example")',
    });
    expect(responses[3]!.organisationId).toBe('o-citizens');

    // New: Riverside, and Age UK (with its lead membership); Food Bank needs a membership of each partnership.
    expect(partnerships).toEqual([
      expect.objectContaining({ name: 'Riverside Wellbeing Forum', startDate: '2024-04-05', cadence: DEFAULT_CADENCE }),
    ]);
    expect(organisations.map((o) => o.name)).toEqual(['Age UK Northside']);
    expect(memberships.map((m) => [m.partnershipId, m.organisationId, m.partnerType, m.joinedOn]).sort()).toEqual(
      [
        ['p-north', organisations[0]!.id, 'lead', '2024-03-14'],
        ['p-north', 'o-food', 'wider', '2024-03-20'],
        [partnerships[0]!.id, 'o-food', 'core', '2024-04-05'],
      ].sort(),
    );
  });

  it('shows which names will be created and matches the others ignoring case and spaces', async () => {
    const context = emptyContext({ partnerships: [NORTHSIDE], organisations: [CITIZENS] });
    const { build } = await importOf(fileOf(fixtureBytes('google-forms.csv')), context);
    expect(
      build.rows.map((r) => [r.partnership.name, r.partnership.isNew, r.organisation?.name, r.organisation?.isNew]),
    ).toEqual([
      ['Northside Hardship Partnership', false, 'Age UK Northside', true],
      ['Northside Hardship Partnership', false, undefined, undefined],
      ['Northside Hardship Partnership', false, 'Food Bank North', true],
      ['Northside Hardship Partnership', false, 'Citizens  Advice', false],
      ['Riverside Wellbeing Forum', true, 'Food Bank North', true],
    ]);
    // Food Bank North is one new organisation, whichever row named it.
    expect(build.records.organisations.map((o) => o.name).sort()).toEqual(['Age UK Northside', 'Food Bank North']);
  });

  it('gives the same records, ids and stamps each time; a row that reads differently gets another id', async () => {
    const first = await importOf(fileOf(fixtureBytes('google-forms.csv')));
    const again = await importOf(fileOf(fixtureBytes('google-forms.csv')));
    expect(again.build.records).toEqual(first.build.records);
    const ids = Object.values(first.build.records).flatMap((list) => list.map((r: { id: string }) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const changed = new TextDecoder().decode(fixtureBytes('google-forms.csv')).replace('More notice', 'Less notice');
    const other = await importOf(fileOf(changed));
    const idsOf = (build: typeof first.build) => build.records.responses.map((r) => r.id);
    // Only the changed row (the second) has a new id: ids come from what a row says, not from the file.
    expect(idsOf(other.build).map((id, i) => id === idsOf(first.build)[i])).toEqual([true, false, true, true, true]);
  });
});

describe('a Microsoft Forms export', () => {
  it('takes the completion time, month-first dates and 1–10 answers mapped to 1–5', async () => {
    const { read, mapping, build } = await importOf(fileOf(fixtureBytes('microsoft-forms.csv')));
    expect(read.table.columns[mapping.date!]).toBe('Completion time');
    expect(mapping.dateOrder).toBe('mdy');
    expect(Object.values(mapping.dimensions).map((d) => d.scale)).toEqual(['oneTen', 'oneTen', 'oneTen', 'oneTen']);
    expect(build.problems.count).toBe(0);
    const { responses } = build.records;
    expect(responses.map((r) => r.receivedAt)).toEqual([
      local(2024, 3, 13, 10, 6, 40),
      local(2024, 3, 14, 14, 25, 31),
      local(2024, 4, 2, 9, 4, 12),
    ]);
    // 10 → 5, 1 → 1, 6 → 3.22 → 3, 8 → 4.11 → 4; an empty cell is not answered.
    expect(responses[0]!.answers).toEqual({ trust: 5, equity: 1, flexibility: 3, communication: 4 });
    expect(responses[1]!.answers).toEqual({ trust: 3, equity: 4, communication: 1 });
    expect(responses.map((r) => r.partnerType)).toEqual(['core', 'wider', 'lead']);
  });

  it('maps 0–10 answers when that scale is chosen', async () => {
    const { build } = await importOf(fileOf(fixtureBytes('microsoft-forms.csv')), emptyContext(), (mapping) => {
      mapping.dimensions.trust.scale = 'zeroTen';
    });
    // 0–10: 10 → 5, 5 → 3, 9 → 4.6 → 5.
    expect(build.records.responses.map((r) => r.answers.trust)).toEqual([5, 3, 5]);
  });
});

describe('problems in the rows', () => {
  const header = 'Timestamp,Partnership,Partner type,Organisation,Trust,Equity\n';

  it('lists unparseable dates, answers off the scale and unknown partner types by row and column, and leaves those rows out', async () => {
    const text = [
      header.trimEnd(),
      '2024-03-15,North,core,A,4,5',
      '31/02/2024,North,core,A,4,5',
      'yesterday,North,core,A,4,5',
      '2024-03-16,North,core,A,7,5',
      '2024-03-16,North,partner,A,4,Agree a lot',
      '2024-03-16,North,core,A,,',
      '2024-03-17,,core,A,4,5',
    ].join('\n');
    const { build } = await importOf(fileOf(text), emptyContext(), (mapping) => {
      mapping.dimensions.trust.scale = 'agree5';
    });
    expect(build.rows.map((r) => r.row)).toEqual([2]);
    expect(build.problems.problems.map((p) => [p.record, p.field, p.message])).toEqual([
      ['row 3', 'Timestamp', expect.stringContaining('“31/02/2024” is not a date')],
      ['row 4', 'Timestamp', expect.stringContaining('“yesterday” is not a date')],
      ['row 5', 'Trust', '“7” is not on the scale 1–5 (Strongly disagree … agree).'],
      ['row 6', 'Equity', expect.stringContaining('“Agree a lot” is not on the scale')],
      ['row 6', 'Partner type', '“partner” is not a partner type (lead, core or wider).'],
      ['row 7', undefined, 'no answer to any of the chosen dimensions.'],
      ['row 8', 'Partnership', 'the partnership is empty.'],
    ]);
  });

  it('takes the partner type from the membership when there is no column, and says when there is none', async () => {
    const text = 'Date,Organisation,Trust\n2024-03-15,citizens advice,4\n2024-03-15,Food Bank North,4\n';
    const context = emptyContext({
      partnerships: [NORTHSIDE],
      organisations: [CITIZENS, FOOD_BANK],
      memberships: [CITIZENS_CORE],
    });
    const { mapping, build } = await importOf(fileOf(text), context, (m) => {
      m.partnership = { name: 'northside hardship partnership' };
    });
    expect(mapping.partnerType).toBeNull();
    expect(build.rows.map((r) => [r.partnership.id, r.partnerType])).toEqual([['p-north', 'core']]);
    expect(build.problems.problems.map((p) => [p.record, p.message])).toEqual([
      [
        'row 3',
        'food bank north is not a member of Northside Hardship Partnership, so its partner type is not known: choose a partner type column.',
      ],
    ]);
    expect(build.records.memberships).toEqual([]);
  });

  it('builds nothing while the mapping lacks a date, a dimension or a way to the partner type', async () => {
    const read = await importOf(fileOf('Date,Organisation,Trust\n2024-03-15,A,4\n'));
    const mapping = { ...read.mapping, date: null, partnership: { name: '' }, organisation: null };
    const build = buildImport(read.read.table, mapping, emptyContext(), { name: 'x.csv' });
    expect(build.mappingErrors).toEqual([
      'csvImport_needDate',
      'csvImport_needPartnership',
      'csvImport_needPartnerType',
    ]);
    expect(build.records.responses).toEqual([]);
  });
});

describe('multi-line names', () => {
  it('partnership and organisation names split over lines (quoted cells) are stored on one line', async () => {
    const text = [
      'Timestamp,Partnership,Partner type,Organisation,Trust',
      '2024-03-15,"North\nside\r\n Partnership",core,"Age UK\r\n\r\nLeeds",4',
      '2024-03-15,North side Partnership,core,"Age UK\u2028Leeds",5',
    ].join('\n');
    const { build } = await importOf(fileOf(text), emptyContext(), (mapping) => {
      mapping.dimensions.trust.scale = 'agree5';
    });
    expect(build.problems.problems).toEqual([]);
    expect(build.records.partnerships.map((p) => p.name)).toEqual(['North side Partnership']);
    expect(build.records.organisations.map((o) => o.name)).toEqual(['Age UK Leeds']);
    for (const name of [...build.records.partnerships, ...build.records.organisations].map((r) => r.name)) {
      expect(name).not.toMatch(/[\r\n\u2028\u2029]/);
    }
  });

  it('multi-line names match the one-line partnership and organisation stored here', async () => {
    const text = 'Date,Organisation,Trust\n2024-03-15,"Citizens\nAdvice",4\n';
    const context = emptyContext({
      partnerships: [NORTHSIDE],
      organisations: [CITIZENS, FOOD_BANK],
      memberships: [CITIZENS_CORE],
    });
    const { build } = await importOf(fileOf(text), context, (mapping) => {
      mapping.partnership = { name: 'Northside\nHardship  Partnership' };
      mapping.dimensions.trust.scale = 'agree5';
    });
    expect(build.records.organisations).toEqual([]);
    expect(build.records.partnerships).toEqual([]);
    expect(build.records.responses.map((r) => r.organisationId)).toEqual([CITIZENS.id]);
  });
});
