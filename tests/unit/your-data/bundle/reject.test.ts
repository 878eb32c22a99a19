import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../../../utils/your-data/bundle/limits';
import { ImportRejected, MAX_PROBLEMS, describeProblem } from '../../../../utils/your-data/bundle/problems';
import { parseBundle, utf8Length } from '../../../../utils/your-data/bundle/read';
import { planFile } from '../../../../utils/your-data/bundle/session';
import { databaseDigest } from '../../../../utils/db/digest';
import type { Meeting } from '../../../../utils/db/records';
import { closePulseDb } from '../../../../utils/db/open';
import type { PulseDatabase } from '../../../../utils/db/schema';
import { demoDb, editBundle, expectRejected, exportText, importText } from './helpers';

// Each case: a bad file, refused with a message saying what and where, and the database
// (holding the sample data) exactly as before — expectRejected compares databaseDigest.

let text: string;
let db: PulseDatabase;

beforeAll(async () => {
  text = await exportText(await demoDb('export'));
  await closePulseDb();
});

async function target(): Promise<PulseDatabase> {
  db = await demoDb('target');
  return db;
}

function only<T>(list: T[]): T {
  expect(list).toHaveLength(1);
  return list[0]!;
}

describe('a file that is not a bundle', () => {
  it('not JSON at all', async () => {
    const problem = only(await expectRejected(await target(), 'hello, world'));
    expect(problem).toMatchObject({ line: 1, column: 1 });
    expect(problem.message).toContain('not valid JSON');
  });

  it('a syntax error gives its line and column', async () => {
    const bad = '{\n  "format": "partnership-pulse",\n  "version": 1,,\n}';
    const problem = only(await expectRejected(await target(), bad));
    expect(problem).toMatchObject({ line: 3, column: 16 });
    expect(describeProblem(problem)).toBe(`bad.json (line 3, column 16): ${problem.message}`);
  });

  it('a truncated file says it ends early', async () => {
    for (const cut of [text.length - 3, Math.floor(text.length / 2), 20]) {
      const problem = only(await expectRejected(await target(), text.slice(0, cut)));
      expect(problem.message).toContain('ends early');
      expect(problem.line).toBeGreaterThanOrEqual(1);
    }
  });

  it('an empty file', async () => {
    expect(only(await expectRejected(await target(), '  \n')).message).toBe('The file is empty.');
  });

  it('JSON that is not an object', async () => {
    expect(only(await expectRejected(await target(), '[1, 2]')).message).toContain('holds a list');
  });

  it('another format, or none', async () => {
    const other = only(await expectRejected(await target(), '{"format":"something-else","version":1}'));
    expect(other).toMatchObject({ field: 'format' });
    expect(other.message).toContain('"something-else"');
    const none = only(await expectRejected(await target(), '{"version":1,"meetings":[]}'));
    expect(none.message).toContain('not a Partnership Pulse bundle');
  });

  it('a newer version than this build knows', async () => {
    const newer = editBundle(text, (b) => (b.version = 2));
    const problem = only(await expectRejected(await target(), newer));
    expect(problem).toMatchObject({ field: 'version' });
    expect(problem.message).toContain('made by a newer version of Partnership Pulse');
  });
});

