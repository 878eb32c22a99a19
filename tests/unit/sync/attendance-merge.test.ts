import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../../utils/db/records';
import {
  attendanceOf,
  isStripped,
  keepLocalNames,
  shareable,
  stripNames,
  withLocalNames,
} from '../../../utils/sync/attendance';
import { meeting, person } from '../../factories';

const P = 'partnership-a';

const logged: Meeting = meeting({
  id: 'm1',
  partnershipId: P,
  attendees: [
    { displayName: 'Dee Patel', email: 'dee@ageuk.example', personId: 'dee', organisationId: 'age-uk', firstSeenAt: 1 },
    { displayName: 'Sam Okafor', personId: 'sam', organisationId: 'council' },
    { displayName: 'A guest', email: 'guest@mail.example' },
  ],
  organisationIds: ['age-uk', 'council'],
  chairName: 'Dee Patel',
  chairPersonId: 'dee',
  chairOrganisationId: 'age-uk',
  notes: 'Here',
});

describe('a meeting without names', () => {
  it('travels with its organisations and a count per organisation, and nothing of a person', () => {
    const stripped = stripNames(logged);
    expect(stripped.attendees).toEqual([]);
    expect(stripped.attendanceCounts).toEqual([
      { organisationId: 'age-uk', count: 1 },
      { organisationId: 'council', count: 1 },
      { count: 1 },
    ]);
    expect(stripped.organisationIds).toEqual(['age-uk', 'council']);
    expect(stripped.chairOrganisationId).toBe('age-uk');
    expect(stripped).not.toHaveProperty('chairName');
    expect(stripped).not.toHaveProperty('chairPersonId');
    const json = JSON.stringify(stripped);
    for (const secret of ['Dee', 'Sam', 'guest', '@', '"dee"', '"sam"']) expect(json).not.toContain(secret);
    // Everything else as it was.
    expect({ ...stripped, attendees: logged.attendees }).toMatchObject({ notes: 'Here', updatedAt: logged.updatedAt });
    // A meeting that came without names keeps its counts when it travels again.
    expect(stripNames(stripped)).toEqual(stripped);
    expect(isStripped(stripped)).toBe(true);
    expect(isStripped(logged)).toBe(false);
  });

  it('leaves a person behind and strips a meeting; other records go as they are', () => {
    expect(shareable('people', person({ id: 'dee', displayNames: ['Dee Patel'] }))).toBeUndefined();
    expect(shareable('meetings', logged)).toEqual(stripNames(logged));
    const other = { id: 'x', createdAt: 1, updatedAt: 2 };
    expect(shareable('memberships', other)).toBe(other);
  });

  it('takes the newer fields from the server and keeps the names stored here', () => {
    const edited = { ...stripNames(logged), notes: 'Edited elsewhere', updatedAt: logged.updatedAt + 10 };
    const kept = keepLocalNames(edited, logged);
    expect(kept).toEqual({ ...logged, notes: 'Edited elsewhere', updatedAt: logged.updatedAt + 10 });
    expect(kept).not.toHaveProperty('attendanceCounts');
    // First seen here, or held here without names: stored as it came.
    expect(keepLocalNames(edited, undefined)).toBe(edited);
    expect(keepLocalNames(edited, stripNames(logged))).toBe(edited);
    // A meeting that came with names is the bundle's newer-wins business, not this.
    const withNames = { ...logged, notes: 'named' };
    expect(keepLocalNames(withNames, logged)).toBe(withNames);
  });

  it('reads stored copies only for meetings that came without names', async () => {
    const asked: string[][] = [];
    const read = async (ids: string[]) => {
      asked.push(ids);
      return ids.map((id) => (id === 'm1' ? logged : undefined));
    };
    const plain = meeting({ id: 'm2', partnershipId: P });
    expect(await withLocalNames([plain], read)).toEqual([plain]);
    expect(asked).toEqual([]);
    const fresh = { ...stripNames(logged), id: 'm3' };
    const merged = await withLocalNames([plain, stripNames(logged), fresh], read);
    expect(asked).toEqual([['m1', 'm3']]);
    expect(merged).toEqual([plain, logged, fresh]);
  });

  it("reads a workspace document's attendance: organisations only when it says so exactly", () => {
    expect(attendanceOf({ attendance: 'organisations' })).toBe('organisations');
    expect(attendanceOf({})).toBe('people');
    expect(attendanceOf({ attendance: 'ORGANISATIONS' })).toBe('people');
  });
});
