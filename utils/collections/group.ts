/**
 * Lists kept per key in a Map, the one home for that loop: grouping points by series, responses by
 * pulse, people by name. A leaf with no imports, so every layer may use it, utils/db included.
 */

/** Adds `value` to the end of the list kept under `key`, starting the list when there is none. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The items in a list per key, each list in the items' order, those `keep` refuses left out; the
 * keys in the order their first item came.
 */
export function groupBy<T, K>(
  items: Iterable<T>,
  keyOf: (item: T) => K,
  keep: (item: T) => boolean = () => true,
): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) if (keep(item)) pushTo(groups, keyOf(item), item);
  return groups;
}
