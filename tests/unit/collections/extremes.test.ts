import { describe, expect, it } from 'vitest';
import { greatest, least } from '../../../utils/collections/extremes';

describe('least and greatest', () => {
  it('agree with Math.min and Math.max on small lists, empty ones, NaN and signed zeros', () => {
    const lists = [[3, 1, 2], [5], [], [2, NaN, 1], [0, -0], [-0, 0], [-Infinity, 7], [1e308, -1e308]];
    for (const list of lists) {
      expect(least(list), `least of [${list}]`).toBe(Math.min(...list));
      expect(greatest(list), `greatest of [${list}]`).toBe(Math.max(...list));
    }
  });

  it('read any iterable: a Map’s values, a generator', () => {
    expect(
      least(
        new Map([
          ['a', 4],
          ['b', -2],
          ['c', 9],
        ]).values(),
      ),
    ).toBe(-2);
    function* stamps() {
      yield 10;
      yield 30;
      yield 20;
    }
    expect(greatest(stamps())).toBe(30);
  });

  it('take 200,000 values, where a spread into Math.min overflows the call stack', () => {
    const values = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 200_000);
    expect(() => Math.min(...values)).toThrow(RangeError);
    expect(least(values)).toBe(0);
    expect(greatest(values)).toBe(199_999);
  });
});