describe('records that are wrong', () => {
  it('attendance counts: a count under 1, a name riding along, an organisation that is nowhere', async () => {
    let id = '';
    const bad = editBundle(text, (b) => {
      id = b.meetings[0]!.id;
      const organisationId = b.meetings[0]!.organisationIds[0];
      (b.meetings[0] as unknown as Record<string, unknown>).attendanceCounts = [
        { organisationId, count: 0 },
        { count: 2, displayName: 'Dee Patel' },
      ];
    });
    const problems = await expectRejected(await target(), bad);
    expect(problems.map((p) => [p.record, p.field])).toEqual([
      [`meetings[0] (id ${id})`, 'attendanceCounts[0].count'],
      [`meetings[0] (id ${id})`, 'attendanceCounts[1].displayName'],
    ]);
    const dangling = editBundle(text, (b) => {
      b.meetings[0]!.attendanceCounts = [{ organisationId: 'nowhere', count: 2 }];
    });
    const problem = only(await expectRejected(await target(), dangling));
    expect(problem).toMatchObject({ field: 'attendanceCounts[0].organisationId' });
    expect(problem.message).toContain('nowhere');
  });

  it('a missing field, with the record and field named', async () => {
    let id = '';
    const bad = editBundle(text, (b) => {
      id = b.meetings[3]!.id;
      delete (b.meetings[3] as Partial<Meeting>).startAt;
    });
    const problem = only(await expectRejected(await target(), bad));
    expect(problem).toMatchObject({ record: `meetings[3] (id ${id})`, field: 'startAt' });
    expect(problem.message).toBe('This field is missing.');
  });

  it('wrongly typed fields, several at once', async () => {
    const bad = editBundle(text, (b) => {
      (b.meetings[0] as unknown as Record<string, unknown>).startAt = 'yesterday';
      (b.meetings[1] as unknown as Record<string, unknown>).purposeTagIds = 'delivery';
      (b.memberships[0] as unknown as Record<string, unknown>).partnerType = 'boss';
      (b.pulses[0] as unknown as Record<string, unknown>).threshold = 2.5;
      (b.responses[0] as unknown as Record<string, unknown>).answers = { q: { nested: true } };
      (b.partnerships[0] as unknown as Record<string, unknown>).createdAt = 1e20;
      (b.meetings[2] as unknown as Record<string, unknown>).endAt = Number.NaN; // JSON writes null
    });
    const problems = await expectRejected(await target(), bad);
    const fields = problems.map((p) => `${p.record?.split(' ')[0]} ${p.field}`);
    expect(fields).toEqual([
      'partnerships[0] createdAt',
      'memberships[0] partnerType',
      'meetings[0] startAt',
      'meetings[1] purposeTagIds',
      'meetings[2] endAt',
      'pulses[0] threshold',
      expect.stringMatching(/^responses\[0\] answers\.q$/),
    ]);
    expect(problems[2]!.message).toBe(
      'Expected a time in epoch milliseconds between 1970 and 2100, found "yesterday".',
    );
    expect(problems[1]!.message).toBe('Expected one of lead, core, wider, found "boss".');
  });

  it('dates that do not parse or do not exist', async () => {
    const bad = editBundle(text, (b) => {
      b.partnerships[0]!.startDate = '2026-02-30';
      b.memberships[0]!.joinedOn = 'last spring';
      b.exportedAt = 'Tuesday';
    });
    const problems = await expectRejected(await target(), bad);
    expect(problems.map((p) => p.field)).toEqual(['exportedAt', 'startDate', 'joinedOn']);
    expect(problems[1]!.message).toContain('"2026-02-30"');
  });

  it('an export stamp on a day that does not exist (Date.parse would roll it into March)', async () => {
    const bad = editBundle(text, (b) => {
      b.exportedAt = '2026-02-30T10:00:00Z';
    });
    const problems = await expectRejected(await target(), bad);
    expect(problems.map((p) => p.field)).toEqual(['exportedAt']);
    expect(problems[0]!.message).toContain('"2026-02-30T10:00:00Z"');
  });

  it('unknown fields', async () => {
    const bad = editBundle(text, (b) => {
      (b.people[0] as unknown as Record<string, unknown>).isAdmin = true;
      b.extra = 1;
    });
    const problems = await expectRejected(await target(), bad);
    expect(problems.map((p) => p.field)).toEqual(['extra', 'isAdmin']);
    expect(problems[0]!.message).toContain('Unknown field "extra"');
  });

  it('a pulse carrying the local-only mark of an import (restoredAt), to make itself published again', async () => {
    const bad = editBundle(text, (b) => {
      (b.pulses[0] as unknown as Record<string, unknown>).restoredAt = Date.now();
    });
    const problems = await expectRejected(await target(), bad);
    expect(problems.map((p) => p.field)).toEqual(['restoredAt']);
    expect(problems[0]!.message).toContain('Unknown field "restoredAt"');
  });

  it('__proto__, constructor and prototype keys anywhere', async () => {
    const first = JSON.parse(text) as { meetings: Meeting[] };
    const meetingId = first.meetings[0]!.id;
    const injected = text
      .replace('"format":', '"__proto__":{"polluted":true},"format":')
      .replace(`"id":"${meetingId}"`, `"id":"${meetingId}","constructor":{"prototype":{"polluted":true}}`)
      .replace('"answers":{', '"answers":{"prototype":1,');
    const problems = await expectRejected(await target(), injected);
    expect(problems.map((p) => p.field)).toEqual(['__proto__', 'constructor', 'answers.prototype']);
    for (const problem of problems) expect(problem.message).toContain('is not allowed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('huge strings and arrays, against the documented limits', async () => {
    const bad = editBundle(text, (b) => {
      b.meetings[0]!.notes = 'x'.repeat(100_001);
      b.organisations[0]!.name = 'n'.repeat(501);
      b.meetings[1]!.attendees = Array.from({ length: 5_001 }, () => ({ displayName: 'Sam' }));
    });
    const problems = await expectRejected(await target(), bad);
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ['name', 'Too long: 501 characters, at most 500.'],
      ['notes', 'Too long: 100001 characters, at most 100000.'],
      ['attendees', 'Too many entries: 5001, at most 5000.'],
    ]);
  });

  it('the same id twice with different content; identical copies collapse', async () => {
    const bad = editBundle(text, (b) => {
      b.organisations.push({ ...b.organisations[0]!, name: 'Someone else' });
    });
    const problem = only(await expectRejected(await target(), bad));
    expect(problem.field).toBe('id');
    expect(problem.message).toContain('appears more than once in "organisations"');

    const doubled = editBundle(text, (b) => {
      b.meetings.push(structuredClone(b.meetings[0]!));
    });
    expect(parseBundle(doubled, 'ok.json').meetings).toHaveLength(parseBundle(text, 'ok.json').meetings.length);
  });

  it('references that lead nowhere', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const bad = editBundle(text, (b) => {
      b.memberships[0]!.partnershipId = unknown;
      b.meetings[0]!.purposeTagIds = [unknown];
      b.responses[0]!.pulseId = unknown;
      b.pulses[0]!.meetingId = unknown;
    });
    const problems = await expectRejected(await target(), bad);
    expect(problems.map((p) => `${p.record?.split(' ')[0]} ${p.field}`)).toEqual([
      'memberships[0] partnershipId',
      'meetings[0] purposeTagIds[0]',
      'pulses[0] meetingId',
      'responses[0] pulseId',
    ]);
    expect(problems[0]!.message).toBe(`Refers to ${unknown}, which is neither in this file nor in this database.`);
  });

  it('people named as attendees or chairs, and organisations merged into, that lead nowhere', async () => {
    const unknown = '00000000-0000-4000-8000-000000000001';
    let merged = -1;
    const bad = editBundle(text, (b) => {
      const meeting = b.meetings.findIndex((m) => m.attendees.length > 1);
      b.meetings[meeting]!.attendees[1]!.personId = unknown;
      b.meetings[meeting]!.chairPersonId = unknown;
      // An organisation others refer to: the blame is on its mergedInto, not on them.
      merged = b.organisations.findIndex((o) => b.memberships.some((m) => m.organisationId === o.id));
      Object.assign(b.organisations[merged]!, { mergedInto: unknown, deletedAt: b.organisations[merged]!.updatedAt });
    });
    const meeting = (JSON.parse(bad) as { meetings: Meeting[] }).meetings.findIndex((m) => m.chairPersonId === unknown);
    const problems = await expectRejected(await target(), bad);
    expect(problems.map((p) => `${p.record?.split(' ')[0]} ${p.field}`)).toEqual([
      `organisations[${merged}] mergedInto`,
      `meetings[${meeting}] attendees[1].personId`,
      `meetings[${meeting}] chairPersonId`,
    ]);
    for (const problem of problems) expect(problem.message).toContain(unknown);
  });

  it("answers to questions the response's pulse does not have", async () => {
    let responseId = '';
    let pulseId = '';
    const bad = editBundle(text, (b) => {
      responseId = b.responses[0]!.id;
      pulseId = b.responses[0]!.pulseId;
      b.responses[0]!.answers['not-a-question'] = 3;
    });
    const problem = only(await expectRejected(await target(), bad));
    expect(problem).toMatchObject({ record: `responses[0] (id ${responseId})`, field: 'answers.not-a-question' });
    expect(problem.message).toBe(`Answers a question "not-a-question" that pulse ${pulseId} does not have.`);
  });

  it('answers checked against the pulse stored here when the file does not carry it', async () => {
    const db_ = await target();
    const bad = editBundle(text, (b) => {
      const pulseId = b.responses[0]!.pulseId;
      b.responses = [b.responses[0]!];
      b.responses[0]!.answers.elsewhere = null;
      b.pulses = b.pulses.filter((p) => p.id !== pulseId);
    });
    const problem = only(await expectRejected(db_, bad));
    expect(problem.field).toBe('answers.elsewhere');
  });

  it('lists at most 50 problems, then how many more', async () => {
    const bad = editBundle(text, (b) => {
      for (const response of b.responses) (response as unknown as Record<string, unknown>).source = 7;
    });
    const count = (JSON.parse(text) as { responses: unknown[] }).responses.length;
    expect(count).toBeGreaterThan(MAX_PROBLEMS);
    const problems = await expectRejected(await target(), bad);
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems.at(-1)!.message).toBe(`…and more, not listed: ${count - MAX_PROBLEMS}.`);
  });
});

