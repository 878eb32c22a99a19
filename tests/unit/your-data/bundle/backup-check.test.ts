import { describe, expect, it } from 'vitest';
import { exportFile } from '../../../../utils/your-data/bundle/session';
import { ImportRejected } from '../../../../utils/your-data/bundle/problems';
import { parseBundle } from '../../../../utils/your-data/bundle/read';
import { demoDb } from './helpers';

// A backup is checked as the importer would check it before it is saved: one that would not
// import is refused with what and where, and no file is made.

async function refusal(run: Promise<unknown>): Promise<ImportRejected> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ImportRejected);
  return error as ImportRejected;
}

describe('a backup checked before it is saved', () => {
  it('a sound database backs up, and the file imports', async () => {
    const db = await demoDb('sound');
    const { blob, fileName } = await exportFile(db, 'all', { app: '0.1.0' });
    const text = await blob.text();
    expect(() => parseBundle(text, fileName)).not.toThrow();
  });

  it('a meeting title over 500 characters (stored by an older version) is refused, named, not saved', async () => {
    const db = await demoDb('long');
    const meeting = (await db.getAll('meetings'))[0]!;
    await db.put('meetings', { ...meeting, title: 'x'.repeat(501) });
    const { problems } = await refusal(exportFile(db, 'all', { app: '0.1.0' }));
    expect(problems[0]!.message).toContain('This backup was not saved');
    expect(problems.slice(1)).toHaveLength(1);
    expect(problems[1]).toMatchObject({ field: 'title' });
    expect(problems[1]!.record).toContain(`id ${meeting.id}`);
    expect(problems[1]!.message).toContain('501 characters, at most 500');
  });

  it('a stamp from the future, and an answer off its scale, are refused each with its place', async () => {
    const db = await demoDb('future');
    const partnership = (await db.getAll('partnerships'))[0]!;
    await db.put('partnerships', { ...partnership, updatedAt: Date.UTC(2099, 0, 1) });
    const response = (await db.getAll('responses')).find((r) =>
      Object.values(r.answers).some((a) => typeof a === 'number'),
    )!;
    const key = Object.keys(response.answers).find((k) => typeof response.answers[k] === 'number')!;
    await db.put('responses', { ...response, answers: { ...response.answers, [key]: 1e300 } });
    const { problems } = await refusal(exportFile(db, 'all', { app: '0.1.0' }));
    expect(problems.slice(1).map((p) => p.field)).toEqual(['updatedAt', `answers.${key}`]);
  });

  it('an error log entry from the future is refused, named, not saved', async () => {
    const db = await demoDb('log');
    const errorLog = [{ at: Date.UTC(2099, 0, 1), page: 'dashboard', message: 'TypeError', version: '0.1.0' }];
    const { problems } = await refusal(exportFile(db, 'all', { app: '0.1.0', errorLog }));
    expect(problems[0]!.message).toContain('This backup was not saved');
    expect(problems.slice(1).map((p) => p.field)).toEqual(['errorLog[0].at']);
  });

  it("an answer stored before its pulse's start (older data: a pulse started after its close) is refused, named, not saved", async () => {
    const db = await demoDb('arrival');
    const response = (await db.getAll('responses'))[0]!;
    const pulse = (await db.get('pulses', response.pulseId))!;
    // The backup coarsens the answer's arrival to the close, which here comes before the start.
    await db.put('pulses', { ...pulse, createdAt: pulse.expiresAt + 1 });
    const { problems } = await refusal(exportFile(db, 'all', { app: '0.1.0' }));
    const named = problems.slice(1).filter((p) => p.field === 'receivedAt');
    expect(named.length).toBeGreaterThan(0);
    expect(named[0]!.message).toContain('before its pulse started');
    expect(problems.slice(1).every((p) => p.field === 'receivedAt' && p.record!.startsWith('responses['))).toBe(true);
  });
});
