import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bundleOf,
  chooseImportFile,
  previewOf,
  jsonFile,
  loadSampleData,
  make,
  openDashboard,
  rejectionOf,
  uuid,
  yourDataViolations,
  type FileToImport,
} from '../harness/data-transfer';
import { databaseDigest } from '../harness/db';
import { UK_DESKTOP } from '../harness';
import { useExtension } from '../harness/vitest';

const ext = useExtension(UK_DESKTOP);

const T0 = Date.UTC(2026, 1, 2, 9);
const P = uuid(101);
const ORG = uuid(102);
const MEETING = uuid(103);

/** A valid bundle: each case breaks it in one way. */
function valid() {
  return bundleOf({
    partnerships: [make.partnership(P, T0, 'Eastbrook Youth Partnership')],
    organisations: [make.organisation(ORG, T0, 'Eastbrook Youth Club', ['eyc.example'])],
    memberships: [make.membership(uuid(104), T0, P, ORG, 'lead')],
    meetings: [make.meeting(MEETING, T0, P, { organisationIds: [ORG] })],
  }) as Record<string, unknown> & {
    meetings: Array<Record<string, unknown>>;
    partnerships: Array<Record<string, unknown>>;
  };
}

function broken(edit: (bundle: ReturnType<typeof valid>) => void): ReturnType<typeof valid> {
  const bundle = valid();
  edit(bundle);
  return bundle;
}

const MEETING_AT = `meetings[0] (id ${MEETING})`;
const PARTNERSHIP_AT = `partnerships[0] (id ${P})`;

interface Case {
  name: string;
  file: FileToImport;
  /** Each must match one listed problem. */
  expected: RegExp[];
}

const validText = JSON.stringify(valid(), null, 2);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const at = (file: string, ...where: string[]) => new RegExp(`^${escape([file, ...where].join(' › '))}`);

const CASES: Case[] = [
  {
    name: 'not JSON',
    file: jsonFile('notes.json', 'Minutes of the core meeting, 2 February'),
    expected: [/^notes\.json \(line 1, column 1\): This is not valid JSON/],
  },
  {
    name: 'truncated',
    file: jsonFile('cut.json', validText.slice(0, Math.floor(validText.length * 0.6))),
    expected: [/^cut\.json \(line \d+, column \d+\): The file ends early/],
  },
  {
    name: 'another format',
    file: jsonFile('other.json', { format: 'calendar-export', events: [] }),
    expected: [/^other\.json › format: This is not a Partnership Pulse bundle: its "format" is "calendar-export"/],
  },
  {
    name: 'a newer version',
    file: jsonFile('newer.json', { ...valid(), version: 2 }),
    expected: [/^newer\.json › version: This file was made by a newer version of Partnership Pulse \(bundle version 2/],
  },
  {
    name: 'a missing field',
    file: jsonFile(
      'missing.json',
      broken((b) => delete b.meetings[0]!.startAt),
    ),
    expected: [new RegExp(`${at('missing.json', MEETING_AT, 'startAt').source}: This field is missing`)],
  },
  {
    name: 'a wrongly typed field',
    file: jsonFile(
      'typed.json',
      broken((b) => (b.meetings[0]!.startAt = '2026-02-02 09:00')),
    ),
    expected: [new RegExp(`${at('typed.json', MEETING_AT, 'startAt').source}: Expected a time in epoch milliseconds`)],
  },
  {
    name: 'a dangling reference',
    file: jsonFile(
      'dangling.json',
      broken((b) => (b.meetings[0]!.partnershipId = uuid(999))),
    ),
    expected: [
      new RegExp(`^dangling\\.json › .*meetings.*${escape(uuid(999))}.*neither in this file nor in this database`),
    ],
  },
  {
    name: 'duplicate ids with different content',
    file: jsonFile(
      'duplicate.json',
      broken((b) => b.meetings.push({ ...b.meetings[0]!, title: 'Another meeting' })),
    ),
    expected: [
      new RegExp(`^duplicate\\.json › meetings\\[1\\].* › id: The id ${escape(MEETING)} appears more than once`),
    ],
  },
  {
    name: 'a __proto__ key',
    file: jsonFile(
      'proto.json',
      validText.replace('"title": "Core meeting"', '"__proto__": {"admin": true}, "title": "Core meeting"'),
    ),
    expected: [
      new RegExp(`${at('proto.json', MEETING_AT, '__proto__').source}: The field name "__proto__" is not allowed`),
    ],
  },
  {
    name: 'a constructor key',
    file: jsonFile(
      'constructor.json',
      validText.replace(
        '"name": "Eastbrook Youth Club"',
        '"name": "Eastbrook Youth Club", "constructor": {"prototype": {}}',
      ),
    ),
    expected: [/^constructor\.json › organisations\[0\].* › constructor: The field name "constructor" is not allowed/],
  },
  {
    name: 'a huge string',
    file: jsonFile(
      'huge.json',
      broken((b) => (b.meetings[0]!.notes = 'x'.repeat(100_001))),
    ),
    expected: [
      new RegExp(`${at('huge.json', MEETING_AT, 'notes').source}: Too long: 100001 characters, at most 100000`),
    ],
  },
  {
    name: 'a huge list',
    file: jsonFile(
      'crowd.json',
      broken(
        (b) => (b.meetings[0]!.attendees = Array.from({ length: 5_001 }, (_, i) => ({ displayName: `Guest ${i}` }))),
      ),
    ),
    expected: [new RegExp(`${at('crowd.json', MEETING_AT, 'attendees').source}: Too many entries: 5001, at most 5000`)],
  },
  {
    name: 'dates that do not parse',
    file: jsonFile(
      'dates.json',
      broken((b) => {
        b.exportedAt = 'last Tuesday';
        b.partnerships[0]!.startDate = '2026-02-30';
      }),
    ),
    expected: [
      /^dates\.json › exportedAt: Expected a date and time such as/,
      new RegExp(`${at('dates.json', PARTNERSHIP_AT, 'startDate').source}: Expected a calendar date that exists`),
    ],
  },
];

describe('a file the import refuses', () => {
  let page: Page;
  beforeAll(async () => {
    await loadSampleData(ext());
    page = await openDashboard(ext());
  });

  it('the valid bundle the cases break is accepted (so each refusal is down to its one fault)', async () => {
    await chooseImportFile(page, jsonFile('valid.json', validText));
    await previewOf(page).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await previewOf(page).waitFor({ state: 'detached' });
  });

  for (const { name, file, expected } of CASES) {
    it(`says what is wrong and where, and changes nothing: ${name}`, async () => {
      const before = await databaseDigest(page);
      const problems = await rejectionOf(page, file);
      for (const pattern of expected) {
        expect(
          problems.some((line) => pattern.test(line)),
          `${pattern} in ${JSON.stringify(problems)}`,
        ).toBe(true);
      }
      expect(await databaseDigest(page)).toEqual(before);
    });
  }

  it('lists the problems accessibly', async () => {
    await chooseImportFile(page, CASES.find((c) => c.name === 'dates that do not parse')!.file);
    await page.locator('.import-problems').waitFor();
    expect(await yourDataViolations(page)).toEqual([]);
    await page.locator('.import-problems').getByRole('button', { name: 'Cancel' }).click();
  });
});
