import { describe, expect, it } from 'vitest';
import { listedPartnerships } from '../../../utils/sync/layout';

/**
 * The one reader of a workspace document's list of partnerships (utils/sync/layout.ts), read by
 * the management page (what is offered to sync) and the background (which share by organisation only).
 */

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';

describe('a workspace document’s list of partnerships', () => {
  it('reads a well-formed list as it is, in its order', () => {
    expect(
      listedPartnerships({
        _id: 'workspace:partnerships',
        type: 'workspace',
        partnerships: [
          { id: P1, name: 'Food bank', leads: ['ana'] },
          { id: P2, name: 'Warm spaces', attendance: 'organisations' },
        ],
      }),
    ).toEqual([
      { id: P1, name: 'Food bank', attendance: 'people' },
      { id: P2, name: 'Warm spaces', attendance: 'organisations' },
    ]);
  });

  it('drops entries whose id could name another database, or is not text', () => {
    for (const id of [
      '../_users',
      '_users',
      `${P1}/../x`,
      'BBBBBBBB-BBBB-4BBB-8BBB-BBBBBBBBBBBB',
      ` ${P1}`,
      '',
      42,
      null,
      undefined,
      [P1],
    ]) {
      expect(listedPartnerships({ partnerships: [{ id, name: 'Forged' }] }), String(id)).toEqual([]);
    }
  });

  it('drops entries without a text name, and entries that are not objects', () => {
    for (const entry of [
      { id: P1, name: 42 },
      { id: P1 },
      { id: P1, name: null },
      null,
      'text',
      7,
      [P1, 'Food bank'],
    ]) {
      expect(listedPartnerships({ partnerships: [entry] }), JSON.stringify(entry)).toEqual([]);
    }
  });

  it('cuts a name of 10,000 characters at 500', () => {
    const [listed] = listedPartnerships({ partnerships: [{ id: P1, name: 'x'.repeat(10_000) }] });
    expect(listed?.name).toBe('x'.repeat(500));
  });

  it('lists a repeated id once, with its first name, and organisation-only if any repeat says so', () => {
    expect(
      listedPartnerships({
        partnerships: [
          { id: P1, name: 'Food bank' },
          { id: P2, name: 'Warm spaces', attendance: 'organisations' },
          { id: P1, name: 'Forged twin', attendance: 'organisations' },
          { id: P2, name: 'Warm spaces again' },
          { id: P1, name: 'Third' },
        ],
      }),
    ).toEqual([
      // The stricter mode wins: a repeat can never make a partnership send names.
      { id: P1, name: 'Food bank', attendance: 'organisations' },
      { id: P2, name: 'Warm spaces', attendance: 'organisations' },
    ]);
  });

  it('reads an unknown or misspelt attendance mode as "people", never as a third one', () => {
    for (const attendance of [
      'names',
      'ORGANISATIONS',
      'organisations ',
      'organizations',
      1,
      true,
      null,
      {},
      ['organisations'],
    ]) {
      expect(listedPartnerships({ partnerships: [{ id: P1, name: 'Food bank', attendance }] })).toEqual([
        { id: P1, name: 'Food bank', attendance: 'people' },
      ]);
    }
  });

  it('lists none from anything that is not a list document', () => {
    for (const doc of [
      null,
      undefined,
      'text',
      42,
      [],
      {},
      { error: 'not_found', reason: 'missing' },
      { partnerships: { [P1]: 'Food bank' } },
      { partnerships: 'Food bank' },
      { partnerships: null },
    ]) {
      expect(listedPartnerships(doc), JSON.stringify(doc)).toEqual([]);
    }
  });

  it('takes only id, name and attendance from an entry: nothing else rides along', () => {
    const [listed] = listedPartnerships({
      partnerships: [{ id: P1, name: 'Food bank', leads: ['ana'], __proto__: { x: 1 }, extra: '<img>' }],
    });
    expect(Object.keys(listed!).sort()).toEqual(['attendance', 'id', 'name']);
  });
});
