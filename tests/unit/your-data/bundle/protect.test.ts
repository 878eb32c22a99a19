import { beforeAll, describe, expect, it } from 'vitest';
import { closePulseDb } from '../../../../utils/db/open';
import { savePartnership } from '../../../../utils/db/partnerships';
import { freshDb, readPulse } from '../../db/helpers';
import type { Pulse } from '../../../../utils/db/records';
import type { PulseDatabase } from '../../../../utils/db/schema';
import type { Bundle } from '../../../../utils/your-data/bundle/format';
import { parseBundle } from '../../../../utils/your-data/bundle/read';
import { FUTURE_SLACK_MS } from '../../../../utils/your-data/bundle/validate';
import { generatePulseKeys } from '../../../../utils/pulse/keys';
import { demoDb, editBundle, expectRejected, exportText, holdKey, importText, NOW, planText } from './helpers';
import { applyImport } from '../../../../utils/your-data/bundle/apply';
import { planImport } from '../../../../utils/your-data/bundle/plan';

// The attacker's side: a bundle sent to the lead that tries to take over a pulse, forge answers
// or win every later merge. Each is refused with its own message naming the record and field,
// and the database is exactly as before (expectRejected compares databaseDigest).

let text: string;
let pulseId: string;

beforeAll(async () => {
  text = await exportText(await demoDb('export'));
  pulseId = (JSON.parse(text) as Bundle).pulses[0]!.id;
  await closePulseDb();
});

/** The sample data, with the first pulse's private key held here (the lead's own pulse). */
async function leadDb(): Promise<PulseDatabase> {
  const db = await demoDb('lead');
  await holdKey(db, pulseId);
  return db;
}

const firstPulse = (b: Bundle) => b.pulses.find((p) => p.id === pulseId)!;

describe('a pulse whose private key is held here', () => {
  it('keeps its public key: a swapped key is refused, naming the pulse and the field', async () => {
    const { publicKeyJwk } = await generatePulseKeys();
    const swapped = editBundle(text, (b) => {
      const pulse = firstPulse(b);
      pulse.publicKeyJwk = publicKeyJwk as Pulse['publicKeyJwk'];
      pulse.updatedAt += 1;
    });
    const db = await leadDb();
    const before = (await readPulse(db, pulseId))!.publicKeyJwk;
    const [problem, ...rest] = await expectRejected(db, swapped);
    expect(rest).toEqual([]);
    expect(problem!.record).toContain(`id ${pulseId}`);
    expect(problem!.field).toBe('publicKeyJwk');
    expect(problem!.message).toContain('private key is held here');
    expect((await readPulse(db, pulseId))!.publicKeyJwk).toEqual(before);
  });

  it('keeps its expiry, threshold and questions, each refused with its own field named', async () => {
    const edits: Array<[string, (pulse: Bundle['pulses'][number]) => void]> = [
      ['expiresAt', (p) => (p.expiresAt += 86_400_000)],
      ['threshold', (p) => (p.threshold = 1)],
      ['questions', (p) => (p.questions[0]!.wording = 'Do you trust us?')],
    ];
    for (const [field, edit] of edits) {
      const changed = editBundle(text, (b) => {
        edit(firstPulse(b));
        firstPulse(b).updatedAt += 1;
      });
      const problems = await expectRejected(await leadDb(), changed);
      expect(problems.map((p) => p.field)).toEqual([field]);
    }
  });

  it('an older copy with other fields is not refused: it does not replace the pulse', async () => {
    const older = editBundle(text, (b) => {
      firstPulse(b).threshold = 1;
      firstPulse(b).updatedAt -= 1;
    });
    const db = await leadDb();
    const before = (await readPulse(db, pulseId))!;
    await importText(db, older);
    expect((await readPulse(db, pulseId))!.threshold).toBe(before.threshold);
  });

  it('where no private key is held (a coordinator), the newer copy replaces the pulse', async () => {
    const changed = editBundle(text, (b) => {
      firstPulse(b).threshold = 5;
      firstPulse(b).updatedAt += 1;
    });
    const db = await demoDb('coordinator');
    await importText(db, changed);
    expect((await readPulse(db, pulseId))!.threshold).toBe(5);
  });
});