describe('text that looks like code', () => {
  it('script payloads in every text field are kept as text', async () => {
    const payload = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const edited = editBundle(text, (b) => {
      b.partnerships[0]!.name = payload;
      b.organisations[0]!.name = payload;
      b.people[0]!.displayNames = [payload];
      b.purposeTags[0]!.label = payload;
      Object.assign(b.meetings[0]!, { title: payload, notes: payload, decisions: payload, chairName: payload });
      b.meetings[0]!.attendees[0]!.displayName = payload;
      b.pulses[0]!.questions[0]!.wording = payload;
      b.responses[0]!.comment = payload;
      for (const b_ of [b.partnerships[0]!, b.organisations[0]!, b.people[0]!, b.purposeTags[0]!]) b_.updatedAt += 1;
      b.meetings[0]!.updatedAt += 1;
      b.pulses[0]!.updatedAt += 1;
      b.responses[0]!.updatedAt += 1;
    });
    const parsed = JSON.parse(edited) as { meetings: Meeting[] };
    const db_ = await target();
    await importText(db_, edited);
    const stored = await db_.get('meetings', parsed.meetings[0]!.id);
    expect(stored?.notes).toBe(payload);
    expect(stored?.attendees[0]!.displayName).toBe(payload);
  });
});

describe('ImportRejected', () => {
  it('carries every problem and describes them in its message', () => {
    let error: unknown;
    try {
      parseBundle('{"format":"x"}', 'f.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).message).toBe(describeProblem((error as ImportRejected).problems[0]!));
  });
});

describe('a file too large', () => {
  const mb = 1024 * 1024;

  it('is refused by its size in bytes before it is read, naming the file and both sizes', async () => {
    expect(LIMITS.fileBytes).toBeGreaterThanOrEqual(50 * mb); // a 50 MB bundle must import
    const db_ = await target();
    const before = await databaseDigest(db_);
    const text_ = vi.fn(() => Promise.resolve(text));
    const huge = { size: LIMITS.fileBytes + 1, text: text_ } as unknown as Blob;
    const error = await planFile(db_, huge, 'huge.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    const problem = only((error as ImportRejected).problems);
    expect(problem.file).toBe('huge.json');
    const limit = LIMITS.fileBytes / mb;
    expect(problem.message).toBe(`The file is too large: ${limit + 1} MB, at most ${limit} MB.`);
    expect(text_).not.toHaveBeenCalled();
    expect(await databaseDigest(db_)).toBe(before);
  });

  it('a file under the limit is read', async () => {
    const db_ = await target();
    const plan = await planFile(db_, new Blob([text]), 'ok.json');
    expect(plan.fileName).toBe('ok.json');
  });

  it('text is measured in UTF-8 bytes, not UTF-16 code units', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('a😀é€')).toBe(new TextEncoder().encode('a😀é€').length);
    expect(utf8Length('\ud800x')).toBe(new TextEncoder().encode('\ud800x').length); // a lone surrogate: U+FFFD
    // Past the limit in bytes though not in characters: refused.
    const limits = LIMITS as { fileBytes: number };
    const saved = limits.fileBytes;
    const wide = `{"format":"partnership-pulse","app":"${'€'.repeat(40)}"}`;
    limits.fileBytes = wide.length + 10;
    try {
      const error = (() => {
        try {
          parseBundle(wide, 'wide.json');
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ImportRejected);
      expect((error as ImportRejected).problems[0]!.key).toBe('bundle_problem_tooLarge');
    } finally {
      limits.fileBytes = saved;
    }
  });
});
