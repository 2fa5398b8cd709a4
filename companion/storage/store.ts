/**
 * The registry store: the data in memory, changed only through `update`, which applies a change to a
 * draft (immer: only what the change touches is copied), writes the result, and only then makes it
 * current, so a failed write leaves the old state in force. Writes are serialised: one at a time, in order.
 * The current data is frozen, so a change that bypasses `update` fails loudly.
 * @module
 */
import { current, freeze, isDraft, produce } from 'immer';
import { Low, Memory, type Adapter } from 'lowdb';
import { Data, emptyData, findInvariantViolations } from './data.ts';
import { StartupError } from '../startup-error.ts';

export interface Store {
  /** The current data, frozen: change it only through `update`. */
  readonly data: Data;
  /** Applies `change` to a draft, checks the invariants, persists it, then makes it current. */
  update<R>(change: (draft: Data) => R): Promise<R>;
  /** Resolves when every write queued so far has finished. */
  settled(): Promise<void>;
}

export interface OpenStoreOptions {
  adapter: Adapter<Data>;
  /** Names the file in error messages. */
  source: string;
  /** For listings: a missing file is an error, and `update` refuses. */
  readOnly?: boolean;
}

export async function openStore({ adapter, source, readOnly = false }: OpenStoreOptions): Promise<Store> {
  const db = new Low<Data>(adapter, emptyData());
  let raw: unknown;
  try {
    raw = await adapter.read();
  } catch (error) {
    throw new StartupError(corrupt(source, `it is not valid JSON (${(error as Error).message})`));
  }
  if (raw !== null) {
    const parsed = Data.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StartupError(
        corrupt(source, `${issue?.path.join('.') || 'the top level'}: ${issue?.message}`),
      );
    }
    const problems = findInvariantViolations(parsed.data);
    if (problems.length > 0) throw new StartupError(corrupt(source, problems.slice(0, 3).join('; ')));
    db.data = freeze(parsed.data, true);
  } else if (readOnly) {
    throw new StartupError(
      `There is no registry at ${source} yet; run "s3keys-companion demo" or "account add" first.`,
    );
  } else {
    await db.write();
  }

  let queue: Promise<unknown> = Promise.resolve();
  return {
    get data() {
      return db.data;
    },
    update<R>(change: (draft: Data) => R) {
      if (readOnly) return Promise.reject(new Error(`${source} was opened read-only`));
      const run = async () => {
        let result!: R;
        const next = produce(db.data, (draft: Data) => {
          result = detach(change(draft));
        });
        const problems = findInvariantViolations(next);
        if (problems.length > 0)
          throw new Error(`refused a change that would break the registry: ${problems.join('; ')}`);
        await adapter.write(next);
        db.data = next;
        return result;
      };
      const done = queue.then(run, run);
      queue = done.catch(() => undefined);
      return done;
    },
    async settled() {
      await queue;
    },
  };
}

/** A store that lives in memory only, for unit tests. */
export function openMemoryStore(initial: Data = emptyData()): Promise<Store> {
  const adapter = new Memory<Data>();
  void adapter.write(initial);
  return openStore({ adapter, source: 'memory' });
}

/** A change's result with any draft in it replaced by a plain copy, so it outlives the change. */
function detach<T>(value: T): T {
  if (isDraft(value)) return current(value as object) as T;
  if (Array.isArray(value)) return value.map(detach) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, detach(v)])) as T;
  }
  return value;
}

function corrupt(source: string, reason: string): string {
  return (
    `The data file ${source} is damaged: ${reason}. The companion did not start and left the file untouched; ` +
    'restore it from a backup, or move it away to start with an empty registry.'
  );
}
