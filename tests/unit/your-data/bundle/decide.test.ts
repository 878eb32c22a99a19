import { describe, expect, it } from 'vitest';
import type { Stamped } from '../../../../utils/db/records';
import {
  decideRecord,
  decideStore,
  settleComparisons,
  type DecisionContext,
} from '../../../../utils/your-data/bundle/merge';

const none: DecisionContext = { mergedHere: new Set(), folded: new Set() };
const record = (id: string, updatedAt: number, extra: Record<string, unknown> = {}): Stamped =>
  ({ id, createdAt: 1, updatedAt, ...extra }) as Stamped;

describe('decideRecord', () => {
  it.each([
    ['not stored: add', undefined, 'add'],
    ['newer in the file: update', 5, 'update'],
    ['newer here: keepLocal', 20, 'keepLocal'],
    ['the same stamp: compare the content', 10, 'compare'],
  ] as const)('%s', (_, stored, expected) => {
    expect(decideRecord('meetings', record('m1', 10), stored, none)).toBe(expected);
  });

  it('leaves an organisation merged here unchanged, even when the file is newer', () => {
    const context = { ...none, mergedHere: new Set(['o1']) };
    expect(decideRecord('organisations', record('o1', 99), 5, context)).toBe('unchanged');
    // The same id in another store is decided by its stamps.
    expect(decideRecord('people', record('o1', 99), 5, context)).toBe('update');
  });

  it('keeps the membership here for a folded incoming one, even when it is not stored', () => {
    const context = { ...none, folded: new Set(['ms1']) };
    expect(decideRecord('memberships', record('ms1', 99), undefined, context)).toBe('keepLocal');
    expect(decideRecord('memberships', record('ms2', 99), undefined, context)).toBe('add');
  });
});

describe('decideStore and settleComparisons', () => {
  const incoming = [record('a', 10), record('b', 10), record('c', 10), record('d', 10, { name: 'file' })];
  const stamps = new Map([
    ['b', 5],
    ['c', 30],
    ['d', 10],
  ]);

  it('counts each decision, lists the winners in file order and the added ones apart', () => {
    const decisions = decideStore('partnerships', incoming, stamps, none);
    expect(decisions.counts).toEqual({ add: 1, update: 1, unchanged: 0, keepLocal: 1, conflict: 0 });
    expect(decisions.winners.map((r) => r.id)).toEqual(['a', 'b']);
    expect([...decisions.added]).toEqual(['a']);
    expect(decisions.toCompare.map((r) => r.id)).toEqual(['d']);
  });

  it('settles an equal stamp as unchanged when the content is the same, else as a conflict', () => {
    const same = decideStore('partnerships', incoming, stamps, none);
    expect(settleComparisons('partnerships', same, [record('d', 10, { name: 'file' })])).toEqual([]);
    expect(same.counts.unchanged).toBe(1);

    const differs = decideStore('partnerships', incoming, stamps, none);
    const conflicts = settleComparisons('partnerships', differs, [record('d', 10, { name: 'here' })]);
    expect(conflicts.map((r) => r.id)).toEqual(['d']);
    expect(differs.counts).toEqual({ add: 1, update: 1, unchanged: 0, keepLocal: 1, conflict: 1 });
  });

  it("ignores a stored pulse's private key and summary when comparing", () => {
    const pulse = record('p', 10, { threshold: 3 });
    const decisions = decideStore('pulses', [pulse], new Map([['p', 10]]), none);
    const stored = record('p', 10, { threshold: 3, privateKey: {}, summary: { responses: 2 } });
    expect(settleComparisons('pulses', decisions, [stored])).toEqual([]);
    expect(decisions.counts.unchanged).toBe(1);
  });
});
