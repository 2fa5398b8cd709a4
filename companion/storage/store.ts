/**
 * The registry store: the data in memory, changed only through `update`, which applies a change to a
 * copy, writes the copy, and only then makes it current, so a failed write leaves the old state in force.
 * Writes are serialised: one at a time, in order.
 * @module
 */
import { Low, Memory, type Adapter } from 'lowdb';
import { Data, emptyData, findInvariantViolations } from './data.ts';
import { StartupError } from '../startup-error.ts';

export interface Store {
  /** The current data. Treat as read-only: change it only through `update`. */
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
}

export async function openStore({ adapter, source }: OpenStoreOptions): Promise<Store> {
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
      throw new StartupError(corrupt(source, `${issue?.path.join('.') || 'the top level'}: ${issue?.message}`));
    }
    const problems = findInvariantViolations(parsed.data);
    if (problems.length > 0) throw new StartupError(corrupt(source, problems.slice(0, 3).join('; ')));
    db.data = parsed.data;
  } else {
    await db.write();
  }

  let queue: Promise<unknown> = Promise.resolve();
  return {
    get data() {
      return db.data;
    },
    update(change) {
      const run = async () => {
        const draft = structuredClone(db.data);
        const result = change(draft);
        const problems = findInvariantViolations(draft);
        if (problems.length > 0) throw new Error(`refused a change that would break the registry: ${problems.join('; ')}`);
        await adapter.write(draft);
        db.data = draft;
        return result;
      };
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
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

function corrupt(source: string, reason: string): string {
  return (
    `The data file ${source} is damaged: ${reason}. The companion did not start and left the file untouched; ` +
    'restore it from a backup, or move it away to start with an empty registry.'
  );
}
