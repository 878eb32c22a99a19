import { describe, expect, it } from 'vitest';
import { groupBy, pushTo } from '../../../utils/collections/group';

describe('pushTo', () => {
  it('starts a list for a new key and adds to the end of an existing one, leaving other keys alone', () => {
    const map = new Map<string, number[]>([['b', [9]]]);
    pushTo(map, 'a', 1);
    pushTo(map, 'a', 2);
    pushTo(map, 'b', 3);
    expect([...map]).toEqual([
      ['b', [9, 3]],
      ['a', [1, 2]],
    ]);
  });

  it('adds to the very list already stored (callers holding it see the new item)', () => {
    const held = [1];
    const map = new Map([['a', held]]);
    pushTo(map, 'a', 2);
    expect(map.get('a')).toBe(held);
    expect(held).toEqual([1, 2]);
  });

  it('tells keys apart by identity, as a Map does (0 and "0" are two keys)', () => {
    const map = new Map<number | string, string[]>();
    pushTo(map, 0, 'number');
    pushTo(map, '0', 'string');
    expect(map.get(0)).toEqual(['number']);
    expect(map.get('0')).toEqual(['string']);
  });
});

describe('groupBy', () => {
  const items = [
    { id: 1, key: 'y' },
    { id: 2, key: 'x' },
    { id: 3, key: 'y' },
    { id: 4, key: 'x' },
  ];

  it('lists each key’s items in their order, keys in the order of their first item', () => {
    const groups = groupBy(items, (i) => i.key);
    expect([...groups.keys()]).toEqual(['y', 'x']);
    expect(groups.get('y')!.map((i) => i.id)).toEqual([1, 3]);
    expect(groups.get('x')!.map((i) => i.id)).toEqual([2, 4]);
  });

  it('leaves out what `keep` refuses, and a key all of whose items are refused', () => {
    const groups = groupBy(
      items,
      (i) => i.key,
      (i) => i.id !== 2 && i.id !== 4,
    );
    expect([...groups.keys()]).toEqual(['y']);
    expect(groups.get('y')!.map((i) => i.id)).toEqual([1, 3]);
  });

  it('reads any iterable once, and gives an empty map for no items', () => {
    function* once() {
      yield 'a';
      yield 'bb';
      yield 'c';
    }
    expect([...groupBy(once(), (s) => s.length)]).toEqual([
      [1, ['a', 'c']],
      [2, ['bb']],
    ]);
    expect(groupBy([], (s: string) => s).size).toBe(0);
  });

  it('groups 200,000 items without growing the call stack', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => i);
    const groups = groupBy(many, (i) => i % 3);
    expect(groups.get(0)).toHaveLength(66_667);
    expect(groups.get(2)!.at(-1)).toBe(199_997);
  });
});
