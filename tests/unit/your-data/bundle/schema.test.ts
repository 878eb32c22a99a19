import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import schema from '../../../../docs/bundle.schema.json';
import { LIMITS } from '../../../../utils/your-data/bundle/limits';
import { closePulseDb } from '../../../../utils/db/open';
import { collectCoordinatorFile } from '../../../../utils/your-data/coordinator/export';
import { demoDb, editBundle, exportText, NOW } from './helpers';

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

async function demoExport(scope?: (ids: string[]) => { partnershipId: string }): Promise<string> {
  const db = await demoDb('schema');
  const ids = (await db.getAll('partnerships')).map((p) => p.id);
  const text = await exportText(db, scope ? scope(ids) : 'all');
  await closePulseDb();
  return text;
}

describe('docs/bundle.schema.json', () => {
  it('accepts real exports of the sample data: everything, and one partnership', async () => {
    for (const text of [await demoExport(), await demoExport((ids) => ({ partnershipId: ids[1]! }))]) {
      const valid = validate(JSON.parse(text));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('refuses bad bundles', async () => {
    const text = await demoExport();
    const bad = [
      editBundle(text, (b) => (b.format = 'other' as never)),
      editBundle(text, (b) => (b.version = 2)),
      editBundle(text, (b) => delete (b.meetings[0] as Partial<(typeof b.meetings)[0]>).startAt),
      editBundle(text, (b) => ((b.meetings[0] as unknown as Record<string, unknown>).startAt = 'tomorrow')),
      editBundle(text, (b) => ((b.memberships[0] as unknown as Record<string, unknown>).partnerType = 'boss')),
      editBundle(text, (b) => ((b.people[0] as unknown as Record<string, unknown>).isAdmin = true)),
      editBundle(text, (b) => (b.meetings[0]!.notes = 'x'.repeat(LIMITS.longText + 1))),
      editBundle(text, (b) => (b.partnerships[0]!.startDate = '2026-13-01')),
      text.replace('"answers":{', '"answers":{"__proto__":1,'),
    ];
    for (const each of bad) expect(validate(JSON.parse(each))).toBe(false);
  });

  it('states the limits the importer checks', () => {
    const defs = schema.$defs;
    expect(defs.longText.maxLength).toBe(LIMITS.longText);
    expect(defs.name.maxLength).toBe(LIMITS.name);
    expect(defs.id.maxLength).toBe(LIMITS.id);
    expect(defs.meeting.properties.attendees.maxItems).toBe(LIMITS.attendees);
    expect(defs.time.exclusiveMaximum).toBe(LIMITS.time);
  });
});

describe('docs/bundle.schema.json, the coordinator summary', () => {
  it('accepts a real coordinator summary of the sample data, and refuses rows or figures it must not carry', async () => {
    const db = await demoDb('schema-coordinator');
    const file = await collectCoordinatorFile(db, 'all', { includeComments: true, app: '0.1.0', now: NOW });
    await closePulseDb();
    expect(file.publishedResults.length).toBeGreaterThan(0);
    const valid = validate(JSON.parse(JSON.stringify(file)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    const edit = (
      change: (f: Record<string, unknown> & { publishedResults: Array<Record<string, unknown>> }) => void,
    ) => {
      const copy = structuredClone(file) as unknown as Record<string, unknown> & {
        publishedResults: Array<Record<string, unknown>>;
      };
      change(copy);
      return copy;
    };
    const bad = [
      edit((f) => (f.responses = [])),
      edit((f) => (f.publishedResults[0]!.answers = {})),
      edit((f) => (f.publishedResults[0]!.threshold = 1)),
      edit((f) => (f.publishedResults[0]!.pulseId = '../x')),
      edit((f) => {
        const question = (f.publishedResults[0]!.questions as Array<{ byPartnerType: Record<string, unknown> }>)[0]!;
        question.byPartnerType.wider = { hidden: true, reason: 'below-threshold', n: 1 };
      }),
    ];
    for (const each of bad) expect(validate(each)).toBe(false);
  });
});
