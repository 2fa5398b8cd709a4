/**
 * Maps over the registry's frozen arrays, built once per array: a change makes a new array (immer), so
 * an index is rebuilt only after a change to what it indexes, and every lookup between changes is O(1).
 * @module
 */
export function arrayIndex<T, K>(keyOf: (item: T) => K | undefined) {
  const built = new WeakMap<readonly T[], Map<K, T>>();
  return (items: readonly T[]): Map<K, T> => {
    let index = built.get(items);
    if (!index) {
      index = new Map();
      for (const item of items) {
        const key = keyOf(item);
        if (key !== undefined) index.set(key, item);
      }
      built.set(items, index);
    }
    return index;
  };
}

/** Like arrayIndex, with every item of a key, in array order. */
export function arrayGroups<T, K>(keyOf: (item: T) => K) {
  const built = new WeakMap<readonly T[], Map<K, T[]>>();
  return (items: readonly T[]): Map<K, T[]> => {
    let groups = built.get(items);
    if (!groups) {
      groups = new Map();
      for (const item of items) {
        const key = keyOf(item);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      built.set(items, groups);
    }
    return groups;
  };
}
