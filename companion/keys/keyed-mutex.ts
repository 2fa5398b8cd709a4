/**
 * An async mutex per key: work for one key runs one at a time, in arrival order; other keys go on.
 * It is what keeps concurrent creates and resets of one (account, region) from leaving two pairs.
 */
export function createKeyedMutex() {
  const tails = new Map<string, Promise<unknown>>();
  return async function runExclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
