import { describe, expect, it } from 'vitest';
import { cellKeyAction, quickRoundEntries } from '../../../utils/pulse/quick-round';

const SIZE = { rows: 2, columns: 4 };

describe('cellKeyAction', () => {
  it('sets 1–5, or "prefer not to say" for 0, and moves along the row, then down, then to the end', () => {
    expect(cellKeyAction('4', { row: 0, column: 0 }, SIZE)).toEqual({
      kind: 'set',
      value: 4,
      next: { row: 0, column: 1 },
    });
    expect(cellKeyAction('0', { row: 0, column: 3 }, SIZE)).toEqual({
      kind: 'set',
      value: null,
      next: { row: 1, column: 0 },
    });
    expect(cellKeyAction('5', { row: 1, column: 3 }, SIZE)).toEqual({ kind: 'set', value: 5, next: 'end' });
  });

  it('ignores other characters, clears with Backspace or Delete, and moves with the arrows within the grid', () => {
    for (const key of ['6', '9', 'a', ' ', '-'])
      expect(cellKeyAction(key, { row: 0, column: 0 }, SIZE)).toEqual({ kind: 'ignore' });
    expect(cellKeyAction('Backspace', { row: 0, column: 1 }, SIZE)).toEqual({ kind: 'clear' });
    expect(cellKeyAction('Delete', { row: 0, column: 1 }, SIZE)).toEqual({ kind: 'clear' });
    expect(cellKeyAction('ArrowDown', { row: 0, column: 2 }, SIZE)).toEqual({
      kind: 'move',
      to: { row: 1, column: 2 },
    });
    expect(cellKeyAction('ArrowDown', { row: 1, column: 2 }, SIZE)).toEqual({
      kind: 'move',
      to: { row: 1, column: 2 },
    });
    expect(cellKeyAction('ArrowLeft', { row: 1, column: 0 }, SIZE)).toEqual({
      kind: 'move',
      to: { row: 1, column: 0 },
    });
    expect(cellKeyAction('ArrowRight', { row: 1, column: 0 }, SIZE)).toEqual({
      kind: 'move',
      to: { row: 1, column: 1 },
    });
    expect(cellKeyAction('ArrowUp', { row: 1, column: 3 }, SIZE)).toEqual({ kind: 'move', to: { row: 0, column: 3 } });
  });

  it('leaves Tab, Enter and shortcuts alone', () => {
    expect(cellKeyAction('Tab', { row: 0, column: 0 }, SIZE)).toEqual({ kind: 'default' });
    expect(cellKeyAction('Enter', { row: 0, column: 0 }, SIZE)).toEqual({ kind: 'default' });
    expect(cellKeyAction('4', { row: 0, column: 0 }, SIZE, true)).toEqual({ kind: 'default' });
  });
});

describe('quickRoundEntries', () => {
  const memberships = [
    { organisationId: 'bank', partnerType: 'lead' as const },
    { organisationId: 'council', partnerType: 'core' as const },
    { organisationId: 'gone', partnerType: 'core' as const, deletedAt: 1 },
  ];
  let n = 0;
  const newId = () => `id-${++n}`;

  it('makes one response per organisation with a score, typed by its membership', () => {
    n = 0;
    const entries = quickRoundEntries(
      { bank: { trust: 4, equity: null }, council: {}, guest: { communication: 2 }, gone: { trust: 1 } },
      ['bank', 'council', 'guest', 'gone'],
      memberships,
      newId,
    );
    expect(entries).toEqual([
      { responseId: 'id-1', partnerType: 'lead', organisationId: 'bank', answers: { trust: 4, equity: null } },
      { responseId: 'id-2', partnerType: 'wider', organisationId: 'guest', answers: { communication: 2 } },
      { responseId: 'id-3', partnerType: 'wider', organisationId: 'gone', answers: { trust: 1 } },
    ]);
  });

  it('makes nothing from an empty grid', () => {
    expect(quickRoundEntries({}, ['bank'], memberships)).toEqual([]);
  });
});
