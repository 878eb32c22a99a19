import { describe, expect, it } from 'vitest';
import { databaseDigest } from '../../../utils/db/digest';
import { LIMITS, RecordTooLarge, WRITE_LIMITS } from '../../../utils/db/limits';
import { saveMeeting } from '../../../utils/db/meetings';
import { savePartnership } from '../../../utils/db/partnerships';
import { DEFAULT_CADENCE } from '../../../utils/db/records';
import { RECORD_FIELDS } from '../../../utils/your-data/bundle/validate';
import * as make from '../../factories';
import { freshDb } from './helpers';

// Every limit the bundle importer enforces is enforced when the app writes the record, so a
// backup of this database always imports.

async function refused(run: Promise<unknown>): Promise<RecordTooLarge> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RecordTooLarge);
  return error as RecordTooLarge;
}

describe('limits on write', () => {
  it('a partnership name of 501 characters is refused with the field named, and nothing is stored', async () => {
    const db = await freshDb('limits');
    const before = await databaseDigest(db);
    const error = await refused(
      savePartnership(db, { name: 'p'.repeat(501), startDate: '2026-01-01', cadence: DEFAULT_CADENCE }),
    );
    expect(error).toMatchObject({ store: 'partnerships', field: 'name', size: 501, max: 500 });
    expect(error.message).toContain('name');
    expect(await databaseDigest(db)).toBe(before);
    await savePartnership(db, { name: 'p'.repeat(500), startDate: '2026-01-01', cadence: DEFAULT_CADENCE });
    expect(await db.count('partnerships')).toBe(1);
  });

  it('meeting notes over 100,000 characters and an attendee name over 500 are refused; an edit too', async () => {
    const db = await freshDb('limits');
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = make.meeting({ id: 'm1', partnershipId: 'p1' });
    const notes = await refused(saveMeeting(db, { ...input, notes: 'n'.repeat(100_001) }));
    expect(notes.field).toBe('notes');
    const attendees = [{ displayName: 'a'.repeat(501) }];
    expect((await refused(saveMeeting(db, { ...input, attendees }))).field).toBe('attendees[0].displayName');
    const saved = await saveMeeting(db, input);
    const before = await databaseDigest(db);
    expect((await refused(saveMeeting(db, { ...input, id: saved.id, title: 't'.repeat(501) }))).field).toBe('title');
    expect(await databaseDigest(db)).toBe(before);
  });

  it("covers every top-level text and list limit of the importer's field table, with the same numbers", () => {
    for (const [store, fields] of Object.entries(RECORD_FIELDS)) {
      const rules = WRITE_LIMITS[store as keyof typeof WRITE_LIMITS] as ReadonlyArray<{
        field: string;
        max: number;
        kind: string;
      }>;
      for (const [field, { spec }] of Object.entries(fields as Record<string, { spec: { kind: string } }>)) {
        const s = spec as { kind: string; max?: number; of?: { kind: string; max?: number } };
        if (s.kind === 'text' && s.max !== undefined) {
          expect(rules, `${store}.${field}`).toContainEqual({ field, max: s.max, kind: 'text' });
        }
        if (s.kind === 'list' && s.max !== undefined && (s.of?.kind === 'text' || s.of?.kind === 'object')) {
          expect(rules, `${store}.${field}`).toContainEqual({ field, max: s.max, kind: 'list' });
          if (s.of.kind === 'text')
            expect(rules, `${store}.${field}[]`).toContainEqual({ field, max: s.of.max, kind: 'texts' });
        }
      }
    }
    expect(LIMITS.name).toBe(500);
    expect(LIMITS.longText).toBe(100_000);
  });
});
