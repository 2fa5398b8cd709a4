/**
 * `derive` as a function that answers the same object with the same result, computed once, without
 * keeping the object alive. For views of lists the storage hands out again until the registry changes.
 * @module
 */
export function memoByIdentity<T extends object, R>(derive: (value: T) => R): (value: T) => R {
  const results = new WeakMap<T, R>();
  return (value) => {
    if (results.has(value)) return results.get(value)!;
    const result = derive(value);
    results.set(value, result);
    return result;
  };
}