describe('answers to a pulse whose private key is held here', () => {
  /** The held pulse's first stored answer, as the file carries it. */
  const firstAnswer = (b: Bundle) => b.responses.find((r) => r.pulseId === pulseId)!;

  it('five answers of known value added by a file are refused, each named, and nothing is stored', async () => {
    const forged = editBundle(text, (b) => {
      const model = firstAnswer(b);
      for (let i = 0; i < 5; i += 1) b.responses.push({ ...model, id: crypto.randomUUID(), verified: true });
    });
    const count = (JSON.parse(text) as Bundle).responses.length;
    const problems = await expectRejected(await leadDb(), forged);
    expect(problems.map((p) => [p.record?.split(' ')[0], p.field])).toEqual(
      Array.from({ length: 5 }, (_, i) => [`responses[${count + i}]`, 'id']),
    );
    expect(problems[0]!.message).toContain('arrive only as sealed codes');
  });

  it('an answer changed by a newer copy (its values, its verified mark, its late hold) is refused, naming the field', async () => {
    const edits: [string, (r: Bundle['responses'][number]) => void][] = [
      ['answers', (r) => (r.answers = Object.fromEntries(Object.keys(r.answers).map((k) => [k, 1])))],
      ['verified', (r) => (r.verified = !(r.verified ?? true))],
      ['heldSince', (r) => (r.heldSince = NOW)],
    ];
    for (const [field, edit] of edits) {
      const changed = editBundle(text, (b) => {
        const answer = firstAnswer(b);
        edit(answer);
        answer.updatedAt += 1;
      });
      const problems = await expectRejected(await leadDb(), changed);
      expect(
        problems.map((p) => p.field),
        field,
      ).toEqual([field]);
    }
  });

  it("the lead's own backup imports again unchanged; a deletion still goes to the preview's consent", async () => {
    const db = await leadDb();
    await importText(db, await exportText(db));
    const deleting = editBundle(text, (b) => {
      const answer = firstAnswer(b);
      answer.deletedAt = answer.updatedAt + 1;
      answer.updatedAt += 1;
    });
    await expect(planText(await leadDb(), deleting)).resolves.toBeDefined();
  });

  it('where no private key is held (a coordinator), a file may add answers', async () => {
    const added = editBundle(text, (b) => b.responses.push({ ...firstAnswer(b), id: crypto.randomUUID() }));
    const db = await demoDb('coordinator-answers');
    const before = (await db.getAll('responses')).length;
    await importText(db, added);
    expect(await db.getAll('responses')).toHaveLength(before + 1);
  });
});

describe('answers off their question scale', () => {
  it('1e300, 0, 6 and 2.5 on a 1–5 question are refused, each naming the response and the answer', async () => {
    const bundle = JSON.parse(text) as Bundle;
    const pulse = bundle.pulses.find((p) => p.questions.some((q) => q.scale === 'agree5'))!;
    const question = pulse.questions.find((q) => q.scale === 'agree5')!;
    const indices = bundle.responses.flatMap((r, i) => (r.pulseId === pulse.id ? [i] : [])).slice(0, 4);
    expect(indices).toHaveLength(4);
    const values = [1e300, 0, 6, 2.5];
    const forged = editBundle(text, (b) => {
      indices.forEach((index, i) => (b.responses[index]!.answers[question.id] = values[i]!));
    });
    const problems = await expectRejected(await demoDb('target'), forged);
    expect(problems).toHaveLength(4);
    problems.forEach((problem, i) => {
      expect(problem.record).toBe(`responses[${indices[i]}] (id ${bundle.responses[indices[i]!]!.id})`);
      expect(problem.field).toBe(`answers.${question.id}`);
      expect(problem.message).toContain('from 1 to 5');
      expect(problem.message).toContain(String(values[i]));
    });
  });

  it('11 and -1 on a 0–10 question, and a number on a free-text one', async () => {
    const forged = editBundle(text, (b) => {
      const pulse = b.pulses[0]!;
      pulse.questions.push(
        { id: 'x1', wording: 'How likely…', scale: 'zeroTen', seriesId: 'x1' },
        { id: 'x2', wording: 'Anything else?', scale: 'text', seriesId: 'x2' },
      );
      const responses = b.responses.filter((r) => r.pulseId === pulse.id);
      responses[0]!.answers.x1 = 11;
      responses[1]!.answers.x1 = -1;
      responses[2]!.answers.x2 = 3;
      responses[3]!.answers.x1 = 10;
      responses[3]!.answers.x2 = 'Fine';
    });
    const problems = await expectRejected(await demoDb('target'), forged);
    expect(problems.map((p) => [p.field, p.message.includes('0 to 10'), p.message.includes('free text')])).toEqual([
      ['answers.x1', true, false],
      ['answers.x1', true, false],
      ['answers.x2', false, true],
    ]);
  });
});

describe('stamps from the future', () => {
  it('an updatedAt later than now + 1 day is refused, naming the record and the field', async () => {
    const future = Date.UTC(2099, 0, 1);
    const forged = editBundle(text, (b) => (b.meetings[2]!.updatedAt = future));
    const [problem, ...rest] = await expectRejected(await demoDb('target'), forged);
    expect(rest).toEqual([]);
    expect(problem!.record).toContain('meetings[2]');
    expect(problem!.field).toBe('updatedAt');
    expect(problem!.message).toContain('2099-01-01T00:00:00.000Z');
    expect(problem!.message).toContain('more than a day after');
  });

  it('a record stamped 2099 here (older data) edited locally gets a sane stamp, and its backup imports again', async () => {
    const db = await demoDb('local');
    const stored = (await db.getAll('partnerships'))[0]!;
    await db.put('partnerships', { ...stored, updatedAt: Date.UTC(2099, 0, 1) });
    // Before the edit, a backup would not import (the validator refuses it)…
    const stale = await exportText(db);
    expect(() => parseBundle(stale, 'stale.json')).toThrow(/more than a day after/);
    const before = Date.now();
    const edited = await savePartnership(db, { ...stored, name: 'Renamed' });
    expect(edited.updatedAt).toBeGreaterThanOrEqual(before);
    expect(edited.updatedAt).toBeLessThanOrEqual(Date.now());
    // …and after it, the backup does, into an empty database.
    const backup = await exportText(db);
    const fresh = await freshDb('fresh');
    await importText(fresh, backup);
    expect((await fresh.get('partnerships', stored.id))!.name).toBe('Renamed');
  });

  it('up to a day ahead is accepted (clocks differ a little), a millisecond more is not', () => {
    const at = (updatedAt: number) => editBundle(text, (b) => (b.partnerships[0]!.updatedAt = updatedAt));
    expect(() => parseBundle(at(NOW + FUTURE_SLACK_MS), 'ok.json', NOW)).not.toThrow();
    expect(() => parseBundle(at(NOW + FUTURE_SLACK_MS + 1), 'late.json', NOW)).toThrow(/more than a day after/);
  });
});

