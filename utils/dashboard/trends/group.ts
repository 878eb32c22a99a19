/**
 * The items in a list per key, each list in the items' order, those `keep` refuses left out: how
 * the trends split points, memberships and meetings by partnership or series.
 */
export function groupBy<T, K>(
  items: Iterable<T>,
  keyOf: (item: T) => K,
  keep: (item: T) => boolean = () => true,
): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    if (!keep(item)) continue;
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