describe('ids', () => {
  it('a question id constructor, __proto__ or prototype is refused by name', async () => {
    for (const bad of ['constructor', '__proto__', 'prototype']) {
      const forged = editBundle(text, (b) => {
        const pulse = b.pulses[0]!;
        pulse.questions.push({ id: bad, wording: 'Sneaky', scale: 'agree5', seriesId: 's1' });
        pulse.updatedAt += 1;
      });
      const problems = await expectRejected(await demoDb('target'), forged);
      expect(problems.map((p) => p.field)).toEqual([
        `questions[${(JSON.parse(text) as Bundle).pulses[0]!.questions.length}].id`,
      ]);
      expect(problems[0]!.message).toContain(`"${bad}" is not allowed`);
    }
  });

  it('an id with spaces, control characters or look-alike letters is refused', async () => {
    for (const bad of ['a b', 'tab\there', 'trսst', 'x\u200b']) {
      const forged = editBundle(text, (b) => (b.partnerships[0]!.id = bad));
      const problems = await expectRejected(await demoDb('target'), forged);
      expect(problems.some((p) => p.field === 'id' && p.message.includes('printable ASCII'))).toBe(true);
    }
  });
});

describe('responses deleted by a file', () => {
  const tombstoned = (count: number) =>
    editBundle(text, (b) => {
      for (const response of b.responses.filter((r) => r.pulseId === pulseId).slice(0, count)) {
        response.deletedAt = response.updatedAt + 1;
        response.updatedAt += 1;
      }
    });

  it('are kept unless the preview box is ticked, which says how many', async () => {
    const db = await demoDb('target');
    const liveBefore = (await db.getAllFromIndex('responses', 'by-pulse', pulseId)).filter((r) => !r.deletedAt);
    const summaryBefore = (await readPulse(db, pulseId))!.summary;
    const plan = await planText(db, tombstoned(3));
    expect(plan.responseDeletions).toBe(3);
    expect(plan.counts.responses).toMatchObject({ update: 0, keepLocal: 3 });
    const listed = plan.changes.filter((c) => c.store === 'responses');
    expect(listed).toHaveLength(3);
    for (const change of listed) expect(change.fields).toEqual(['deletedAt']);

    await applyImport(db, plan, { mergeOrganisations: {} });
    const liveAfter = (await db.getAllFromIndex('responses', 'by-pulse', pulseId)).filter((r) => !r.deletedAt);
    expect(liveAfter).toHaveLength(liveBefore.length);
    expect((await readPulse(db, pulseId))!.summary).toEqual(summaryBefore);
  });

  it('are deleted with the box ticked', async () => {
    const db = await demoDb('target');
    const liveBefore = (await db.getAllFromIndex('responses', 'by-pulse', pulseId)).filter((r) => !r.deletedAt);
    const consent = { mergeOrganisations: {}, deleteResponses: true };
    const plan = await planImport(db, parseBundle(tombstoned(3), 'b.json'), 'b.json', consent);
    expect(plan.counts.responses).toMatchObject({ update: 3, keepLocal: 0 });
    await applyImport(db, plan, consent);
    const liveAfter = (await db.getAllFromIndex('responses', 'by-pulse', pulseId)).filter((r) => !r.deletedAt);
    expect(liveAfter).toHaveLength(liveBefore.length - 3);
  });
});

describe('the preview lists changed fields', () => {
  it('for pulses and responses, not only counts', async () => {
    const bundle = JSON.parse(text) as Bundle;
    const response = bundle.responses.find((r) => r.pulseId === pulseId && r.comment === undefined)!;
    const changed = editBundle(text, (b) => {
      firstPulse(b).threshold = 4;
      firstPulse(b).updatedAt += 1;
      const r = b.responses.find((x) => x.id === response.id)!;
      r.comment = 'Added later';
      r.updatedAt += 1;
    });
    const plan = await planText(await demoDb('coordinator'), changed);
    expect(plan.changes).toEqual([
      { store: 'pulses', id: pulseId, label: pulseId, fields: ['threshold'] },
      { store: 'responses', id: response.id, label: response.id, fields: ['comment'] },
    ]);
  });
});
